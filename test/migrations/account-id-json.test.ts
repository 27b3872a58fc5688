import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_111_account_id_json.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

/** JSON stored before the customerId -> accountId rename reads back under the new key. */
describe.each(backends())('stored JSON keys after the account rename on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  const stored = {
    blocks: [
      { type: 'accountRow', customerId: 7, name: 'Acme' },
      { type: 'text', text: 'a value that says "customerId": stays as written' },
    ],
  };

  it('rewrites the key at any depth and leaves string values alone', async () => {
    await db
      .knex('job_runs')
      .insert({ job: 'digest', period_key: 'rename-test', detail: JSON.stringify(stored) });
    await up(db.knex);
    const row = await db.knex('job_runs').where({ period_key: 'rename-test' }).first();
    expect(row.detail).toEqual({
      blocks: [
        { type: 'accountRow', accountId: 7, name: 'Acme' },
        { type: 'text', text: 'a value that says "customerId": stays as written' },
      ],
    });
  });

  it('is undone by down, and running up twice changes nothing more', async () => {
    await up(db.knex);
    await down(db.knex);
    const row = await db.knex('job_runs').where({ period_key: 'rename-test' }).first();
    expect(row.detail).toEqual(stored);
    await up(db.knex);
  });

  it('leaves the append-only activity history untouched (PB-03)', async () => {
    const [c] = await db.knex('customers').insert({ external_id: 'rename', name: 'R' }).returning('id');
    await db.knex('activities').insert({
      customer_id: c.id,
      platform: 'shell',
      kind: 'note',
      details: JSON.stringify({ customerId: 1 }),
    });
    await expect(up(db.knex)).resolves.toBeUndefined();
    const row = await db.knex('activities').where({ customer_id: c.id }).first();
    expect(row.details).toEqual({ customerId: 1 });
  });
});
