/**
 * Credit grade A/B/C (PB-09), credit hold (PB-10) and blacklist (PB-11), each with a one-line reason.
 *
 * Definitions used here:
 * - A late invoice: paid more than `lateToleranceDays` after its due date, or still open and more than
 *   that many days overdue today. Invoices not yet due and disputed invoices (PB-21) say nothing and are
 *   left out.
 * - Overdue in a month (PB-10): judged on complete calendar months only (the month of today is still
 *   running and never counts). By default an invoice is overdue in a month when it is overdue (past due and
 *   unpaid) at the month's end; with `holdMonthRule: days` when it was overdue on at least
 *   `holdMinDaysInMonth` days of the month.
 * - Overdue incident (PB-11): one invoice that went more than `incidentDays` (default 30: past the final
 *   notice, onto the monthly 30+ review) past due, paid late or still open, counted once per invoice,
 *   within the last `historyMonths`.
 */
import { addDays, daysBetween, monthOf, monthRange, nextMonth, subtractMonths } from './dates.ts';

/** PB-09/10/11 thresholds. */
export interface GradePolicy {
  /** Invoices paid or open more than this many days past due count as late. */
  lateToleranceDays: number;
  /** History looked at, in months back from today (by due date). */
  historyMonths: number;
  /** C when at least this share of invoices was late ... */
  cLateShare: number;
  /** ... and at least this many were late. */
  cMinLate: number;
  /** C when any invoice went this many days past due. */
  cMaxDaysLate: number;
  /** A tolerates at most this share of late invoices (established, not large customers). */
  aMaxLateShare: number;
  /** Size: customers who invoiced at least this much (base currency, major units) in the window are large; A then tolerates none. */
  largeCustomerMajor: number;
  /** Tenure: customers younger than this (months since first invoice) are at best B. */
  minTenureMonths: number;
  /** ... as are customers with fewer invoices than this in the window. */
  minInvoices: number;
  /** PB-10: overdue invoices per month ... */
  holdOverduePerMonth: number;
  /** ... in this many consecutive months put the account on credit hold. */
  holdConsecutiveMonths: number;
  /** PB-10: an invoice is overdue in a month when overdue at the month's end, or for some days of it. */
  holdMonthRule: 'month-end' | 'days';
  /** PB-10, rule `days`: overdue on at least this many days of the month. */
  holdMinDaysInMonth: number;
  /** PB-11: an invoice this many days past due is an overdue incident. */
  incidentDays: number;
  /** PB-11: this many incidents blacklist the customer. */
  blacklistIncidents: number;
  /** PB-11: one item unpaid more than this many days past due blacklists the customer. */
  blacklistUnpaidDays: number;
}

/** The playbook's numbers; the tolerances for "late" and "habitual" are ours, documented above. */
export const defaultGradePolicy: GradePolicy = {
  lateToleranceDays: 10,
  historyMonths: 24,
  cLateShare: 0.5,
  cMinLate: 2,
  cMaxDaysLate: 90,
  aMaxLateShare: 0.1,
  largeCustomerMajor: 1_000_000,
  minTenureMonths: 6,
  minInvoices: 3,
  holdOverduePerMonth: 2,
  holdConsecutiveMonths: 3,
  holdMonthRule: 'month-end',
  holdMinDaysInMonth: 15,
  incidentDays: 30,
  blacklistIncidents: 3,
  blacklistUnpaidDays: 365,
};

/** One invoice of the customer's history: settled (`paidDate` set) or still open. */
export interface HistoryItem {
  number: string;
  dueDate: string;
  /** The date it was settled; null while open. */
  paidDate: string | null;
  disputed?: boolean;
  /** Invoice total in base-currency major units, for the size rule (optional). */
  totalBase?: number;
}

export type Grade = 'A' | 'B' | 'C';

/**
 * Which rule gave the grade, with its numbers, for views that say it in the reader's language (the
 * `reason` says the same in English, for logs and stored worklist rows).
 */
export type GradeWhy =
  | { rule: 'late'; late: number; considered: number; toleranceDays: number; open: 'none' | 'all' | 'some' }
  | { rule: 'worst'; days: number }
  | { rule: 'new'; since: string }
  | { rule: 'few'; considered: number }
  | { rule: 'clean'; considered: number; toleranceDays: number };

/** A grade with the reason a person can check. */
export interface GradeResult {
  grade: Grade;
  reason: string;
  lateCount: number;
  consideredCount: number;
  why?: GradeWhy;
}

