/**
 * PB-28: the monthly credit meeting of finance and sales on every account over 30 days. Opening it fixes
 * the accounts on the agenda (meetings / meeting_accounts, unique per month), then posts a parent message
 * with the figures and the aging chart and one reply per account with decision buttons. Opening the same
 * month again finds the meeting and posts nothing.
 */
import type { Knex } from 'knex';
import { agingBuckets, type CurrencyAging, defaultAgingPolicy } from '../collections/aging.ts';
import { monthOf, monthRange, nextWorkingDay, workingDaysBetween } from '../collections/dates.ts';
import { parseInt8 } from '../db-engines.ts';
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
import { overdueCutoff } from '../worklist/overdue-days.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { Job } from './job.ts';
import { monthlyPeriod } from './periods.ts';
import { salesRepMentions } from './sales-rep.ts';
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

/** The agenda beyond the replies, as CSV and XLSX with the same columns, made when the parent is delivered. */
function agendaFiles(meetingId: number, month: string, t: Translator): GeneratedFile[] {
  const title = t.t('meeting.file.title', { month });
  return (['xlsx', 'csv'] as const).map((format) => ({
    kind: 'meeting-agenda',
    meetingId,
    format,
    locale: t.locale,
    filename: `credit-meeting-${month}-accounts.${format}`,
    title,
  }));
}

/** The outbox key of a month's parent message; replies and the summary thread under it. */
export const meetingPostKey = (month: string) => `meeting:${month}`;

/** What one opened meeting put on its agenda. */
interface StoredAgenda {
  /** Accounts on the agenda. */
  accounts: number;
  /** Of them, the ones posted as replies (the first `inThread` positions). */
  inThread: number;
}

/**
 * Fixes the agenda in one INSERT ... SELECT: every account over the limit, with the snapshot its reply and
 * the file show. Up to `replies` accounts all get replies, worst first (days overdue); above that the
 * accounts worth most come first (PB-08 expected recovery) and only the first `replies` get one. Nothing
 * is loaded into the process, however many accounts there are.
 */
async function storeAgenda(
  db: Knex,
  meetingId: number,
  settings: MeetingSettings,
  today: string,
  timeZone: string,
): Promise<StoredAgenda> {
  const limit = settings.replies ?? DEFAULT_MEETING_REPLIES;
  // PB-01: over minDaysOverdue days on `today`, counted from each row's oldest due date.
  const cutoff = overdueCutoff(today, settings.minDaysOverdue + 1);
  const repRows: { sales_rep: string }[] = await db('account_summary as s')
    .join('customers as c', 'c.id', 's.customer_id')
    .where('s.oldest_due', '<=', cutoff)
    .whereNotNull('c.sales_rep')
    .distinct('c.sales_rep');
  const reps = await salesRepMentions(
    db,
    repRows.map((r) => r.sales_rep),
  );
  const n = await db('account_summary')
    .where('oldest_due', '<=', cutoff)
    .count<{ n: string | number }[]>({ n: '*' })
    .then(([r]) => Number(r?.n ?? 0));
  const order = n > limit ? 's.priority DESC, s.customer_id' : 's.oldest_due, s.customer_id';
  await db.raw(
    `INSERT INTO meeting_accounts (meeting_id, customer_id, position, snapshot, in_thread)
     SELECT ?, a.customer_id, a.position, a.snapshot, a.position <= ?
     FROM (
       SELECT s.customer_id, row_number() OVER (ORDER BY ${order}) AS position,
              jsonb_build_object(
                'accountId', s.customer_id, 'name', c.name, 'owner', u.display_name,
                'salesRep', CASE WHEN c.sales_rep IS NULL THEN NULL ELSE coalesce(r.shown, c.sales_rep) END,
                'openByCurrency', s.open_by_currency, 'mainCurrency', s.main_currency,
                'daysOverdue', ?::date - s.oldest_due, 'ladderStep', s.ladder_step, 'nextAction', s.next_action,
                'lastContact', to_char(st.last_contact_at AT TIME ZONE ?, 'YYYY-MM-DD'),
                'grade', s.grade, 'expectedRecovery', s.priority
              ) AS snapshot
       FROM account_summary s
       JOIN customers c ON c.id = s.customer_id
       LEFT JOIN claims cl ON cl.customer_id = s.customer_id AND cl.released_at IS NULL
       LEFT JOIN users u ON u.id = cl.user_id
       LEFT JOIN account_state st ON st.customer_id = s.customer_id
       LEFT JOIN unnest(?::text[], ?::text[]) AS r(name, shown) ON r.name = c.sales_rep
       WHERE s.oldest_due <= ?::date
     ) a`,
    [meetingId, limit, today, timeZone, [...reps.keys()], [...reps.values()], cutoff],
  );
  return { accounts: n, inThread: Math.min(n, limit) };
}

