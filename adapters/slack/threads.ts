/**
 * One Slack thread per account and channel: outcomes are posted there and replies in it become notes.
 * The thread's parent message is posted on first use and remembered in account_threads (src/chat/account-threads.ts).
 */
import { type Translator, translator } from '../../src/i18n/translate.ts';
import type { webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import { accountForThread as accountThreadOf, ensureAccountThread } from '../../src/chat/account-threads.ts';
import type { SlackMessage } from './block-kit.ts';
import { escapeMrkdwn } from './block-kit.ts';

/** The account a thread belongs to, or null when the thread is not an account thread. */
export function accountForThread(db: Knex, channel: string, threadTs: string): Promise<number | null> {
  return accountThreadOf(db, { platform: 'slack', channel }, threadTs);
}

/** Slack message metadata (the outbox stamps its posts with their key, so it can find them again). */
export interface SlackMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}

/**
 * The account's thread in `channel`, starting it when there is none. When two people start it at the
 * same moment the unique key keeps one; the other parent message is deleted again. `metadata` is stamped on
 * a parent message it posts (the outbox's, so a parent posted but not recorded can be found again).
 */
export function ensureThread(
  db: Knex,
  client: webApi.WebClient,
  accountId: number,
  channel: string,
  metadata?: SlackMetadata,
  t: Translator = translator('en'),
): Promise<string> {
  return ensureAccountThread(db, { platform: 'slack', channel }, accountId, {
    async start({ name, externalId }) {
      const posted = await client.chat.postMessage({
        channel,
        text: t.t('slack.thread.fallback', { name: escapeMrkdwn(name) }),
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: t.t('slack.thread.head', {
                name: escapeMrkdwn(name),
                id: externalId !== undefined ? escapeMrkdwn(externalId) : 'none',
              }),
            },
          },
        ],
        ...(metadata ? { metadata } : {}),
      });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts for the thread parent');
      return posted.ts;
    },
    async discard(ts) {
      await client.chat.delete({ channel, ts });
    },
  });
}

/** Posts a message into the account's thread (starting the thread when needed); returns the thread ts. */
export async function postInThread(
  db: Knex,
  client: webApi.WebClient,
  accountId: number,
  channel: string,
  message: SlackMessage,
  t?: Translator,
): Promise<string> {
  const threadTs = await ensureThread(db, client, accountId, channel, undefined, t);
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks });
  return threadTs;
}
