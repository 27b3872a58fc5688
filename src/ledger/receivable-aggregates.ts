/**
 * The receivables figures the scheduled jobs need, computed by the database: balances at past days (the
 * meeting's DSO/CEI, the alerts' month-over-month jump), credit sales per month, and aging bucket totals.
 * Each returns a few rows per currency however many invoices there are; the process never loads the
 * invoices (the meeting used to load 30 months of them, 630 MB at 800,000 invoices).
 *
 * The numbers are the ones collections/receivables-metrics.ts and collections/aging.ts define over items
 * (openAt, balanceAt, salesIn, agingByCurrency); the tests check both agree on generated ledgers.
 */
import type { Knex } from 'knex';
import { type AgingBucket, agingBuckets, type CurrencyAging } from '../collections/aging.ts';
import { isIsoDate } from '../collections/dates.ts';
import type { Balance, ReceivablesSource } from '../collections/receivables-metrics.ts';
import { parseInt8 } from '../db-engines.ts';

const MONTH = /^\d{4}-\d{2}$/;

/** Up to this many balance dates, each item is weighed at each date (cheaper than grouping its events). */
const FEW_DATES = 2;

function checkDays(days: readonly string[], what: string): void {
  for (const d of days) if (!isIsoDate(d)) throw new RangeError(`${what} must be YYYY-MM-DD, got "${d}"`);
}

/**
 * Per currency (alphabetical), the balance at the end of each of `dates` and the credit sales of each of
 * `months`, as openAt/balanceAt/salesIn define them. `since` (YYYY-MM-DD, at or before every date and the
 * first day of every month) bounds what is read: items settled before it add nothing at those dates.
 *
 * The balance is a running sum of events per day (an invoice adds its total the day it is issued; its
 * settlement takes it away; a part payment, dated by the ledger's last change, takes away what was paid),
 * grouped by day before the running sum, so the work is one pass over the items in the window. The part
 * not yet due ("current") only involves invoices issued by that day and due on or after it.
 */
export async function receivableFigures(
  db: Knex,
  options: {
    dates: readonly string[];
    months: readonly string[];
    since: string;
    timeZone: string;
    /** false: only the totals (the jump alert); reading a balance's current part then throws. */
    current?: boolean;
  },
): Promise<Map<string, ReceivablesSource>> {
  checkDays([...options.dates, options.since], 'a balance date');
  for (const m of options.months)
    if (!MONTH.test(m)) throw new RangeError(`a month must be YYYY-MM, got "${m}"`);
  const items = `
    SELECT currency, issue_date, due_date, total_minor, open_minor,
           (settled_at AT TIME ZONE :tz)::date AS settled_on,
           -- The open amount last went down when the ledger's payments say (paid_at), else at its last change.
           (coalesce(ledger_paid_at, ledger_updated_at) AT TIME ZONE :tz)::date AS changed_on
    FROM open_items
    WHERE status = 'open' OR issue_date >= :since::date
       OR settled_at >= (:since::date::timestamp AT TIME ZONE :tz)`;
  const bindings = { tz: options.timeZone, since: options.since, dates: [...options.dates] };
  // One after another: in a job's transaction they share one connection anyway.
  // A few dates (the jump alert's two): each item's balance at each date, one sum per date in one row per
  // currency, in one read of the window (not a row per item and date, which doubles what is grouped).
  const balanceAt = (k: number) => `:d${k}::date`;
  const fewBalances = async () => {
    const sums = options.dates.map(
      (_, k) =>
        `sum(CASE WHEN i.issue_date <= ${balanceAt(k)} THEN i.total_minor ELSE 0 END
             - CASE WHEN i.settled_on IS NOT NULL AND greatest(i.settled_on, i.issue_date) <= ${balanceAt(k)}
                    THEN i.total_minor ELSE 0 END
             + CASE WHEN i.settled_on IS NULL AND i.open_minor <> i.total_minor
                         AND greatest(i.changed_on, i.issue_date) <= ${balanceAt(k)}
                    THEN i.open_minor - i.total_minor ELSE 0 END)::text AS m${k}`,
    );
    const { rows } = (await db.raw(
      `SELECT i.currency, ${sums.join(', ')} FROM (${items}) i GROUP BY i.currency`,
      { ...bindings, ...Object.fromEntries(options.dates.map((d, k) => [`d${k}`, d])) },
    )) as { rows: Record<string, string>[] };
    return {
      rows: rows.flatMap((r) =>
        options.dates.map((day, k) => ({ currency: String(r.currency), day, minor: String(r[`m${k}`]) })),
      ),
    };
  };
  // Many dates (the meeting's months): the events grouped by day first, then a running sum per date.
  const balances =
    options.dates.length === 0
      ? { rows: [] }
      : options.dates.length <= FEW_DATES
        ? await fewBalances()
        : await db.raw(
            `WITH i AS (${items}),
             ev AS (
               SELECT currency, day, sum(delta) AS delta FROM (
                 SELECT currency, issue_date AS day, total_minor AS delta FROM i
                 UNION ALL
                 SELECT currency, greatest(settled_on, issue_date), -total_minor FROM i WHERE settled_on IS NOT NULL
                 UNION ALL
                 SELECT currency, greatest(changed_on, issue_date), open_minor - total_minor
                 FROM i WHERE settled_on IS NULL AND open_minor <> total_minor
               ) e GROUP BY currency, day
             )
             SELECT ev.currency, to_char(d.day, 'YYYY-MM-DD') AS day, sum(ev.delta)::text AS minor
             FROM unnest(:dates::date[]) AS d(day) JOIN ev ON ev.day <= d.day
             GROUP BY ev.currency, d.day`,
            bindings,
          );
  const withCurrent = options.current !== false;
  const current =
    options.dates.length === 0 || !withCurrent
      ? { rows: [] }
      : await db.raw(
          `WITH i AS (${items})
           SELECT i.currency, to_char(d.day, 'YYYY-MM-DD') AS day,
                  sum(CASE WHEN i.settled_on IS NOT NULL THEN
                             CASE WHEN i.settled_on <= d.day THEN 0 ELSE i.total_minor END
                           WHEN i.changed_on <= d.day THEN i.open_minor
                           ELSE i.total_minor END)::text AS minor
           FROM unnest(:dates::date[]) AS d(day) JOIN i ON i.issue_date <= d.day AND i.due_date >= d.day
           GROUP BY i.currency, d.day`,
          bindings,
        );
  const sales =
    options.months.length === 0
      ? { rows: [] }
      : await db.raw(
          `SELECT currency, to_char(issue_date, 'YYYY-MM') AS month, sum(total_minor)::text AS minor
           FROM open_items
           WHERE issue_date >= :first::date AND to_char(issue_date, 'YYYY-MM') = ANY(:months::text[])
           GROUP BY currency, to_char(issue_date, 'YYYY-MM')`,
          { first: `${[...options.months].sort()[0]}-01`, months: [...options.months] },
        );
  type Row = { currency: string; minor: string };
  const figures = new Map<string, { balances: Map<string, Balance>; sales: Map<string, number> }>();
  const of = (currency: string) => {
    let f = figures.get(currency);
    if (!f) {
      f = { balances: new Map(), sales: new Map() };
      figures.set(currency, f);
    }
    return f;
  };
  const balanceOf = (currency: string, day: string) => {
    const f = of(currency);
    let b = f.balances.get(day);
    if (!b) {
      b = { totalMinor: 0, currentMinor: 0 };
      f.balances.set(day, b);
    }
    return b;
  };
  for (const r of balances.rows as (Row & { day: string })[])
    balanceOf(r.currency, r.day).totalMinor = parseInt8(r.minor);
  for (const r of current.rows as (Row & { day: string })[])
    balanceOf(r.currency, r.day).currentMinor = parseInt8(r.minor);
  for (const r of sales.rows as (Row & { month: string })[])
    of(r.currency).sales.set(r.month, parseInt8(r.minor));
  const asked = new Set(options.dates);
  const askedMonths = new Set(options.months);
  const out = new Map<string, ReceivablesSource>();
  for (const currency of [...figures.keys()].sort()) {
    const f = of(currency);
    out.set(currency, {
      balanceAt(date) {
        if (!asked.has(date)) throw new RangeError(`no balance was computed for ${date}`);
        const balance = f.balances.get(date) ?? { totalMinor: 0, currentMinor: 0 };
        if (withCurrent) return balance;
        return {
          totalMinor: balance.totalMinor,
          get currentMinor(): number {
            throw new RangeError(`the part not yet due was not computed (${date})`);
          },
        };
      },
      salesIn(month) {
        if (!askedMonths.has(month)) throw new RangeError(`no sales were computed for ${month}`);
        return f.sales.get(month) ?? 0;
      },
    });
  }
  return out;
}

