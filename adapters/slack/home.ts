import type { webApi } from '@slack/bolt';
import { actorFor } from '../../src/commands/dispatch.ts';
import { myWorkView } from '../../src/views/my-work.ts';
import { myWork } from '../../src/worklist/my-work.ts';
import { toSlackHome } from './block-kit.ts';
import type { SlackDeps } from './deps.ts';

/** Draws a person's App Home tab: their own worklist with the same buttons as everywhere else. */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const actor = await actorFor(deps.ctx, await deps.identity.user(userId));
  const today = deps.ctx.clock.today();
  const work = await myWork(deps.ctx.db, actor.userId, today);
  await client.views.publish({
    user_id: userId,
    view: toSlackHome(myWorkView(work, { name: actor.name, today })),
  });
}
