/**
 * Receivables metrics for the monthly credit meeting (PB-28): balances at past month ends rebuilt from
 * the items the bot has synced, DSO by the countback method and the collection effectiveness index (CEI).
 * Pure functions over integer minor units of ONE currency; callers never mix currencies.
 */
import { daysBetween, monthRange, subtractMonths } from './dates.ts';

/** What the metrics need of an invoice (open or settled), dates as YYYY-MM-DD in the business time zone. */
export interface ReceivableItem {
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  openMinor: number;
  /** When nothing was left open any more; null while open. */
  settledOn: string | null;
  /** The ledger's last change: for an open item that is partly paid, when the part payment was made. */
  changedOn: string;
}

/**
 * The amount of `item` open at the end of `date`. The ledger keeps only the current state, so the past is
 * rebuilt from it: a settled item was open in full until its settlement day; an open item was open in full
 * until its last change and at today's amount after it (a part payment is dated by the change).
 */
export function openAt(item: ReceivableItem, date: string): number {
  if (item.issueDate > date) return 0;
  if (item.settledOn !== null) return item.settledOn <= date ? 0 : item.totalMinor;
  return item.changedOn <= date ? item.openMinor : item.totalMinor;
}

/** Receivables at the end of `date`: everything open, and the part not yet due ("current"). */
export interface Balance {
  totalMinor: number;
  currentMinor: number;
}

/** Rebuilds the balance at the end of `date` (see openAt). */
export function balanceAt(items: readonly ReceivableItem[], date: string): Balance {
  let totalMinor = 0;
  let currentMinor = 0;
  for (const item of items) {
    const open = openAt(item, date);
    totalMinor += open;
    if (item.dueDate >= date) currentMinor += open;
  }
  return { totalMinor, currentMinor };
}

/** Credit sales of a month 'YYYY-MM': the totals of the invoices issued in it. */
export function salesIn(items: readonly ReceivableItem[], month: string): number {
  let sum = 0;
  for (const item of items) if (item.issueDate.startsWith(month)) sum += item.totalMinor;
  return sum;
}

/** One month of credit sales and its length, for the countback. */
export interface MonthSales {
  salesMinor: number;
  days: number;
}

/** A DSO figure; `complete` is false when the lookback ran out before the balance was used up ("more than"). */
export interface Dso {
  days: number;
  complete: boolean;
}

/**
 * DSO by the countback method: starting from the balance at the period's end, take away each month's
 * credit sales going back from the newest month, counting that month's days in full while the balance is
 * larger, then the part of the last month the rest covers:
 *   DSO = days of the months used in full + (balance left / that month's sales) x its days.
 * `months` runs newest first.
 */
export function countbackDso(endingMinor: number, months: readonly MonthSales[]): Dso {
  let left = endingMinor;
  let days = 0;
  if (left <= 0) return { days: 0, complete: true };
  for (const month of months) {
    if (left > month.salesMinor) {
      left -= month.salesMinor;
      days += month.days;
      continue;
    }
    return { days: days + (left / month.salesMinor) * month.days, complete: true };
  }
  return { days, complete: false };
}

/** What CEI needs about one period. */
export interface CeiInput {
  beginningMinor: number;
  salesMinor: number;
  endingMinor: number;
  endingCurrentMinor: number;
}

/**
 * Collection effectiveness index, in percent:
 *   CEI = (beginning receivables + credit sales - ending receivables)
 *       / (beginning receivables + credit sales - ending current receivables) x 100.
 * What was collected out of what could have been collected (everything but the not-yet-due part).
 * Null when nothing was collectable.
 */
export function collectionEffectiveness(p: CeiInput): number | null {
  const collectable = p.beginningMinor + p.salesMinor - p.endingCurrentMinor;
  if (collectable <= 0) return null;
  return ((p.beginningMinor + p.salesMinor - p.endingMinor) / collectable) * 100;
}

/** The meeting's figures for one month of one currency. */
export interface MonthMetrics {
  month: string;
  salesMinor: number;
  endingMinor: number;
  endingCurrentMinor: number;
  dso: Dso;
  cei: number | null;
}

/** How many months back the countback may look before it reports "more than". */
export const COUNTBACK_MONTHS = 24;

/** The month before a 'YYYY-MM' month. */
export function monthBefore(month: string): string {
  return subtractMonths(`${month}-01`, 1).slice(0, 7);
}

/** The `count` months before `month` (excluded), oldest first: the meeting looks at the finished months. */
export function monthsBefore(month: string, count: number): string[] {
  const out: string[] = [];
  let m = month;
  for (let i = 0; i < count; i++) {
    m = monthBefore(m);
    out.unshift(m);
  }
  return out;
}

/**
 * What the metrics read of one currency's receivables: the balance at the end of a day and a month's
 * credit sales. From the items themselves (itemsSource, the definition) or from the database's aggregates
 * of the same numbers (ledger/receivable-aggregates.ts), which never load the invoices.
 */
export interface ReceivablesSource {
  balanceAt(date: string): Balance;
  salesIn(month: string): number;
}

/** The source over a list of items (balanceAt and salesIn above). */
export function itemsSource(items: readonly ReceivableItem[]): ReceivablesSource {
  return { balanceAt: (date) => balanceAt(items, date), salesIn: (month) => salesIn(items, month) };
}

/** The days whose closing balance monthlyMetrics reads for `months`: each month's end and the one before. */
export function metricDates(months: readonly string[]): string[] {
  const days = new Set<string>();
  for (const month of months) {
    days.add(monthRange(monthBefore(month)).last);
    days.add(monthRange(month).last);
  }
  return [...days].sort();
}

/** The months whose credit sales monthlyMetrics reads for `months` (each and the countback's lookback). */
export function metricSalesMonths(months: readonly string[]): string[] {
  const out = new Set<string>();
  for (const month of months) {
    let m = month;
    for (let i = 0; i < COUNTBACK_MONTHS; i++) {
      out.add(m);
      m = monthBefore(m);
    }
  }
  return [...out].sort();
}

/** DSO (countback) and CEI for each month 'YYYY-MM' in `months`, from one currency's items. */
export function monthlyMetrics(items: readonly ReceivableItem[], months: readonly string[]): MonthMetrics[] {
  return monthlyMetricsFrom(itemsSource(items), months);
}

/** DSO (countback) and CEI for each month 'YYYY-MM' in `months`, from one currency's figures. */
export function monthlyMetricsFrom(source: ReceivablesSource, months: readonly string[]): MonthMetrics[] {
  return months.map((month) => {
    const { last } = monthRange(month);
    const beginning = source.balanceAt(monthRange(monthBefore(month)).last);
    const ending = source.balanceAt(last);
    const salesMinor = source.salesIn(month);
    const back: MonthSales[] = [];
    let m = month;
    for (let i = 0; i < COUNTBACK_MONTHS; i++) {
      const range = monthRange(m);
      back.push({ salesMinor: source.salesIn(m), days: daysBetween(range.first, range.last) + 1 });
      m = monthBefore(m);
    }
    return {
      month,
      salesMinor,
      endingMinor: ending.totalMinor,
      endingCurrentMinor: ending.currentMinor,
      dso: countbackDso(ending.totalMinor, back),
      cei: collectionEffectiveness({
        beginningMinor: beginning.totalMinor,
        salesMinor,
        endingMinor: ending.totalMinor,
        endingCurrentMinor: ending.currentMinor,
      }),
    };
  });
}
