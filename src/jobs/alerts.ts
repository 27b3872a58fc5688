/**
 * PB-07 large-account alerts: after each sync, accounts (per currency) and invoices whose overdue amount
 * is at or above the threshold are announced once per crossing; a crossing ends when the amount falls
 * below again, and a later rise is a new crossing. A sudden month-over-month rise of total receivables
 * is announced once a month per currency. The state lives in alert_crossings / alert_jumps (unique), so a
 * re-run or a second replica finds nothing new to post.
 */
import { defaultAgingPolicy } from '../collections/aging.ts';
import type { Knex } from 'knex';
import { translator, type Translator } from '../i18n/translate.ts';
import { insertInBatches } from '../batches.ts';
import { monthOf, subtractMonths } from '../collections/dates.ts';
import { currencyDigits, majorUnitsText } from '../collections/money.ts';
import { receivableFigures } from '../ledger/receivable-aggregates.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { type CsvCell, csvFile } from '../reports/csv.ts';
import {
  BASELINE_LIST,
  baselineAlertView,
  type CrossingAlert,
  type CrossingLine,
  crossingAlertView,
  type JumpAlert,
  jumpAlertView,
} from '../views/alerts.ts';
import type { FileAttachment } from '../views/model.ts';
import { disputedItemSql } from '../worklist/disputes.ts';
import type { Job } from './job.ts';
import { minutePeriod } from './periods.ts';
import { salesRepMentions } from './sales-rep.ts';
import { AFTER_SYNC, type AlertSettings, type JobSettings } from './settings.ts';

/** What the alert check needs. */
export interface AlertContext {
  db: Knex;
  /** The business date the check is for. */
  today: string;
  timeZone: string;
  settings: AlertSettings;
  /** PB-04: crossings more than this many days overdue are shown red (the policy's; default the playbook's). */
  redAfterDays?: number;
  /** The alerts channel's language (default English). */
  t?: Translator;
}

interface Subject {
  kind: 'account' | 'invoice';
  accountId: number;
  openItemId: number | null;
  currency: string;
  amountMinor: number;
  thresholdMinor: number;
  daysOverdue: number;
  invoiceNumber: string | null;
}

const subjectKey = (s: { kind: string; accountId: number; openItemId: number | null; currency: string }) =>
  `${s.kind}:${s.accountId}:${s.openItemId ?? 0}:${s.currency}`;

/** Thresholds in minor units, as arrays for one SQL join. */
function thresholdArrays(settings: AlertSettings): [string[], number[]] {
  const entries = Object.entries(settings.thresholds);
  return [entries.map(([c]) => c), entries.map(([c, major]) => Math.round(major * 10 ** currencyDigits(c)))];
}

/** Accounts and invoices at or above the threshold right now; disputed amounts do not count (PB-21). */
async function currentSubjects(db: Knex, today: string, settings: AlertSettings): Promise<Subject[]> {
  const [currencies, minors] = thresholdArrays(settings);
  if (currencies.length === 0) return [];
  const bindings = [currencies, minors, today, today, settings.minDaysOverdue] as Knex.RawBinding[];
  const overdue = `
    WITH t AS (SELECT * FROM unnest(?::text[], ?::bigint[]) AS t(currency, minor)),
    o AS (
      SELECT o.id, o.customer_id, o.currency, o.open_minor, o.invoice_number, (?::date - o.due_date) AS days
      FROM open_items o
      WHERE o.status = 'open' AND o.open_minor > 0 AND (?::date - o.due_date) >= ?
        AND NOT ${disputedItemSql('o')}
    )`;
  const accounts = await db.raw(
    `${overdue}
     SELECT 'account' AS kind, o.customer_id, NULL::bigint AS open_item_id, o.currency,
            sum(o.open_minor)::int8 AS amount, t.minor::int8 AS threshold, max(o.days)::int AS days,
            NULL::text AS invoice_number
     FROM o JOIN t ON t.currency = o.currency
     GROUP BY o.customer_id, o.currency, t.minor
     HAVING sum(o.open_minor) >= t.minor
     UNION ALL
     SELECT 'invoice', o.customer_id, o.id, o.currency, o.open_minor::int8, t.minor::int8, o.days::int,
            o.invoice_number
     FROM o JOIN t ON t.currency = o.currency
     WHERE o.open_minor >= t.minor`,
    bindings,
  );
  return (accounts.rows as Record<string, unknown>[]).map((r) => ({
    kind: r.kind === 'invoice' ? 'invoice' : 'account',
    accountId: Number(r.customer_id),
    openItemId: r.open_item_id === null ? null : Number(r.open_item_id),
    currency: String(r.currency),
    amountMinor: Number(r.amount),
    thresholdMinor: Number(r.threshold),
    daysOverdue: Number(r.days),
    invoiceNumber: r.invoice_number === null ? null : String(r.invoice_number),
  }));
}

