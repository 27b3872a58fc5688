/**
 * The outbox worker's SQL: turning posts into per-platform deliveries and leasing due deliveries. Each
 * lease is one UPDATE over a SELECT ... FOR UPDATE SKIP LOCKED, so replicas never take the same row, and
 * it runs out: a worker that dies mid-call leaves a 'sending' row another worker takes over later.
 * (A "claim" in duebot is a person owning an account, worklist/claims.ts; the outbox only leases.)
 */
import type { Knex } from 'knex';
import type { Destination, PostProgress } from './chat-out.ts';
import { parseJson, type StoredMessage } from './payload.ts';

/** One delivery of one post to one platform, as leased by a worker. */
export interface LeasedDelivery {
  id: number;
  outboxId: number;
  platform: string;
  attempts: number;
  /** The previous attempt may have reached the platform: `find` before sending again. */
  uncertain: boolean;
  key: string;
  to: Destination;
  payload: StoredMessage;
  updatePayload: StoredMessage | null;
  updateVersion: number;
  appliedVersion: number;
  createdAt: Date;
  /** The delivered parent (threadKey) on the same platform. */
  parent: { channel: string; id: string } | null;
  /** For updates: the platform's copy to edit. */
  ref: { channel: string; id: string } | null;
  /** What earlier attempts delivered (the message, files), see PostProgress. */
  progress: PostProgress | null;
}

interface Row {
  id: number | string;
  outbox_id: number | string;
  platform: string;
  attempts: number;
  uncertain: boolean;
  idempotency_key: string;
  destination: unknown;
  payload: unknown;
  update_payload: unknown;
  update_version: number;
  applied_version: number;
  created_at: Date | string;
  parent_channel: string | null;
  parent_ref: string | null;
  channel: string | null;
  platform_ref: string | null;
  progress: unknown;
}

function toLeased(row: Row): LeasedDelivery {
  return {
    id: Number(row.id),
    outboxId: Number(row.outbox_id),
    platform: row.platform,
    attempts: Number(row.attempts),
    uncertain: Boolean(row.uncertain),
    key: row.idempotency_key,
    to: parseJson<Destination>(row.destination),
    payload: parseJson<StoredMessage>(row.payload),
    updatePayload: row.update_payload ? parseJson<StoredMessage>(row.update_payload) : null,
    updateVersion: Number(row.update_version),
    appliedVersion: Number(row.applied_version),
    createdAt: new Date(row.created_at),
    parent: row.parent_channel && row.parent_ref ? { channel: row.parent_channel, id: row.parent_ref } : null,
    ref: row.channel && row.platform_ref ? { channel: row.channel, id: row.platform_ref } : null,
    progress: row.progress ? parseJson<PostProgress>(row.progress) : null,
  };
}

const PARENT_SENT = `(o.thread_key IS NULL OR EXISTS (
  SELECT 1 FROM outbox p JOIN outbox_deliveries pd ON pd.outbox_id = p.id
   WHERE p.idempotency_key = o.thread_key AND pd.platform = d.platform AND pd.status = 'sent'))`;

const RETURNING = `RETURNING d.id, d.outbox_id, d.platform, d.attempts, d.uncertain, d.applied_version,
  d.channel, d.platform_ref, d.progress,
  o.idempotency_key, o.destination, o.payload, o.update_payload, o.update_version, o.created_at,
  (SELECT pd.channel FROM outbox p JOIN outbox_deliveries pd ON pd.outbox_id = p.id
    WHERE p.idempotency_key = o.thread_key AND pd.platform = d.platform) AS parent_channel,
  (SELECT pd.platform_ref FROM outbox p JOIN outbox_deliveries pd ON pd.outbox_id = p.id
    WHERE p.idempotency_key = o.thread_key AND pd.platform = d.platform) AS parent_ref`;

