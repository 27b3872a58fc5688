/**
 * The outbox: every scheduled post is stored here first (DESIGN: jobs -> outbox -> adapters) and
 * delivered later by the worker (worker.ts). Keys make enqueuing idempotent: the unique index on
 * idempotency_key turns a second enqueue of the same post (a retried job, a second replica) into nothing.
 */
import type { Knex } from 'knex';
import { insertInBatches } from '../batches.ts';
import { toStoredMessage } from './payload.ts';
import type { OutgoingPost, OutgoingUpdate, PostLocale } from './post.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';

/** Longest idempotency key accepted; keys are short ("digest:2026-11-30", "alert:42:2026-11"). */
export const MAX_KEY_LENGTH = 200;

/** A post or update the outbox refused, with what to fix. */
export class OutboxInputError extends Error {
  readonly code = 'outbox_invalid';
}

function checkKey(key: string): void {
  if (key.trim() === '' || key.length > MAX_KEY_LENGTH) {
    throw new OutboxInputError(`an outbox key must be 1 to ${MAX_KEY_LENGTH} characters, got "${key}"`);
  }
}

/**
 * The language a post is stored with: the one its message was drawn in, else the caller's (every caller
 * in the program names one), else English.
 */
function localeOf(post: OutgoingPost, locale: PostLocale | undefined): Locale {
  return post.message.locale ?? (typeof locale === 'function' ? locale(post) : (locale ?? DEFAULT_LOCALE));
}

/**
 * Stores posts for delivery; returns the keys actually added (a key stored before is left as it was).
 * Call inside the transaction that decided the posts, so they are stored if and only if it commits.
 * `now` (the business clock) stamps them; the database's clock otherwise.
 */
export async function enqueue(
  db: Knex,
  posts: OutgoingPost[],
  options: { now?: Date; locale?: PostLocale } = {},
): Promise<string[]> {
  if (posts.length === 0) return [];
  for (const post of posts) {
    checkKey(post.key);
    if (post.threadKey !== undefined) checkKey(post.threadKey);
    if (post.threadKey === post.key) throw new OutboxInputError(`post ${post.key} cannot reply to itself`);
    if (post.to.kind === 'account') {
      const { accountId } = post.to;
      if (!Number.isSafeInteger(accountId) || accountId <= 0)
        throw new OutboxInputError(
          `post ${post.key}: accountId must be a positive whole number, got ${accountId}`,
        );
      if (post.threadKey !== undefined)
        throw new OutboxInputError(
          `post ${post.key} goes to the account's thread; it cannot also reply to ${post.threadKey}`,
        );
    }
  }
  const rows = posts.map((post) => ({
    idempotency_key: post.key,
    destination: JSON.stringify(post.to),
    thread_key: post.threadKey ?? null,
    // Every post is stored marked with its language: its own, else the one the caller names (issue 20).
    payload: JSON.stringify(toStoredMessage({ ...post.message, locale: localeOf(post, options.locale) })),
    ...(options.now ? { created_at: options.now } : {}),
  }));
  // In batches: a meeting's or an alert check's thousands of posts in one INSERT pass PostgreSQL's
  // 65,535 bind parameters.
  const inserted = await insertInBatches(rows, (batch) =>
    db('outbox').insert(batch).onConflict('idempotency_key').ignore().returning('idempotency_key'),
  );
  return inserted.map((r: { idempotency_key: string }) => r.idempotency_key);
}

/**
 * Stores a new version of an earlier post; the worker edits every platform's copy to the latest version
 * (several updates before delivery collapse into one edit). False when no post has that key.
 */
export async function enqueueUpdate(db: Knex, update: OutgoingUpdate): Promise<boolean> {
  checkKey(update.key);
  const changed = await db('outbox')
    .where({ idempotency_key: update.key })
    .update({
      update_payload: JSON.stringify(toStoredMessage(update.message)),
      update_version: db.raw('update_version + 1'),
    });
  return changed > 0;
}
