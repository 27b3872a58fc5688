/**
 * Events: App Home opened (draw the person's worklist) and replies in an account's thread (save them as
 * notes, confirmed with a reaction). Each event id is handled once, whatever Slack's retries.
 */
import type { App } from '@slack/bolt';
import { dispatch } from '../../src/commands/dispatch.ts';
import { toBlockKit } from './block-kit.ts';
import type { SlackDeps } from './deps.ts';
import { claimEvent, releaseEvent } from './handled-events.ts';
import { publishHome } from './home.ts';
import { type MessageEventLike, threadReply } from './interactions.ts';
import { accountForThread } from './threads.ts';

/** The reaction that tells the writer their reply is in the account's history. */
export const NOTE_REACTION = 'memo';

/** Registers App Home and thread-note events on a Bolt app. */
export function registerEvents(app: App, deps: SlackDeps): void {
  const { ctx, identity, log } = deps;

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(deps, client, event.user);
    } catch (error) {
      log.error({ err: error }, 'slack: App Home failed');
    }
  });

  app.event('message', async ({ event, body, client }) => {
    const reply = threadReply(event as MessageEventLike);
    if (!reply) return;
    const accountId = await accountForThread(ctx.db, reply.channel, reply.threadTs);
    if (accountId === null) return;
    const eventId = typeof body.event_id === 'string' ? body.event_id : `${reply.channel}:${reply.ts}`;
    if (!(await claimEvent(ctx.db, eventId))) return; // a retry of an event already handled
    try {
      const user = await identity.user(reply.userId);
      const result = await dispatch(ctx, { kind: 'note', accountId, text: reply.text, user });
      if (result.kind === 'none') {
        await client.reactions
          .add({ channel: reply.channel, timestamp: reply.ts, name: NOTE_REACTION })
          .catch((error: unknown) => log.warn({ err: error }, 'slack: could not add the note reaction'));
      } else if ('message' in result) {
        await client.chat.postEphemeral({
          channel: reply.channel,
          user: reply.userId,
          thread_ts: reply.threadTs,
          ...toBlockKit(result.message),
        });
      }
    } catch (error) {
      await releaseEvent(ctx.db, eventId).catch(() => undefined);
      throw error;
    }
  });
}
