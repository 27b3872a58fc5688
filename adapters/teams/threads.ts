/**
 * One Teams channel conversation per account and channel: logged outcomes are posted there, and replies
 * that mention the bot become notes on the account. The root post is made on first use and remembered in
 * account_threads (thread_ref = the root's activity id; src/chat/account-threads.ts).
 */
import { type Translator, translator } from '../../src/i18n/translate.ts';
import type { ConversationReference } from 'botbuilder';
import type { Knex } from 'knex';
import { accountForThread as accountThreadOf, ensureAccountThread } from '../../src/chat/account-threads.ts';
import type { Message } from '../../src/views/model.ts';
import { toCardActivity } from './adaptive-card.ts';
import { baseConversationId } from './conversations.ts';
import type { FileLinker } from './file-card.ts';
import { newChannelConversation, type Proactive, sendTo, threadReference } from './proactive.ts';

/** The account whose thread a conversation id (`19:...;messageid=<root>`) is, or null. */
export async function accountForThread(db: Knex, conversationId: string): Promise<number | null> {
  const root = /;messageid=([^;]+)$/.exec(conversationId)?.[1];
  if (!root) return null;
  return accountThreadOf(db, { platform: 'teams', channel: baseConversationId(conversationId) }, root);
}

/** The account's thread in the channel, started when there is none; two starters keep one (unique key). */
export function ensureThread(
  db: Knex,
  p: Proactive,
  reference: Partial<ConversationReference>,
  channelId: string,
  accountId: number,
  t: Translator = translator('en'),
): Promise<string> {
  return ensureAccountThread(db, { platform: 'teams', channel: channelId }, accountId, {
    async start({ name, externalId }) {
      const root: Message = {
        blocks: [
          { type: 'header', text: `📁 ${name}` },
          { type: 'text', text: t.t('teams.thread.head', { id: externalId ?? 'none' }) },
        ],
        fallbackText: t.t('teams.thread.fallback', { name }),
      };
      const posted = await newChannelConversation(p, reference, channelId, toCardActivity(root));
      return posted.activityId;
    },
  });
}

/** Posts a message in the account's thread of the channel (starting it when needed). */
export async function postInThread(
  db: Knex,
  p: Proactive,
  reference: Partial<ConversationReference>,
  channelId: string,
  accountId: number,
  message: Message,
  files?: FileLinker,
  t?: Translator,
): Promise<void> {
  const root = await ensureThread(db, p, reference, channelId, accountId, t);
  await sendTo(p, threadReference(reference, channelId, root), toCardActivity(message, files));
}
