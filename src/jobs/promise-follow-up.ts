/**
 * Promise follow-ups (PB-20, PB-14, PB-17): once a day, decide open promises and plan installments from the
 * ledger (evaluatePromises escalates a missed one and logs it), then tell each owner and the owner's
 * managers (DUEBOT_ESCALATION_MANAGERS, else every manager) privately about promises broken or only partly
 * kept on their accounts, once per promise and person, and the account's thread once per promise (PB-14:
 * "in the account thread and privately"), and log who was told. Key accounts at 60 days (PB-06) likewise
 * reach the managers privately and the account's thread.
 */
import { addDays } from '../collections/dates.ts';
import { currencyCode } from '../collections/money.ts';
import { personT } from '../i18n/person.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import { channelT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import { threadCopyKey } from '../outbox/chat-out.ts';
import { enqueue } from '../outbox/outbox.ts';
import { drawnIn, type OutgoingPost } from '../outbox/post.ts';
import type { Message } from '../views/model.ts';
import { recordActivity } from '../worklist/activity.ts';
import type { Knex } from 'knex';
import { type EscalationMap, type Escalee, managersFor } from '../worklist/escalation.ts';
import { rowDaysOverdue, whereOverdueAtLeast } from '../worklist/overdue-days.ts';
import { evaluatePromises } from '../worklist/promises.ts';
import type { Job } from './job.ts';
import { dailyPeriod } from './periods.ts';
import { type JobSettings, scheduleOf } from './settings.ts';

/** How many days back a missed promise is still followed up (a bot that was down catches up). */
const LOOKBACK_DAYS = 7;

/** The outbox key of one promise's follow-up: at most one per promise, ever. */
export const followUpKey = (promiseId: number) => `promise-missed:${promiseId}`;
/** The outbox key of one manager's copy of a promise's follow-up (PB-14). */
export const managerFollowUpKey = (promiseId: number, userId: number) =>
  `promise-missed:${promiseId}:manager:${userId}`;
/** The outbox key of a promise's follow-up in the account's thread (PB-14), once per promise. */
export const threadFollowUpKey = (promiseId: number) => threadCopyKey(followUpKey(promiseId));

/** The private notice (or the thread's copy) of a missed promise or installment (PB-20, PB-14). */
export function followUpMessage(
  p: {
    name: string;
    accountId: number;
    status: string;
    amountMinor: number;
    paidMinor: number;
    currency: string;
    promisedDate: string;
    owner: string | null;
    /** PB-17: the plan and installment number when the promise is a plan's installment. */
    installment: { planId: number; no: number } | null;
    /** Who reads it: the owner (default), a manager (the case moved up to them, PB-14), the account's thread. */
    audience?: 'owner' | 'manager' | 'thread';
    /** The thread's copy names the managers told. */
    managers?: string[];
  },
  t: Translator,
): Message {
  const amount = t.money(p.amountMinor, p.currency);
  const date = t.date(p.promisedDate);
  const paid = p.status === 'partial' ? t.money(p.paidMinor, p.currency) : 'nothing';
  const what = p.installment
    ? t.t('promise.missed.installment', {
        name: p.name,
        no: p.installment.no,
        planId: p.installment.planId,
        amount,
        date,
        paid,
      })
    : t.t('promise.missed.promise', { name: p.name, amount, date, paid });
  const owner = p.owner ?? 'none';
  const next =
    p.audience === 'manager'
      ? t.t('promise.missed.manager', { owner })
      : p.audience === 'thread'
        ? t.t('promise.missed.thread', {
            owner,
            managers: p.managers?.length ? p.managers.join(', ') : 'none',
          })
        : t.t('promise.missed.owner', { owner });
  return {
    blocks: [
      { type: 'text', text: what, tone: 'danger' },
      { type: 'text', text: next },
    ],
    fallbackText: t.t('promise.missed.fallback', {
      kind: p.installment ? 'installment' : 'promise',
      name: p.name,
      amount,
      date,
    }),
  };
}

/**
 * The outbox key of a manager's notice that an account became a key account without exception (once per
 * account and manager). The key keeps its first spelling ("60") whatever the policy's days, so a changed
 * policy file does not tell a manager a second time.
 */
export const keyAccountKey = (accountId: number, userId: number) =>
  `key-account-60:${accountId}:manager:${userId}`;

/** PB-06: an account became a key account without exception at `limit` days overdue. */
export function keyAccountMessage(
  k: { name: string; days: number; limit: number; owner: string | null },
  t: Translator,
): Message {
  return {
    blocks: [
      {
        type: 'text',
        text: t.t('escalation.key_account', { name: k.name, days: k.days, limit: k.limit }),
        tone: 'danger',
      },
      { type: 'text', text: t.t('escalation.key_account_owner', { owner: k.owner ?? 'none' }) },
    ],
    fallbackText: t.t('escalation.key_account_fallback', { name: k.name, days: k.days }),
  };
}

/**
 * PB-06, PB-14: accounts at `days` overdue or more (the policy file's aging.keyAccountNoExceptionDays, 60 by
 * the playbook: a key account without exception) reach the owner's managers (each once).
 */
async function keyAccountPosts(
  db: Knex,
  map: EscalationMap,
  days: number,
  today: string,
  language: LanguageConfig | undefined,
): Promise<
  { accountId: number; name: string; keys: string[]; posts: OutgoingPost[]; thread: OutgoingPost }[]
