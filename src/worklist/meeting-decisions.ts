/**
 * PB-28: what an account leaves the credit meeting with. One decision per (meeting, account), with who
 * took it and when. A later decision by anyone replaces it as a recorded change naming both people: the
 * row keeps the previous decision and decider, and each decision is an activity (PB-03). A click drawn
 * before the last decision (its revision) changes nothing, so a double click or two people clicking at
 * once take effect once.
 */
import type { Knex } from 'knex';
import type { NextStepNote } from '../collections/ladder.ts';
import { recordActivity } from './activity.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** PB-28: the actions an account can leave the meeting with. */
export const MEETING_DECISIONS = [
  'keep_working',
  'payment_plan',
  'credit_hold',
  'lawyer_letter',
  'agency',
] as const;

/** One of MEETING_DECISIONS. */
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];

/** The decision as carried in a ref (dashes), and back. */
export const decisionSlug = (d: MeetingDecision) => d.replace(/_/g, '-');
/** Reads a decision from a ref; null for anything else. */
export function decisionFromSlug(slug: string | undefined): MeetingDecision | null {
  const d = (slug ?? '').replace(/-/g, '_');
  return (MEETING_DECISIONS as readonly string[]).includes(d) ? (d as MeetingDecision) : null;
}

/** An account on the meeting as it stood when the meeting opened. */
export interface MeetingAccount {
  accountId: number;
  name: string;
  owner: string | null;
  /** Mention markup or the ledger's name (see salesRepMentions); null when none. */
  salesRep: string | null;
  openByCurrency: Record<string, number>;
  mainCurrency: string | null;
  daysOverdue: number;
  ladderStep: string | null;
  /** The worklist's note when the meeting opened (a meeting opened before notes were kept: its text). */
  nextAction: NextStepNote | string | null;
  /** 'YYYY-MM-DD' of the last contact, or null. */
  lastContact: string | null;
  /** PB-09 grade when the meeting opened (absent on meetings opened before it was recorded). */
  grade?: string | null;
  /** PB-08 expected recovery, the worklist's priority (absent on meetings opened before it was recorded). */
  expectedRecovery?: number;
}

/** One account of a meeting with its decision so far. */
export interface MeetingAccountRow {
  meetingId: number;
  month: string;
  accountId: number;
  postKey: string;
  meetingPostKey: string;
  /** Place on the agenda, 1-based, of a reply in the thread; null for an account decided by segment. */
  position: number | null;
  account: MeetingAccount;
  decision: MeetingDecision | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  previousDecision: MeetingDecision | null;
  previousBy: string | null;
  revision: number;
}

/** What a click did. */
export type DecisionOutcome =
  | { kind: 'recorded'; row: MeetingAccountRow; allDecided: boolean }
  | { kind: 'unchanged'; row: MeetingAccountRow }
  | { kind: 'stale'; row: MeetingAccountRow };

/** Sales and finance both decide (PB-28); viewers follow along. */
export const DECIDING_ROLES = ['collector', 'manager', 'sales'] as const;

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The meeting's accounts in agenda order: one account, or the ones with a reply in the thread ('thread':
 * at most DUEBOT_MEETING_REPLIES however large the agenda).
 */
export async function meetingAccounts(
  db: Knex,
  meetingId: number,
  which: number | 'thread',
): Promise<MeetingAccountRow[]> {
  const q = db('meeting_accounts as ma')
    .join('meetings as m', 'm.id', 'ma.meeting_id')
    .leftJoin('users as d', 'd.id', 'ma.decided_by_user_id')
    .leftJoin('users as p', 'p.id', 'ma.previous_by_user_id')
    .where('ma.meeting_id', meetingId)
    .orderBy('ma.position')
    .select(
      'ma.meeting_id',
      'm.month',
      'm.post_key as meeting_post_key',
      'ma.customer_id',
      // The reply's key: the meeting's and the account (unique as they are), not stored per account.
      db.raw("m.post_key || ':account:' || ma.customer_id AS post_key"),
      'ma.position',
      'ma.snapshot',
      'ma.decision',
      'd.display_name as decided_by',
      'ma.decided_at',
      'ma.previous_decision',
      'p.display_name as previous_by',
      'ma.revision',
    );
  if (which === 'thread') q.where('ma.in_thread', true);
  else q.where('ma.customer_id', which);
  const rows: Record<string, unknown>[] = await q;
  return rows.map((r) => ({
    meetingId: Number(r.meeting_id),
    month: String(r.month),
    accountId: Number(r.customer_id),
    postKey: String(r.post_key),
    position: r.position === null ? null : Number(r.position),
    meetingPostKey: String(r.meeting_post_key),
    account: parse(r.snapshot) as MeetingAccount,
    decision: (r.decision ?? null) as MeetingDecision | null,
    decidedBy: r.decided_by === null ? null : String(r.decided_by),
    decidedAt: r.decided_at === null ? null : new Date(String(r.decided_at)),
    previousDecision: (r.previous_decision ?? null) as MeetingDecision | null,
    previousBy: r.previous_by === null ? null : String(r.previous_by),
    revision: Number(r.revision),
  }));
}

/**
 * Records `decision` on an account of a meeting, if the click saw the current revision. Call inside a
 * transaction (the caller enqueues the summary in the same one). `allDecided` is true for exactly one
 * decision: the one that completed the meeting (the meeting's summary_at is set once).
 */
export async function recordDecision(
  trx: Knex.Transaction,
  actor: Actor,
  click: { meetingId: number; accountId: number; decision: MeetingDecision; revision: number; at: Date },
): Promise<Result<DecisionOutcome>> {
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return allowed;
  // Decisions of one meeting take turns, so the one that completes the meeting sees all the others.
  const meeting = await trx('meetings').where({ id: click.meetingId }).forUpdate().first('id');
  if (!meeting) return failSaying('not_found', 'meeting.error.noMeeting');
  const [current] = await meetingAccounts(trx, click.meetingId, click.accountId);
  if (!current) return failSaying('not_found', 'meeting.error.notOnMeeting');
  if (current.revision !== click.revision) return ok({ kind: 'stale', row: current });
  if (current.decision === click.decision) return ok({ kind: 'unchanged', row: current });
  const updated = await trx('meeting_accounts')
    .where({ meeting_id: click.meetingId, customer_id: click.accountId, revision: click.revision })
    .update({
      decision: click.decision,
      decided_by_user_id: actor.userId,
      decided_at: click.at,
      previous_decision: trx.ref('decision'),
      previous_by_user_id: trx.ref('decided_by_user_id'),
      revision: click.revision + 1,
    })
    .returning('revision');
  const [after] = await meetingAccounts(trx, click.meetingId, click.accountId);
  if (!after) return failSaying('not_found', 'meeting.error.notOnMeeting');
  if (updated.length === 0) return ok({ kind: 'stale', row: after });
  await recordActivity(trx, {
    accountId: click.accountId,
    actor,
    kind: 'meeting_decision',
    details: {
      meeting: after.month,
      decision: click.decision,
      ...(after.previousDecision ? { previous: after.previousDecision, previousBy: after.previousBy } : {}),
    },
  });
  const done = await trx('meetings')
    .where({ id: click.meetingId })
    .whereNull('summary_at')
    .whereNotExists(
      trx('meeting_accounts').where({ meeting_id: click.meetingId, in_thread: true }).whereNull('decision'),
    )
    .update({ summary_at: click.at })
    .returning('id');
  return ok({ kind: 'recorded', row: after, allDecided: done.length > 0 });
}
