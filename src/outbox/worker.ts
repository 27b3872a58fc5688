/**
 * The outbox worker: delivers stored posts through the configured ChatOuts, once each. Deliveries are
 * leased with SKIP LOCKED (leases.ts), sent, then recorded with the platform's message id. A failure
 * is retried with backoff (a 429 waits for Retry-After); when an attempt may have reached the platform
 * (a timeout, a 5xx, a worker that died between sending and recording) the next attempt first asks the
 * platform (`find`) whether the post is there, so a post is never sent twice. A post with files is sent
 * in steps (message, then each file); each step is stored as the delivery's progress before the next, and
 * the delivery stays unsent until every part is there. `stop()` does not wait for the rest of a pass: what
 * was leased and not begun is handed back as it was, so a quitting bot leaves it to the next start.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import { countDelivery } from '../metrics.ts';
import { type ChatOut, ChatOutError, type PostedRef, type PostProgress } from './chat-out.ts';
import {
  type LeasedDelivery,
  leasePosts,
  leaseUpdates,
  expandPost,
  failOrphans,
  unexpandedPosts,
} from './leases.ts';
import { createPacer, realSleep, type Sleep } from './pacer.ts';
import { fromStoredMessage } from './payload.ts';
import { withGeneratedFiles } from '../reports/agenda-file.ts';

/** What a worker needs. */
export interface OutboxWorkerOptions {
  db: Knex;
  chatOuts: ChatOut[];
  clock: Clock;
  log: Logger;
  /** Milliseconds between two messages to one channel. */
  pacingMs?: number;
  /** Attempts (429s not counted) before a delivery is marked failed. */
  maxAttempts?: number;
  /** How long a lease holds before another worker may take the delivery over. */
  leaseMs?: number;
  /** Idle polling interval of `start()`. */
  pollMs?: number;
  batchSize?: number;
  sleep?: Sleep;
}

/** A running or runnable worker. */
export interface OutboxWorker {
  /** One pass: split new posts into deliveries, deliver what is due, apply pending edits. Returns deliveries handled. */
  runOnce(): Promise<number>;
  /** Passes until nothing is due now (the CLI and tests). */
  drain(maxPasses?: number): Promise<number>;
  /** Polls in the background until `stop()`. */
  start(): void;
  /**
   * Stops at once: the delivery under way finishes (given up to `graceMs`, then left to the lease and
   * `find`), the rest of the pass is handed back untouched for the next worker. Waits for no pacing.
   */
  stop(graceMs?: number): Promise<void>;
}

const BACKOFF_BASE_MS = 2000;
const BACKOFF_MAX_MS = 15 * 60_000;

/** Exponential backoff after the n-th failed attempt (2 s, 4 s, 8 s ... at most 15 minutes). */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

function destinationKey(d: LeasedDelivery): string {
  switch (d.to.kind) {
    case 'channel':
      return `role:${d.to.role}`;
    case 'user':
      return `user:${d.to.userId}`;
    case 'account':
      return 'account-threads'; // every account's thread is in one channel: paced as one
  }
}

