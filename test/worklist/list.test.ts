import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { translator } from '../../src/i18n/translate.ts';
import { reasonsText } from '../../src/views/overdue-list.ts';
import { assessOne, refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { findAccounts, listWorklist } from '../../src/worklist/list.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-22';

describe.each(backends())('the worklist on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  const ids: Record<string, number> = {};
  const ctx = () => ({ db: db.knex, policy: defaultPolicy, today: TODAY, timeZone: 'Asia/Shanghai' });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
    const accounts = {
      big: { name: 'Northwind Traders Ltd', items: [{ dueDate: '2026-10-10', totalMinor: 8_600_000 }] }, // 43 days
      old: { name: '上海华联贸易有限公司', items: [{ dueDate: '2026-07-01', totalMinor: 1_200_000 }] }, // 144 days
      small: { name: 'Tiny Tools', items: [{ dueDate: '2026-11-12', totalMinor: 5_000 }] }, // 10 days
      usd: { name: 'Acme Corp', items: [{ dueDate: '2026-09-01', totalMinor: 6_000_000, currency: 'USD' }] },
      paid: { name: 'Paid Up GmbH', items: [{ dueDate: '2026-09-01', totalMinor: 100, openMinor: 0 }] },
    };
    for (const [key, value] of Object.entries(accounts))
      ids[key] = (await seedAccount(db.knex, value)).accountId;
    await db
      .knex('open_items')
      .where({ customer_id: ids.paid, open_minor: 0 })
      .update({
        status: 'settled',
        settled_at: new Date('2026-09-05T00:00:00Z'),
      });
    await claimAccount(db.knex, ann, ids.old ?? 0);
    await refreshWorklist(ctx());
  });
  afterAll(async () => {
    await db?.close();
  });

  const names = async (filter: Parameters<typeof listWorklist>[1]) =>
    (await listWorklist(db.knex, filter, { today: TODAY, page: 1, pageSize: 50 })).rows.map((r) => r.name);

  it('lists every account with open items, highest priority first (PB-08), and leaves settled ones out', async () => {
    const page = await listWorklist(db.knex, {}, { today: TODAY, page: 1, pageSize: 50 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).not.toContain('Paid Up GmbH');
    const priorities = page.rows.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(page.rows.at(-1)?.name).toBe('Tiny Tools');
    const big = page.rows.find((r) => r.name === 'Northwind Traders Ltd');
    expect(big).toMatchObject({ mainCurrency: 'CNY', mainOpenMinor: 8_600_000, maxDaysOverdue: 43 });
    // PB-08: the explanation's parts are stored, and said with the row's days in the reader's language.
    expect(big?.reasons).toMatchObject({ open: { CNY: 8_600_000 } });
    expect(big ? reasonsText(big, translator('en')) : '').toMatch(/^CNY 86,000 open, 43 days/);
    expect(big ? reasonsText(big, translator('zh-CN')) : '').toMatch(/逾期 43 天/);
  });

  it('filters by owner, unclaimed, days, amount, grade and customer name', async () => {
    expect(await names({ ownerUserId: ann.userId })).toEqual(['上海华联贸易有限公司']);
    expect(await names({ ownerName: 'ann' })).toEqual(['上海华联贸易有限公司']);
    expect(await names({ unclaimed: true })).not.toContain('上海华联贸易有限公司');
    expect((await names({ minDays: 60 })).sort()).toEqual(['Acme Corp', '上海华联贸易有限公司']);
    expect((await names({ minAmountMajor: 50_000 })).sort()).toEqual(['Acme Corp', 'Northwind Traders Ltd']);
    expect(await names({ customer: '华联' })).toEqual(['上海华联贸易有限公司']);
    expect(await names({ customer: '100%' })).toEqual([]);
    const grades = (await listWorklist(db.knex, {}, { today: TODAY, page: 1, pageSize: 50 })).rows.map(
      (r) => r.grade,
    );
    const grade = grades[0] ?? 'A';
    expect((await names({ grade })).length).toBe(grades.filter((g) => g === grade).length);
  });

  it('pages through the list and clamps a page past the end', async () => {
    const first = await listWorklist(db.knex, {}, { today: TODAY, page: 1, pageSize: 3 });
    const second = await listWorklist(db.knex, {}, { today: TODAY, page: 2, pageSize: 3 });
    expect([first.pages, first.rows.length, second.rows.length]).toEqual([2, 3, 1]);
    expect((await listWorklist(db.knex, {}, { today: TODAY, page: 99, pageSize: 3 })).page).toBe(2);
  });

  it('shows who owns each account and the state version for stale-card checks', async () => {
    const row = (await listWorklist(db.knex, { customer: '华联' }, { today: TODAY, page: 1, pageSize: 5 }))
      .rows[0];
    expect(row?.owner?.name).toBe('Ann');
    expect(row?.version).toBeGreaterThan(0);
  });

  it('assesses one account on demand with its ladder position and interest (PB-16)', async () => {
    const assessment = await assessOne(ctx(), ids.old ?? 0);
    expect(assessment?.maxDaysOverdue).toBe(144);
    expect(assessment?.interest.byCurrency.CNY).toBeGreaterThan(0);
    expect(assessment?.ladder.step?.id).toBe('L8');
  });

  it('finds accounts by exact id or name, and lists candidates for a partial name', async () => {
    expect(await findAccounts(db.knex, String(ids.big))).toEqual([
      { id: ids.big, name: 'Northwind Traders Ltd' },
    ]);
    expect(await findAccounts(db.knex, 'tiny tools')).toEqual([{ id: ids.small, name: 'Tiny Tools' }]);
    expect((await findAccounts(db.knex, 'o')).length).toBeGreaterThan(1);
    expect(await findAccounts(db.knex, '   ')).toEqual([]);
  });
});
