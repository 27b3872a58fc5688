/**
 * PB-28: the monthly credit meeting of finance and sales on every account over 30 days. Opening it fixes
 * the accounts on the agenda (meetings / meeting_accounts, unique per month), then posts a parent message
 * with the figures and the aging chart and one reply per account with decision buttons. Opening the same
 * month again finds the meeting and posts nothing.
 */
import type { Knex } from 'knex';
import { batches } from '../batches.ts';
import { agingBuckets, agingByCurrency, bucketFor } from '../collections/aging.ts';
import { monthOf, monthRange, nextWorkingDay, workingDaysBetween } from '../collections/dates.ts';
import { currencyDigits } from '../collections/money.ts';
import { COUNTBACK_MONTHS, monthlyMetrics, monthsBefore } from '../collections/receivables-metrics.ts';
import { loadReceivableItems } from '../ledger/receivable-history.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { type CurrencyFigures, meetingAccountView, meetingParentView } from '../views/meeting.ts';
import type { FileAttachment } from '../views/model.ts';
import type { MeetingAccount } from '../worklist/meeting-decisions.ts';
import type { Job } from './job.ts';
import { monthlyPeriod } from './periods.ts';
import { salesRepMentions } from './sales-rep.ts';
import type { JobSettings, MeetingSettings } from './settings.ts';

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
  /** Render the aging chart (a PNG of ~100 KB); off in tests that do not look at it. */
  chart?: boolean;
}

/** The outbox key of a month's parent message; replies and the summary thread under it. */
export const meetingPostKey = (month: string) => `meeting:${month}`;

/** The accounts over the limit, worst first, as the meeting shows them. */
async function agenda(db: Knex, minDays: number, timeZone: string): Promise<MeetingAccount[]> {
  const rows: Record<string, unknown>[] = await db('account_summary as s')
    .join('customers as c', 'c.id', 's.customer_id')
    .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
    .leftJoin('users as u', 'u.id', 'cl.user_id')
    .leftJoin('account_state as st', 'st.customer_id', 's.customer_id')
    .where('s.max_days_overdue', '>', minDays)
    .orderBy([
      { column: 's.max_days_overdue', order: 'desc' },
      { column: 's.customer_id', order: 'asc' },
    ])
    .select(
      's.customer_id',
      'c.name',
      'c.sales_rep',
      'u.display_name as owner',
      's.open_by_currency',
      's.main_currency',
      's.max_days_overdue',
      's.ladder_step',
      's.next_action',
      db.raw("to_char(st.last_contact_at at time zone ?, 'YYYY-MM-DD') as last_contact", [timeZone]),
    );
  const reps = await salesRepMentions(
    db,
    rows.map((r) => (r.sales_rep === null ? null : String(r.sales_rep))),
  );
  return rows.map((r) => {
    const open = typeof r.open_by_currency === 'string' ? JSON.parse(r.open_by_currency) : r.open_by_currency;
    const rep = r.sales_rep === null ? null : String(r.sales_rep);
    return {
      accountId: Number(r.customer_id),
      name: String(r.name),
      owner: r.owner === null ? null : String(r.owner),
      salesRep: rep === null ? null : (reps.get(rep) ?? rep),
      openByCurrency: Object.fromEntries(
        Object.entries(open as Record<string, unknown>).map(([c, v]) => [c, Number(v)]),
      ),
      mainCurrency: r.main_currency === null ? null : String(r.main_currency),
      daysOverdue: Number(r.max_days_overdue),
      ladderStep: r.ladder_step === null ? null : String(r.ladder_step),
      nextAction: r.next_action === null ? null : String(r.next_action),
      lastContact: r.last_contact === null ? null : String(r.last_contact),
    };
  });
}

/** Open items today, for totals, the share over 90 days and the chart's buckets. */
async function openItems(db: Knex) {
  const rows: { due_date: string; open_minor: string | number; currency: string }[] = await db('open_items')
    .where({ status: 'open' })
    .select(db.raw("to_char(due_date, 'YYYY-MM-DD') as due_date"), 'open_minor', 'currency');
  return rows.map((r) => ({ dueDate: r.due_date, openMinor: Number(r.open_minor), currency: r.currency }));
}

