/**
 * PB-28: the monthly credit meeting of finance and sales on every account over 30 days. Opening it fixes
 * the agenda as a definition on the meeting's row (unique per month; worklist/meeting-agenda.ts: the cutoff
 * date, the order, the counts) and a meeting_accounts row only for each account posted as a reply, then
 * posts a parent message with the figures, the aging chart and (over DUEBOT_MEETING_REPLIES accounts) the
 * agenda by segment and its file, and one reply per account in the thread with decision buttons. Opening
 * the same month again finds the meeting and posts nothing.
 */
import type { Knex } from 'knex';
import { agingBuckets, type CurrencyAging, defaultAgingPolicy } from '../collections/aging.ts';
import { monthOf, monthRange, nextWorkingDay, workingDaysBetween } from '../collections/dates.ts';
import {
  COUNTBACK_MONTHS,
  metricDates,
  metricSalesMonths,
  monthlyMetricsFrom,
  monthsBefore,
  type ReceivablesSource,
} from '../collections/receivables-metrics.ts';
import { agingTotals, receivableFigures } from '../ledger/receivable-aggregates.ts';
import { parseJson } from '../outbox/payload.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import {
  type AgendaSegment,
  type AgendaSegments,
  type CurrencyFigures,
  meetingAccountView,
  meetingParentView,
} from '../views/meeting.ts';
import type { GeneratedFile } from '../views/model.ts';
import type { MeetingAccount } from '../worklist/meeting-decisions.ts';
import {
  AGENDA_FROM,
  AGENDA_WHERE,
  type AgendaDefinition,
  type AgendaOrder,
  agendaOrderBy,
  SNAPSHOT_JOINS,
  SNAPSHOT_SQL,
  snapshotReps,
} from '../worklist/meeting-agenda.ts';
import { overdueCutoff } from '../worklist/overdue-days.ts';
import { type SegmentTotal, segmentTotals } from '../worklist/segment-decisions.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { Job } from './job.ts';
import { monthlyPeriod } from './periods.ts';
import { DEFAULT_MEETING_REPLIES, type JobSettings, type MeetingSettings } from './settings.ts';

/**
 * What opening a meeting needs. The agenda comes from the assessed worklist (account_summary), which each
 * sync and each worklist change keep current; the meeting never reassesses it (a caught-up run would do so
 * as of an earlier day).
 */
export interface MeetingContext {
  db: Knex;
  today: string;
  timeZone: string;
  settings: MeetingSettings;
  /** Name the aging chart (a PNG of ~100 KB the outbox draws at delivery); off in tests that do not look at it. */
  chart?: boolean;
  /** The meeting channel's language; absent: English. */
  t?: Translator;
}

/**
 * The agenda beyond the replies, as CSV and XLSX with the same columns, made when the parent is delivered
 * from the worklist by the agenda's definition (reports/agenda-file.ts).
 */
function agendaFiles(meetingId: number, month: string, t: Translator, timeZone: string): GeneratedFile[] {
  const title = t.t('meeting.file.title', { month });
  return (['xlsx', 'csv'] as const).map((format) => ({
    kind: 'meeting-agenda',
    meetingId,
    format,
    locale: t.locale,
    timeZone,
    filename: `credit-meeting-${month}-accounts.${format}`,
    title,
  }));
}

/** The outbox key of a month's parent message; replies and the summary thread under it. */
export const meetingPostKey = (month: string) => `meeting:${month}`;

/**
 * PB-28: fixes the agenda as a definition on the meeting's row (meeting-agenda.ts): the cutoff (accounts
 * whose oldest undisputed due date is on or before it, i.e. over minDaysOverdue days on `today`), the order
 * (up to `replies` accounts all get replies, most overdue first; above that the accounts worth most come
 * first, PB-08 expected recovery, and only the first `replies` get one) and the counts. Rows, with the
 * snapshot each reply shows, are written only for the replies, in one INSERT ... SELECT; the rest of the
 * agenda is read from the worklist by the definition when its file, its chart or a segment decision needs
 * it. The agenda's table by segment (every account on it in one group of each dimension) gives its count.
 * Returns the definition, the replies' snapshots in order and the table, or null when this month's meeting
 * was opened already.
 */