/** The stored snapshots of the agenda's replies, in order (at most DUEBOT_MEETING_REPLIES). */
async function threadAccounts(db: Knex, meetingId: number): Promise<MeetingAccount[]> {
  const rows: { snapshot: unknown }[] = await db('meeting_accounts')
    .where({ meeting_id: meetingId, in_thread: true })
    .orderBy('position')
    .select('snapshot');
  return rows.map((r) => parseJson<MeetingAccount>(r.snapshot));
}

/**
 * The agenda by segment (grade, aging bucket, owner): accounts and open amount in each, so a meeting of
 * thousands of accounts can be read at a glance. Computed by the database over the stored agenda.
 */
async function agendaSegments(db: Knex, meetingId: number): Promise<AgendaSegments> {
  const buckets = agingBuckets();
  const thresholds = buckets.slice(1).map((b) => b.fromDays);
  const { rows } = (await db.raw(
    `SELECT g.dimension, g.segment, a.currency, count(*)::int AS accounts, sum(a.open_minor)::text AS open_minor
     FROM (
       SELECT snapshot->>'mainCurrency' AS currency,
              coalesce((snapshot->'openByCurrency'->>(snapshot->>'mainCurrency'))::bigint, 0) AS open_minor,
              coalesce(snapshot->>'grade', '') AS grade,
              width_bucket((snapshot->>'daysOverdue')::int, ?::int[]) AS bucket,
              coalesce(snapshot->>'owner', '') AS owner
       FROM meeting_accounts WHERE meeting_id = ?
     ) a
     CROSS JOIN LATERAL (VALUES ('grade', a.grade), ('bucket', a.bucket::text), ('owner', a.owner))
       AS g(dimension, segment)
     GROUP BY g.dimension, g.segment, a.currency`,
    [thresholds, meetingId],
  )) as {
    rows: { dimension: string; segment: string; currency: string; accounts: number; open_minor: string }[];
  };
  const out: AgendaSegments = { grade: [], bucket: [], owner: [] };
  const index = new Map<string, AgendaSegment>();
  for (const r of rows) {
    const dimension = r.dimension as keyof AgendaSegments;
    // '' is no grade / unclaimed: the view says it in the channel's language.
    const label = dimension === 'bucket' ? (buckets[Number(r.segment)]?.label ?? r.segment) : r.segment;
    const id = `${dimension}|${label}`;
    let segment = index.get(id);
    if (!segment) {
      segment = { label, accounts: 0, openByCurrency: {} };
      index.set(id, segment);
      out[dimension].push(segment);
    }
    segment.accounts += r.accounts;
    segment.openByCurrency[r.currency] = (segment.openByCurrency[r.currency] ?? 0) + parseInt8(r.open_minor);
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
  const [meeting] = await ctx
    .db('meetings')
    .insert({ month, held_on: ctx.today, post_key: key })
    .onConflict('month')
    .ignore()
    .returning('id');
  if (!meeting) return [];
  const meetingId = Number(meeting.id);
  const stored = await storeAgenda(ctx.db, meetingId, ctx.settings, ctx.today, ctx.timeZone);
  if (stored.accounts === 0)
    await ctx.db('meetings').where({ id: meetingId }).update({ summary_at: ctx.db.fn.now() });
  const accounts = await threadAccounts(ctx.db, meetingId);
  const { currencies, aging } = await figures(ctx, month);
  const chart = ctx.chart === false ? null : chartFile(t, meetingId, month, ctx.today, aging);
  const rest = stored.accounts - stored.inThread;
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
                replies: stored.inThread,
                files: agendaFiles(meetingId, month, t),
                meetingId,
                segments: await agendaSegments(ctx.db, meetingId),
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
