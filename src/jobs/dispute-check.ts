/**
 * The daily dispute and pause check (PB-21, issue 16): an open dispute older than DUEBOT_DISPUTE_RAISE_DAYS
 * is raised to the account's owner privately (the digest channel when nobody owns it), once per dispute;
 * pauses past their last day end, the history says so, chasing resumes and the owner is told. Both are
 * posted in the account's thread as well, once each (PB-14: in the account thread and privately).
 */
import { daysBetween } from '../collections/dates.ts';
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

function raiseMessage(d: AgedDispute, days: number): Message {
  const contact = d.contact ? ` After-sales: ${typedText(d.contact)}.` : ' No after-sales contact is named.';
  const who = d.owner ? '' : ' Nobody owns the account: claim it.';
  return {
    blocks: [
      {
        type: 'text',
        text: `*Dispute #${d.id} open for ${days} days: ${d.accountName}* (${d.invoices.join(', ')}): _${typedText(d.reason)}_`,
        tone: 'danger',
      },
      {
        type: 'text',
        text: `Opened ${d.openedOn}${d.openedBy ? ` by ${d.openedBy}` : ''}.${contact} Chase after-sales for an answer, then resolve it from the card (PB-21).${who}`,
      },
    ],
    fallbackText: `Dispute #${d.id} open for ${days} days: ${d.accountName}`,
  };
}

/** The daily check. */
export function disputeCheckJob(settings: Pick<JobSettings, 'jobs' | 'disputes'>): Job {
  const days = settings.disputes.raiseAfterDays;
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
      const pauseKey = (e: (typeof ended)[number]) => `pause-ended:${e.pauseIds.join(',')}`;
      const pauseMessage = (e: (typeof ended)[number]): Message => ({
        blocks: [
          {
            type: 'text',
            text: `*${names.get(e.accountId) ?? `account #${e.accountId}`}*: the pause until ${e.until} ended; chasing resumes today.`,
          },
        ],
      });
      const posts: OutgoingPost[] = [];
      for (const o of owners) {
        const e = ended.find((x) => x.accountId === Number(o.customer_id));
        if (e)
          posts.push({
            key: pauseKey(e),
            to: { kind: 'user', userId: Number(o.user_id) },
            message: pauseMessage(e),
          });
      }
      for (const e of ended)
        posts.push({
          key: threadCopyKey(pauseKey(e)),
          to: { kind: 'account', accountId: e.accountId },
          message: pauseMessage(e),
        });
      const aged = await raiseAgedDisputes(ctx.db, days, ctx.today, ctx.clock.timeZone);
      for (const d of aged) {
        const age = daysBetween(d.openedOn, ctx.today);
        posts.push({
          key: raiseKey(d.id),
          to: d.ownerUserId ? { kind: 'user', userId: d.ownerUserId } : { kind: 'channel', role: 'digest' },
          message: raiseMessage(d, age),
        });
        posts.push({
          key: threadCopyKey(raiseKey(d.id)),
          to: { kind: 'account', accountId: d.accountId },
          message: raiseMessage(d, age),
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