async function storeAgenda(
  db: Knex,
  month: string,
  settings: MeetingSettings,
  today: string,
  timeZone: string,
): Promise<{ def: AgendaDefinition; thread: MeetingAccount[]; segments: SegmentTotal[] } | null> {
  const limit = settings.replies ?? DEFAULT_MEETING_REPLIES;
  // PB-01: over minDaysOverdue days on `today`, counted from each row's oldest due date.
  const cutoff = overdueCutoff(today, settings.minDaysOverdue + 1);
  // The meeting has no row yet: no account is decided ('all' does not read it).
  const segments = await segmentTotals(db, { cutoff, heldOn: today, meetingId: 0 }, 'all');
  const accounts = segments.reduce((n, t) => (t.dimension === 'grade' ? n + t.accounts : n), 0);
  const order: AgendaOrder = accounts > limit ? 'recovery' : 'oldest-due';
  const replies = Math.min(accounts, limit);
  const [meeting] = await db('meetings')
    .insert({
      month,
      held_on: today,
      post_key: meetingPostKey(month),
      cutoff,
      agenda_order: order,
      accounts,
      replies,
    })
    .onConflict('month')
    .ignore()
    .returning('id');
  if (!meeting) return null;
  const def: AgendaDefinition = {
    meetingId: Number(meeting.id),
    month,
    heldOn: today,
    cutoff,
    order,
    accounts,
    replies,
  };
  const top = `s.customer_id IN (
    SELECT s.customer_id FROM account_summary s WHERE ${AGENDA_WHERE}
    ORDER BY ${agendaOrderBy(order)} LIMIT :replies)`;
  const reps = await snapshotReps(db, top, { cutoff, replies });
  const { rows } = (await db.raw(
    `INSERT INTO meeting_accounts (meeting_id, customer_id, position, snapshot, in_thread)
     SELECT :meetingId, s.customer_id, row_number() OVER (ORDER BY ${agendaOrderBy(order)}), ${SNAPSHOT_SQL}, true
     FROM ${AGENDA_FROM}
     ${SNAPSHOT_JOINS}
     WHERE ${top}
     RETURNING position, snapshot`,
    { meetingId: def.meetingId, cutoff, replies, heldOn: today, tz: timeZone, ...reps },
  )) as { rows: { position: number | string; snapshot: unknown }[] };
  // The replies' snapshots as stored, in order (at most DUEBOT_MEETING_REPLIES).
  const thread = rows
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map((r) => parseJson<MeetingAccount>(r.snapshot));
  return { def, thread, segments };
}

/**
 * The agenda by segment (grade, aging bucket, owner): accounts and open amount in each, so a meeting of
 * thousands of accounts can be read at a glance. From the database's aggregate over the worklist by the
 * agenda's definition (segmentTotals); nothing is written.
 */
function agendaSegments(totals: readonly SegmentTotal[]): AgendaSegments {
  const buckets = agingBuckets();
  const out: AgendaSegments = { grade: [], bucket: [], owner: [] };
  const index = new Map<string, AgendaSegment>();
  for (const r of totals) {
    // '' is no grade / unclaimed: the view says it in the channel's language.
    const label = r.dimension === 'bucket' ? (buckets[Number(r.value)]?.label ?? r.value) : r.value;
    const id = `${r.dimension}|${label}`;
    let segment = index.get(id);
    if (!segment) {
      segment = { label, accounts: 0, openByCurrency: {} };
      index.set(id, segment);
      out[r.dimension].push(segment);
    }
    segment.accounts += r.accounts;
    segment.openByCurrency[r.currency] = (segment.openByCurrency[r.currency] ?? 0) + r.openMinor;
  }
  const bucketOrder = buckets.map((b) => b.label);
  out.grade.sort((a, b) => a.label.localeCompare(b.label));
  out.bucket.sort((a, b) => bucketOrder.indexOf(a.label) - bucketOrder.indexOf(b.label));
  out.owner.sort((a, b) => b.accounts - a.accounts || a.label.localeCompare(b.label));
  return out;
}

/**
 * The parent's figures: open totals, the share over 90 days and the chart's buckets (aging today), and
 * DSO/CEI per month, all from the database's aggregates (a few rows per currency and month).
 */
async function figures(
  ctx: MeetingContext,
  month: string,
): Promise<{ currencies: CurrencyFigures[]; aging: CurrencyAging[] }> {
  const months = monthsBefore(month, ctx.settings.months);
  const oldest = monthsBefore(month, ctx.settings.months + COUNTBACK_MONTHS)[0] ?? month;
  const history = await receivableFigures(ctx.db, {
    dates: metricDates(months),
    months: metricSalesMonths(months),
    since: monthRange(oldest).first,
    timeZone: ctx.timeZone,
  });
  const aging = await agingTotals(ctx.db, ctx.today, defaultAgingPolicy.bucketEdges);
  const currencies = aging.map((a) => ({
    currency: a.currency,
    openMinor: a.totalMinor,
    over90Minor: a.buckets['90+'] ?? 0,
    metrics: monthlyMetricsFrom(history.get(a.currency) ?? NO_RECEIVABLES, months),
  }));
  return { currencies, aging };
}

