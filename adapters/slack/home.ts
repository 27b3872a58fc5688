import type { webApi } from '@slack/bolt';
import { myWorkMessage } from '../../src/commands/my-work.ts';
import { toSlackHome } from './block-kit.ts';
import type { SlackDeps } from './deps.ts';

/** Draws a person's App Home tab: their own worklist (built in the core) with the same buttons as everywhere. */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const message = await myWorkMessage(deps.ctx, await deps.identity.user(userId));
  await client.views.publish({ user_id: userId, view: toSlackHome(message) });
}
