/**
 * Aging: how long items have been overdue, the aging buckets (PB-04), red/green marking, when an account
 * enters the collection procedure (PB-05) and when it becomes a key account (PB-06).
 */
import { daysBetween } from './dates.ts';

/** PB-04, PB-05, PB-06 defaults; every number is configuration. */
export interface AgingPolicy {
  /** Inclusive upper ends of the overdue buckets after "current": [30, 60, 90] gives 1-30, 31-60, 61-90, 90+. */
  bucketEdges: readonly number[];
  /** PB-04: items more than this many days overdue are marked red. */
  redAfterDays: number;
  /** PB-05: accounts more than this many days overdue enter the collection procedure. */
  procedureAfterDays: number;
  /** PB-06: this many days overdue makes a key account, unless a manager made an exception. */
  keyAccountDays: number;
  /** PB-06: from this many days it is a key account without exception. */
  keyAccountNoExceptionDays: number;
  /** PB-04: items settled within this many days stay on the account card, marked green. */
  settledShownDays: number;
}

/** PB-04/05/06 as written in the playbook. */
export const defaultAgingPolicy: AgingPolicy = {
  bucketEdges: [30, 60, 90],
  redAfterDays: 30,
  procedureAfterDays: 15,
  keyAccountDays: 45,
  keyAccountNoExceptionDays: 60,
  settledShownDays: 30,
};

/** One aging bucket: overdue days from `fromDays` to `toDays` inclusive (null: no upper end). */
export interface AgingBucket {
  id: string;
  label: string;
  fromDays: number;
  toDays: number | null;
}

/** PB-01: days past the due date, negative before it ("due in 3 days" is -3). */
export function daysPastDue(dueDate: string, today: string): number {
  return daysBetween(dueDate, today);
}

/** PB-01: calendar days overdue, 0 on or before the due date. */
export function daysOverdue(dueDate: string, today: string): number {
  return Math.max(0, daysPastDue(dueDate, today));
}

/** The buckets for some edges: current, then one per edge, then "<last>+" (PB-04). */
export function agingBuckets(edges: readonly number[] = defaultAgingPolicy.bucketEdges): AgingBucket[] {
  const sorted = [...edges];
  sorted.forEach((edge, i) => {
    if (!Number.isInteger(edge) || edge < 1 || (i > 0 && edge <= (sorted[i - 1] ?? 0))) {
      throw new RangeError(
        `aging bucket edges must be ascending whole numbers >= 1, got ${edges.join(', ')}`,
      );
    }
  });
  const buckets: AgingBucket[] = [{ id: 'current', label: 'current', fromDays: 0, toDays: 0 }];
  let from = 1;
  for (const edge of sorted) {
    buckets.push({ id: `${from}-${edge}`, label: `${from}-${edge}`, fromDays: from, toDays: edge });
    from = edge + 1;
  }
  const last = sorted[sorted.length - 1];
  const label = last === undefined ? '1+' : `${last}+`;
  buckets.push({ id: label, label, fromDays: from, toDays: null });
  return buckets;
}

/** The bucket an item of `days` overdue falls into. */
export function bucketFor(days: number, buckets: readonly AgingBucket[]): AgingBucket {
  const found = buckets.find((b) => days <= (b.toDays ?? Number.POSITIVE_INFINITY) && days >= b.fromDays);
  const fallback = days <= 0 ? buckets[0] : buckets[buckets.length - 1];
  if (found) return found;
  if (fallback) return fallback;
  throw new RangeError('no aging buckets');
}

/** What aging needs to know about an open item. */
export interface AgingItem {
  dueDate: string;
  openMinor: number;
  currency: string;
}

/** Open amounts per bucket for one currency; `buckets` sums to `totalMinor`. */
export interface CurrencyAging {
  currency: string;
  totalMinor: number;
  buckets: Record<string, number>;
}

/** PB-04: bucket totals per currency (alphabetical), every bucket present, never mixing currencies. */
export function agingByCurrency(
  items: readonly AgingItem[],
  today: string,
  edges: readonly number[] = defaultAgingPolicy.bucketEdges,
): CurrencyAging[] {
  const buckets = agingBuckets(edges);
  const byCurrency = new Map<string, CurrencyAging>();
  for (const item of items) {
    let entry = byCurrency.get(item.currency);
    if (!entry) {
      entry = {
        currency: item.currency,
        totalMinor: 0,
        buckets: Object.fromEntries(buckets.map((b) => [b.id, 0])),
      };
      byCurrency.set(item.currency, entry);
    }
    const bucket = bucketFor(daysOverdue(item.dueDate, today), buckets);
    entry.buckets[bucket.id] = (entry.buckets[bucket.id] ?? 0) + item.openMinor;
    entry.totalMinor += item.openMinor;
  }
  return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** PB-04 marking: green when settled, red when more than `redAfterDays` overdue. */
export type Marking = 'green' | 'red' | 'none';

/** PB-04: green for a settled item (nothing open), red past `redAfterDays`, otherwise unmarked. */
export function markingFor(
  item: { dueDate: string; openMinor: number },
  today: string,
  redAfterDays = defaultAgingPolicy.redAfterDays,
): Marking {
  if (item.openMinor <= 0) return 'green';
  return daysOverdue(item.dueDate, today) > redAfterDays ? 'red' : 'none';
}

/** PB-06: key-account status from the account's oldest overdue days. */
export interface KeyAccountStatus {
  keyAccount: boolean;
  /** True while a manager may still exempt it (between the two thresholds). */
  exemptable: boolean;
  reason: string | null;
  /** From how many days overdue it is a key account without exception (set when that applies). */
  noExceptionDays?: number;
}

/** PB-06: key account from 45 days unless exempted; from 60 days without exception. */
export function keyAccountStatus(
  maxDaysOverdue: number,
  exempted: boolean,
  policy: Pick<AgingPolicy, 'keyAccountDays' | 'keyAccountNoExceptionDays'> = defaultAgingPolicy,
): KeyAccountStatus {
  if (maxDaysOverdue >= policy.keyAccountNoExceptionDays) {
    return {
      keyAccount: true,
      exemptable: false,
      reason: `${maxDaysOverdue} days overdue: key account without exception from ${policy.keyAccountNoExceptionDays} days (PB-06)`,
      noExceptionDays: policy.keyAccountNoExceptionDays,
    };
  }
  if (maxDaysOverdue >= policy.keyAccountDays) {
    return exempted
      ? {
          keyAccount: false,
          exemptable: true,
          reason: `${maxDaysOverdue} days overdue, exempted by a manager (PB-06)`,
        }
      : { keyAccount: true, exemptable: true, reason: `${maxDaysOverdue} days overdue: key account (PB-06)` };
  }
  return { keyAccount: false, exemptable: false, reason: null };
}

/** PB-05: the account is in the collection procedure once more than 15 days overdue. */
export function inCollectionProcedure(
  maxDaysOverdue: number,
  procedureAfterDays = defaultAgingPolicy.procedureAfterDays,
): boolean {
  return maxDaysOverdue > procedureAfterDays;
}
