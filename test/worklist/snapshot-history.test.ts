import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { assessOne } from '../../src/worklist/assess.ts';
import { loadSnapshots } from '../../src/worklist/snapshots.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

const today = '2026-11-22';
const timeZone = 'Asia/Shanghai';

describe.each(backends())('payment history as far back as the policy looks (PB-09) on %s', (kind) => {
  let db: Database;
  let accountId: number;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const seeded = await seedAccount(db.knex, {
      items: [
        { number: 'OLD-1', dueDate: '2024-04-01', totalMinor: 100 },
        { number: 'OPEN-1', dueDate: '2026-11-01', totalMinor: 100 },
      ],
    });
    accountId = seeded.accountId;
    await db
      .knex('open_items')
      .where({ id: seeded.itemIds[0] })
      .update({ status: 'settled', open_minor: 0, settled_at: new Date('2024-06-01T04:00:00Z') });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('loads settled invoices of grade.historyMonths, not a fixed 24 months', async () => {
    const numbers = async (months: number) =>
      (await loadSnapshots(db.knex, [accountId], today, timeZone, months))[0]?.settledItems.map(
        (s) => s.number,
      );
    expect(await numbers(24)).toEqual([]);
    expect(await numbers(36)).toEqual(['OLD-1']);
    const policy = { ...defaultPolicy, grade: { ...defaultPolicy.grade, historyMonths: 36 } };
    const assessed = await assessOne({ db: db.knex, policy, today, timeZone }, accountId);
    // Within a 36-month window the grade judges OLD-1 beside OPEN-1.
    expect(assessed?.grade.consideredCount).toBe(2);
  });
});
