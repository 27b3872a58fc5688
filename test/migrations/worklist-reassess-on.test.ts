import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as reassessOn from '../../migrations/20261207_245_worklist_reassess_on.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames } from '../support/indexes.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * PB-01 / issue 19 (245): the worklist's reassess_on date and the explanation's parts replace the stored
 * English explanation and grade reason; down and up again, rows already stored are due at the next turn.
 */
describe.each(backends())('the worklist reassess-on migration on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const columns = () => columnNames(db.knex, 'account_summary');

  it('swaps the columns, back on the way down, and marks stored rows due on the way up', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ issueDate: '2026-10-01', dueDate: '2026-10-31', totalMinor: 100_00 }],
    });
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: '2026-11-22', timeZone: 'UTC' });
    expect(await columns()).toEqual(expect.arrayContaining(['reassess_on', 'priority_reasons']));
    expect(await columns()).not.toContain('explanation');
    expect(await columns()).not.toContain('grade_reason');
    const stored = await db.knex('account_summary').where({ customer_id: accountId }).first();
    expect(stored.priority_reasons).toMatchObject({ open: { CNY: 100_00 }, missed: 0 });

    await reassessOn.down(db.knex);
    expect(await columns()).toEqual(expect.arrayContaining(['explanation', 'grade_reason']));
    expect(await columns()).not.toContain('reassess_on');
    expect(await db.knex('account_summary').where({ customer_id: accountId }).first('explanation')).toEqual({
      explanation: '',
    });

    await reassessOn.up(db.knex);
    const row = await db.knex('account_summary').where({ customer_id: accountId }).first();
    expect(row.priority_reasons).toBeNull();
    // Due at the next day turn: its assessment date, which the turn is always after.
    const text = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
    expect(text(row.reassess_on)).toBe(text(row.assessed_on));
  });
});
