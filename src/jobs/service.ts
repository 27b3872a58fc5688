/**
 * Scheduled posts as one service of a running duebot: the scheduler, the outbox worker over the
 * configured ChatOuts, the digest refresh after claims and syncs, and a clean stop. `start` runs it.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Policy } from '../collections/account.ts';
import type { Logger } from '../log.ts';
import type { ChatOut } from '../outbox/chat-out.ts';
import { createLetterDelivery, type LetterDelivery } from '../letters/delivery.ts';
import { createOutboxWorker, type OutboxWorker } from '../outbox/worker.ts';
import { refreshDigest } from './digest.ts';
import type { Job } from './job.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import type { LetterConfig } from '../letters/settings.ts';
import type { JobSettings } from './settings.ts';

/** What the service needs from the runtime. */
export interface ScheduledPostsDeps {
  db: Knex;
  clock: Clock;
  /** What the jobs, the scheduler and the outbox worker read of the settings; the letter delivery all of letters'. */
  config: JobSettings & { letters: LetterConfig };
  policy: Policy;
  log: Logger;
  /** The jobs to schedule, built once by the caller (registry.ts `createJobs`), who may also list them. */
  jobs: Job[];
  /** How long after a claim the digest is redrawn (claims meanwhile fold in); default DIGEST_REDRAW_DELAY_MS. */
  digestRedrawDelayMs?: number;
}

/**
 * A claim, release or reassignment redraws today's digest this long after it, once for all the changes
 * in between: the redraw reads totals over every open item, so one per claim would cost the database
 * more the larger the ledger, and under many people claiming at once it would run back to back, taking
 * the database from the answers people wait for. The digest says "Updated 10:05": to the minute.
 */
export const DIGEST_REDRAW_DELAY_MS = 15_000;

/** The running service. */
export interface ScheduledPosts {
  scheduler: Scheduler;
  worker: OutboxWorker;
  /** PB-24: sends letters queued for their customer's contact window when it opens (every minute). */
  delivery: LetterDelivery;
  /** After a ledger sync: after-sync jobs, then the digest redrawn if payments changed it. */
  afterSync(): Promise<void>;
  /**
   * After a claim, release or reassignment: redraw today's digest DIGEST_REDRAW_DELAY_MS later, once for
   * every change until then (never concurrent, never on the answer's path).
   */
  worklistChanged(): void;
  /** Runs the redraw worklistChanged scheduled now, and waits for it (a stop drops it instead). */
  redrawNow(): Promise<void>;
  stop(): Promise<void>;
}

/** A scheduler and an outbox worker for these ChatOuts; `start()` catches up and begins ticking. */
export function createScheduledPosts(
  deps: ScheduledPostsDeps,
  chatOuts: ChatOut[],
): ScheduledPosts & { start(): Promise<void> } {
  const { log } = deps;
  const worker = createOutboxWorker({
    db: deps.db,
    chatOuts,
    clock: deps.clock,
    log: log.child({ component: 'outbox' }),
    pacingMs: deps.config.jobs.outbox.pacingMs,
    maxAttempts: deps.config.jobs.outbox.maxAttempts,
    pollMs: deps.config.jobs.outbox.pollMs,
  });
  const delivery = createLetterDelivery(
    { db: deps.db, clock: deps.clock, policy: deps.policy, letters: deps.config.letters },
    log.child({ component: 'letter-delivery' }),
  );
  const scheduler = createScheduler({
    ...deps,
    log: log.child({ component: 'jobs' }),
  });

  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        await refreshDigest(deps).catch((error: unknown) => {
          log.warn({ err: error }, "digest: could not redraw today's digest");
        });
      } while (again);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  // The redraw after claims: one timer at a time; changes while it waits are folded into it.
  let redrawTimer: NodeJS.Timeout | null = null;
  const redrawNow = async (): Promise<void> => {
    if (redrawTimer) {
      clearTimeout(redrawTimer);
      redrawTimer = null;
      await refresh();
    } else await refreshing;
  };

  let stopped = false;
  return {
    scheduler,
    worker,
    delivery,
    async start() {
      await scheduler.start();
      if (stopped) return; // a stop during the catch-up leaves nothing running
      worker.start();
      delivery.start();
    },
    async afterSync() {
      await scheduler.afterSync();
      await refresh();
    },
    worklistChanged() {
      if (redrawTimer || stopped) return;
      redrawTimer = setTimeout(() => {
        redrawTimer = null;
        void refresh();
      }, deps.digestRedrawDelayMs ?? DIGEST_REDRAW_DELAY_MS);
      redrawTimer.unref();
    },
    redrawNow,
    async stop() {
      stopped = true;
      // A redraw still waiting is dropped: the next start's sync redraws the digest (afterSync).
      if (redrawTimer) clearTimeout(redrawTimer);
      redrawTimer = null;
      // Both at once: the worker hands back what it has not begun while a running job finishes.
      await Promise.all([scheduler.stop(), worker.stop(), delivery.stop()]);
      await refreshing;
    },
  };
}