/**
 * Closes the crossings that are no longer above the threshold and opens one per new crossing; returns
 * the crossings this call opened (a concurrent run that opened the same one first gets nothing).
 */
async function recordCrossings(db: Knex, now: Subject[]): Promise<(Subject & { id: number })[]> {
  const open: {
    id: string | number;
    kind: string;
    customer_id: string | number;
    open_item_id: null | string | number;
    currency: string;
  }[] = await db('alert_crossings')
    .whereNull('recovered_at')
    .select('id', 'kind', 'customer_id', 'open_item_id', 'currency');
  const current = new Set(now.map(subjectKey));
  const openKeys = new Set<string>();
  const recovered: number[] = [];
  for (const row of open) {
    const key = subjectKey({
      kind: row.kind,
      accountId: Number(row.customer_id),
      openItemId: row.open_item_id === null ? null : Number(row.open_item_id),
      currency: row.currency,
    });
    openKeys.add(key);
    if (!current.has(key)) recovered.push(Number(row.id));
  }
  // Ids travel as one array parameter and rows go in batches: a first check over a large ledger opens
  // tens of thousands of crossings, more than one statement's 65,535 bind parameters.
  if (recovered.length > 0)
    await db('alert_crossings')
      .whereRaw('id = any(?::bigint[])', [recovered])
      .whereNull('recovered_at')
      .update({ recovered_at: db.fn.now() });
  const fresh = new Map(now.filter((s) => !openKeys.has(subjectKey(s))).map((s) => [subjectKey(s), s]));
  const inserted = await insertInBatches([...fresh.values()], (batch) =>
    db('alert_crossings')
      .insert(
        batch.map((s) => ({
          kind: s.kind,
          customer_id: s.accountId,
          open_item_id: s.openItemId,
          currency: s.currency,
          amount_minor: s.amountMinor,
          threshold_minor: s.thresholdMinor,
          days_overdue: s.daysOverdue,
        })),
      )
      .onConflict()
      .ignore()
      .returning(['id', 'kind', 'customer_id', 'open_item_id', 'currency']),
  );
  const opened: (Subject & { id: number })[] = [];
  for (const row of inserted as {
    id: string | number;
    kind: string;
    customer_id: string | number;
    open_item_id: null | string | number;
    currency: string;
  }[]) {
    const s = fresh.get(
      subjectKey({
        kind: row.kind,
        accountId: Number(row.customer_id),
        openItemId: row.open_item_id === null ? null : Number(row.open_item_id),
        currency: row.currency,
      }),
    );
    if (s) opened.push({ ...s, id: Number(row.id) });
  }
  return opened;
}

