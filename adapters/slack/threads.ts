/**
 * One Slack thread per account and channel: outcomes are posted there and replies in it become notes.
 * The thread's parent message is posted on first use and remembered in account_threads.
 */
import type { webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import type { SlackMessage } from './block-kit.ts';
import { escapeMrkdwn } from './block-kit.ts';

/** The account a thread belongs to, or null when the thread is not an account thread. */
export async function accountForThread(db: Knex, channel: string, threadTs: string): Promise<number | null> {
  const row = await db('account_threads')
    .where({ platform: 'slack', channel, thread_ref: threadTs })
    .first('customer_id');
  return row ? Number(row.customer_id) : null;
}

async function storedThread(db: Knex, customerId: number, channel: string): Promise<string | null> {
  const row = await db('account_threads')
    .where({ platform: 'slack', customer_id: customerId, channel })
    .first('thread_ref');
  return row ? String(row.thread_ref) : null;
}

/**
 * The account's thread in `channel`, starting it when there is none. When two people start it at the
 * same moment the unique key keeps one; the other parent message is deleted again.
 */
export async function ensureThread(
  db: Knex,
  client: webApi.WebClient,
  customerId: number,
  channel: string,
): Promise<string> {
  const existing = await storedThread(db, customerId, channel);
  if (existing) return existing;
  const customer = await db('customers').where({ id: customerId }).first('name', 'external_id');
  const name = customer ? String(customer.name) : `account #${customerId}`;
  const posted = await client.chat.postMessage({
    channel,
    text: `${escapeMrkdwn(name)}: calls and notes on this account`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:file_folder: *${escapeMrkdwn(name)}*${customer ? ` (${escapeMrkdwn(String(customer.external_id))})` : ''}: calls and notes on this account. Reply in this thread to add a note to its history.`,
        },
      },
    ],
  });
  const ts = posted.ts;
  if (!ts) throw new Error('chat.postMessage returned no ts for the thread parent');
  const inserted = await db('account_threads')
    .insert({ platform: 'slack', customer_id: customerId, channel, thread_ref: ts })
    .onConflict(['platform', 'customer_id', 'channel'])
    .ignore()
    .returning('thread_ref');
  if (inserted.length > 0) return ts;
  await client.chat.delete({ channel, ts }).catch(() => undefined);
  return (await storedThread(db, customerId, channel)) ?? ts;
}

/** Posts a message into the account's thread (starting the thread when needed); returns the thread ts. */
export async function postInThread(
  db: Knex,
  client: webApi.WebClient,
  customerId: number,
  channel: string,
  message: SlackMessage,
): Promise<string> {
  const threadTs = await ensureThread(db, client, customerId, channel);
  await client.chat.postMessage({ channel, thread_ts: threadTs, text: message.text, blocks: message.blocks });
  return threadTs;
}
