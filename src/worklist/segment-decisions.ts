/**
 * PB-28 at scale (issue 19): a decision taken once for a whole segment of the credit meeting's file (a
 * grade, an aging bucket, an owner) and recorded per account, in one set-based statement. It applies to
 * the accounts on the agenda when it is taken (meeting-agenda.ts: still open and over the meeting's cutoff;
 * an account paid in full since is no longer on it), in the segment as it is then (grade, aging bucket as
 * of the meeting's day, current owner), that have no row on the meeting yet: neither a reply in the thread
 * (decided one by one) nor decided already. Each gets a meeting_accounts row (not in the thread) with the
 * decision, who and when, and a snapshot of the account at the decision, and its own activity (PB-03) and
 * account_state version. Decisions already taken are never changed by a segment, so a second click, or a
 * segment overlapping an earlier one, changes nothing it already decided.
 */
import type { Knex } from 'knex';
import { agingBuckets } from '../collections/aging.ts';
import { parseInt8 } from '../db-engines.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import {
  AGENDA_FROM,
  AGENDA_WHERE,
  type AgendaDefinition,
  agendaDefinition,
  SNAPSHOT_JOINS,
  SNAPSHOT_SQL,
  snapshotReps,
} from './meeting-agenda.ts';
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

/**
 * The SQL expression of a dimension over the agenda (meeting-agenda.ts' AGENDA_FROM), as a segment's value:
 * the grade, the aging bucket's index as of the meeting's day (named bindings `:heldOn`, `:thresholds`),
 * the current owner's name; '' for none.
 */
const EXPRESSIONS: Record<SegmentDimension, string> = {
  grade: "coalesce(s.grade::text, '')",
  bucket: 'width_bucket(:heldOn::date - s.oldest_due, :thresholds::int[])::text',
  owner: "coalesce(u.display_name, '')",
};

/** The agenda's accounts with no row on the meeting yet: not a reply, not decided. */
const UNDECIDED = `NOT EXISTS (
  SELECT 1 FROM meeting_accounts ma WHERE ma.meeting_id = :meetingId AND ma.customer_id = s.customer_id)`;

const agendaBindings = (def: Pick<AgendaDefinition, 'cutoff' | 'heldOn' | 'meetingId'>) => ({
  cutoff: def.cutoff,
  heldOn: def.heldOn,
  thresholds: thresholds(),
  meetingId: def.meetingId,
});

/** One segment's accounts and open amount (their main-currency balances) in one currency. */
export interface SegmentTotal {
  dimension: SegmentDimension;
  value: string;
  currency: string;
  accounts: number;
  openMinor: number;
}

/**
 * The agenda by grade, aging bucket and owner, per main currency, computed by the database over the
 * worklist in one pass (grouping sets): every account on it (the parent's table), or only those without a
 * decision or a reply (`undecided`, the segment form).
 */
export async function segmentTotals(
  db: Knex,
  def: Pick<AgendaDefinition, 'cutoff' | 'heldOn' | 'meetingId'>,
  which: 'all' | 'undecided',
): Promise<SegmentTotal[]> {
  // Grouped by the raw columns, each group's value made text after (EXPRESSIONS' values: grade and owner
  // '' for none), not each account's: the casts cost more than the grouping at 1M accounts.
  const { rows } = (await db.raw(
    `SELECT t.dimension, t.value, t.currency, sum(t.accounts)::int AS accounts, sum(t.open_minor)::text AS open_minor
     FROM (
       SELECT CASE WHEN grouping(g.grade) = 0 THEN 'grade' WHEN grouping(g.bucket) = 0 THEN 'bucket'
                   ELSE 'owner' END AS dimension,
              CASE WHEN grouping(g.grade) = 0 THEN coalesce(g.grade::text, '')
                   WHEN grouping(g.bucket) = 0 THEN g.bucket::text
                   ELSE coalesce(g.owner, '') END AS value,
              g.currency::text AS currency, count(*) AS accounts, sum(g.open_minor) AS open_minor
       FROM (
         SELECT s.grade, width_bucket(:heldOn::date - s.oldest_due, :thresholds::int[]) AS bucket,
                u.display_name AS owner, s.main_currency AS currency, s.main_open_minor AS open_minor
         FROM ${AGENDA_FROM}
         WHERE ${AGENDA_WHERE}${which === 'undecided' ? ` AND ${UNDECIDED}` : ''}
       ) g
       GROUP BY GROUPING SETS ((g.grade, g.currency), (g.bucket, g.currency), (g.owner, g.currency))
     ) t
     GROUP BY 1, 2, 3`,
    agendaBindings(def),
  )) as {
    rows: {
      dimension: SegmentDimension;
      value: string;
      currency: string;
      accounts: number;
      open_minor: string;
    }[];
  };
  return rows.map((r) => ({
    dimension: r.dimension,
    value: r.value,
    currency: r.currency,
    accounts: Number(r.accounts),
    openMinor: parseInt8(r.open_minor),
  }));
}

