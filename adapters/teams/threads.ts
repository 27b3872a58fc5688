/**
 * One Teams channel conversation per account and channel: logged outcomes are posted there, and replies
 * that mention the bot become notes on the account. The root post is made on first use and remembered in
 * account_threads (thread_ref = the root's activity id).
 */
import type { ConversationReference } from 'botbuilder';
import type { Knex } from 'knex';
import type { Message } from '../../src/views/model.ts';
import { toCardActivity } from './adaptive-card.ts';
import { baseConversationId } from './conversations.ts';
import type { FileLinker } from './file-card.ts';
import { newChannelConversation, type Proactive, sendTo, threadReference } from './proactive.ts';

/** The account whose thread a conversation id (`19:...;messageid=<root>`) is, or null. */
export async function accountForThread(db: Knex, conversationId: string): Promise<number | null> {
  const root = /;messageid=([^;]+)$/.exec(conversationId)?.[1];
  if (!root) return null;
  const row = await db('account_threads')
    .where({ platform: 'teams', channel: baseConversationId(conversationId), thread_ref: root })
    .first('customer_id');
  return row ? Number(row.customer_id) : null;
}

async function storedRoot(db: Knex, customerId: number, channelId: string): Promise<string | null> {
  const row = await db('account_threads')
    .where({ platform: 'teams', customer_id: customerId, channel: channelId })
    .first('thread_ref');
  return row ? String(row.thread_ref) : null;
}

/** The account's thread in the channel, started when there is none; two starters keep one (unique key). */
export async function ensureThread(
  db: Knex,
  p: Proactive,
  reference: Partial<ConversationReference>,
  channelId: string,
  customerId: number,
): Promise<string> {
  const existing = await storedRoot(db, customerId, channelId);
  if (existing) return existing;
  const customer = await db('customers').where({ id: customerId }).first('name', 'external_id');
  const name = customer ? String(customer.name) : `account #${customerId}`;
  const root: Message = {
    blocks: [
      { type: 'header', text: `📁 ${name}` },
      {
        type: 'text',
        text: `Calls and notes on this account${customer ? ` (${String(customer.external_id)})` : ''}. Reply here and mention duebot to add a note to its history.`,
      },
    ],
    fallbackText: `${name}: calls and notes on this account`,
  };
  const posted = await newChannelConversation(p, reference, channelId, toCardActivity(root));
  const inserted = await db('account_threads')
    .insert({ platform: 'teams', customer_id: customerId, channel: channelId, thread_ref: posted.activityId })
    .onConflict(['platform', 'customer_id', 'channel'])
    .ignore()
    .returning('thread_ref');
  if (inserted.length > 0) return posted.activityId;
  return (await storedRoot(db, customerId, channelId)) ?? posted.activityId;
}

/** Posts a message in the account's thread of the channel (starting it when needed). */
export async function postInThread(
  db: Knex,
  p: Proactive,
  reference: Partial<ConversationReference>,
  channelId: string,
  customerId: number,
  message: Message,
  files?: FileLinker,
): Promise<void> {
  const root = await ensureThread(db, p, reference, channelId, customerId);
  await sendTo(p, threadReference(reference, channelId, root), toCardActivity(message, files));
}
