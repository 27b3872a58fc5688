/**
 * PB-28 at scale (issue 19): a decision taken once for a whole segment of the credit meeting's file (a
 * grade, an aging bucket, an owner) and recorded per account, in one set-based statement: every account
 * of the segment that is in the file (not a reply in the thread, which is decided one by one) and has no
 * decision yet gets it, with who and when, as its own activity (PB-03). Decisions already taken stay, so
 * a second click, or a segment overlapping an earlier one, changes nothing it already decided.
 */
import type { Knex } from 'knex';
import { agingBuckets } from '../collections/aging.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { DECIDING_ROLES, type MeetingDecision } from './meeting-decisions.ts';
import { type Actor, requireRole } from './staff.ts';

/** Which dimension a segment cuts by. */
export const SEGMENT_DIMENSIONS = ['grade', 'bucket', 'owner'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** A segment as a ref carries it: `grade:C`, `bucket:3`, `owner:Ann Lee`, `owner:` (unclaimed). */
export interface Segment {
  dimension: SegmentDimension;
  /** The grade, the bucket's index (aging.ts), the owner's name; '' for none / unclaimed. */
  value: string;
}

/** The segment's text form (the ref's query). */
export const segmentKey = (s: Segment) => `${s.dimension}:${s.value}`;

/** Reads `grade:C` back; null for anything else. */
export function parseSegment(text: string | undefined): Segment | null {
  const at = (text ?? '').indexOf(':');
  if (at < 0) return null;
  const dimension = (text ?? '').slice(0, at);
  const value = (text ?? '').slice(at + 1);
  if (!(SEGMENT_DIMENSIONS as readonly string[]).includes(dimension)) return null;
  if (dimension === 'bucket' && !/^\d{1,2}$/.test(value)) return null;
  if (value.length > 60) return null;
  return { dimension: dimension as SegmentDimension, value };
}

/** One segment of the file with the accounts in it that have no decision yet. */
export interface OpenSegment extends Segment {
  undecided: number;
}

const thresholds = () =>
  agingBuckets()
    .slice(1)
    .map((b) => b.fromDays);

/** The SQL expression of a dimension over meeting_accounts' snapshot. */
const EXPRESSIONS: Record<SegmentDimension, string> = {
  grade: "coalesce(snapshot->>'grade', '')",
  bucket: "width_bucket((snapshot->>'daysOverdue')::int, ?::int[])::text",
  owner: "coalesce(snapshot->>'owner', '')",
};

function where(segment: Segment): { sql: string; bindings: Knex.RawBinding[] } {
  const expression = EXPRESSIONS[segment.dimension];
  return {
    sql: `${expression} = ?`,
    bindings: segment.dimension === 'bucket' ? [thresholds(), segment.value] : [segment.value],
  };
}

/** The file's segments that still have undecided accounts, per dimension, largest first. */
export async function openSegments(db: Knex, meetingId: number): Promise<OpenSegment[]> {
  const { rows } = (await db.raw(
    `SELECT g.dimension, g.value, count(*)::int AS undecided
     FROM meeting_accounts
     CROSS JOIN LATERAL (VALUES ('grade', ${EXPRESSIONS.grade}), ('bucket', ${EXPRESSIONS.bucket}),
                                ('owner', ${EXPRESSIONS.owner})) AS g(dimension, value)
     WHERE meeting_id = ? AND NOT in_thread AND decision IS NULL
     GROUP BY g.dimension, g.value
     ORDER BY g.dimension, count(*) DESC, g.value`,
    [thresholds(), meetingId],
  )) as { rows: { dimension: SegmentDimension; value: string; undecided: number }[] };
  return rows.map((r) => ({ dimension: r.dimension, value: r.value, undecided: Number(r.undecided) }));
}

/** How many accounts of the segment a decision would reach now. */
export async function undecidedIn(db: Knex, meetingId: number, segment: Segment): Promise<number> {
  const w = where(segment);
  const { rows } = (await db.raw(
    `SELECT count(*)::int AS n FROM meeting_accounts
     WHERE meeting_id = ? AND NOT in_thread AND decision IS NULL AND ${w.sql}`,
    [meetingId, ...w.bindings],
  )) as { rows: { n: number }[] };
  return Number(rows[0]?.n ?? 0);
}

/** What a segment decision did. */
export interface SegmentOutcome {
  month: string;
  /** Accounts that got the decision now (0: nothing was left undecided). */
  decided: number;
}

/**
 * Records `decision` on every undecided file account of the segment, each with its activity and a new
 * state version, in one transaction; the meeting row is locked so two clicks take turns.
 */
export async function decideSegment(
  trx: Knex.Transaction,
  actor: Actor,
  click: { meetingId: number; segment: Segment; decision: MeetingDecision; at: Date },
): Promise<Result<SegmentOutcome>> {
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return allowed;
  const meeting = await trx('meetings').where({ id: click.meetingId }).forUpdate().first('id', 'month');
  if (!meeting) return failSaying('not_found', 'meeting.error.noMeeting');
  const w = where(click.segment);
  const { rows } = (await trx.raw(
    `WITH decided AS (
       UPDATE meeting_accounts
       SET decision = ?, decided_by_user_id = ?, decided_at = ?, previous_decision = NULL,
           previous_by_user_id = NULL, revision = revision + 1
       WHERE meeting_id = ? AND NOT in_thread AND decision IS NULL AND ${w.sql}
       RETURNING customer_id
     ), history AS (
       INSERT INTO activities (customer_id, actor_user_id, platform, kind, details, created_at)
       SELECT customer_id, ?, ?, 'meeting_decision', ?::jsonb, ? FROM decided
     ), versions AS (
       INSERT INTO account_state (customer_id, version)
       SELECT customer_id, 1 FROM decided
       ON CONFLICT (customer_id) DO UPDATE SET version = account_state.version + 1
     )
     SELECT count(*)::int AS n FROM decided`,
    [
      click.decision,
      actor.userId,
      click.at,
      click.meetingId,
      ...w.bindings,
      actor.userId,
      actor.platform,
      JSON.stringify({
        meeting: String(meeting.month),
        decision: click.decision,
        segment: segmentKey(click.segment),
      }),
      click.at,
    ],
  )) as { rows: { n: number }[] };
  return ok({ month: String(meeting.month), decided: Number(rows[0]?.n ?? 0) });
}
