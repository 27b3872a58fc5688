import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_502_worklist_by_priority.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';
import { buildScaleLedger } from '../support/scale-ledger.ts';

/**
 * `/overdue >40k` and the other filtered pages walk the worklist in list order: an index in that order
 * carrying the filters' columns answers the walk from the index alone, however many rows of higher
 * priority the filter passes.
 */
describe.each(backends())('the worklist-by-priority index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = (name: string) => indexDefs(db.knex, 'account_summary', name);

  it('is there after the migrations, in list order with the filtered columns, and replaces the index on priority alone', async () => {
    const [def] = await indexes('account_summary_by_priority');
    expect(def).toMatch(/\(priority DESC, customer_id\) INCLUDE \(main_open_major, oldest_due, grade\)$/);
    expect(await indexes('account_summary_priority_index')).toEqual([]);
    await down(db.knex);
    expect(await indexes('account_summary_by_priority')).toEqual([]);
    expect(await indexes('account_summary_priority_index')).toHaveLength(1);
    await up(db.knex);
    await up(db.knex); // twice: nothing to add, no error
    expect(await indexes('account_summary_by_priority')).toHaveLength(1);
    expect(await indexes('account_summary_priority_index')).toEqual([]);
  });

  it("serves a filtered page's walk from the index alone, where the rows of highest priority do not match", async () => {
    await buildScaleLedger(db.knex, { accounts: 2000, invoicesPerAccount: 2, today: '2026-12-01' });
    // The accounts of highest priority hold small amounts: the amount filter passes them all first.
    await db.knex.raw(
      `UPDATE account_summary SET priority = priority + 1000000, main_open_major = 10 WHERE customer_id % 2 = 0`,
    );
    await db.knex.raw('VACUUM ANALYZE account_summary');
    const plan = (await db.knex.raw(
      `EXPLAIN (FORMAT JSON) SELECT s.customer_id, s.priority FROM account_summary s
       WHERE s.main_open_major >= 40000 ORDER BY s.priority DESC, s.customer_id LIMIT 10`,
    )) as { rows: { 'QUERY PLAN': unknown }[] };
    const text = JSON.stringify(plan.rows[0]?.['QUERY PLAN']);
    expect(text).toContain('"Node Type":"Index Only Scan"');
    expect(text).toContain('"Index Name":"account_summary_by_priority"');
  });
});
