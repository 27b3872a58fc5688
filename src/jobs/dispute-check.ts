/**
 * The daily dispute and pause check (PB-21, issue 16): an open dispute older than DUEBOT_DISPUTE_RAISE_DAYS
 * is raised to the account's owner privately (the digest channel when nobody owns it), once per dispute;
 * pauses past their last day end, the history says so, chasing resumes and the owner is told.
 */
import { daysBetween } from '../collections/dates.ts';
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
      const posts: OutgoingPost[] = owners.map((o) => {
        const e = ended.find((x) => x.accountId === Number(o.customer_id));
        return {
          key: `pause-ended:${e?.pauseIds.join(',') ?? o.customer_id}`,
          to: { kind: 'user', userId: Number(o.user_id) },
          message: {
            blocks: [
              {
                type: 'text',
                text: `*${String(o.name)}*: the pause until ${e?.until ?? ''} ended; chasing resumes today.`,
              },
            ],
          },
        };
      });
      const aged = await raiseAgedDisputes(ctx.db, days, ctx.today, ctx.clock.timeZone);
      for (const d of aged) {
        const age = daysBetween(d.openedOn, ctx.today);
        posts.push({
          key: raiseKey(d.id),
          to: d.ownerUserId ? { kind: 'user', userId: d.ownerUserId } : { kind: 'channel', role: 'digest' },
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
