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

/** What receivableFigures reads: the balance dates, the sales months, the window's start and the time zone. */
interface FigureOptions {
  dates: readonly string[];
  months: readonly string[];
  since: string;
  timeZone: string;
}

/**
 * Per currency (alphabetical), the balance at the end of each of `dates` and the credit sales of each of
 * `months`, as openAt/balanceAt/salesIn define them. `since` (YYYY-MM-DD, at or before every date and the
 * first day of every month) bounds what is read: items settled before it add nothing at those dates.
 *
 * The jump alert's few dates without the current part weigh each item at each date in one read of the
 * window. Otherwise (the meeting's months) one read of the window gives everything: its items grouped by
 * issue day and by where the day their open amount went down and their due date fall among the dates
 * (windowFigures), so the balances, their current parts and the sales follow from a few thousand groups.
 */
export async function receivableFigures(
  db: Knex,
  options: FigureOptions & {
    /** false: only the totals (the jump alert); reading a balance's current part then throws. */
    current?: boolean;
  },
): Promise<Map<string, ReceivablesSource>> {
  checkDays([...options.dates, options.since], 'a balance date');
  for (const m of options.months)
    if (!MONTH.test(m)) throw new RangeError(`a month must be YYYY-MM, got "${m}"`);
  for (const day of [...options.dates, ...options.months.map((m) => `${m}-01`)])
    if (day < options.since) throw new RangeError(`${day} is before the window's start ${options.since}`);
  const withCurrent = options.current !== false;
  const rows =
    options.dates.length <= FEW_DATES && !withCurrent
      ? await fewDateFigures(db, options)
      : await windowFigures(db, { ...options, current: withCurrent });
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
  for (const r of rows) {
    if (r.month !== null) of(r.currency).sales.set(r.month, parseInt8(r.total));
    else if (r.day !== null) {
      const balance = balanceOf(r.currency, r.day);
      balance.totalMinor = parseInt8(r.total);
      if (r.current !== null) balance.currentMinor = parseInt8(r.current);
    }
  }
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

/** One row of the figures: a balance (`day`, its total and current part) or a month's sales (`month`, total). */
interface FigureRow {
  currency: string;
  day: string | null;
  month: string | null;
  total: string;
  current: string | null;
}

/** The items that can be open at a day on or after `:since` (open ones, ones issued or settled since). */
const WINDOW = `status = 'open' OR issue_date >= :since::date
  OR settled_at >= (:since::date::timestamp AT TIME ZONE :tz)`;

/** The jump alert's totals: each item of the window weighed at each of a few dates; sales by month. */
async function fewDateFigures(db: Knex, options: FigureOptions): Promise<FigureRow[]> {
  // Each item's balance at each date, one sum per date in one row per currency, in one read of the
  // window (not a row per item and date, which doubles what is grouped).
  const at = (k: number) => `:d${k}::date`;
  const sums = options.dates.map(
    (_, k) =>
      `sum(CASE WHEN i.issue_date <= ${at(k)} THEN i.total_minor ELSE 0 END
           - CASE WHEN i.settled_on IS NOT NULL AND greatest(i.settled_on, i.issue_date) <= ${at(k)}
                  THEN i.total_minor ELSE 0 END
           + CASE WHEN i.settled_on IS NULL AND i.open_minor <> i.total_minor
                       AND greatest(i.changed_on, i.issue_date) <= ${at(k)}
                  THEN i.open_minor - i.total_minor ELSE 0 END)::text AS m${k}`,
  );
  const balances =
    options.dates.length === 0
      ? { rows: [] }
      : ((await db.raw(
          `SELECT i.currency, ${sums.join(', ')}
           FROM (
             SELECT currency, issue_date, total_minor, open_minor,
                    (settled_at AT TIME ZONE :tz)::date AS settled_on,
                    -- The open amount last went down when the ledger's payments say (paid_at), else at its last change.
                    (coalesce(ledger_paid_at, ledger_updated_at) AT TIME ZONE :tz)::date AS changed_on
             FROM open_items WHERE ${WINDOW}
           ) i
           GROUP BY i.currency`,
          {
            tz: options.timeZone,
            since: options.since,
            ...Object.fromEntries(options.dates.map((day, k) => [`d${k}`, day])),
          },
        )) as { rows: Record<string, string>[] });
  const balanceRows: FigureRow[] = balances.rows.flatMap((r) =>
    options.dates.map((day, k) => ({
      currency: String(r.currency),
      day,
      month: null,
      total: String(r[`m${k}`]),
      current: null,
    })),
  );
  const sales =
    options.months.length === 0
      ? { rows: [] }
      : await db.raw(
          `SELECT currency, NULL AS day, to_char(issue_date, 'YYYY-MM') AS month, sum(total_minor)::text AS total,
                  NULL AS current
           FROM open_items
           WHERE issue_date >= :first::date AND to_char(issue_date, 'YYYY-MM') = ANY(:months::text[])
           GROUP BY currency, to_char(issue_date, 'YYYY-MM')`,
          { first: `${[...options.months].sort()[0]}-01`, months: [...options.months] },
        );
  return [...balanceRows, ...(sales.rows as FigureRow[])];
}

/**
 * The meeting's figures in one read of the window. Each item is open in full from its issue day, and at
 * `after` (nothing once settled, today's amount once partly paid) from the day its open amount went down
 * (`gone_on`: its settlement, else its part payment; openAt). With the dates sorted, where a day falls
 * among them (width_bucket: how many dates come before it) says at which dates the item was issued, had
 * gone down and was not yet due, so the items are grouped by currency, issue day and those two positions
 * (a few thousand groups at 2M invoices), and each date's balance, current part and each month's sales
 * are sums over the groups.
 *
 * The planner cannot tell how few the groups are (the positions depend on timestamps it has no statistics
 * for) and would sort the window, on disk, to group it, and it compiles the query's many expressions
 * (JIT) for longer than the read takes: both are turned off for this statement (PostgreSQL, PGlite).
 */
async function windowFigures(db: Knex, options: FigureOptions & { current: boolean }): Promise<FigureRow[]> {
  const dates = [...new Set(options.dates)].sort();
  const sql = `
    WITH g AS (
      SELECT currency, issue_date, width_bucket(gone_on - 1, :dates::date[]) AS gone_before,
             ${options.current ? 'width_bucket(due_date, :dates::date[])' : '0'} AS due_from,
             sum(total_minor) AS total, sum(total_minor - after_minor) AS paid
      FROM (
        SELECT currency, issue_date, due_date, total_minor,
               CASE WHEN settled_at IS NULL THEN open_minor ELSE 0 END AS after_minor,
               CASE WHEN settled_at IS NOT NULL THEN (settled_at AT TIME ZONE :tz)::date
                    -- The open amount last went down when the ledger's payments say (paid_at), else at its last change.
                    WHEN open_minor <> total_minor
                    THEN (coalesce(ledger_paid_at, ledger_updated_at) AT TIME ZONE :tz)::date
               END AS gone_on
        FROM open_items WHERE ${WINDOW}
      ) i
      GROUP BY 1, 2, 3, 4
    )
    SELECT g.currency, to_char(d.day, 'YYYY-MM-DD') AS day, NULL AS month,
           sum(CASE WHEN g.issued_before >= d.k THEN 0
                    WHEN g.gone_before < d.k THEN g.total - g.paid ELSE g.total END)::text AS total,
           ${
             options.current
               ? `sum(CASE WHEN g.issued_before >= d.k OR g.due_from < d.k THEN 0
                           WHEN g.gone_before < d.k THEN g.total - g.paid ELSE g.total END)::text`
               : 'NULL'
           } AS current
    FROM (SELECT g.*, width_bucket(g.issue_date - 1, :dates::date[]) AS issued_before FROM g) g
      CROSS JOIN unnest(:dates::date[]) WITH ORDINALITY AS d(day, k)
    GROUP BY g.currency, d.day
    UNION ALL
    SELECT currency, NULL, to_char(issue_date, 'YYYY-MM'), sum(total)::text, NULL
    FROM g WHERE to_char(issue_date, 'YYYY-MM') = ANY(:months::text[])
    GROUP BY currency, to_char(issue_date, 'YYYY-MM')`;
  const bindings = { tz: options.timeZone, since: options.since, dates, months: [...options.months] };
  const run = async (trx: Knex.Transaction): Promise<FigureRow[]> => {
    const [before] = (
      await trx.raw(
        `SELECT current_setting('enable_sort') AS sort, current_setting('jit') AS jit,
                set_config('enable_sort', 'off', true), set_config('jit', 'off', true)`,
      )
    ).rows as { sort: string; jit: string }[];
    const { rows } = (await trx.raw(sql, bindings)) as { rows: FigureRow[] };
    await trx.raw(`SELECT set_config('enable_sort', ?, true), set_config('jit', ?, true)`, [
      before?.sort ?? 'on',
      before?.jit ?? 'on',
    ]);
    return rows;
  };
  return (db as { isTransaction?: boolean }).isTransaction
    ? run(db as Knex.Transaction)
    : db.transaction(run);
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
