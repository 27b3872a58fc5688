import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agingBuckets, agingByCurrency, bucketFor } from '../../src/collections/aging.ts';
import { addDays, monthRange } from '../../src/collections/dates.ts';
import {
  COUNTBACK_MONTHS,
  itemsSource,
  metricDates,
  metricSalesMonths,
  monthlyMetrics,
  monthlyMetricsFrom,
  monthsBefore,
} from '../../src/collections/receivables-metrics.ts';
import type { Database } from '../../src/db.ts';
import { agingTotals, bucketTotals, receivableFigures } from '../../src/ledger/receivable-aggregates.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { loadReceivableItems } from '../support/receivable-history.ts';

const timeZone = 'Asia/Shanghai';
const today = '2026-12-01';

/** One generated invoice, as the sync stores it. */
interface GenItem {
  account: number;
  currency: string;
  issueOffset: number; // days before today
  dueAfter: number; // days after issue
  totalMinor: number;
  paidShare: number; // 0..1 of the total paid so far
  settled: boolean;
  settledAfter: number; // days after issue (may be before it: odd ledgers exist)
  changedAfter: number; // days after issue of the ledger's last change
  paidAfter: number | null; // days after issue of the ledger's last payment (paid_at), when it says one
  minuteOfDay: number; // timestamps near midnight cross the business day boundary
}

const genItem: fc.Arbitrary<GenItem> = fc.record({
  account: fc.integer({ min: 0, max: 3 }),
  currency: fc.constantFrom('CNY', 'USD', 'JPY'),
  issueOffset: fc.integer({ min: -20, max: 30 * 30 }),
  dueAfter: fc.integer({ min: 0, max: 90 }),
  totalMinor: fc.integer({ min: 0, max: 5_000_000 }),
  paidShare: fc.constantFrom(0, 0, 0.25, 0.5, 1),
  settled: fc.boolean(),
  settledAfter: fc.integer({ min: -3, max: 200 }),
  changedAfter: fc.integer({ min: -3, max: 200 }),
  paidAfter: fc.option(fc.integer({ min: -3, max: 200 })),
  minuteOfDay: fc.integer({ min: 0, max: 24 * 60 - 1 }),
});

/** A UTC instant for a business day in Shanghai (UTC+8) at a minute of that day. */
function instant(day: string, minute: number): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Date(d.getTime() + minute * 60_000);
}

