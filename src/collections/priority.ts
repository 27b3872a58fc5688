/**
 * Priority by expected recovery (PB-08): balance x likelihood of recovery (age, grade, broken promises)
 * minus the cost of working the account; the 30-45 day window and key accounts (PB-06) rank up, tiny
 * balances rank down.
 *
 * Balances in several currencies are converted to one base currency with `rates` for ranking only: a
 * currency missing from the table counts 1:1 (documented default), and no displayed total is ever converted.
 */
import { shortDate } from './dates.ts';
import type { Grade } from './grade.ts';
import { currencyDigits, formatMoneyWhole, totalsAsList } from './money.ts';

/** PB-08 weights; every number is configuration. */
export interface PriorityPolicy {
  /** The currency scores are expressed in. */
  baseCurrency: string;
  /** Base-currency units per one unit of each currency, for ranking only; missing means 1:1. */
  rates: Readonly<Record<string, number>>;
  /** Likelihood of recovery by the oldest overdue days: the first row with `upToDays` >= days applies. */
  likelihoodByAge: readonly { upToDays: number; likelihood: number }[];
  /** Multiplier by grade; ungraded accounts count as B. */
  gradeFactor: Readonly<Record<Grade, number>>;
  /** Each missed promise multiplies the likelihood by this ... */
  brokenPromiseFactor: number;
  /** ... down to this floor. */
  brokenPromiseFloor: number;
  /** PB-06: the best-odds window, ranked up by `windowBoost`. */
  window: { fromDays: number; toDays: number };
  windowBoost: number;
  /** PB-06: key accounts ranked up by this. */
  keyAccountBoost: number;
  /** Balances under this (base major units) rank down by `tinyFactor`. */
  tinyBalanceMajor: number;
  tinyFactor: number;
  /** Cost of working an account through the ladder, in base major units. */
  costOfWorkingMajor: number;
}

/** Defaults: recovery odds fall sharply after 90 days (PB-06). */
export const defaultPriorityPolicy: PriorityPolicy = {
  baseCurrency: 'CNY',
  rates: {},
  likelihoodByAge: [
    { upToDays: 0, likelihood: 0.98 },
    { upToDays: 30, likelihood: 0.9 },
    { upToDays: 45, likelihood: 0.85 },
    { upToDays: 90, likelihood: 0.7 },
    { upToDays: 180, likelihood: 0.4 },
    { upToDays: 365, likelihood: 0.2 },
    { upToDays: Number.POSITIVE_INFINITY, likelihood: 0.1 },
  ],
  gradeFactor: { A: 1, B: 0.9, C: 0.75 },
  brokenPromiseFactor: 0.8,
  brokenPromiseFloor: 0.3,
  window: { fromDays: 30, toDays: 45 },
  windowBoost: 1.25,
  keyAccountBoost: 1.2,
  tinyBalanceMajor: 1_000,
  tinyFactor: 0.25,
  costOfWorkingMajor: 200,
};

/** What priority needs about an account. */
export interface PriorityInput {
  /** Chased open balance per currency (minor units). */
  openByCurrency: Readonly<Record<string, number>>;
  maxDaysOverdue: number;
  grade: Grade | null;
  keyAccount: boolean;
  /** Dates of missed promises to pay (PB-20), any order. */
  brokenPromiseDates: readonly string[];
}

/**
 * What the explanation of a priority is made of besides the days overdue, the grade and key-account status
 * (stored beside it): the worklist stores these parts, not a sentence, so a view says it in the reader's
 * language and the day count in it never goes stale (PB-01).
 */
export interface PriorityReasons {
  /** The chased open balance per currency (minor units), nonzero ones only. */
  open: Record<string, number>;
  /** Missed promises (PB-20) and the date of the last one. */
  missed: number;
  lastMissed: string | null;
  /** PB-06: in the best-odds window. */
  window: boolean;
  /** Below the tiny-balance line. */
  tiny: boolean;
}

/** A score to sort by (higher first), the line that explains it (English, for logs) and its parts. */
export interface Priority {
  score: number;
  likelihood: number;
  balanceBase: number;
  explanation: string;
  reasons: PriorityReasons;
}

/** The balance in base major units: each currency x its rate (1 when the table lacks it). */
export function toBase(openByCurrency: Readonly<Record<string, number>>, policy: PriorityPolicy): number {
  let sum = 0;
  for (const { currency, minor } of totalsAsList({ ...openByCurrency })) {
    const rate = currency === policy.baseCurrency ? 1 : (policy.rates[currency] ?? 1);
    sum += (minor / 10 ** currencyDigits(currency)) * rate;
  }
  return sum;
}

/** PB-08: likelihood of recovery from age, grade and broken promises, between 0 and 1. */
export function recoveryLikelihood(
  input: Pick<PriorityInput, 'maxDaysOverdue' | 'grade' | 'brokenPromiseDates'>,
  policy: PriorityPolicy = defaultPriorityPolicy,
): number {
  const byAge =
    policy.likelihoodByAge.find((row) => input.maxDaysOverdue <= row.upToDays)?.likelihood ??
    policy.likelihoodByAge[policy.likelihoodByAge.length - 1]?.likelihood ??
    1;
  const grade = policy.gradeFactor[input.grade ?? 'B'];
  const promises = Math.max(
    policy.brokenPromiseFloor,
    policy.brokenPromiseFactor ** input.brokenPromiseDates.length,
  );
  return Math.min(1, Math.max(0, byAge * grade * promises));
}

/** PB-08: expected recovery minus the cost of working, with the PB-06 boosts; and a one-line explanation. */
export function priorityOf(input: PriorityInput, policy: PriorityPolicy = defaultPriorityPolicy): Priority {
  const balanceBase = toBase(input.openByCurrency, policy);
  const likelihood = recoveryLikelihood(input, policy);
  const inWindow =
    input.maxDaysOverdue >= policy.window.fromDays && input.maxDaysOverdue <= policy.window.toDays;
  const tiny = balanceBase < policy.tinyBalanceMajor;
  let expected = balanceBase * likelihood;
  if (inWindow) expected *= policy.windowBoost;
  if (input.keyAccount) expected *= policy.keyAccountBoost;
  if (tiny) expected *= policy.tinyFactor;
  const score = Math.round((expected - policy.costOfWorkingMajor) * 100) / 100;

  const amounts = totalsAsList({ ...input.openByCurrency })
    .filter((m) => m.minor !== 0)
    .map((m) => formatMoneyWhole(m));
  const parts = [`${amounts.length > 0 ? amounts.join(' + ') : 'nothing'} open`];
  parts.push(`${input.maxDaysOverdue} day${input.maxDaysOverdue === 1 ? '' : 's'}`);
  if (input.grade) parts.push(`grade ${input.grade}`);
  const lastMissed = [...input.brokenPromiseDates].sort().at(-1);
  if (lastMissed) {
    const more = input.brokenPromiseDates.length - 1;
    parts.push(`missed promise ${shortDate(lastMissed)}${more > 0 ? ` (+${more} earlier)` : ''}`);
  }
  if (input.keyAccount) parts.push('key account');
  if (inWindow) parts.push('best-odds window');
  if (tiny) parts.push('small balance');
  const reasons: PriorityReasons = {
    open: Object.fromEntries(
      totalsAsList({ ...input.openByCurrency })
        .filter((m) => m.minor !== 0)
        .map((m) => [m.currency, m.minor]),
    ),
    missed: input.brokenPromiseDates.length,
    lastMissed: lastMissed ?? null,
    window: inWindow,
    tiny,
  };
  return { score, likelihood, balanceBase, explanation: parts.join(', '), reasons };
}