/** A worker over the given ChatOuts (one delivery per platform that can deliver each post). */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, clock, log } = options;
  const maxAttempts = options.maxAttempts ?? 12;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 20;
  const sleep = options.sleep ?? realSleep;
  /** stop() was called: nothing new is begun. */
  let halted = false;
  let stopping: (() => void) | null = null;
  let stopSignal = new Promise<void>((resolve) => {
    stopping = resolve;
  });
  // A pause between two messages ends early when the worker stops.
  const pause: Sleep = (ms) => Promise.race([sleep(ms), stopSignal]);
  const pacer = createPacer(clock, options.pacingMs ?? 1000, pause);
  const byPlatform = new Map(options.chatOuts.map((c) => [c.platform as string, c]));
  const platforms = [...byPlatform.keys()];

  async function expand(): Promise<void> {
    for (const post of await unexpandedPosts(db, 100)) {
      const able: string[] = [];
      for (const out of options.chatOuts) if (await out.canDeliver(post.to)) able.push(out.platform);
      if (able.length === 0)
        log.warn({ key: post.key, to: post.to }, 'outbox: no platform can deliver this post');
      await expandPost(db, post.id, able, clock.now());
    }
  }

  async function recordSent(d: LeasedDelivery, ref: PostedRef, version: number): Promise<void> {
    await db('outbox_deliveries').where({ id: d.id, status: 'sending' }).update({
      status: 'sent',
      channel: ref.channel,
      platform_ref: ref.id,
      sent_at: clock.now(),
      lease_until: null,
      uncertain: false,
      last_error: null,
      applied_version: version,
    });
  }

  async function recordFailure(d: LeasedDelivery, error: unknown, isUpdate: boolean): Promise<void> {
    const e = error instanceof ChatOutError ? error : null;
    const message = error instanceof Error ? error.message : String(error);
    const now = clock.now().getTime();
    const rateLimited = e?.options.retryAfterMs !== undefined;
    if (rateLimited) pacer.block(d.platform, new Date(now + (e?.options.retryAfterMs ?? 0)));
    const attempts = rateLimited ? Math.max(0, d.attempts - 1) : d.attempts;
    const permanent = Boolean(e?.options.permanent) || (!isUpdate && attempts >= maxAttempts);
    const next = new Date(now + (rateLimited ? (e?.options.retryAfterMs ?? 0) : backoffMs(attempts)));
    // Errors that are not ChatOutErrors are unexpected (a network fault): the post may have gone out.
    const uncertain = e ? Boolean(e.options.uncertain) : true;
    const result = permanent ? 'failed' : rateLimited ? 'rate_limited' : 'retry';
    countDelivery(d.platform, isUpdate ? 'update' : 'post', result);
    log.warn(
      { key: d.key, platform: d.platform, attempts, err: message, permanent, update: isUpdate },
      permanent ? 'outbox: delivery failed for good' : 'outbox: delivery failed; retrying later',
    );
    if (isUpdate) {
      await db('outbox_deliveries')
        .where({ id: d.id })
        .update({
          lease_until: null,
          next_attempt_at: next,
          last_error: message,
          ...(permanent ? { applied_version: d.updateVersion } : {}),
        });
      return;
    }
    await db('outbox_deliveries')
      .where({ id: d.id, status: 'sending' })
      .update({
        status: permanent ? 'failed' : 'pending',
        attempts,
        next_attempt_at: next,
        lease_until: null,
        uncertain: d.uncertain || uncertain,
        last_error: message,
      });
  }

  /** Gives a leased delivery back as it was, without spending an attempt. */
  async function handBack(d: LeasedDelivery, nextAt: Date): Promise<void> {
    await db('outbox_deliveries')
      .where({ id: d.id, status: 'sending' })
      .update({ status: 'pending', attempts: d.attempts - 1, next_attempt_at: nextAt, lease_until: null });
  }

  async function deliverPost(d: LeasedDelivery, out: ChatOut): Promise<void> {
    const blocked = pacer.blockedUntil(d.platform);
    if (blocked) return handBack(d, blocked); // rate limited a moment ago
    const version = d.updatePayload ? d.updateVersion : 0;
    const stored = fromStoredMessage(d.updatePayload ?? d.payload);
    const thread = d.parent ? { platform: out.platform, ...d.parent } : undefined;
    let progress: PostProgress = d.progress ?? {};
    // Each step is stored before the next begins: a retry then knows which parts went out.
    const record = async (next: PostProgress): Promise<void> => {
      progress = next;
      await db('outbox_deliveries')
        .where({ id: d.id, status: 'sending' })
        .update({ progress: JSON.stringify(next) });
    };
    try {
      if (d.uncertain && !progress.message) {
        const found = await out.find(d.to, d.key, d.createdAt, thread);
        if (found) {
          log.info(
            { key: d.key, platform: d.platform },
            'outbox: found the message already delivered; not resending it',
          );
          await record({ ...progress, message: found });
        }
      }
      const posted = progress.message;
      const fileCount = (stored.files ?? []).length + (stored.generatedFiles ?? []).length;
      if (posted && fileCount === 0) {
        await recordSent(d, posted, d.appliedVersion);
        countDelivery(d.platform, 'post', 'found');
        return;
      }
      // Files too large for the outbox row are made now, from the database (reports/agenda-file.ts).
      const message = await withGeneratedFiles(db, stored);
      if (!posted && out.paced !== false) await pacer.wait(d.platform, destinationKey(d));
      if (halted) return await handBack(d, clock.now());
      // A post with files is delivered when its message and every file are (the adapter finishes them).
      const ref = await out.post(d.to, message, {
        key: d.key,
        progress,
        record,
        ...(thread ? { thread } : {}),
      });
      await recordSent(d, ref, posted ? d.appliedVersion : version);
      countDelivery(d.platform, 'post', posted ? 'found' : 'sent');
    } catch (error) {
      await recordFailure(d, error, false);
    }
  }

  async function deliverUpdate(d: LeasedDelivery, out: ChatOut): Promise<void> {
    if (!d.ref || !d.updatePayload) return;
    if (pacer.blockedUntil(d.platform)) {
      await db('outbox_deliveries').where({ id: d.id }).update({ lease_until: null });
      return;
    }
    try {
      if (out.paced !== false) await pacer.wait(d.platform, destinationKey(d));
      if (halted) {
        await db('outbox_deliveries').where({ id: d.id }).update({ lease_until: null });
        return;
      }
      await out.update({ platform: out.platform, ...d.ref }, fromStoredMessage(d.updatePayload));
      await db('outbox_deliveries')
        .where({ id: d.id })
        .where('applied_version', '<', d.updateVersion)
        .update({ applied_version: d.updateVersion, lease_until: null, last_error: null });
      countDelivery(d.platform, 'update', 'sent');
    } catch (error) {
      await recordFailure(d, error, true);
    }
  }

  async function runOnce(): Promise<number> {
    await expand();
    await failOrphans(db);
    const now = clock.now();
    const lease = { now, leaseUntil: new Date(now.getTime() + leaseMs), limit: batchSize, platforms };
    const posts = await leasePosts(db, lease);
    for (const d of posts) {
      const out = byPlatform.get(d.platform);
      if (halted) await handBack(d, clock.now());
      else if (out) await deliverPost(d, out);
    }
    if (halted) return posts.length;
    const updates = await leaseUpdates(db, { ...lease, now: clock.now() });
    for (const d of updates) {
      const out = byPlatform.get(d.platform);
      if (halted) await db('outbox_deliveries').where({ id: d.id }).update({ lease_until: null });
      else if (out) await deliverUpdate(d, out);
    }
    return posts.length + updates.length;
  }

  let running: Promise<void> | null = null;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        const handled = await runOnce();
        if (handled > 0) continue;
      } catch (error) {
        log.error({ err: error }, 'outbox: a pass failed; trying again shortly');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, options.pollMs ?? 1000);
      });
    }
  }

  return {
    runOnce,
    async drain(maxPasses = 1000) {
      halted = false;
      let total = 0;
      for (let i = 0; i < maxPasses; i++) {
        const handled = await runOnce();
        total += handled;
        if (handled === 0 || halted) break;
      }
      return total;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      halted = false;
      stopSignal = new Promise<void>((resolve) => {
        stopping = resolve;
      });
      running = loop();
    },
    async stop(graceMs = 2000) {
      stopped = true;
      halted = true;
      stopping?.();
      if (timer) clearTimeout(timer);
      wake?.();
      let grace: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        grace = setTimeout(() => resolve('late'), graceMs);
      });
      const ended = await Promise.race([running, late]);
      clearTimeout(grace);
      // NOTE: a platform call still hanging after the grace keeps its lease: it runs out and the
      // next worker asks the platform (`find`) before sending it again.
      if (ended === 'late') log.warn('outbox: a delivery was still under way at stop; it is retried later');
      running = null;
    },
  };
}