/** The file's segments that still have undecided accounts, per dimension, largest first. */
export async function openSegments(db: Knex, meetingId: number): Promise<OpenSegment[]> {
  const def = await agendaDefinition(db, meetingId);
  if (!def) return [];
  const counts = new Map<string, OpenSegment>();
  for (const t of await segmentTotals(db, def, 'undecided')) {
    const key = segmentKey(t);
    const segment = counts.get(key) ?? { dimension: t.dimension, value: t.value, undecided: 0 };
    segment.undecided += t.accounts;
    counts.set(key, segment);
  }
  const rank = (d: SegmentDimension) => SEGMENT_DIMENSIONS.indexOf(d);
  return [...counts.values()].sort(
    (a, b) =>
      rank(a.dimension) - rank(b.dimension) || b.undecided - a.undecided || a.value.localeCompare(b.value),
  );
}

/** The agenda's undecided accounts in a segment, as an SQL condition with its named bindings. */
function inSegment(def: AgendaDefinition, segment: Segment) {
  return {
    sql: `${AGENDA_WHERE} AND ${UNDECIDED} AND ${EXPRESSIONS[segment.dimension]} = :value`,
    bindings: { ...agendaBindings(def), value: segment.value },
  };
}

/** How many accounts of the segment a decision would reach now. */
export async function undecidedIn(db: Knex, meetingId: number, segment: Segment): Promise<number> {
  const def = await agendaDefinition(db, meetingId);
  if (!def) return 0;
  const where = inSegment(def, segment);
  const { rows } = (await db.raw(
    `SELECT count(*)::int AS n FROM ${AGENDA_FROM} WHERE ${where.sql}`,
    where.bindings,
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
 * Records `decision` on every undecided account of the segment on the agenda now: one INSERT ... SELECT of
 * their meeting_accounts rows (with a snapshot as of the decision, days counted as of the meeting's day,
 * the last contact's day in `timeZone`), their activities and their new state versions, in the caller's
 * transaction. The meeting row is locked so two clicks take turns, and a row already there (a reply, a
 * decision) is never touched: the second click finds nothing left.
 */
export async function decideSegment(
  trx: Knex.Transaction,
  actor: Actor,
  click: { meetingId: number; segment: Segment; decision: MeetingDecision; at: Date; timeZone: string },
): Promise<Result<SegmentOutcome>> {
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return allowed;
  const meeting = await trx('meetings').where({ id: click.meetingId }).forUpdate().first('id');
  const def = meeting ? await agendaDefinition(trx, click.meetingId) : null;
  if (!def) return failSaying('not_found', 'meeting.error.noMeeting');
  const where = inSegment(def, click.segment);
  const reps = await snapshotReps(trx, where.sql, where.bindings);
  const { rows } = (await trx.raw(
    `WITH decided AS (
       INSERT INTO meeting_accounts (meeting_id, customer_id, position, snapshot, in_thread, decision,
                                     decided_by_user_id, decided_at, revision)
       SELECT :meetingId, s.customer_id, NULL, ${SNAPSHOT_SQL}, false, :decision, :userId, :at, 1
       FROM ${AGENDA_FROM}
       ${SNAPSHOT_JOINS}
       WHERE ${where.sql}
       ON CONFLICT (meeting_id, customer_id) DO NOTHING
       RETURNING customer_id
     ), history AS (
       INSERT INTO activities (customer_id, actor_user_id, platform, kind, details, created_at)
       SELECT customer_id, :userId, :platform, 'meeting_decision', :details::jsonb, :at FROM decided
     ), versions AS (
       INSERT INTO account_state (customer_id, version)
       SELECT customer_id, 1 FROM decided
       ON CONFLICT (customer_id) DO UPDATE SET version = account_state.version + 1
     )
     SELECT count(*)::int AS n FROM decided`,
    {
      ...where.bindings,
      ...reps,
      tz: click.timeZone,
      decision: click.decision,
      userId: actor.userId,
      at: click.at,
      platform: actor.platform,
      details: JSON.stringify({
        meeting: def.month,
        decision: click.decision,
        segment: segmentKey(click.segment),
      }),
    },
  )) as { rows: { n: number }[] };
  return ok({ month: def.month, decided: Number(rows[0]?.n ?? 0) });
}
