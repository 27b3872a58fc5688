/**
 * Late interest (PB-16): accrues daily on the open amount from the due date, at 0.05% a day unless the
 * customer's contract says otherwise; nothing accrues on disputed items (PB-21).
 *
 * Rounding rule: simple (not compounded) interest open x days x rate is computed exactly and rounded
 * half up to the minor unit once per item, at the end, never per day. Account totals are sums of the
 * rounded item amounts, per currency.
 */
import { daysOverdue } from './aging.ts';
import { sumByCurrency } from './money.ts';

/** An exact daily rate: `numerator / 10^scale` per day (0.05% = 5 / 10^4). */
export interface DailyRate {
  numerator: bigint;
  scale: number;
  /** The rate as given, for messages ("0.05%"). */
  text: string;
}

/** PB-16 defaults. */
export interface InterestPolicy {
  /** Daily rate as a percentage ("0.05%"), a decimal fraction ("0.0005") or basis points ("5bp"). */
  ratePerDay: string;
}

/** PB-16: a contract rate above this (percent a day) is a typo: 5% a day is over 1,800% a year. */
export const MAX_RATE_PERCENT_PER_DAY = 5;

/** PB-16: 0.05% per day. */
export const defaultInterestPolicy: InterestPolicy = { ratePerDay: '0.05%' };

/**
 * Reads a daily rate: "0.05%" (percent), "5bp" (basis points) or "0.0005" (fraction).
 * Returns null for anything else or a negative rate.
 */
export function parseDailyRate(text: string): DailyRate | null {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*(%|bps?)?\s*$/i.exec(text);
  if (!m) return null;
  const unitScale = m[3] === undefined ? 0 : m[3] === '%' ? 2 : 4;
  const fraction = m[2] ?? '';
  const numerator = BigInt(`${m[1]}${fraction}`);
  const pct = Number(numerator) / 10 ** (fraction.length + unitScale - 2);
  return { numerator, scale: fraction.length + unitScale, text: `${Number(pct.toPrecision(12))}%` };
}

/** A rate from basis points per day (5 -> 0.05%). */
export function rateFromBasisPoints(bps: number): DailyRate {
  const rate = parseDailyRate(`${bps}bp`);
  if (!rate) throw new RangeError(`basis points must be a non-negative number, got ${bps}`);
  return rate;
}

/** A rate from text that must be valid (configuration); throws with the offending value otherwise. */
export function requireDailyRate(text: string): DailyRate {
  const rate = parseDailyRate(text);
  if (!rate)
    throw new RangeError(`expected a daily interest rate such as "0.05%", "5bp" or "0.0005", got "${text}"`);
  return rate;
}

/** What interest needs to know about an open item. */
export interface InterestItem {
  id?: string;
  dueDate: string;
  openMinor: number;
  currency: string;
  disputed?: boolean;
  /** PB-21: days the item's clock stood still in a dispute resolved against the customer: no interest for them. */
  clockStoppedDays?: number;
}

/** Interest on one item. */
export interface ItemInterest {
  id: string | undefined;
  currency: string;
  days: number;
  interestMinor: number;
}

/** Exact open x days x rate, rounded half up to the minor unit (amounts are non-negative). */
function accrue(openMinor: number, days: number, rate: DailyRate): number {
  if (openMinor <= 0 || days <= 0 || rate.numerator === 0n) return 0;
  const exact = BigInt(openMinor) * BigInt(days) * rate.numerator;
  const divisor = 10n ** BigInt(rate.scale);
  return Number((exact * 2n + divisor) / (2n * divisor));
}

/** PB-16: interest on one item as of `today`; zero on or before the due date and on disputed items (PB-21). */
export function itemInterest(item: InterestItem, rate: DailyRate, today: string): ItemInterest {
  const days = item.disputed
    ? 0
    : Math.max(0, daysOverdue(item.dueDate, today) - (item.clockStoppedDays ?? 0));
  return { id: item.id, currency: item.currency, days, interestMinor: accrue(item.openMinor, days, rate) };
}

/** Interest on an account: per item and per currency (sums of the rounded item amounts). */
export interface AccountInterest {
  items: ItemInterest[];
  byCurrency: Record<string, number>;
  rate: DailyRate;
}

/** PB-16: interest on every item of an account at the account's rate (the customer override, if any). */
export function accountInterest(
  items: readonly InterestItem[],
  rate: DailyRate,
  today: string,
): AccountInterest {
  const perItem = items.map((item) => itemInterest(item, rate, today));
  return {
    items: perItem,
    byCurrency: sumByCurrency(perItem.map((i) => ({ minor: i.interestMinor, currency: i.currency }))),
    rate,
  };
}

/** PB-16: the customer's contract rate when set, otherwise the policy default. */
export function effectiveRate(policy: InterestPolicy, customerRate: string | null | undefined): DailyRate {
  return requireDailyRate(customerRate?.trim() ? customerRate : policy.ratePerDay);
}