/** Open amount and accounts in one aging bucket of one currency (PB-04). */
export interface BucketTotal {
  currency: string;
  bucket: string;
  openMinor: number;
  accounts: number;
}

/**
 * PB-04: open items today by currency and aging bucket: the amount and how many accounts have an item in
 * the bucket. width_bucket over the buckets' first days puts an item of `days` overdue where bucketFor does.
 */
export async function bucketTotals(
  db: Knex,
  today: string,
  edges: readonly number[],
  /** false: the amounts only (`accounts` is 0), without counting distinct accounts per bucket. */
  withAccounts = true,
): Promise<BucketTotal[]> {
  checkDays([today], 'today');
  const buckets = agingBuckets(edges);
  const { rows } = (await db.raw(
    `SELECT currency, width_bucket(greatest(?::date - due_date, 0), ?::int[]) AS bucket,
            sum(open_minor)::text AS open_minor,
            ${withAccounts ? 'count(DISTINCT customer_id)::int' : '0'} AS accounts
     FROM open_items WHERE status = 'open'
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [today, buckets.slice(1).map((b) => b.fromDays)],
  )) as { rows: { currency: string; bucket: number; open_minor: string; accounts: number }[] };
  return rows.map((r) => ({
    currency: String(r.currency),
    bucket: bucketAt(buckets, Number(r.bucket)).id,
    openMinor: parseInt8(r.open_minor),
    accounts: Number(r.accounts),
  }));
}

function bucketAt(buckets: readonly AgingBucket[], index: number): AgingBucket {
  const bucket = buckets[index];
  if (!bucket) throw new RangeError(`no aging bucket ${index}`);
  return bucket;
}

/**
 * agingByCurrency's figures (every bucket present, currencies alphabetical) from bucketTotals: amounts
 * only, so the accounts per bucket are not counted (a distinct count over every open item).
 */
export async function agingTotals(
  db: Knex,
  today: string,
  edges: readonly number[],
): Promise<CurrencyAging[]> {
  const buckets = agingBuckets(edges);
  const byCurrency = new Map<string, CurrencyAging>();
  for (const t of await bucketTotals(db, today, edges, false)) {
    let entry = byCurrency.get(t.currency);
    if (!entry) {
      entry = {
        currency: t.currency,
        totalMinor: 0,
        buckets: Object.fromEntries(buckets.map((b) => [b.id, 0])),
      };
      byCurrency.set(t.currency, entry);
    }
    entry.buckets[t.bucket] = (entry.buckets[t.bucket] ?? 0) + t.openMinor;
    entry.totalMinor += t.openMinor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
