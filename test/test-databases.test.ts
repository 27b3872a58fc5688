import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from './support/databases.ts';

/**
 * The test databases a file reuses (test/support/database-pool.ts): the next test must find the database
 * exactly as a new copy of the migrated template, whatever the previous one did to it.
 */
describe.each(backends())('reused test databases on %s', (kind) => {
  const snapshot = async (db: Awaited<ReturnType<typeof openTestDatabase>>) => ({
    customers: await db.knex('customers').count({ n: '*' }),
    items: await db.knex('open_items').count({ n: '*' }),
    migrations: await db.knex('knex_migrations').orderBy('id').pluck('name'),
    nextCustomer: (
      await db.knex('customers').insert({ external_id: 'C-probe', name: 'Probe' }).returning('id')
    )[0],
  });

  it('gives the next test an empty database again, with its sequences back at the start', async () => {
    const first = await openTestDatabase(kind);
    const fresh = await snapshot(first);
    const [{ id }] = await first
      .knex('customers')
      .insert({ external_id: 'C-1', name: 'Gone' })
      .returning('id');
    await first.knex('open_items').insert({
      external_id: 'I-1',
      customer_id: id,
      invoice_number: 'INV-1',
      issue_date: '2026-11-01',
      due_date: '2026-12-01',
      total_minor: 100,
      open_minor: 100,
      currency: 'CNY',
      ledger_updated_at: '2026-11-01T00:00:00Z',
    });
    await first.knex('knex_migrations').where('id', 1).delete();
    await first.close();

    const second = await openTestDatabase(kind);
    expect(await snapshot(second)).toEqual(fresh);
    await second.close();
  });

  it('does not hand a database whose schema a test changed to the next test', async () => {
    const first = await openTestDatabase(kind);
    await first.knex.schema.createTable('left_behind', (t) => t.increments('id'));
    await first.knex.schema.alterTable('customers', (t) => t.text('extra'));
    await first.close();

    const second = await openTestDatabase(kind);
    expect(await second.knex.schema.hasTable('left_behind')).toBe(false);
    expect(await second.knex.schema.hasColumn('customers', 'extra')).toBe(false);
    await second.close();
  });

  it('drops a schema of its own a test made (as the ledger fixture does), and what is in it', async () => {
    const first = await openTestDatabase(kind);
    await first.knex.raw('CREATE SCHEMA acct_probe');
    await first.knex.raw('CREATE TABLE acct_probe.invoices (id text PRIMARY KEY)');
    await first.knex.raw("INSERT INTO acct_probe.invoices VALUES ('I-1')");
    await first.close();

    const second = await openTestDatabase(kind);
    const schemas = await second.knex.raw(
      "SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'acct_probe'",
    );
    expect(schemas.rows).toEqual([{ n: 0 }]);
    await second.close();
  });

  it('ends a transaction and the session settings a test left behind', async () => {
    const zone = async (db: Awaited<ReturnType<typeof openTestDatabase>>) =>
      ((await db.knex.raw('SHOW TIME ZONE')).rows as { TimeZone: string }[])[0]?.TimeZone;
    const first = await openTestDatabase(kind);
    const before = await zone(first);
    await first.knex.raw(`SET TIME ZONE '${before === 'Asia/Shanghai' ? 'Europe/Paris' : 'Asia/Shanghai'}'`);
    await first.knex.raw('BEGIN');
    await first.knex('customers').insert({ external_id: 'C-open', name: 'Open' });
    await first.close();

    const second = await openTestDatabase(kind);
    expect(await second.knex('customers').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await zone(second)).toBe(before);
    await second.close();
  });
});
