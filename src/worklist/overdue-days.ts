/**
 * PB-01: a worklist row stores the oldest due date of its account's undisputed open items (oldest_due),
 * not a day count, so it stays true as business days pass without being rewritten (issue 19). Readers
 * count the days for their own business date, and filter on the date so an index serves the filter.
 */
import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import { daysOverdue } from '../collections/aging.ts';

/** Days overdue on `today` of a row whose oldest undisputed item fell due on `oldestDue` (0 for none). */
export function rowDaysOverdue(oldestDue: string | null | undefined, today: string): number {
  return oldestDue ? daysOverdue(oldestDue, today) : 0;
}

/**
 * The latest oldest_due of a row at least `days` days overdue on `today` (days >= 1): such rows are
 * `oldest_due <= overdueCutoff(today, days)`. For "more than n days", ask for n + 1.
 */
export function overdueCutoff(today: string, days: number): string {
  return addDays(today, -Math.max(1, Math.trunc(days)));
}

/** Restricts `q` to rows of `alias` at least `days` days overdue on `today`; every row for days <= 0. */
export function whereOverdueAtLeast(q: Knex.QueryBuilder, alias: string, today: string, days: number): void {
  if (days > 0) q.where(`${alias}.oldest_due`, '<=', overdueCutoff(today, days));
}
