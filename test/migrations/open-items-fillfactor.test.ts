import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_340_open_items_fillfactor.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

/**
 * open_items keeps a tenth of each page free, so that a sync's update of an item (a payment) is written
 * on the item's own page without touching its indexes (test/ledger/sync.test.ts shows it).
 */
describe.each(backends())("open_items' fillfactor on %s", (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const options = async () => {
    const { rows } = (await db.knex.raw(
      "SELECT coalesce(reloptions, '{}') AS options FROM pg_class WHERE oid = 'open_items'::regclass",
    )) as { rows: { options: string[] }[] };
    return rows[0]?.options;
  };

  it('is 90 after the migrations, goes with down and comes back with up', async () => {
    expect(await options()).toEqual(['fillfactor=90']);
    await down(db.knex);
    expect(await options()).toEqual([]);
    await up(db.knex);
    expect(await options()).toEqual(['fillfactor=90']);
  });
});
