import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_430_sync_read_from.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

/**
 * sync_state.read_from: where the next incremental sync starts when the last read could tell exactly
 * (test/ledger/sync-horizon.test.ts shows it used).
 */
describe.each(backends())('sync_state.read_from on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const has = () => db.knex.schema.hasColumn('sync_state', 'read_from');

  it('is there after the migrations, goes with down and comes back with up, empty for a stored source', async () => {
    expect(await has()).toBe(true);
    await down(db.knex);
    expect(await has()).toBe(false);
    await db.knex('sync_state').insert({ source: 'ledger', watermark: new Date('2026-12-01T00:00:00Z') });
    await up(db.knex);
    expect(await has()).toBe(true);
    const row = await db.knex('sync_state').where({ source: 'ledger' }).first();
    expect(row?.read_from).toBeNull();
  });
});
