import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount, releaseAccount } from '../../src/worklist/claims.ts';
import { listWorklist, type WorklistFilter } from '../../src/worklist/list.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

describe.each(backends())('worklist amounts and counts on %s', (kind) => {
  let db: Database;
  let ann: Actor;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
    const accounts: [string, number, string][] = [
      ['Yen Big', 60_000, 'JPY'], // ¥60,000: no minor digits
      ['Yen Small', 40_000, 'JPY'],
      ['Dinar Small', 60_000, 'KWD'], // KWD 60.000: three minor digits
      ['Dinar Big', 51_000_000, 'KWD'],
      ['Yuan Exact', 5_000_000, 'CNY'], // CNY 50,000.00
      ['Yuan Short', 4_999_999, 'CNY'],
    ];
    for (const [name, totalMinor, currency] of accounts) {
      const { accountId } = await seedAccount(db.knex, {
        name,
        items: [{ dueDate: '2026-10-01', totalMinor, currency }],
      });
      if (name.endsWith('Big')) await claimAccount(db.knex, ann, accountId);
    }
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: '2026-11-22', timeZone: 'UTC' });
  });
  afterAll(async () => {
    await db?.close();
  });

  const list = (filter: WorklistFilter) =>
    listWorklist(db.knex, filter, { today: '2026-11-22', page: 1, pageSize: 50 });

  it('reads `>50k` in each currency’s own minor digits (JPY none, KWD three)', async () => {
    const page = await list({ minAmountMajor: 50_000 });
    expect(page.rows.map((r) => r.name).sort()).toEqual(['Dinar Big', 'Yen Big', 'Yuan Exact']);
  });

  it('counts exactly the accounts each filter lists, alone and combined', async () => {
    const filters: WorklistFilter[] = [
      {},
      { unclaimed: true },
      { ownerUserId: ann.userId },
      { ownerName: 'ann' },
      { minAmountMajor: 50_000 },
      { minAmountMajor: 50_000, unclaimed: true },
      { customer: 'Yen' },
      { customer: 'Dinar', ownerName: 'ann', minDays: 30 },
    ];
    const seen = [];
    for (const filter of filters) {
      const page = await list(filter);
      seen.push([page.total, page.rows.length]);
    }
    expect(seen).toEqual([
      [6, 6],
      [4, 4],
      [2, 2],
      [2, 2],
      [3, 3],
      [1, 1],
      [2, 2],
      [1, 1],
    ]);
  });

  it('stops counting at countUpTo, says there are more, and still serves pages past it', async () => {
    const capped = (filter: WorklistFilter, countUpTo: number, page = 1, pageSize = 1) =>
      listWorklist(db.knex, filter, { today: '2026-11-22', page, pageSize, countUpTo });
    const first = await capped({}, 2);
    expect([first.total, first.pages, first.more, first.rows.length]).toEqual([2, 2, true, 1]);
    // A page past the count: counting goes on to that page, so it is served, not taken for the last.
    const fifth = await capped({}, 2, 5);
    expect([fifth.page, fifth.total, fifth.more]).toEqual([5, 5, true]);
    expect(fifth.rows[0]?.name).toBe((await list({})).rows[4]?.name);
    const sixth = await capped({}, 2, 6);
    expect([sixth.page, sixth.total, sixth.more]).toEqual([6, 6, undefined]);
    // Up to the cap the count is exact, for every filter kind.
    const exact = [];
    for (const filter of [
      { unclaimed: true },
      { ownerName: 'ann' },
      { customer: 'Yen' },
    ] as WorklistFilter[]) {
      const at = await capped(filter, 4, 1, 10);
      const under = await capped(filter, 1);
      exact.push([at.total, at.more, under.total, under.more]);
    }
    expect(exact).toEqual([
      [4, undefined, 1, true],
      [2, undefined, 1, true],
      [2, undefined, 1, true],
    ]);
  });

  it('pages each filter in priority order, one account a page, as the whole list orders them', async () => {
    const names = async (filter: WorklistFilter) => {
      const out: string[] = [];
      for (let page = 1; ; page++) {
        const one = await listWorklist(db.knex, filter, {
          today: '2026-11-22',
          page,
          pageSize: 1,
          countUpTo: 1000,
        });
        if (one.page !== page) break;
        out.push(...one.rows.map((r) => `${r.name}:${r.owner?.name ?? '-'}`));
      }
      return out;
    };
    const all = (await list({})).rows.map((r) => `${r.name}:${r.owner?.name ?? '-'}`);
    expect(await names({})).toEqual(all);
    expect(await names({ ownerUserId: ann.userId })).toEqual(all.filter((n) => n.endsWith(':Ann')));
    expect(await names({ unclaimed: true })).toEqual(all.filter((n) => n.endsWith(':-')));
  });

  it('lists as an owner’s only the accounts they hold now: a released claim is not theirs', async () => {
    const yen = (await list({ customer: 'Yen Big' })).rows[0];
    if (!yen) throw new Error('Yen Big is not on the list');
    await releaseAccount(db.knex, ann, yen.accountId);
    try {
      const mine = await list({ ownerUserId: ann.userId });
      expect([mine.total, mine.rows.map((r) => r.name)]).toEqual([1, ['Dinar Big']]);
    } finally {
      await claimAccount(db.knex, ann, yen.accountId);
    }
  });
});
