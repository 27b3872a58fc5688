/**
 * PB-26: each owner updates the status of their accounts every day (promised on <date>, follow up because
 * <reason>). The accounts someone owns that have had no update for a set number of working days are the
 * ones they should look at first; their daily list and their own worklist name them.
 */
import type { Knex } from 'knex';
import { type WorkingCalendar, workingDaysBetween } from '../collections/dates.ts';

/** An owned account with nothing new from a person for too long. */
export interface QuietAccount {
  accountId: number;
  name: string;
  /** The business date of the last status update (or of the claim, when none came since). */
  since: string;
  /** Working days since then, up to today. */
  workingDays: number;
}

/** What counts as quiet: no update for `afterWorkingDays` working days (0: nothing is ever quiet). */
export interface QuietRule {
  afterWorkingDays: number;
  calendar: WorkingCalendar;
  timeZone: string;
}

/**
 * Activities that are not a status update: who owns the account, roles, and what duebot itself wrote
 * (those have no actor and are left out anyway).
 */
export const NOT_AN_UPDATE = ['claimed', 'released', 'reassigned', 'role_changed', 'owner_told'];

/**
 * The accounts `userId` owns with open items and no status update by anyone for `afterWorkingDays` working
 * days or more, the longest quiet first. The clock starts at the newer of the last update and the claim.
 */
export async function quietAccounts(
  db: Knex,
  userId: number,
  today: string,
  rule: QuietRule,
  limit = 20,
): Promise<QuietAccount[]> {
  if (rule.afterWorkingDays <= 0) return [];
  const rows = await db('claims as cl')
    .join('customers as c', 'c.id', 'cl.customer_id')
    .where('cl.user_id', userId)
    .whereNull('cl.released_at')
    .whereExists(
      db('open_items').whereRaw('open_items.customer_id = c.id').where('open_items.status', 'open'),
    )
    .select(
      'c.id',
      'c.name',
      db.raw(
        `(greatest(cl.claimed_at, (
            SELECT max(a.created_at) FROM activities a
            WHERE a.customer_id = c.id AND a.actor_user_id IS NOT NULL
              AND a.kind NOT IN (${NOT_AN_UPDATE.map(() => '?').join(', ')})
          )) at time zone ?)::date::text AS since`,
        [...NOT_AN_UPDATE, rule.timeZone],
      ),
    );
  return rows
    .map((r) => {
      const since = String(r.since).slice(0, 10);
      return {
        accountId: Number(r.id),
        name: String(r.name),
        since,
        workingDays: since < today ? workingDaysBetween(since, today, rule.calendar) : 0,
      };
    })
    .filter((q) => q.workingDays >= rule.afterWorkingDays)
    .sort((a, b) => b.workingDays - a.workingDays || a.accountId - b.accountId)
    .slice(0, limit);
}