> {
  const rows = await db('account_summary as s')
    .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
    .leftJoin('users as u', 'u.id', 'cl.user_id')
    .modify((q) => whereOverdueAtLeast(q, 's', today, days))
    .orderBy('s.customer_id')
    .select('s.customer_id', 's.name', 's.oldest_due', 'u.id as owner_id', 'u.display_name as owner');
  const out = [];
  for (const r of rows) {
    const accountId = Number(r.customer_id);
    const managers = await managersFor(db, r.owner_id ? Number(r.owner_id) : null, map);
    const facts = {
      name: String(r.name),
      days: rowDaysOverdue(r.oldest_due, today),
      limit: days,
      owner: r.owner ? String(r.owner) : null,
    };
    const message = (t: Translator): Message => drawnIn(keyAccountMessage(facts, t), t);
    const posts: OutgoingPost[] = [];
    for (const m of managers)
      posts.push({
        key: keyAccountKey(accountId, m.userId),
        to: { kind: 'user', userId: m.userId },
        message: message(await personT(db, m.userId, language)),
      });
    // The account's thread hears it too (PB-14), once per account, whether or not a manager is known.
    const thread: OutgoingPost = {
      key: threadCopyKey(`key-account-60:${accountId}`),
      to: { kind: 'account', accountId },
      message: message(channelT(language, undefined)),
    };
    out.push({ accountId, name: String(r.name), keys: posts.map((p) => p.key), posts, thread });
  }
  return out;
}

/**
 * The daily promise check. Private notices are in each person's own language (else the company's); the
 * account's thread and the digest channel read the company's.
 */
export function promiseFollowUpJob(
  settings: Pick<JobSettings, 'jobs'> & { language?: LanguageConfig | undefined },
): Job {
  const escalationMap = settings.jobs.escalationManagers ?? {};
  const language = settings.language;
  const placeT = channelT(language, undefined);
  return {
    name: 'promise-follow-up',
    schedule: scheduleOf(settings, 'promise-follow-up', '30 8 * * *'),
    days: 'every',
    periodKey: dailyPeriod,
    async run(ctx) {
      await evaluatePromises(ctx.db, ctx.today); // rolled back again in a dry run
      const missed = await ctx
        .db('promises as p')
        .join('customers as c', 'c.id', 'p.customer_id')
        .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 'p.customer_id').andOnNull('cl.released_at'))
        .leftJoin('users as u', 'u.id', 'cl.user_id')
        .whereIn('p.status', ['broken', 'partial'])
        .where('p.promised_date', '>=', addDays(ctx.today, -LOOKBACK_DAYS))
        .where('p.promised_date', '<', ctx.today)
        .orderBy('p.id')
        .select(
          'p.id',
          'p.customer_id',
          'c.name',
          'p.status',
          'p.amount_minor',
          'p.paid_minor',
          'p.currency',
          'p.promised_date',
          'p.plan_id',
          'p.installment_no',
          'u.id as owner_id',
          'u.display_name as owner',
        );
      const managers = new Map<number, Escalee[]>();
      const posts: OutgoingPost[] = [];
      for (const p of missed) {
        const facts = {
          name: String(p.name),
          accountId: Number(p.customer_id),
          status: String(p.status),
          amountMinor: Number(p.amount_minor),
          paidMinor: Number(p.paid_minor),
          currency: currencyCode(p.currency),
          promisedDate: String(p.promised_date),
          owner: p.owner ? String(p.owner) : null,
          installment:
            p.plan_id === null ? null : { planId: Number(p.plan_id), no: Number(p.installment_no) },
        };
        const ownerT = p.owner_id ? await personT(ctx.db, Number(p.owner_id), language) : placeT;
        posts.push({
          key: followUpKey(Number(p.id)),
          to: p.owner_id ? { kind: 'user', userId: Number(p.owner_id) } : { kind: 'channel', role: 'digest' },
          message: drawnIn(followUpMessage(facts, ownerT), ownerT),
        });
        // PB-14: the case moves up to the owner's manager(s) as well.
        const up = await managersFor(ctx.db, p.owner_id ? Number(p.owner_id) : null, escalationMap);
        managers.set(Number(p.id), up);
        for (const m of up) {
          const managerT = await personT(ctx.db, m.userId, language);
          posts.push({
            key: managerFollowUpKey(Number(p.id), m.userId),
            to: { kind: 'user', userId: m.userId },
            message: drawnIn(followUpMessage({ ...facts, audience: 'manager' }, managerT), managerT),
          });
        }
        // PB-14: "in the account thread and privately".
        posts.push({
          key: threadFollowUpKey(Number(p.id)),
          to: { kind: 'account', accountId: facts.accountId },
          message: drawnIn(
            followUpMessage({ ...facts, audience: 'thread', managers: up.map((m) => m.name) }, placeT),
            placeT,
          ),
        });
      }
      const keyDays = ctx.policy.aging.keyAccountNoExceptionDays;
      const keyAccounts = await keyAccountPosts(ctx.db, escalationMap, keyDays, ctx.today, language);
      for (const k of keyAccounts) posts.push(...k.posts, k.thread);
      if (ctx.dryRun) return posts;
      // Enqueued here (not returned) so the activity is logged only for follow-ups stored now.
      const added = new Set(await enqueue(ctx.db, posts, { locale: placeT.locale }));
      for (const p of missed) {
        if (!added.has(followUpKey(Number(p.id)))) continue;
        await recordActivity(ctx.db, {
          accountId: Number(p.customer_id),
          actor: null,
          kind: 'owner_told',
          details: {
            promiseId: Number(p.id),
            owner: p.owner ?? null,
            managers: (managers.get(Number(p.id)) ?? []).map((m) => m.name),
            promiseDate: String(p.promised_date),
            status: p.status,
          },
        });
      }
      for (const k of keyAccounts) {
        if (!k.keys.some((key) => added.has(key))) continue;
        await recordActivity(ctx.db, {
          accountId: k.accountId,
          actor: null,
          kind: 'escalated',
          details: { cause: 'key-account', days: keyDays },
        });
      }
      return [];
    },
  };
}