/** One post per account with new crossings, keyed by its first crossing so it is enqueued once. */
async function crossingPosts(
  ctx: AlertContext,
  opened: (Subject & { id: number })[],
): Promise<OutgoingPost[]> {
  const alertView = (a: CrossingAlert) => crossingAlertView(a, ctx.t);
  const byAccount = new Map<number, (Subject & { id: number })[]>();
  for (const s of opened) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  if (byAccount.size === 0) return [];
  const ids = [...byAccount.keys()];
  const customers: { id: string | number; name: string; sales_rep: string | null; owner: string | null }[] =
    await ctx
      .db('customers as c')
      .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 'c.id').andOnNull('cl.released_at'))
      .leftJoin('users as u', 'u.id', 'cl.user_id')
      .whereRaw('c.id = any(?::bigint[])', [ids])
      .select('c.id', 'c.name', 'c.sales_rep', 'u.display_name as owner');
  const reps = await salesRepMentions(
    ctx.db,
    customers.map((c) => c.sales_rep),
  );
  return customers
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((c) => {
      const crossings = (byAccount.get(Number(c.id)) ?? []).sort((a, b) =>
        a.kind === b.kind ? a.amountMinor - b.amountMinor : a.kind === 'account' ? -1 : 1,
      );
      const lines: CrossingLine[] = crossings.map((s) => ({
        kind: s.kind,
        currency: s.currency,
        amountMinor: s.amountMinor,
        thresholdMinor: s.thresholdMinor,
        daysOverdue: s.daysOverdue,
        invoiceNumber: s.invoiceNumber,
      }));
      const first = Math.min(...crossings.map((s) => s.id));
      return {
        key: `alert:crossing:${first}`,
        to: { kind: 'channel' as const, role: 'alerts' as const },
        message: alertView({
          accountId: Number(c.id),
          customerName: c.name,
          salesRep: c.sales_rep ? (reps.get(c.sales_rep) ?? c.sales_rep) : null,
          owner: c.owner,
          minDaysOverdue: ctx.settings.minDaysOverdue,
          redAfterDays: ctx.redAfterDays ?? defaultAgingPolicy.redAfterDays,
          crossings: lines,
        }),
      };
    });
}

/**
 * One overview instead of an alert per account: the first check ever (what is already above a threshold),
 * and a check that finds more new crossings than MAX_CROSSING_POSTS (a large ledger's first sync after an
 * outage). Each account once (its account crossing, else its largest invoice); the file lists them all.
 */
async function overviewPosts(
  ctx: AlertContext,
  opened: (Subject & { id?: number })[],
  post: { key: string; title?: string },
): Promise<OutgoingPost[]> {
  const perAccount = new Map<string, Subject>();
  for (const s of opened) {
    const id = `${s.accountId}|${s.currency}`;
    const seen = perAccount.get(id);
    if (!seen || (seen.kind === 'invoice' && (s.kind === 'account' || s.amountMinor > seen.amountMinor)))
      perAccount.set(id, s);
  }
  const accounts = [...perAccount.values()];
  if (accounts.length === 0) return [];
  const names = new Map<number, string>(
    (
      await ctx
        .db('customers')
        .whereRaw('id = any(?::bigint[])', [[...new Set(accounts.map((a) => a.accountId))]])
        .select('id', 'name')
    ).map((c: { id: string | number; name: string }) => [Number(c.id), c.name]),
  );
  const lines = accounts.map((a) => ({
    accountId: a.accountId,
    customerName: names.get(a.accountId) ?? `#${a.accountId}`,
    amountMinor: a.amountMinor,
    currency: a.currency,
    daysOverdue: a.daysOverdue,
  }));
  const file =
    opened.length > BASELINE_LIST ? crossingsFile(post.key, opened, names, ctx.today, ctx.t) : undefined;
  return [
    {
      key: post.key,
      to: { kind: 'channel', role: 'alerts' },
      message: baselineAlertView(lines, {
        ...(file ? { file } : {}),
        ...(post.title ? { title: post.title } : {}),
        ...(ctx.t ? { t: ctx.t } : {}),
      }),
    },
  ];
}

/** Every crossing of an overview as CSV, most overdue first. */
function crossingsFile(
  key: string,
  opened: Subject[],
  names: Map<number, string>,
  today: string,
  t: Translator = translator('en'),
): FileAttachment {
  const rows = [...opened]
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.accountId - b.accountId)
    .map((s): CsvCell[] => [
      s.accountId,
      names.get(s.accountId) ?? `#${s.accountId}`,
      t.t('alerts.csv.kind_value', { kind: s.kind }),
      s.invoiceNumber,
      s.currency,
      majorUnitsText({ minor: s.amountMinor, currency: s.currency }),
      majorUnitsText({ minor: s.thresholdMinor, currency: s.currency }),
      s.daysOverdue,
    ]);
  const name = key.replace(/[^a-z0-9-]+/gi, '-');
  return {
    filename: `${name}-${today}.csv`,
    mimeType: 'text/csv',
    data: csvFile(
      [
        t.t('alerts.csv.account_id'),
        t.t('alerts.csv.account'),
        t.t('alerts.csv.kind'),
        t.t('alerts.csv.invoice'),
        t.t('alerts.csv.currency'),
        t.t('alerts.csv.amount'),
        t.t('alerts.csv.threshold'),
        t.t('alerts.csv.days'),
      ],
      rows,
    ),
    title: t.t('alerts.csv.title', { date: today }),
  };
}

