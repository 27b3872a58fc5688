/**
 * PB-28 at scale (issue 19): a credit meeting's agenda is a definition stored on its meetings row, read
 * from the worklist (account_summary, kept current by each sync) whenever it is needed, not a row per
 * account. Opening a meeting stores the definition and rows (with snapshots) only for the accounts posted as
 * replies in the thread; the file of the others, the parent's segment table, the chart and the decisions by
 * segment all read the worklist by the same definition:
 * - on the agenda: accounts whose oldest undisputed due date (PB-01) is on or before `cutoff`, i.e. more
 *   than DUEBOT_MEETING_MIN_DAYS days overdue on the meeting's day (`held_on`); an account paid in full
 *   since leaves the worklist and so the agenda;
 * - in order: by expected recovery (PB-08, the worklist's priority), worth most first, when the agenda was
 *   over DUEBOT_MEETING_REPLIES accounts; else by oldest due date, most overdue first;
 * - days overdue counted as of `held_on`, whenever they are read.
 * A meeting_accounts row is an account in the thread (`in_thread`) or an account decided from the file by
 * segment (with the snapshot the decision saw).
 */
import type { Knex } from 'knex';
import { salesRepMentions } from '../jobs/sales-rep.ts';

/** The order of an agenda: worth most first (over the reply limit), or most overdue first. */
export const AGENDA_ORDERS = ['recovery', 'oldest-due'] as const;
export type AgendaOrder = (typeof AGENDA_ORDERS)[number];

/** What a meeting's agenda is, as stored on its row when it opened. */
export interface AgendaDefinition {
  meetingId: number;
  month: string;
  /** The meeting's day: days overdue are counted as of it. */
  heldOn: string;
  /** Accounts with their oldest undisputed due date on or before it are on the agenda. */
  cutoff: string;
  order: AgendaOrder;
  /** Accounts on the agenda when it opened. */
  accounts: number;
  /** Of them, the ones posted as replies (positions 1 to `replies`). */
  replies: number;
}

/** The stored definition of a meeting's agenda; null when there is no such meeting. */
export async function agendaDefinition(db: Knex, meetingId: number): Promise<AgendaDefinition | null> {
  const row = await db('meetings')
    .where({ id: meetingId })
    .first('id', 'month', 'held_on', 'cutoff', 'agenda_order', 'accounts', 'replies');
  if (!row) return null;
  return {
    meetingId: Number(row.id),
    month: String(row.month),
    heldOn: String(row.held_on),
    cutoff: String(row.cutoff),
    order: row.agenda_order as AgendaOrder,
    accounts: Number(row.accounts),
    replies: Number(row.replies),
  };
}

/**
 * The worklist with each account's current owner (an active claim, `u`): what the agenda's segments cut by.
 * Filter it with AGENDA_WHERE.
 */
export const AGENDA_FROM = `account_summary s
  LEFT JOIN claims cl ON cl.customer_id = s.customer_id AND cl.released_at IS NULL
  LEFT JOIN users u ON u.id = cl.user_id`;

/** On the agenda (named binding `:cutoff`). */
export const AGENDA_WHERE = 's.oldest_due <= :cutoff::date';

/** The agenda's order, ties broken by account. */
export const agendaOrderBy = (order: AgendaOrder): string =>
  order === 'recovery' ? 's.priority DESC, s.customer_id' : 's.oldest_due, s.customer_id';

/**
 * An account as its reply and the file show it (meeting-decisions' MeetingAccount), built by the database
 * over AGENDA_FROM and SNAPSHOT_JOINS. Named bindings: `:heldOn` (days overdue as of it), `:tz` (the last
 * contact's calendar day).
 */
export const SNAPSHOT_SQL = `jsonb_build_object(
    'accountId', s.customer_id, 'name', c.name, 'owner', u.display_name,
    'salesRep', CASE WHEN c.sales_rep IS NULL THEN NULL ELSE coalesce(r.shown, c.sales_rep) END,
    'openByCurrency', s.open_by_currency, 'mainCurrency', s.main_currency,
    'daysOverdue', :heldOn::date - s.oldest_due, 'ladderStep', s.ladder_step, 'nextAction', s.next_action,
    'lastContact', to_char(st.last_contact_at AT TIME ZONE :tz, 'YYYY-MM-DD'),
    'grade', s.grade, 'expectedRecovery', s.priority
  )`;

/**
 * The joins SNAPSHOT_SQL needs beyond AGENDA_FROM: the customer `c`, its state `st` and its sales rep's
 * mention `r(name, shown)` (named bindings `:repNames`, `:repShown`, see snapshotReps).
 */
export const SNAPSHOT_JOINS = `JOIN customers c ON c.id = s.customer_id
  LEFT JOIN account_state st ON st.customer_id = s.customer_id
  LEFT JOIN unnest(:repNames::text[], :repShown::text[]) AS r(name, shown) ON r.name = c.sales_rep`;

/**
 * The bindings of SNAPSHOT_JOINS: each sales rep of the agenda's accounts picked by `where` (an SQL
 * condition over AGENDA_FROM with its own named bindings) as a mention when they are staff.
 */
export async function snapshotReps(
  db: Knex,
  where: string,
  bindings: Record<string, Knex.Value>,
): Promise<{ repNames: string[]; repShown: string[] }> {
  const { rows } = (await db.raw(
    `SELECT DISTINCT c.sales_rep FROM ${AGENDA_FROM} JOIN customers c ON c.id = s.customer_id
     WHERE ${where} AND c.sales_rep IS NOT NULL`,
    bindings,
  )) as { rows: { sales_rep: string }[] };
  const reps = await salesRepMentions(
    db,
    rows.map((r) => r.sales_rep),
  );
  return { repNames: [...reps.keys()], repShown: [...reps.values()] };
}
