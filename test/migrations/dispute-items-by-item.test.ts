import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_270_dispute_items_by_item.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';

/**
 * PB-21: an assessment asks per open item for the days its clock stood still in resolved disputes; the
 * index on dispute_items(open_item_id) answers that for inactive rows too (the partial index holds only
 * active ones), so a full reassessment no longer reads the table once per open item.
 */
describe.each(backends())('the dispute-items-by-item index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = () => indexDefs(db.knex, 'dispute_items', 'dispute_items_by_item');

  it('is there after the migrations, covers every row by open item, and goes with down and comes back with up', async () => {
    const [def] = await indexes();
    expect(def).toMatch(/\(open_item_id\)$/); // no WHERE: inactive rows too
    await down(db.knex);
    expect(await indexes()).toEqual([]);
    await up(db.knex);
    expect(await indexes()).toHaveLength(1);
  });
});
