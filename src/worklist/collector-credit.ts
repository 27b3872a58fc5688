/**
 * PB-29: recovered amounts are credited to the collector who owned the account when the money came in.
 * An invoice counts as recovered on the day the ledger shows it settled; the credit goes to whoever held
 * the claim at that moment (none: "nobody owned it"). Items settled more than 90 days after their due date
 * make up the bonus base (the playbook's example: 1% on items over 90 days).
 */
import type { Knex } from 'knex';
import { monthRange, nextMonth } from '../collections/dates.ts';
import { currencyCode } from '../collections/money.ts';

/**
 * PB-29: settled more than this many days past due, an item counts toward the bonus base (the playbook's 90;
 * the policy file's collectorCredit.bonusAfterDays).
 */
export const BONUS_AFTER_DAYS = 90;

/** One collector's credit for a month, per currency. */
export interface CollectorCredit {
  userId: number | null;
  /** The collector's name, or null when nobody owned the account when the money came in. */
  collector: string | null;
  currency: string;
  items: number;
  recoveredMinor: number;
  /** PB-29: the part settled more than `bonusAfterDays` (90) days past its due date. */
  bonusBaseMinor: number;
  bonusItems: number;
}

/** The month's credits (YYYY-MM, in the business time zone), by collector (nobody last) and currency. */
export async function collectorCredits(
  db: Knex,
  month: string,
  timeZone: string,
  bonusAfterDays = BONUS_AFTER_DAYS,
): Promise<CollectorCredit[]> {
  const { first } = monthRange(month);
  const end = `${nextMonth(month)}-01`;
  const result = await db.raw(
    `SELECT o.user_id, u.display_name, i.currency,
            count(*)::int AS items,
            sum(i.total_minor)::text AS recovered,
            coalesce(sum(i.total_minor) FILTER (WHERE paid - i.due_date > ?), 0)::text AS bonus,
            count(*) FILTER (WHERE paid - i.due_date > ?)::int AS bonus_items
     FROM (SELECT *, (settled_at AT TIME ZONE ?)::date AS paid FROM open_items WHERE status = 'settled') i
     LEFT JOIN claims o ON o.customer_id = i.customer_id
       AND o.claimed_at <= i.settled_at AND (o.released_at IS NULL OR o.released_at > i.settled_at)
     LEFT JOIN users u ON u.id = o.user_id
     WHERE i.paid >= ?::date AND i.paid < ?::date
     GROUP BY o.user_id, u.display_name, i.currency
     ORDER BY (o.user_id IS NULL), u.display_name, i.currency`,
    [bonusAfterDays, bonusAfterDays, timeZone, first, end],
  );
  return (result.rows as Record<string, unknown>[]).map((r) => ({
    userId: r.user_id === null ? null : Number(r.user_id),
    collector: r.display_name === null ? null : String(r.display_name),
    currency: currencyCode(r.currency),
    items: Number(r.items),
    recoveredMinor: Number(r.recovered),
    bonusBaseMinor: Number(r.bonus),
    bonusItems: Number(r.bonus_items),
  }));
}
