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
import { monthOf, subtractMonths } from '../collections/dates.ts';
import { currencyDigits } from '../collections/money.ts';
import { receivableFigures } from '../ledger/receivable-aggregates.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import {
  BASELINE_LIST,
  baselineSummaryView,
  type CrossingAlert,
  type CrossingLine,
  crossingAlertView,
  type JumpAlert,
  jumpAlertView,
} from '../views/alerts.ts';
import type { GeneratedCrossings } from '../views/model.ts';
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

/** Thresholds in minor units, as arrays for one SQL join. */
function thresholdArrays(settings: AlertSettings): [string[], number[]] {
  const entries = Object.entries(settings.thresholds);
  return [entries.map(([c]) => c), entries.map(([c, major]) => Math.round(major * 10 ** currencyDigits(c)))];
}

/**
 * Accounts (per currency) and invoices at or above the threshold right now, as the CTE `cur`; disputed
 * amounts do not count (PB-21). Named bindings: currencies, minors, today, minDays.
 *
 * One pass over the overdue items, grouped by account and currency: an invoice at or above the threshold
 * has its account's sum there too (open amounts are positive), so the invoices crossing are collected in
 * their account's group and unnested from the few groups that cross, instead of reading every overdue
 * item a second time (a million of them, held in a spilled CTE, at a million accounts).
 */
const CURRENT_SQL = `
  t AS (SELECT * FROM unnest(:currencies::text[], :minors::bigint[]) AS t(currency, minor)),
  acc AS (
    SELECT o.customer_id, o.currency::text AS currency, t.minor::int8 AS threshold,
           sum(o.open_minor)::int8 AS amount, max(:today::date - o.due_date)::int AS days,
           array_agg(o.id) FILTER (WHERE o.open_minor >= t.minor) AS invoice_ids,
           array_agg(o.open_minor) FILTER (WHERE o.open_minor >= t.minor) AS invoice_amounts,
           array_agg(:today::date - o.due_date) FILTER (WHERE o.open_minor >= t.minor) AS invoice_days
    FROM open_items o JOIN t ON t.currency = o.currency
    WHERE o.status = 'open' AND o.open_minor > 0 AND o.due_date <= :today::date - :minDays::int
      AND NOT ${disputedItemSql('o')}
    GROUP BY o.customer_id, o.currency, t.minor
    HAVING sum(o.open_minor) >= t.minor
  ),
  cur AS MATERIALIZED (
    SELECT 'account'::text AS kind, customer_id, NULL::bigint AS open_item_id, currency, amount, threshold, days
    FROM acc
    UNION ALL
    SELECT 'invoice', acc.customer_id, i.id, acc.currency, i.amount, acc.threshold, i.days
    FROM acc CROSS JOIN LATERAL unnest(acc.invoice_ids, acc.invoice_amounts, acc.invoice_days) AS i(id, amount, days)
    WHERE acc.invoice_ids IS NOT NULL
  )`;

/** The crossings one check opened: how many, on how many accounts, and their ids (first..last). */
interface OpenedStats {
  crossings: number;
  accounts: number;
  first: number | null;
  last: number | null;
}

/**
 * In one statement, set-based however many accounts there are: closes the crossings that are no longer
 * above the threshold and opens one per new crossing. Checks take turns (the table lock, held until the
 * check's transaction ends, lets readers through but not a second check): a check waiting for another sees
 * what that one opened and opens nothing twice, so each new crossing is one plain insert (no per-row
 * conflict check on top of the anti-join). The ids a check opened are therefore first..last, with no one
 * else's among them; the overview, its file and the per-account alerts read them back from there.
 */
