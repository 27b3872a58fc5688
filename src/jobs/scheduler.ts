/**
 * The scheduler: node-cron ticks once a minute in the business time zone, and each tick runs every job
 * whose latest slot (slots.ts) has no run yet, through the run ledger (run-ledger.ts) so that replicas
 * run each period once. At start-up the same sweep catches up a run missed while the bot was down if its
 * period is still current; an older one is recorded as skipped and logged. Only slots since the install's
 * first start (first-start.ts) can be missed: a new install starts quietly, with nothing to catch up.
 * Jobs scheduled "after-sync" run when `afterSync()` is called (main.ts calls it after each ledger sync).
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.ts';
import type { Policy } from '../collections/account.ts';
import type { Logger } from '../log.ts';
import { countJobRun } from '../metrics.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import type { Translator } from '../i18n/translate.ts';
import { ensureWorklistDay } from '../worklist/day-turn.ts';
import { firstStart } from './first-start.ts';
import type { Job, JobContext } from './job.ts';
import { localDate } from './periods.ts';
import { isSettled, recordSkipped, type RunOutcome, runOnceForPeriod } from './run-ledger.ts';
import { AFTER_SYNC, type JobSettings } from './settings.ts';
import { type CronSlots, cronSlots } from './slots.ts';
import { type JobLanguageSettings, roleT, userT } from './speech.ts';
import { whyNothing } from './why-nothing.ts';

/** What the scheduler needs. */
export interface SchedulerOptions {
  db: Knex;
  jobs: Job[];
  clock: Clock;
  /** The one setting the scheduler reads itself: DUEBOT_TODAY. */
  config: Pick<JobSettings, 'today'> & JobLanguageSettings;
  policy: Policy;
  log: Logger;
  /** This instance's name in the run ledger (host and pid by default). */
  runner?: string;
  /** Called after a run enqueued posts, so the outbox worker can start at once. */
  onEnqueued?: () => void;
}

/** What one sweep did for one job. */
export interface SweepEntry {
  job: string;
  periodKey: string;
  outcome: RunOutcome | { status: 'too-old' };
}

/** A scheduler over a set of jobs. */
export interface Scheduler {
  /** Catches up missed runs, then ticks every minute until `stop()`. */
  start(): Promise<void>;
  /** Runs every job whose latest slot is due and not yet run (what each tick does). */
  sweep(): Promise<SweepEntry[]>;
  /** Runs the jobs scheduled after each ledger sync. */
  afterSync(): Promise<SweepEntry[]>;
  /** Runs a job now for its current period, through the run ledger (once per period, like a tick). */
  runNow(name: string): Promise<SweepEntry>;
  /** Builds a job's posts for now without recording or enqueuing anything (`--dry-run`). */
  preview(name: string): Promise<OutgoingPost[]>;
  /** Why a preview of the job has nothing: its run this period (when) and its next run (why-nothing.ts). */
  whyNothing(name: string, t?: Translator): Promise<string>;
  stop(): Promise<void>;
}

/** A job name that is not registered. */
export class UnknownJobError extends Error {
  readonly code = 'unknown_job';
}