/** New crossings of one check announced one post per account up to this many accounts; above, one overview. */
export const MAX_CROSSING_POSTS = 50;

/** PB-07: total receivables per currency against the same day a month ago; once a month per currency. */
async function jumpPosts(ctx: AlertContext, today: string): Promise<OutgoingPost[]> {
  if (ctx.settings.jumpPercent <= 0) return [];
  const previousDate = subtractMonths(today, 1);
  const byCurrency = await receivableFigures(ctx.db, {
    dates: [previousDate, today],
    months: [],
    since: previousDate,
    timeZone: ctx.timeZone,
  });
  const jumpView = (j: JumpAlert) => jumpAlertView(j, ctx.t);
  const posts: OutgoingPost[] = [];
  const month = monthOf(today);
  for (const [currency, figures] of byCurrency) {
    const previous = figures.balanceAt(previousDate).totalMinor;
    const current = figures.balanceAt(today).totalMinor;
    if (previous <= 0 || (current - previous) * 100 <= ctx.settings.jumpPercent * previous) continue;
    const [row] = await ctx
      .db('alert_jumps')
      .insert({ month, currency, previous_minor: previous, current_minor: current })
      .onConflict(['month', 'currency'])
      .ignore()
      .returning('month');
    if (!row) continue;
    posts.push({
      key: `alert:jump:${month}:${currency}`,
      to: { kind: 'channel', role: 'alerts' },
      message: jumpView({
        currency,
        previousMinor: previous,
        currentMinor: current,
        previousDate,
        today,
        thresholdPercent: ctx.settings.jumpPercent,
      }),
    });
  }
  return posts;
}

/**
 * The alert check (run after each sync): records crossings and jumps and returns the posts to enqueue.
 * Run it in the transaction that enqueues the posts, so state and posts are written together.
 */
export async function checkAlerts(ctx: AlertContext): Promise<OutgoingPost[]> {
  const today = ctx.today;
  const opened = await recordCrossings(ctx.db, await currentSubjects(ctx.db, today, ctx.settings));
  const [first] = await ctx.db('alert_baseline').insert({ id: 1 }).onConflict('id').ignore().returning('id');
  const accounts = new Set(opened.map((s) => s.accountId)).size;
  const crossings = first
    ? await overviewPosts(ctx, opened, { key: 'alert:baseline' })
    : accounts > MAX_CROSSING_POSTS
      ? await overviewPosts(ctx, opened, {
          key: `alert:overview:${opened.reduce((min, s) => Math.min(min, s.id), Number.POSITIVE_INFINITY)}`,
          title: (ctx.t ?? translator('en')).t('alerts.overview.header', { count: accounts }),
        })
      : await crossingPosts(ctx, opened);
  return [...crossings, ...(await jumpPosts(ctx, today))];
}

/** The alert check as a scheduled job: after each sync by default (DUEBOT_ALERTS_CRON). */
export function alertsJob(settings: Pick<JobSettings, 'jobs' | 'alerts'>): Job {
  return {
    name: 'alerts',
    schedule: settings.jobs.schedules.alerts ?? AFTER_SYNC,
    days: 'every',
    periodKey: minutePeriod,
    run: (ctx) =>
      checkAlerts({
        db: ctx.db,
        today: ctx.today,
        timeZone: ctx.clock.timeZone,
        settings: settings.alerts,
        redAfterDays: ctx.policy.aging.redAfterDays,
        t: ctx.channelT('alerts'),
      }),
  };
}
