/**
 * PB-13, 7-7-7: first contact within 7 days of the due date, 7 contact attempts within 7 weeks, resolved
 * within 7 months. Counted from the oldest overdue due date of the account, over the contact attempts on
 * record (letters that went out, logged calls, visits and e-mails), so the card can show where the account
 * stands against each.
 */
import { addDays, daysBetween, subtractMonths } from './dates.ts';

/** The three sevens (defaults of the playbook). */
export interface SevenSevenSevenPolicy {
  firstContactDays: number;
  attempts: number;
  weeks: number;
  months: number;
}

/** PB-13 defaults. */
export const defaultSevenSevenSeven: SevenSevenSevenPolicy = {
  firstContactDays: 7,
  attempts: 7,
  weeks: 7,
  months: 7,
};

/** Where an account stands against 7-7-7. */
export interface SevenSevenSeven {
  /** The oldest overdue due date everything counts from. */
  since: string;
  /** Days from it to the first contact, or null when there was none yet. */
  firstContactDay: number | null;
  /** The first contact came late (or is late now). */
  firstContactLate: boolean;
  /** Attempts within the first `weeks` weeks. */
  attempts: number;
  /** The weeks are over, or still running, with fewer attempts than wanted. */
  attemptsShort: boolean;
  /** The day by which the account should be resolved. */
  resolveBy: string;
  /** Days of age (since the due date) and of the allowed span. */
  ageDays: number;
  allowedDays: number;
  /** One line for the card. */
  text: string;
}

/**
 * PB-13 for an account whose oldest overdue due date is `since` (null: nothing overdue, nothing to count),
 * given the days contact was attempted (any order, duplicates are separate attempts).
 */
export function sevenSevenSeven(
  since: string | null,
  contactDays: readonly string[],
  today: string,
  policy: SevenSevenSevenPolicy = defaultSevenSevenSeven,
): SevenSevenSeven | null {
  if (since === null || since >= today) return null;
  const after = [...contactDays].filter((d) => d >= since).sort();
  const first = after[0];
  const firstContactDay = first === undefined ? null : daysBetween(since, first);
  const ageDays = daysBetween(since, today);
  const firstContactLate =
    firstContactDay === null ? ageDays > policy.firstContactDays : firstContactDay > policy.firstContactDays;
  const windowEnd = addDays(since, policy.weeks * 7);
  const attempts = after.filter((d) => d < windowEnd).length;
  const windowOver = today >= windowEnd;
  const attemptsShort = windowOver && attempts < policy.attempts;
  const resolveBy = subtractMonths(since, -policy.months);
  const allowedDays = daysBetween(since, resolveBy);
  const first7 =
    firstContactDay === null
      ? `no contact yet${firstContactLate ? ` (due within ${policy.firstContactDays} days)` : ''}`
      : `first contact on day ${firstContactDay}${firstContactLate ? ` (late: within ${policy.firstContactDays})` : ''}`;
  const week = Math.min(policy.weeks, Math.floor(ageDays / 7) + 1);
  const tries = windowOver
    ? `${attempts} of ${policy.attempts} attempts in ${policy.weeks} weeks${attemptsShort ? ' (short)' : ''}`
    : `${attempts} of ${policy.attempts} attempts, week ${week} of ${policy.weeks}`;
  const resolve =
    today > resolveBy
      ? `unresolved ${ageDays - allowedDays} days past ${policy.months} months (${resolveBy})`
      : `day ${ageDays} of ${allowedDays} to resolve (${policy.months} months, by ${resolveBy})`;
  return {
    since,
    firstContactDay,
    firstContactLate,
    attempts,
    attemptsShort,
    resolveBy,
    ageDays,
    allowedDays,
    text: `7-7-7 (PB-13): ${first7} · ${tries} · ${resolve}`,
  };
}