/** Creates a scheduler; nothing runs until `start()` or `sweep()`. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, log, config } = options;
  const timeZone = clock.timeZone;
  const calendar = options.policy.calendar;
  const runner = options.runner ?? `${hostname()}:${process.pid}`;
  const slots = new Map<string, CronSlots>();
  for (const job of options.jobs) {
    if (job.schedule !== AFTER_SYNC) slots.set(job.name, cronSlots(job.schedule, timeZone));
  }
  // Periods seen settled, so a tick costs no query until a new slot comes.
  const settled = new Map<string, string>();
  let installed: Date | null = null;
  const since = async (now: Date) => (installed ??= await firstStart(db, now));

  const context =
    (job: Job, slot: Date, periodKey: string, dryRun: boolean) =>
    (trx: Knex.Transaction, afterCommit: JobContext['afterCommit'] = () => undefined): JobContext => ({
      db: trx,
      slot,
      today: config.today ?? localDate(slot, timeZone), // DUEBOT_TODAY fixes the business date
      periodKey,
      clock,
      policy: options.policy,
      log: log.child({ job: job.name, period: periodKey }),
      calendar,
      dryRun,
      channelT: (role) => roleT(config, role),
      userT: (userId) => userT(trx, userId, config),
      afterCommit: dryRun ? () => undefined : afterCommit,
    });

  async function runFor(job: Job, slot: Date, periodKey: string): Promise<SweepEntry> {
    const outcome = await runOnceForPeriod(db, job, periodKey, runner, context(job, slot, periodKey, false));
    countJobRun(job.name, outcome.status);
    if (outcome.status === 'ran') {
      log.info({ job: job.name, period: periodKey, posts: outcome.posts }, `job ${job.name} ran`);
      if (outcome.enqueued > 0) options.onEnqueued?.();
    } else if (outcome.status === 'failed') {
      log.error({ job: job.name, period: periodKey, err: outcome.error }, `job ${job.name} failed; retrying`);
    }
    if (outcome.status !== 'failed') settled.set(job.name, periodKey);
    return { job: job.name, periodKey, outcome };
  }

  /** The latest due slot of a cron job, shifted by its delay. */
  function latestSlot(job: Job, now: Date): Date | null {
    const delayMs = (job.delayMinutes ?? 0) * 60_000;
    const slot = slots.get(job.name)?.latestAtOrBefore(new Date(now.getTime() - delayMs), job.days, calendar);
    return slot ? new Date(slot.getTime() + delayMs) : null;
  }

  async function sweepJob(job: Job, now: Date): Promise<SweepEntry | null> {
    const slot = latestSlot(job, now);
    if (!slot) return null;
    const delayMs = (job.delayMinutes ?? 0) * 60_000;
    const periodKey = job.periodKey(new Date(slot.getTime() - delayMs), timeZone);
    if (settled.get(job.name) === periodKey) return null;
    if (slot.getTime() < (await since(now)).getTime()) {
      // Before there was a bot to run it: not missed, nothing to catch up or to warn of.
      settled.set(job.name, periodKey);
      return null;
    }
    if (await isSettled(db, job.name, periodKey)) {
      settled.set(job.name, periodKey);
      return null;
    }
    const current = job.periodKey(new Date(now.getTime() - delayMs), timeZone);
    if (current !== periodKey) {
      // Missed while down, and its period is over: a digest of last Friday helps nobody on Monday.
      if (await recordSkipped(db, job.name, periodKey, `missed; period over at ${now.toISOString()}`)) {
        log.warn({ job: job.name, period: periodKey }, `job ${job.name}: missed run of ${periodKey} skipped`);
      }
      settled.set(job.name, periodKey);
      countJobRun(job.name, 'too-old');
      return { job: job.name, periodKey, outcome: { status: 'too-old' } };
    }
    if (job.ready && !(await job.ready(db, now, config.today ?? localDate(now, timeZone)))) return null;
    return runFor(job, slot, periodKey);
  }

  let busy: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };

  /**
   * PB-01: before any job reads the stored worklist, it is reassessed for the business date if the day
   * turned since (once across replicas, worklist/day-turn.ts); a failure is logged and the jobs still run.
   */
  async function freshen(now: Date): Promise<void> {
    const today = config.today ?? localDate(now, timeZone);
    try {
      const turn = await ensureWorklistDay({ db, policy: options.policy, today, timeZone });
      if (turn.status === 'refreshed')
        log.info({ today, accounts: turn.accounts }, 'worklist reassessed for the new business day');
    } catch (error) {
      log.error({ err: error, today }, 'the worklist could not be reassessed for the new business day');
    }
  }

  async function sweep(): Promise<SweepEntry[]> {
    return serial(async () => {
      const now = clock.now();
      await freshen(now);
      const out: SweepEntry[] = [];
      for (const job of options.jobs) {
        if (job.schedule === AFTER_SYNC) continue;
        try {
          const entry = await sweepJob(job, now);
          if (entry) out.push(entry);
        } catch (error) {
          log.error({ err: error, job: job.name }, `job ${job.name}: could not check the run ledger`);
        }
      }
      return out;
    });
  }

  function jobNamed(name: string): Job {
    const job = options.jobs.find((j) => j.name === name);
    if (!job)
      throw new UnknownJobError(`no job named ${name}; known: ${options.jobs.map((j) => j.name).join(', ')}`);
    return job;
  }

  let task: ScheduledTask | null = null;
  let stopped = false;
  return {
    async start() {
      await sweep();
      if (stopped) return; // stopped during the catch-up: no tick may outlive stop()
      task = cron.schedule('* * * * *', () => sweep().then(() => undefined), {
        timezone: timeZone,
        name: 'duebot-jobs',
        noOverlap: true,
      });
    },
    sweep,
    afterSync() {
      return serial(async () => {
        const now = clock.now();
        await freshen(now);
        const out: SweepEntry[] = [];
        for (const job of options.jobs) {
          if (job.schedule !== AFTER_SYNC) continue;
          out.push(await runFor(job, now, job.periodKey(now, timeZone)));
        }
        return out;
      });
    },
    runNow(name) {
      const job = jobNamed(name);
      return serial(async () => {
        const now = clock.now();
        await freshen(now);
        return runFor(job, now, job.periodKey(now, timeZone));
      });
    },
    async preview(name) {
      const job = jobNamed(name);
      const now = clock.now();
      await freshen(now);
      const periodKey = job.periodKey(now, timeZone);
      const rollback = new Error('dry run');
      let posts: OutgoingPost[] = [];
      await db
        .transaction(async (trx) => {
          posts = (await job.run(context(job, now, periodKey, true)(trx))) ?? [];
          throw rollback;
        })
        .catch((error: unknown) => {
          if (error !== rollback) throw error;
        });
      return posts;
    },
    whyNothing(name, t) {
      return whyNothing(db, jobNamed(name), clock, calendar, t);
    },
    async stop() {
      stopped = true;
      if (task) await task.destroy();
      task = null;
      await busy;
    },
  };
}