/** How many days past due an item was paid, or is today if open; null when not yet due. */
function daysLate(item: HistoryItem, today: string): number | null {
  const end = item.paidDate ?? today;
  if (item.paidDate === null && item.dueDate >= today) return null;
  return daysBetween(item.dueDate, end);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** PB-09: grade from payment history, tenure (first invoice) and size. */
export function gradeCustomer(
  history: readonly HistoryItem[],
  firstInvoiceDate: string | null,
  today: string,
  policy: GradePolicy = defaultGradePolicy,
): GradeResult {
  const since = subtractMonths(today, policy.historyMonths);
  const considered = history.filter(
    (i) => !i.disputed && i.dueDate >= since && (i.paidDate !== null || i.dueDate < today),
  );
  const lateness = considered.map((i) => ({ item: i, days: daysLate(i, today) ?? 0 }));
  const late = lateness.filter((l) => l.days > policy.lateToleranceDays);
  const lateOpen = late.filter((l) => l.item.paidDate === null).length;
  const n = considered.length;
  const share = n === 0 ? 0 : late.length / n;
  const worst = lateness.reduce((max, l) => Math.max(max, l.days), 0);
  const tol = policy.lateToleranceDays;
  const lateText =
    lateOpen === 0
      ? `${late.length} of ${plural(n, 'invoice')} paid more than ${tol} days late`
      : lateOpen === late.length
        ? `${late.length} of ${plural(n, 'invoice')} unpaid more than ${tol} days past due`
        : `${late.length} of ${plural(n, 'invoice')} paid more than ${tol} days late or still unpaid`;
  const result = (grade: Grade, reason: string, why: GradeWhy): GradeResult => ({
    grade,
    reason: `${grade}: ${reason}`,
    lateCount: late.length,
    consideredCount: n,
    why,
  });
  const lateWhy: GradeWhy = {
    rule: 'late',
    late: late.length,
    considered: n,
    toleranceDays: tol,
    open: lateOpen === 0 ? 'none' : lateOpen === late.length ? 'all' : 'some',
  };

  if (late.length >= policy.cMinLate && share >= policy.cLateShare) return result('C', lateText, lateWhy);
  if (worst >= policy.cMaxDaysLate)
    return result('C', `an invoice went ${worst} days past due`, { rule: 'worst', days: worst });
  const tenureStart = firstInvoiceDate ?? considered.map((i) => i.dueDate).sort()[0] ?? today;
  const young = tenureStart > subtractMonths(today, policy.minTenureMonths);
  if (late.length > 0) {
    const size = considered.reduce((s, i) => s + (i.totalBase ?? 0), 0);
    const large = size >= policy.largeCustomerMajor;
    const tolerated = !large && !young && n >= policy.minInvoices && share <= policy.aMaxLateShare;
    return result(tolerated ? 'A' : 'B', lateText, lateWhy);
  }
  if (young)
    return result('B', `new customer since ${tenureStart}, no late payments yet`, {
      rule: 'new',
      since: tenureStart,
    });
  if (n < policy.minInvoices)
    return result('B', `only ${plural(n, 'invoice')} to judge by, none late`, { rule: 'few', considered: n });
  return result('A', `all ${plural(n, 'invoice')} paid within ${tol} days of the due date`, {
    rule: 'clean',
    considered: n,
    toleranceDays: tol,
  });
}

/** Which rule set a flag, with its numbers, for views that say it in the reader's language. */
export type FlagWhy =
  | {
      rule: 'hold';
      perMonth: number;
      /** Null: overdue at the end of each month; a number: overdue that many days in it. */
      minDaysInMonth: number | null;
      months: string[];
      invoices: string[];
    }
  | { rule: 'unpaid'; invoice: string; days: number }
  | { rule: 'incidents'; days: number; invoices: string[] };

/** A flag (credit hold, blacklist) with the reason, or not set. */
export interface Flag {
  set: boolean;
  reason: string | null;
  why?: FlagWhy;
}

/** The days an item was overdue: from the day after due until the day before payment (or today). */
function overdueSpan(item: HistoryItem, today: string): { from: string; to: string } | null {
  const from = addDays(item.dueDate, 1);
  const to = item.paidDate === null ? today : addDays(item.paidDate, -1);
  return from <= to ? { from, to } : null;
}

/** PB-10: whether an item's overdue span makes it "overdue in" the month from `start` to `last`. */
function overdueInMonth(
  span: { from: string; to: string },
  start: string,
  last: string,
  policy: Pick<GradePolicy, 'holdMonthRule' | 'holdMinDaysInMonth'>,
): boolean {
  if (policy.holdMonthRule === 'month-end') return span.from <= last && span.to >= last;
  const from = span.from > start ? span.from : start;
  const to = span.to < last ? span.to : last;
  return from <= to && daysBetween(from, to) + 1 >= policy.holdMinDaysInMonth;
}

/** The words for the month rule in a reason: "overdue at the end of" or "overdue 15+ days in". */
function monthRuleText(policy: Pick<GradePolicy, 'holdMonthRule' | 'holdMinDaysInMonth'>): string {
  return policy.holdMonthRule === 'month-end'
    ? 'overdue at the end of each of'
    : `overdue ${policy.holdMinDaysInMonth}+ days in each of`;
}

/**
 * PB-10: 2+ invoices overdue in each of 3 consecutive complete months (see "Overdue in a month" at the
 * top); holds until the invoices of that run still open are cleared.
 */
export function creditHold(
  history: readonly HistoryItem[],
  today: string,
  policy: GradePolicy = defaultGradePolicy,
): Flag {
  const spans = history
    .filter((i) => !i.disputed)
    .flatMap((item) => {
      const span = overdueSpan(item, today);
      return span ? [{ item, span }] : [];
    });
  if (spans.length === 0) return { set: false, reason: null };
  const first = spans.map((s) => monthOf(s.span.from)).sort()[0] ?? monthOf(today);
  const months: { month: string; items: HistoryItem[] }[] = [];
  // Complete months only: the month of today is still running.
  for (let m = first; m < monthOf(today); m = nextMonth(m)) {
    const { first: start, last } = monthRange(m);
    months.push({
      month: m,
      items: spans.filter((s) => overdueInMonth(s.span, start, last, policy)).map((s) => s.item),
    });
  }
  const need = policy.holdConsecutiveMonths;
  for (let end = months.length - 1; end >= need - 1; end--) {
    const run = months.slice(end - need + 1, end + 1);
    if (!run.every((m) => m.items.length >= policy.holdOverduePerMonth)) continue;
    const stillOpen = [...new Set(run.flatMap((m) => m.items).filter((i) => i.paidDate === null))];
    if (stillOpen.length === 0) continue;
    const names = run.map((m) => m.month).join(', ');
    const numbers = stillOpen.map((i) => i.number).sort();
    return {
      set: true,
      reason: `credit hold: ${policy.holdOverduePerMonth}+ invoices ${monthRuleText(policy)} ${names}; until ${numbers.join(', ')} ${numbers.length === 1 ? 'is' : 'are'} cleared (PB-10)`,
      why: {
        rule: 'hold',
        perMonth: policy.holdOverduePerMonth,
        minDaysInMonth: policy.holdMonthRule === 'month-end' ? null : policy.holdMinDaysInMonth,
        months: run.map((m) => m.month),
        invoices: numbers,
      },
    };
  }
  return { set: false, reason: null };
}

/** PB-11: overdue incidents (see the definition at the top) within the history window. */
export function overdueIncidents(
  history: readonly HistoryItem[],
  today: string,
  policy: GradePolicy = defaultGradePolicy,
): HistoryItem[] {
  const since = subtractMonths(today, policy.historyMonths);
  return history.filter(
    (i) => !i.disputed && i.dueDate >= since && (daysLate(i, today) ?? 0) > policy.incidentDays,
  );
}

/** PB-11: blacklist after 3+ overdue incidents, or one item unpaid for over a year. */
export function blacklist(
  history: readonly HistoryItem[],
  today: string,
  policy: GradePolicy = defaultGradePolicy,
): Flag {
  const ancient = history
    .filter(
      (i) => !i.disputed && i.paidDate === null && daysBetween(i.dueDate, today) > policy.blacklistUnpaidDays,
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (ancient) {
    const days = daysBetween(ancient.dueDate, today);
    return {
      set: true,
      reason: `blacklisted: ${ancient.number} unpaid ${days} days past due (PB-11)`,
      why: { rule: 'unpaid', invoice: ancient.number, days },
    };
  }
  const incidents = overdueIncidents(history, today, policy);
  if (incidents.length >= policy.blacklistIncidents) {
    const numbers = incidents.map((i) => i.number).sort();
    return {
      set: true,
      reason: `blacklisted: ${incidents.length} invoices went more than ${policy.incidentDays} days past due (${numbers.join(', ')}) (PB-11)`,
      why: { rule: 'incidents', days: policy.incidentDays, invoices: numbers },
    };
  }
  return { set: false, reason: null };
}
