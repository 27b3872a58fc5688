/**
 * A person's own worklist as a message (claimed accounts by priority PB-08/PB-25, follow-ups due PB-12,
 * promises due and broken PB-20): the core decides what it holds; Slack's App Home only draws it, in the
 * person's own language.
 */
import { speechFor } from '../i18n/speech.ts';
import type { Message, User } from '../views/model.ts';
import { myWorkView } from '../views/my-work.ts';
import { ensureWorklistDay } from '../worklist/day-turn.ts';
import { myWork } from '../worklist/my-work.ts';
import type { DispatchContext } from './account-actions.ts';
import { actorFor } from './dispatch.ts';

export async function myWorkMessage(ctx: DispatchContext, user: User): Promise<Message> {
  const [actor, speech] = await Promise.all([
    actorFor(ctx, user),
    ctx.t ? { t: ctx.t } : speechFor(ctx.db, user, ctx.language, undefined),
  ]);
  const today = ctx.clock.today();
  // PB-01: days overdue on the owned accounts are today's, not those of the last sync.
  await ensureWorklistDay({ db: ctx.db, policy: ctx.policy, today, timeZone: ctx.clock.timeZone });
  const quiet = {
    afterWorkingDays: ctx.policy.statusUpdateWorkingDays,
    calendar: ctx.policy.calendar,
    timeZone: ctx.clock.timeZone,
  };
  const work = await myWork(ctx.db, actor.userId, today, 20, quiet);
  return myWorkView(work, { name: actor.name, today }, speech.t);
}