async function writeLedger(db: Knex, accounts: number[], items: GenItem[]): Promise<void> {
  await db('open_items').delete();
  const rows = items.map((g, i) => {
    const issue = addDays(today, -g.issueOffset);
    const settledDay = addDays(issue, g.settledAfter);
    const settled = g.settled && settledDay < today;
    const open = settled ? 0 : Math.round(g.totalMinor * (1 - g.paidShare));
    return {
      external_id: `G-${i}`,
      customer_id: accounts[g.account],
      invoice_number: `G-${i}`,
      issue_date: issue,
      due_date: addDays(issue, g.dueAfter),
      total_minor: g.totalMinor,
      open_minor: open,
      currency: g.currency,
      ledger_updated_at: instant(
        addDays(issue, g.changedAfter) < today ? addDays(issue, g.changedAfter) : today,
        g.minuteOfDay,
      ),
      status: settled ? 'settled' : 'open',
      settled_at: settled ? instant(settledDay, g.minuteOfDay) : null,
      ledger_paid_at:
        g.paidAfter === null
          ? null
          : instant(
              addDays(issue, g.paidAfter) < today ? addDays(issue, g.paidAfter) : today,
              (g.minuteOfDay + 600) % (24 * 60),
            ),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db('open_items').insert(rows.slice(i, i + 500));
}

/** The digest's bucket totals as computed before: every (currency, days, account) row into the process. */
async function bucketTotalsInMemory(db: Knex, edges: readonly number[]) {
  const rows = await db('open_items')
    .where('status', 'open')
    .groupBy('currency', 'days', 'customer_id')
    .select(
      'currency',
      'customer_id',
      db.raw('greatest(?::date - due_date, 0) as days', [today]),
      db.raw('sum(open_minor)::int8 as open_minor'),
    );
  const buckets = agingBuckets(edges);
  const totals = new Map<string, { currency: string; bucket: string; openMinor: number; ids: Set<number> }>();
  for (const r of rows) {
    const bucket = bucketFor(Number(r.days), buckets).id;
    const key = `${r.currency}|${bucket}`;
    const t = totals.get(key) ?? {
      currency: String(r.currency),
      bucket,
      openMinor: 0,
      ids: new Set<number>(),
    };
    totals.set(key, t);
    t.openMinor += Number(r.open_minor);
    t.ids.add(Number(r.customer_id));
  }
  const order = buckets.map((b) => b.id);
  return [...totals.values()]
    .map(({ ids, ...t }) => ({ ...t, accounts: ids.size }))
    .sort(
      (a, b) => a.currency.localeCompare(b.currency) || order.indexOf(a.bucket) - order.indexOf(b.bucket),
    );
}

describe.each(backends())('receivables aggregates in SQL equal the in-memory definitions on %s', (kind) => {
  let db: Database;
  let accounts: number[];
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const rows = await db
      .knex('customers')
      .insert([0, 1, 2, 3].map((i) => ({ external_id: `GEN-${i}`, name: `Generated ${i}` })))
      .returning('id');
    accounts = rows.map((r: { id: string | number }) => Number(r.id));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('balances at any day, sales of any month, and DSO/CEI per month (the meeting)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(genItem, { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        async (items, count) => {
          await writeLedger(db.knex, accounts, items);
          const month = today.slice(0, 7);
          const months = monthsBefore(month, count);
          const oldest = monthsBefore(month, count + COUNTBACK_MONTHS)[0] ?? month;
          const since = monthRange(oldest).first;
          const reference = await loadReceivableItems(db.knex, { since, timeZone });
          const sql = await receivableFigures(db.knex, {
            dates: metricDates(months),
            months: metricSalesMonths(months),
            since,
            timeZone,
          });
          for (const [currency, list] of reference) {
            const source = sql.get(currency);
            const zero = { balanceAt: () => ({ totalMinor: 0, currentMinor: 0 }), salesIn: () => 0 };
            expect(monthlyMetricsFrom(source ?? zero, months)).toEqual(monthlyMetrics(list, months));
            for (const day of metricDates(months))
              expect((source ?? zero).balanceAt(day)).toEqual(itemsSource(list).balanceAt(day));
          }
          // Nothing the reference did not load shows up either.
          for (const currency of sql.keys()) expect(reference.has(currency)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('balances at any days and sales of any months, in a transaction whose planner settings it leaves as found', async () => {
    // Any days (unsorted, repeated, not month ends) and months in the window, with or without the current
    // part: the one read of the window equals the in-memory definitions, inside a job's transaction too.
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays(today, -n));
    await fc.assert(
      fc.asyncProperty(
        fc.array(genItem, { maxLength: 60 }),
        fc.array(day, { minLength: 3, maxLength: 9 }),
        fc.array(day, { maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        async (items, dates, salesDays, current, inTransaction) => {
          await writeLedger(db.knex, accounts, items);
          const months = [...new Set(salesDays.map((d) => d.slice(0, 7)))];
          const since = [...dates, ...months.map((m) => `${m}-01`)].sort()[0] ?? today;
          const reference = await loadReceivableItems(db.knex, { since, timeZone });
          const options = { dates, months, since, timeZone, current };
          const settings = async (k: Knex) =>
            (await k.raw("SELECT current_setting('enable_sort') AS sort, current_setting('jit') AS jit"))
              .rows[0];
          const sql = inTransaction
            ? await db.knex.transaction(async (trx) => {
                await trx.raw("SET LOCAL jit = 'on'");
                const before = await settings(trx);
                const figures = await receivableFigures(trx, options);
                expect(await settings(trx)).toEqual(before);
                return figures;
              })
            : await receivableFigures(db.knex, options);
          for (const [currency, list] of reference) {
            const source = sql.get(currency);
            for (const d of dates) {
              const expected = itemsSource(list).balanceAt(d);
              expect(source?.balanceAt(d).totalMinor ?? 0).toBe(expected.totalMinor);
              if (current) expect(source?.balanceAt(d).currentMinor ?? 0).toBe(expected.currentMinor);
              else if (source) expect(() => source.balanceAt(d).currentMinor).toThrow(/not computed/);
            }
            for (const m of months) expect(source?.salesIn(m) ?? 0).toBe(itemsSource(list).salesIn(m));
          }
          for (const currency of sql.keys()) expect(reference.has(currency)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('the month-over-month balances of the jump alert, around the business day boundary', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(genItem, { maxLength: 60 }), async (items) => {
        await writeLedger(db.knex, accounts, items);
        const previous = '2026-11-01';
        const reference = await loadReceivableItems(db.knex, { since: previous, timeZone });
        const sql = await receivableFigures(db.knex, {
          dates: [previous, today],
          months: [],
          since: previous,
          timeZone,
        });
        // The jump alert asks for the totals alone: the same totals, and no current part to read.
        const totals = await receivableFigures(db.knex, {
          dates: [previous, today],
          months: [],
          since: previous,
          timeZone,
          current: false,
        });
        for (const [currency, list] of reference)
          for (const day of [previous, today]) {
            expect(sql.get(currency)?.balanceAt(day) ?? { totalMinor: 0, currentMinor: 0 }).toEqual(
              itemsSource(list).balanceAt(day),
            );
            expect(totals.get(currency)?.balanceAt(day).totalMinor ?? 0).toBe(
              itemsSource(list).balanceAt(day).totalMinor,
            );
          }
        expect([...totals.keys()]).toEqual([...sql.keys()]);
        for (const source of totals.values())
          expect(() => source.balanceAt(today).currentMinor).toThrow(/not computed/);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('aging bucket totals and accounts per bucket (the digest, the aging report, the meeting chart)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(genItem, { maxLength: 60 }),
        fc.constantFrom([30, 60, 90], [15, 45], [7, 30, 60, 90, 180], []),
        async (items, edges) => {
          await writeLedger(db.knex, accounts, items);
          expect(await bucketTotals(db.knex, today, edges)).toEqual(
            await bucketTotalsInMemory(db.knex, edges),
          );
          const open: { due_date: string; open_minor: string | number; currency: string }[] = await db
            .knex('open_items')
            .where({ status: 'open' })
            .select(db.knex.raw("to_char(due_date, 'YYYY-MM-DD') as due_date"), 'open_minor', 'currency');
          expect(await agingTotals(db.knex, today, edges)).toEqual(
            agingByCurrency(
              open.map((r) => ({
                dueDate: r.due_date,
                openMinor: Number(r.open_minor),
                currency: r.currency,
              })),
              today,
              edges,
            ),
          );
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  it('matches the DSO countback and CEI worked by hand', async () => {
    // The worked example of receivables-metrics.test.ts, stored as the sync stores it:
    //   A issued 08-10 due 09-09, 300.00, settled 10-05; B issued 09-15 due 10-15, 600.00, open;
    //   C issued 10-20 due 11-19, 900.00, open;          D issued 10-01 due 10-31, 300.00, settled 10-25.
    // October: sales 1,200.00; closing 1,500.00 of which current 900.00; opening 900.00.
    // CEI = (900 + 1,200 - 1,500) / (900 + 1,200 - 900) = 50 %. DSO: 31 days of October (1,200), then
    // 300 of September's 600 -> 15 days: 46 days.
    await db.knex('open_items').delete();
    const row = (n: string, issue: string, due: string, total: number, settled: string | null) => ({
      external_id: `HW-${n}`,
      customer_id: accounts[0],
      invoice_number: n,
      issue_date: issue,
      due_date: due,
      total_minor: total,
      open_minor: settled ? 0 : total,
      currency: 'CNY',
      ledger_updated_at: instant(issue, 600),
      status: settled ? 'settled' : 'open',
      settled_at: settled ? instant(settled, 600) : null,
    });
    await db
      .knex('open_items')
      .insert([
        row('A', '2026-08-10', '2026-09-09', 300_00, '2026-10-05'),
        row('B', '2026-09-15', '2026-10-15', 600_00, null),
        row('C', '2026-10-20', '2026-11-19', 900_00, null),
        row('D', '2026-10-01', '2026-10-31', 300_00, '2026-10-25'),
      ]);
    const months = ['2026-10'];
    const sql = await receivableFigures(db.knex, {
      dates: metricDates(months),
      months: metricSalesMonths(months),
      since: '2024-09-01',
      timeZone,
    });
    const [october] = monthlyMetricsFrom(sql.get('CNY') ?? itemsSource([]), months);
    expect(october).toMatchObject({
      month: '2026-10',
      salesMinor: 1200_00,
      endingMinor: 1500_00,
      endingCurrentMinor: 900_00,
      dso: { days: 46, complete: true },
    });
    expect(october?.cei).toBe(50);
    // A date or month it was not asked for is an error, not a silent zero.
    expect(() => sql.get('CNY')?.balanceAt('2026-10-15')).toThrow(/no balance was computed for 2026-10-15/);
    expect(() => sql.get('CNY')?.salesIn('2023-01')).toThrow(/no sales were computed for 2023-01/);
  });

  it('refuses malformed dates and months, naming them', async () => {
    await expect(
      receivableFigures(db.knex, { dates: ['2026-13-1'], months: [], since: '2026-01-01', timeZone }),
    ).rejects.toThrow(/a balance date must be YYYY-MM-DD, got "2026-13-1"/);
    await expect(
      receivableFigures(db.knex, {
        dates: [],
        months: ["2026-01'; DROP TABLE x"],
        since: '2026-01-01',
        timeZone,
      }),
    ).rejects.toThrow(/a month must be YYYY-MM/);
    // The window would leave out what was settled before it: a day or month before it is refused.
    await expect(
      receivableFigures(db.knex, { dates: ['2026-05-31'], months: [], since: '2026-06-01', timeZone }),
    ).rejects.toThrow(/2026-05-31 is before the window's start 2026-06-01/);
    await expect(
      receivableFigures(db.knex, { dates: [], months: ['2026-05'], since: '2026-05-02', timeZone }),
    ).rejects.toThrow(/2026-05-01 is before the window's start 2026-05-02/);
    await expect(bucketTotals(db.knex, 'today', [30])).rejects.toThrow(/today must be YYYY-MM-DD/);
  });
});
