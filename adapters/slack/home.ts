import type { webApi } from '@slack/bolt';
import { myWorkView } from '../../src/views/my-work.ts';
import { myWork } from '../../src/worklist/my-work.ts';
import { resolveActor } from '../../src/worklist/staff.ts';
import { toSlackHome } from './block-kit.ts';
import type { SlackDeps } from './deps.ts';

/** Draws a person's App Home tab: their own worklist with the same buttons as everywhere else. */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const user = await deps.identity.user(userId);
  const actor = await resolveActor(
    deps.ctx.db,
    { platform: 'slack', platformUserId: userId, displayName: user.name },
    deps.identity.roleFor('slack', userId),
  );
  const today = deps.ctx.clock.today();
  const work = await myWork(deps.ctx.db, actor.userId, today);
  await client.views.publish({
    user_id: userId,
    view: toSlackHome(myWorkView(work, { name: actor.name, today })),
  });
}
