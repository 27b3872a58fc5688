import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { syncLedger } from '../../src/ledger/sync.ts';
import type { LedgerSource } from '../../src/ledger/types.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, type LedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';

/** The first full sync into an empty bot database (indexes and foreign keys deferred on Postgres). */
describe.each(backends())('first full sync into an empty bot database (%s)', (kind) => {
  let database: Database;
  let ledger: LedgerFixture;
  let source: LedgerSource | undefined;
  const clock = createFixedClock('2026-11-23T09:00:00Z');

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    ledger = await createLedgerFixture(database.knex);
    await ledger.addCustomer('C2', 'Beta GmbH');
  });
  afterEach(async () => {
    await source?.close();
    source = undefined;
    await database.close();
  });

  const sync = async (
    mappingSql = ledger.mappingSql(),
    extra: Partial<Parameters<typeof syncLedger>[0]> = {},
  ) => {
    source = await openFixtureSource(database, mappingSql, 2);
    return syncLedger({
      db: database.knex,
      source,
      mode: 'full',
      clock,
      lookbackSeconds: 60,
      batchSize: 2,
      ...extra,
    });
  };

  /** Every index and constraint of open_items, by name, as the catalog describes it. */
  const schemaOfOpenItems = async () => {
    const indexes = await database.knex.raw(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
       FROM pg_index WHERE indrelid = 'open_items'::regclass ORDER BY 1`,
    );
    const constraints = await database.knex.raw(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def, convalidated
       FROM pg_constraint WHERE conrelid = 'open_items'::regclass ORDER BY 1`,
    );
    return { indexes: indexes.rows, constraints: constraints.rows };
  };

  const invoices = Array.from({ length: 7 }, (_, i) => ({
    id: `INV-${i}`,
    customerId: i % 2 === 0 ? 'C1' : 'C2',
    total: '100.00',
    open: i === 3 ? '0' : `${10 * i}.50`,
    updatedAt: `2026-11-0${1 + i}T00:00:00Z`,
  }));

  it('writes every row and leaves every index and constraint as the migrations made them', async () => {
    const before = await schemaOfOpenItems();
    expect(before.indexes.length).toBeGreaterThanOrEqual(4);
    expect(before.constraints.some((c: { def: string }) => c.def.startsWith('FOREIGN KEY'))).toBe(true);
    await ledger.addInvoices(invoices);
    /** What another session sees of open_items: a count, or 'held' while the load holds the table. */
    const seenWhileReading: (number | 'held')[] = [];
    const summary = await sync(ledger.mappingSql(), {
      onProgress: async ({ phase }) => {
        if (phase !== 'reading') return;
        const seen = await database.knex
          .transaction(async (trx) => {
            if (kind === 'postgres') await trx.raw("SET LOCAL lock_timeout = '200ms'");
            return Number((await trx('open_items').count({ n: '*' }).first())?.n);
          })
          .catch((error: { code?: string }) => {
            if (error.code === '55P03') return 'held' as const; // lock_not_available
            throw error;
          });
        seenWhileReading.push(seen);
      },
    });
    expect(summary).toMatchObject({ rowsRead: 7, rowsChanged: 7, customersChanged: 2, itemsSettled: 0 });
    // Nothing is visible before the end: on Postgres the first load holds customers and open_items in
    // one transaction while it reads (writing straight into them); PGlite stages the rows and writes
    // them together at the end.
    expect(seenWhileReading.length).toBeGreaterThan(0);
    expect(seenWhileReading.every((n) => n === (kind === 'postgres' ? 'held' : 0))).toBe(true);
    expect(await schemaOfOpenItems()).toEqual(before);

    const items = await database
      .knex('open_items as o')
      .join('customers as c', 'c.id', 'o.customer_id')
      .orderBy('o.external_id')
      .select('o.external_id', 'c.external_id as customer', 'o.open_minor', 'o.status');
    expect(items.map((r) => [r.external_id, r.customer, Number(r.open_minor), r.status])).toEqual(
      invoices.map((inv, i) => [
        inv.id,
        inv.customerId,
        i === 3 ? 0 : 1000 * i + 50,
        i === 3 ? 'settled' : 'open',
      ]),
    );
    // The restored foreign key is enforced again.
    await expect(
      database.knex('open_items').insert({
        external_id: 'X',
        customer_id: 999_999,
        invoice_number: 'X',
        issue_date: '2026-10-01',
        due_date: '2026-10-31',
        total_minor: 1,
        open_minor: 1,
        currency: 'CNY',
        ledger_updated_at: new Date(),
      }),
    ).rejects.toThrow(/foreign key/);

    // The next full sync of the now populated table reconciles as usual.
    await ledger.deleteInvoice('INV-1');
    clock.set('2026-11-24T08:00:00Z');
    await source?.close();
    expect(await sync()).toMatchObject({ rowsRead: 6, rowsChanged: 0, itemsSettled: 1 });
    expect(await schemaOfOpenItems()).toEqual(before);
  });

  it('keeps nothing and restores everything when the first load fails part way', async () => {
    const before = await schemaOfOpenItems();
    await ledger.addInvoices(invoices);
    const failing = ledger.mappingSql({
      total: "CASE WHEN i.id = 'INV-5' THEN 1 / (length(i.id) - 5) ELSE i.total END",
    });
    await expect(sync(failing)).rejects.toThrow(/division by zero/);
    const run = await database.knex('sync_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({ status: 'failed', kind: 'full' });
    expect(await schemaOfOpenItems()).toEqual(before);
    const left = await database.knex('open_items').count({ n: '*' }).first();
    expect(Number(left?.n)).toBe(0);

    await source?.close();
    expect(await sync()).toMatchObject({ rowsRead: 7, itemsSettled: 0 });
    const count = await database.knex('open_items').count({ n: '*' }).first();
    expect(Number(count?.n)).toBe(7);
  });

  it('rolls a first load back and stages instead when the ledger returns an invoice twice', async () => {
    const before = await schemaOfOpenItems();
    await ledger.addInvoices(invoices.slice(0, 3));
    const base = ledger.mappingSql().replace(/WHERE i\.updated_at > :watermark\s*$/, '');
    const later = ledger
      .mappingSql({ open_amount: '0', updated_at: "i.updated_at + interval '1 day'" })
      .replace(/WHERE i\.updated_at > :watermark\s*$/, '');
    const twice = `SELECT * FROM (${base} UNION ALL ${later}) u WHERE u.updated_at > :watermark`;
    expect(await sync(twice)).toMatchObject({ rowsRead: 6, rowsChanged: 3, customersChanged: 2 });
    // The latest row of each invoice (paid a day later) won; one run, done.
    const statuses = await database.knex('open_items').orderBy('external_id').pluck('status');
    expect(statuses).toEqual(['settled', 'settled', 'settled']);
    const runs = await database.knex('sync_runs').select('status');
    expect(runs).toEqual([{ status: 'done' }]);
    expect(await schemaOfOpenItems()).toEqual(before);
  });

  it('keeps the customers already there (and their ids) when open_items alone is empty', async () => {
    const [known] = await database
      .knex('customers')
      .insert({ external_id: 'C1', name: 'Old name' }, ['id'])
      .then((rows) => rows.map((r: { id: string | number }) => Number(r.id)));
    await ledger.addInvoices(invoices);
    expect(await sync()).toMatchObject({ rowsRead: 7, rowsChanged: 7, customersChanged: 2 });
    const c1 = await database.knex('customers').where({ external_id: 'C1' }).first();
    expect(Number(c1?.id)).toBe(known);
    expect(c1?.name).toBe('Acme 有限公司');
    const ofC1 = await database.knex('open_items').where({ customer_id: known }).count({ n: '*' }).first();
    expect(Number(ofC1?.n)).toBe(4);
  });

  it('numbers the customers it loads so that customers added later get new ids', async () => {
    await ledger.addInvoices(invoices);
    expect(await sync()).toMatchObject({ customersChanged: 2 });
    await ledger.addCustomer('C3', 'Gamma Ltd');
    await ledger.addInvoices([
      { ...invoices[0], id: 'INV-9', customerId: 'C3', updatedAt: '2026-11-20T00:00:00Z' },
    ]);
    await source?.close();
    expect(await sync()).toMatchObject({ rowsRead: 8, rowsChanged: 1, customersChanged: 1 });
    const ids = await database.knex('customers').orderBy('external_id').pluck('id');
    expect(new Set(ids.map(Number)).size).toBe(3);
  });
});
