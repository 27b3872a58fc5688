import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_330_worklist_by_amount.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';

/**
 * `/overdue >40k`: the amount filter (with the list's days floor) is served by an index led by the amount,
 * so a capped count is one range of the index instead of a skip through every days value.
 */
describe.each(backends())('the worklist-by-amount index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = () => indexDefs(db.knex, 'account_summary', 'account_summary_by_amount');

  it('is there after the migrations, led by the amount, and goes with down and comes back with up', async () => {
    const [def] = await indexes();
    expect(def).toMatch(/\(main_open_major, oldest_due\)$/);
    await down(db.knex);
    expect(await indexes()).toEqual([]);
    await up(db.knex);
    expect(await indexes()).toHaveLength(1);
  });
});
