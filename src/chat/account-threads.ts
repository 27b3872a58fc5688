/**
 * One thread per account and channel, on every chat platform: calls and notes on the account are posted
 * there, and replies in it become notes. The thread's first post is made on first use and remembered in
 * account_threads (thread_ref: Slack's message ts, the Teams root post's activity id). Adapters give only
 * how a thread's first post is made (and taken back); the store is the same for all.
 */
import type { Knex } from 'knex';

/** A channel of one platform, named as the platform names it (Slack's C..., Teams' 19:...@thread). */
export interface ThreadPlace {
  platform: string;
  channel: string;
}

/** What a thread's first post says about its account. */
export interface ThreadAccount {
  /** The account's name, or `account #<id>` when the account is gone. */
  name: string;
  /** The ledger's id of the account, when the account is known. */
  externalId?: string;
}

/** The account a thread belongs to, or null when the thread is not an account thread. */
export async function accountForThread(
  db: Knex,
  place: ThreadPlace,
  threadRef: string,
): Promise<number | null> {
  const row = await db('account_threads')
    .where({ platform: place.platform, channel: place.channel, thread_ref: threadRef })
    .first('customer_id');
  return row ? Number(row.customer_id) : null;
}

/** The account's thread in the channel, or null when none was started yet. */
export async function storedThread(db: Knex, place: ThreadPlace, accountId: number): Promise<string | null> {
  const row = await db('account_threads')
    .where({ platform: place.platform, customer_id: accountId, channel: place.channel })
    .first('thread_ref');
  return row ? String(row.thread_ref) : null;
}

/** How one platform starts a thread: posts its first message (returning its ref) and takes one back. */
export interface ThreadStarter {
  start(account: ThreadAccount): Promise<string>;
  /** Removes a first post that lost the race to another (absent: the platform leaves it). */
  discard?(threadRef: string): Promise<void>;
}

/**
 * The account's thread in the channel, starting it when there is none. When two people start it at the
 * same moment the unique key keeps one; the other first post is discarded and the kept one returned.
 */
export async function ensureAccountThread(
  db: Knex,
  place: ThreadPlace,
  accountId: number,
  starter: ThreadStarter,
): Promise<string> {
  const existing = await storedThread(db, place, accountId);
  if (existing) return existing;
  const customer = await db('customers').where({ id: accountId }).first('name', 'external_id');
  const account: ThreadAccount = customer
    ? { name: String(customer.name), externalId: String(customer.external_id) }
    : { name: `account #${accountId}` };
  const ref = await starter.start(account);
  const inserted = await db('account_threads')
    .insert({ platform: place.platform, customer_id: accountId, channel: place.channel, thread_ref: ref })
    .onConflict(['platform', 'customer_id', 'channel'])
    .ignore()
    .returning('thread_ref');
  if (inserted.length > 0) return ref;
  await starter.discard?.(ref).catch(() => undefined);
  return (await storedThread(db, place, accountId)) ?? ref;
}

/**
 * Records a thread whose first post was made earlier but not recorded (found again on the platform after a
 * failure); a thread recorded meanwhile wins. Returns the account's thread in the channel.
 */
export async function adoptAccountThread(
  db: Knex,
  place: ThreadPlace,
  accountId: number,
  threadRef: string,
): Promise<string> {
  await db('account_threads')
    .insert({
      platform: place.platform,
      customer_id: accountId,
      channel: place.channel,
      thread_ref: threadRef,
    })
    .onConflict(['platform', 'customer_id', 'channel'])
    .ignore();
  return (await storedThread(db, place, accountId)) ?? threadRef;
}

/**
 * Where a post no click placed (a scheduled escalation) goes on one platform: the account's thread in
 * `preferred` (SLACK_CHANNEL, the Teams default channel), else the thread most recently started for it in
 * another channel; null when the account has no thread on the platform yet.
 */
export async function threadForPosts(
  db: Knex,
  platform: string,
  accountId: number,
  preferred: string,
): Promise<{ channel: string; threadRef: string } | null> {
  const row = await db('account_threads')
    .where({ platform, customer_id: accountId })
    .orderByRaw('CASE WHEN channel = ? THEN 0 ELSE 1 END', [preferred])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .first('channel', 'thread_ref');
  return row ? { channel: String(row.channel), threadRef: String(row.thread_ref) } : null;
}