/** Posts nobody has split into deliveries yet (oldest first). */
export async function unexpandedPosts(db: Knex, limit: number) {
  const rows = await db('outbox')
    .whereNull('expanded_at')
    .orderBy('id')
    .limit(limit)
    .select('id', 'idempotency_key', 'destination');
  return rows.map((r) => ({
    id: Number(r.id),
    key: String(r.idempotency_key),
    to: parseJson<Destination>(r.destination),
  }));
}

/** Creates the deliveries of a post (ignoring ones another worker created) and marks it expanded. */
export async function expandPost(db: Knex, outboxId: number, platforms: string[], now: Date): Promise<void> {
  await db.transaction(async (trx) => {
    if (platforms.length > 0) {
      await trx('outbox_deliveries')
        .insert(platforms.map((platform) => ({ outbox_id: outboxId, platform, next_attempt_at: now })))
        .onConflict(['outbox_id', 'platform'])
        .ignore();
    }
    await trx('outbox').where({ id: outboxId }).whereNull('expanded_at').update({ expanded_at: now });
  });
}

/** Leases due posts: pending ones whose time came, and 'sending' ones whose worker's lease ran out. */
export async function leasePosts(
  db: Knex,
  options: { now: Date; leaseUntil: Date; limit: number; platforms: string[] },
): Promise<LeasedDelivery[]> {
  if (options.platforms.length === 0) return [];
  const result = await db.raw(
    `UPDATE outbox_deliveries AS d
        SET status = 'sending', lease_until = ?, attempts = d.attempts + 1,
            uncertain = d.uncertain OR d.status = 'sending'
       FROM outbox AS o
      WHERE o.id = d.outbox_id AND d.id IN (
        SELECT d.id FROM outbox_deliveries AS d JOIN outbox AS o ON o.id = d.outbox_id
         WHERE d.platform = ANY(?)
           AND ((d.status = 'pending' AND d.next_attempt_at <= ?) OR (d.status = 'sending' AND d.lease_until <= ?))
           AND ${PARENT_SENT}
         ORDER BY d.id
         LIMIT ?
         FOR UPDATE OF d SKIP LOCKED)
      ${RETURNING}`,
    [options.leaseUntil, options.platforms, options.now, options.now, options.limit],
  );
  return (result.rows as Row[]).map(toLeased).sort((a, b) => a.id - b.id);
}

/** Leases delivered posts that have a newer version to show (the digest edited in place). */
export async function leaseUpdates(
  db: Knex,
  options: { now: Date; leaseUntil: Date; limit: number; platforms: string[] },
): Promise<LeasedDelivery[]> {
  if (options.platforms.length === 0) return [];
  const result = await db.raw(
    `UPDATE outbox_deliveries AS d SET lease_until = ?
       FROM outbox AS o
      WHERE o.id = d.outbox_id AND d.id IN (
        SELECT d.id FROM outbox_deliveries AS d JOIN outbox AS o ON o.id = d.outbox_id
         WHERE d.platform = ANY(?) AND d.status = 'sent' AND d.applied_version < o.update_version
           AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
         ORDER BY d.id
         LIMIT ?
         FOR UPDATE OF d SKIP LOCKED)
      ${RETURNING}`,
    [options.leaseUntil, options.platforms, options.now, options.now, options.limit],
  );
  return (result.rows as Row[]).map(toLeased).sort((a, b) => a.id - b.id);
}

/** Replies whose parent failed for good on their platform cannot be delivered either. */
export async function failOrphans(db: Knex): Promise<number> {
  return db('outbox_deliveries as d')
    .whereIn('d.status', ['pending'])
    .whereExists(
      db('outbox as o')
        .join('outbox as p', 'p.idempotency_key', 'o.thread_key')
        .join('outbox_deliveries as pd', 'pd.outbox_id', 'p.id')
        .whereRaw('o.id = d.outbox_id')
        .whereRaw('pd.platform = d.platform')
        .where('pd.status', 'failed'),
    )
    .update({ status: 'failed', last_error: 'the post it replies to could not be delivered' });
}
