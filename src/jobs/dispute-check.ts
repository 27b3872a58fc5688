/**
 * The daily dispute and pause check (PB-21, issue 16): an open dispute older than DUEBOT_DISPUTE_RAISE_DAYS
 * is raised to the account's owner privately (the digest channel when nobody owns it), once per dispute;
 * pauses past their last day end, the history says so, chasing resumes and the owner is told. Both are
 * posted in the account's thread as well, once each (PB-14: in the account thread and privately). What the
 * owner reads privately is in their own language; the thread and the digest channel hear the company's.
 */
import type { Knex } from 'knex';
import { daysBetween } from '../collections/dates.ts';
import { isLocale } from '../i18n/locale.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import { companyT } from '../i18n/speech.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { threadCopyKey } from '../outbox/chat-out.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { type Message, typedText } from '../views/model.ts';
import { recordActivity } from '../worklist/activity.ts';
import { refreshWorklist } from '../worklist/assess.ts';
import { type AgedDispute, raiseAgedDisputes } from '../worklist/disputes.ts';
import { endLapsedPauses } from '../worklist/pauses.ts';
import type { Job } from './job.ts';
import { dailyPeriod } from './periods.ts';
import { type JobSettings, scheduleOf } from './settings.ts';

/** The outbox key of one dispute's raise: at most one per dispute, ever. */
export const raiseKey = (disputeId: number) => `dispute-raised:${disputeId}`;

/** An aged dispute, raised to whoever reads `t`'s language. */
export function raiseMessage(d: AgedDispute, days: number, t: Translator): Message {
  const head = { id: String(d.id), days, name: d.accountName };
  return {
    blocks: [
      {
        type: 'text',
        text: t.t('dispute.raise.title', {
          ...head,
          invoices: d.invoices.join(', '),
          reason: typedText(d.reason),
        }),
        tone: 'danger',
      },
      {
        type: 'text',
        text: t.t('dispute.raise.body', {
          date: d.openedOn,
          hasBy: d.openedBy ? 'yes' : 'no',
          by: d.openedBy ?? '',
          hasContact: d.contact ? 'yes' : 'no',
          contact: typedText(d.contact ?? ''),
          owned: d.owner ? 'yes' : 'no',
        }),
      },
    ],
    fallbackText: t.t('dispute.raise.fallback', head),
  };
}

/** A pause that ran out: chasing resumes today (`name` undefined: the account is gone). */
export function pauseEndedMessage(
  name: string | undefined,
  accountId: number,
  until: string,
  t: Translator,
): Message {
  const text = t.t('pause.ended', {
    hasName: name === undefined ? 'no' : 'yes',
    name: name ?? '',
    id: String(accountId),
    until,
  });
  return { blocks: [{ type: 'text', text }] };
}

/**
 * Each staff user's own language (their `/overdue language` choice, else the company's: a job has no
 * platform to ask), for what they read privately.
 */
async function languagesOf(
  db: Knex,
  userIds: number[],
  language: LanguageConfig | undefined,
): Promise<Map<number, Translator>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows: { id: number | string; locale: string | null }[] = await db('users')
    .whereIn('id', ids)
    .select('id', 'locale');
  const options = { largeUnits: language?.largeUnits ?? false };
  return new Map(
    rows.map((r) => [
      Number(r.id),
      translator(r.locale && isLocale(r.locale) ? r.locale : (language?.locale ?? 'en'), options),
    ]),
  );
}

/** The daily check. */
export function disputeCheckJob(
  settings: Pick<JobSettings, 'jobs' | 'disputes'> & { language?: LanguageConfig },
): Job {
  const days = settings.disputes.raiseAfterDays;
  const company = companyT(settings.language);
  return {
    name: 'dispute-check',
    schedule: scheduleOf(settings, 'dispute-check', '45 8 * * *'),
    days: 'every',
    periodKey: dailyPeriod,
    async run(ctx) {
      const ended = await endLapsedPauses(ctx.db, ctx.today);
      if (ended.length > 0)
        await refreshWorklist(
          { db: ctx.db, policy: ctx.policy, today: ctx.today, timeZone: ctx.clock.timeZone },
          ended.map((e) => e.accountId),
        );
      const owners = ended.length
        ? await ctx
            .db('claims as cl')
            .join('customers as c', 'c.id', 'cl.customer_id')
            .whereIn(
              'cl.customer_id',
              ended.map((e) => e.accountId),
            )
            .whereNull('cl.released_at')
            .select('cl.customer_id', 'cl.user_id', 'c.name')
        : [];
      const names = new Map<number, string>(
        ended.length
          ? (
              await ctx
                .db('customers')
                .whereIn(
                  'id',
                  ended.map((e) => e.accountId),
                )
                .select('id', 'name')
            ).map((c) => [Number(c.id), String(c.name)])
          : [],
      );
      const aged = await raiseAgedDisputes(ctx.db, days, ctx.today, ctx.clock.timeZone);
      const readers = await languagesOf(
        ctx.db,
        [...owners.map((o) => Number(o.user_id)), ...aged.flatMap((d) => d.ownerUserId ?? [])],
        settings.language,
      );
      const tOf = (userId: number) => readers.get(userId) ?? company;
      const pauseKey = (e: (typeof ended)[number]) => `pause-ended:${e.pauseIds.join(',')}`;
      const pauseMessage = (e: (typeof ended)[number], t: Translator) =>
        pauseEndedMessage(names.get(e.accountId), e.accountId, e.until, t);
      const posts: OutgoingPost[] = [];
      for (const o of owners) {
        const e = ended.find((x) => x.accountId === Number(o.customer_id));
        if (e)
          posts.push({
            key: pauseKey(e),
            to: { kind: 'user', userId: Number(o.user_id) },
            message: pauseMessage(e, tOf(Number(o.user_id))),
          });
      }
      for (const e of ended)
        posts.push({
          key: threadCopyKey(pauseKey(e)),
          to: { kind: 'account', accountId: e.accountId },
          message: pauseMessage(e, company),
        });
      for (const d of aged) {
        const age = daysBetween(d.openedOn, ctx.today);
        posts.push({
          key: raiseKey(d.id),
          to: d.ownerUserId ? { kind: 'user', userId: d.ownerUserId } : { kind: 'channel', role: 'digest' },
          message: raiseMessage(d, age, d.ownerUserId ? tOf(d.ownerUserId) : company),
        });
        posts.push({
          key: threadCopyKey(raiseKey(d.id)),
          to: { kind: 'account', accountId: d.accountId },
          message: raiseMessage(d, age, company),
        });
        await recordActivity(ctx.db, {
          accountId: d.accountId,
          actor: null,
          kind: 'dispute_raised',
          details: { disputeId: d.id, days: age, owner: d.owner },
        });
      }
      return posts;
    },
  };
}
