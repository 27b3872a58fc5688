import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oldestDue from '../../migrations/20261207_300_summary_oldest_due.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { rowDaysOverdue } from '../../src/worklist/overdue-days.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames } from '../support/indexes.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * PB-01 / issue 19 (300): worklist rows store their oldest undisputed due date instead of the days overdue
 * counted on their assessment day; down gives the counts back, up again derives the dates from them.
 */
describe.each(backends())('the worklist oldest-due migration on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const columns = () => columnNames(db.knex, 'account_summary');
  const text = (d: unknown) =>
    d instanceof Date ? d.toISOString().slice(0, 10) : d === null ? null : String(d);

  it('keeps every row’s days overdue through down and up', async () => {
    const late = await seedAccount(db.knex, {
      items: [
        { issueDate: '2026-10-01', dueDate: '2026-10-31', totalMinor: 100_00 },
        { issueDate: '2026-11-01', dueDate: '2026-11-20', totalMinor: 50_00 },
      ],
    });
    const early = await seedAccount(db.knex, {
      items: [{ issueDate: '2026-11-20', dueDate: '2026-12-20', totalMinor: 70_00 }],
    });
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: '2026-11-22', timeZone: 'UTC' });
    const stored = async (id: number) => db.knex('account_summary').where({ customer_id: id }).first();
    expect(text((await stored(late.accountId)).oldest_due)).toBe('2026-10-31');
    expect(text((await stored(early.accountId)).oldest_due)).toBe('2026-12-20');
    expect(await columns()).not.toContain('max_days_overdue');

    await oldestDue.down(db.knex);
    expect(await columns()).not.toContain('oldest_due');
    expect((await stored(late.accountId)).max_days_overdue).toBe(22);
    expect((await stored(early.accountId)).max_days_overdue).toBe(0);

    await oldestDue.up(db.knex);
    expect(await columns()).not.toContain('max_days_overdue');
    const lateRow = await stored(late.accountId);
    const earlyRow = await stored(early.accountId);
    expect(text(lateRow.oldest_due)).toBe('2026-10-31');
    // Not overdue when counted: no date, 0 days until its reassess_on (its due date) reassesses it.
    expect(earlyRow.oldest_due).toBeNull();
    expect(rowDaysOverdue(text(lateRow.oldest_due), '2026-11-25')).toBe(25);
    expect(rowDaysOverdue(text(earlyRow.oldest_due), '2026-11-25')).toBe(0);
  });
});