async function figures(
  ctx: MeetingContext,
  month: string,
): Promise<{ currencies: CurrencyFigures[]; aging: ReturnType<typeof agingByCurrency> }> {
  const months = monthsBefore(month, ctx.settings.months);
  const oldest = monthsBefore(month, ctx.settings.months + COUNTBACK_MONTHS)[0] ?? month;
  const history = await loadReceivableItems(ctx.db, {
    since: monthRange(oldest).first,
    timeZone: ctx.timeZone,
  });
  const aging = agingByCurrency(await openItems(ctx.db), ctx.today);
  const currencies = aging.map((a) => ({
    currency: a.currency,
    openMinor: a.totalMinor,
    over90Minor: a.buckets['90+'] ?? 0,
    metrics: monthlyMetrics(history.get(a.currency) ?? [], months),
  }));
  return { currencies, aging };
}

async function chartFile(
  month: string,
  today: string,
  aging: ReturnType<typeof agingByCurrency>,
  accounts: MeetingAccount[],
): Promise<FileAttachment> {
  const buckets = agingBuckets();
  // Loaded when a meeting opens (monthly), not at every start: vega and resvg take seconds to import.
  const { renderAgingChart } = await import('../reports/aging-chart.ts');
  const data = await renderAgingChart({
    title: `Receivables aging on ${today}`,
    bucketOrder: buckets.map((b) => b.label),
    buckets: aging.flatMap((a) =>
      buckets.map((b) => ({
        currency: a.currency,
        bucket: b.label,
        amount: (a.buckets[b.id] ?? 0) / 10 ** currencyDigits(a.currency),
      })),
    ),
    accounts: accounts.map((a) => ({
      name: a.name,
      days: a.daysOverdue,
      bucket: bucketFor(a.daysOverdue, buckets).label,
    })),
  });
  return { filename: `aging-${month}.png`, mimeType: 'image/png', data, title: `Receivables aging ${today}` };
}

/**
 * Opens this month's meeting: records it and its agenda and returns the parent post and one reply per
 * account (threaded under the parent). Run it in the transaction that enqueues the posts.
 */
export async function openMeeting(ctx: MeetingContext): Promise<OutgoingPost[]> {
  const month = monthOf(ctx.today);
  const key = meetingPostKey(month);
  const [meeting] = await ctx
    .db('meetings')
    .insert({ month, held_on: ctx.today, post_key: key })
    .onConflict('month')
    .ignore()
    .returning('id');
  if (!meeting) return [];
  const meetingId = Number(meeting.id);
  const accounts = await agenda(ctx.db, ctx.settings.minDaysOverdue, ctx.timeZone);
  const { currencies, aging } = await figures(ctx, month);
  if (accounts.length === 0)
    await ctx.db('meetings').where({ id: meetingId }).update({ summary_at: ctx.db.fn.now() });
  else {
    // In batches: 15,000 accounts x 5 columns in one INSERT pass PostgreSQL's 65,535 bind parameters.
    const rows = accounts.map((a, i) => ({
      meeting_id: meetingId,
      customer_id: a.accountId,
      position: i + 1,
      post_key: `${key}:account:${a.accountId}`,
      snapshot: JSON.stringify(a),
    }));
    for (const batch of batches(rows)) await ctx.db('meeting_accounts').insert(batch);
  }
  const chart = ctx.chart === false ? null : await chartFile(month, ctx.today, aging, accounts);
  const parent: OutgoingPost = {
    key,
    to: { kind: 'channel', role: 'meeting' },
    message: meetingParentView({
      month,
      heldOn: ctx.today,
      accounts: accounts.length,
      minDaysOverdue: ctx.settings.minDaysOverdue,
      currencies,
      chart,
    }),
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
      message: meetingAccountView(meetingId, a, undecided, i + 1),
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
      });
    },
  };
}