/** A currency with nothing in the window. */
const NO_RECEIVABLES: ReceivablesSource = {
  balanceAt: () => ({ totalMinor: 0, currentMinor: 0 }),
  salesIn: () => 0,
};

/** PB-28: the aging chart of the parent, drawn by the outbox when it delivers the parent. */
function chartFile(
  t: Translator,
  meetingId: number,
  month: string,
  today: string,
  aging: CurrencyAging[],
): GeneratedFile {
  return {
    kind: 'meeting-chart',
    meetingId,
    filename: `aging-${month}.png`,
    title: t.t('meeting.chart.title', { date: t.date(today) }),
    locale: t.locale,
    aging: aging.map((a) => ({ currency: a.currency, buckets: a.buckets })),
  };
}

/**
 * Opens this month's meeting: records it and its agenda and returns the parent post and one reply per
 * account (threaded under the parent). Run it in the transaction that enqueues the posts.
 */
export async function openMeeting(ctx: MeetingContext): Promise<OutgoingPost[]> {
  const month = monthOf(ctx.today);
  const key = meetingPostKey(month);
  const t = ctx.t ?? translator('en');
  const opened = await storeAgenda(ctx.db, month, ctx.settings, ctx.today, ctx.timeZone);
  if (!opened) return [];
  const stored = opened.def;
  const meetingId = stored.meetingId;
  if (stored.accounts === 0)
    await ctx.db('meetings').where({ id: meetingId }).update({ summary_at: ctx.db.fn.now() });
  const accounts = opened.thread;
  const { currencies, aging } = await figures(ctx, month);
  const chart = ctx.chart === false ? null : chartFile(t, meetingId, month, ctx.today, aging);
  const rest = stored.accounts - stored.replies;
  const parent: OutgoingPost = {
    key,
    to: { kind: 'channel', role: 'meeting' },
    message: meetingParentView(
      {
        month,
        heldOn: ctx.today,
        accounts: stored.accounts,
        minDaysOverdue: ctx.settings.minDaysOverdue,
        currencies,
        chart,
        ...(rest > 0
          ? {
              rest: {
                replies: stored.replies,
                files: agendaFiles(meetingId, month, t, ctx.timeZone),
                meetingId,
                segments: agendaSegments(opened.segments),
              },
            }
          : {}),
      },
      t,
    ),
  };
  const undecided = {
    decision: null,
    decidedBy: null,
    decidedAt: null,
    previousDecision: null,
    previousBy: null,
    revision: 0,
  };
  return [
    parent,
    ...accounts.map((a, i) => ({
      key: `${key}:account:${a.accountId}`,
      to: { kind: 'channel' as const, role: 'meeting' as const },
      threadKey: key,
      message: meetingAccountView(meetingId, a, undecided, t, i + 1),
    })),
  ];
}

/**
 * A meeting is opened at the latest this many working days after the month's first working day (a run
 * caught up at start-up); later in the month the agenda would be stale, so it waits for the next month.
 */
export const LATEST_WORKING_DAY = 5;

/** The meeting as a scheduled job: the first working day of each month at 10:00 (DUEBOT_MEETING_CRON). */
export function meetingJob(settings: Pick<JobSettings, 'jobs' | 'meeting'>): Job {
  return {
    name: 'meeting',
    schedule: settings.jobs.schedules.meeting ?? '0 10 * * *',
    days: 'first-working-day',
    periodKey: monthlyPeriod,
    async run(ctx) {
      const now = ctx.clock.today(); // ctx.today is the slot's day, earlier for a caught-up run
      const first = nextWorkingDay(`${monthOf(ctx.today)}-01`, ctx.calendar);
      if (workingDaysBetween(first, now, ctx.calendar) > LATEST_WORKING_DAY) {
        ctx.log.warn(`meeting: not opened this late in the month (${now}); the next one opens on time`);
        return [];
      }
      return openMeeting({
        db: ctx.db,
        today: ctx.today,
        timeZone: ctx.clock.timeZone,
        settings: settings.meeting,
        t: ctx.channelT('meeting'),
      });
    },
  };
}