async function recordCrossings(db: Knex, today: string, settings: AlertSettings): Promise<OpenedStats> {
  const [currencies, minors] = thresholdArrays(settings);
  if (currencies.length === 0) return { crossings: 0, accounts: 0, first: null, last: null };
  await db.raw('LOCK TABLE alert_crossings IN SHARE ROW EXCLUSIVE MODE');
  const [row] = (
    await db.raw(
      `WITH ${CURRENT_SQL},
       closed AS (
         UPDATE alert_crossings a SET recovered_at = now()
         WHERE a.recovered_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM cur WHERE cur.kind = a.kind AND cur.customer_id = a.customer_id
             AND coalesce(cur.open_item_id, 0) = coalesce(a.open_item_id, 0) AND cur.currency = a.currency)
       ),
       ins AS (
         INSERT INTO alert_crossings (kind, customer_id, open_item_id, currency, amount_minor, threshold_minor,
                                      days_overdue)
         SELECT kind, customer_id, open_item_id, currency, amount, threshold, days FROM cur
         WHERE NOT EXISTS (
           SELECT 1 FROM alert_crossings a WHERE a.recovered_at IS NULL AND a.kind = cur.kind
             AND a.customer_id = cur.customer_id AND coalesce(a.open_item_id, 0) = coalesce(cur.open_item_id, 0)
             AND a.currency = cur.currency)
         -- In the order of the open-crossing index (and so of the ids): appended, not scattered over it.
         ORDER BY kind, customer_id, coalesce(open_item_id, 0), currency
         RETURNING id, customer_id
       )
       SELECT count(*)::int AS crossings, count(DISTINCT customer_id)::int AS accounts, min(id)::text AS first,
              max(id)::text AS last
       FROM ins`,
      { currencies, minors, today, minDays: settings.minDaysOverdue },
    )
  ).rows as { crossings: number; accounts: number; first: string | null; last: string | null }[];
  return {
    crossings: Number(row?.crossings ?? 0),
    accounts: Number(row?.accounts ?? 0),
    first: row?.first === null || row?.first === undefined ? null : Number(row.first),
    last: row?.last === null || row?.last === undefined ? null : Number(row.last),
  };
}

/** The crossings a check opened, for the alert per account (a few accounts: at most MAX_CROSSING_POSTS). */
async function openedSubjects(db: Knex, stats: OpenedStats): Promise<(Subject & { id: number })[]> {
  if (stats.first === null || stats.last === null) return [];
  const rows = (
    await db.raw(
      `SELECT a.*, i.invoice_number FROM alert_crossings a LEFT JOIN open_items i ON i.id = a.open_item_id
       WHERE a.id BETWEEN ? AND ? ORDER BY a.id`,
      [stats.first, stats.last],
    )
  ).rows as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind === 'invoice' ? 'invoice' : 'account',
    accountId: Number(r.customer_id),
    openItemId: r.open_item_id === null ? null : Number(r.open_item_id),
    currency: String(r.currency).trim(),
    amountMinor: Number(r.amount_minor),
    thresholdMinor: Number(r.threshold_minor),
    daysOverdue: Number(r.days_overdue),
    invoiceNumber: r.invoice_number === null ? null : String(r.invoice_number),
  }));
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
 * One line per account and currency of the crossings a check opened (ids first..last, named bindings):
 * its account crossing, else its largest invoice.
 */
const OVERVIEW_LINES = `
  SELECT DISTINCT ON (customer_id, currency) customer_id, currency::text AS currency, amount_minor, days_overdue
  FROM alert_crossings WHERE id BETWEEN :first AND :last
  ORDER BY customer_id, currency, (kind = 'account') DESC, amount_minor DESC, id`;

/**
 * One overview instead of an alert per account: the first check ever (what is already above a threshold),
 * and a check that finds more new crossings than MAX_CROSSING_POSTS (a large ledger's first sync after an
 * outage). Each account once (its account crossing, else its largest invoice), aggregated in SQL; the
 * file lists every crossing.
 */
