import type { webApi } from '@slack/bolt';
import { myWorkMessage } from '../../src/commands/my-work.ts';
import { speechFor } from '../../src/i18n/speech.ts';
import { toSlackHome } from './block-kit.ts';
import type { SlackDeps } from './deps.ts';

/**
 * Draws a person's App Home tab: their own worklist (built in the core) with the same buttons as
 * everywhere, in their language (App Home is private: their own choice, else their Slack language).
 */
export async function publishHome(deps: SlackDeps, client: webApi.WebClient, userId: string): Promise<void> {
  const user = await deps.identity.user(userId);
  const speech = await speechFor(deps.ctx.db, user, deps.ctx.language, undefined);
  const message = await myWorkMessage({ ...deps.ctx, ...speech }, user);
  await client.views.publish({ user_id: userId, view: toSlackHome(message) });
}