async function overviewPosts(
  ctx: AlertContext,
  stats: OpenedStats,
  post: { key: string; title?: string },
): Promise<OutgoingPost[]> {
  if (stats.crossings === 0 || stats.first === null || stats.last === null) return [];
  const { db } = ctx;
  const range = { first: stats.first, last: stats.last };
  // The lines are sorted out once (a first check's are every account above a threshold), then summed per
  // currency and the most overdue named: BASELINE_LIST customers looked up, not every one.
  const rows = (
    await db.raw(
      `WITH l AS MATERIALIZED (${OVERVIEW_LINES})
       SELECT 'currency' AS part, NULL::bigint AS rank, currency, count(*)::int AS accounts,
              sum(amount_minor)::text AS amount_minor, NULL::text AS customer_id, NULL::int AS days_overdue,
              NULL::text AS name
       FROM l GROUP BY currency
       UNION ALL
       SELECT 'top', l.rank, l.currency, NULL, l.amount_minor::text, l.customer_id::text, l.days_overdue, c.name
       FROM (SELECT l.*, row_number() OVER (ORDER BY l.days_overdue DESC, l.customer_id, l.currency) AS rank
             FROM (SELECT * FROM l ORDER BY days_overdue DESC, customer_id, currency LIMIT ${BASELINE_LIST}) l) l
       JOIN customers c ON c.id = l.customer_id
       ORDER BY part, rank, currency`,
      range,
    )
  ).rows as {
    part: 'currency' | 'top';
    currency: string;
    accounts: number | null;
    amount_minor: string;
    customer_id: string | null;
    days_overdue: number | null;
    name: string | null;
  }[];
  const byCurrency = rows
    .filter((r) => r.part === 'currency')
    .map((r) => ({ currency: r.currency, accounts: Number(r.accounts), minor: r.amount_minor }));
  const top = rows
    .filter((r) => r.part === 'top')
    .map((r) => ({
      customer_id: String(r.customer_id),
      currency: r.currency,
      amount_minor: r.amount_minor,
      days_overdue: Number(r.days_overdue),
      name: String(r.name),
    }));
  const t = ctx.t ?? translator('en');
  // The file is made when the overview is delivered, from the crossings this check recorded.
  const file: GeneratedCrossings | undefined =
    stats.crossings > BASELINE_LIST
      ? {
          kind: 'alert-crossings',
          firstId: range.first,
          lastId: range.last,
          filename: `${post.key.replace(/[^a-z0-9-]+/gi, '-')}-${ctx.today}.csv`,
          title: t.t('alerts.csv.title', { date: ctx.today }),
          locale: t.locale,
        }
      : undefined;
  return [
    {
      key: post.key,
      to: { kind: 'channel', role: 'alerts' },
      message: baselineSummaryView(
        {
          accounts: stats.accounts,
          lines: byCurrency.reduce((n, c) => n + Number(c.accounts), 0),
          byCurrency: byCurrency.map((c) => ({
            currency: c.currency,
            accounts: Number(c.accounts),
            minor: Number(c.minor),
          })),
          top: top.map((l) => ({
            accountId: Number(l.customer_id),
            customerName: l.name,
            amountMinor: Number(l.amount_minor),
            currency: l.currency,
            daysOverdue: Number(l.days_overdue),
          })),
        },
        { ...(file ? { file } : {}), ...(post.title ? { title: post.title } : {}) },
      ),
    },
  ];
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
    current: false, // the totals only
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
  // The table lock of recordCrossings is held until the transaction ends: a caller outside one gets one of
  // its own, so the crossings and the posts announcing them are committed together.
  if (!(ctx.db as { isTransaction?: boolean }).isTransaction)
    return ctx.db.transaction((trx) => checkAlerts({ ...ctx, db: trx }));
  const today = ctx.today;
  const stats = await recordCrossings(ctx.db, today, ctx.settings);
  const [first] = await ctx.db('alert_baseline').insert({ id: 1 }).onConflict('id').ignore().returning('id');
  const crossings = first
    ? await overviewPosts(ctx, stats, { key: 'alert:baseline' })
    : stats.accounts > MAX_CROSSING_POSTS
      ? await overviewPosts(ctx, stats, {
          key: `alert:overview:${stats.first}`,
          title: (ctx.t ?? translator('en')).t('alerts.overview.header', { count: stats.accounts }),
        })
      : await crossingPosts(ctx, await openedSubjects(ctx.db, stats));
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
