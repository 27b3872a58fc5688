/**
 * One scheduled job of the scale benchmark (bench/scale.ts) as its `--dry-run` does it, in a process of its
 * own: the peak RSS read afterwards (VmHWM) is the job's alone, not that of a process that built earlier
 * ledgers and measured the answers. Run by the benchmark as
 * `node --import tsx bench/scale-job.ts <database url> <job> <runs>`; prints one JSON line: the best time
 * of `runs` dry runs, the posts of the last, and the process's peak RSS in bytes.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { createFixedClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { knexForPostgres } from '../src/db.ts';
import { translator } from '../src/i18n/translate.ts';
import type { Job, JobContext } from '../src/jobs/job.ts';
import { createJobs } from '../src/jobs/registry.ts';
import { createLogger } from '../src/log.ts';
import { buildPolicy } from '../src/policy.ts';

export const TODAY = '2026-12-01'; // a Tuesday, the month's first working day: the meeting opens
/** The alert threshold of the run, in major units of every currency: a few per cent of accounts cross it. */
export const ALERT_MAJOR = 45_000;
export const ALERT_MINOR = ALERT_MAJOR * 100;

/** The settings, policy and jobs of the run (the parent and each job's process build the same). */
export async function scaleSetup() {
  const loaded = loadConfig({
    DUEBOT_TIMEZONE: 'UTC',
    DUEBOT_TODAY: TODAY,
    DUEBOT_ALERT_THRESHOLDS: `CNY=${ALERT_MAJOR},USD=${ALERT_MAJOR},EUR=${ALERT_MAJOR}`,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const config = loaded.config;
  const policy = await buildPolicy(config);
  return { config, policy, jobs: createJobs(config) };
}

/** One job as its `--dry-run` does it: inside a transaction that is rolled back; how many posts. */
export async function dryRun(db: Knex, job: Job, base: Omit<JobContext, 'db' | 'dryRun'>): Promise<number> {
  let posts = 0;
  const rollback = new Error('rollback');
  try {
    await db.transaction(async (trx) => {
      posts = ((await job.run({ ...base, db: trx, dryRun: true })) ?? []).length;
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return posts;
}

/** The context a job of the run gets. */
export function jobContext(job: Job, policy: Awaited<ReturnType<typeof scaleSetup>>['policy']) {
  const clock = createFixedClock(`${TODAY}T10:00:00Z`, 'UTC');
  return {
    slot: clock.now(),
    today: TODAY,
    periodKey: job.periodKey(clock.now(), 'UTC'),
    clock,
    policy,
    log: createLogger({ level: 'silent', format: 'json' }),
    calendar: policy.calendar,
    channelT: () => translator('en'),
    userT: async () => translator('en'),
    afterCommit: () => undefined, // a dry run: nothing happens after it
  };
}

/** The process's peak resident memory so far (Linux VmHWM), in bytes; the current RSS elsewhere. */
async function peakRss(): Promise<number> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const [url, name, runsText] = process.argv.slice(2);
  if (!url || !name) throw new Error('usage: scale-job.ts <database url> <job> [runs]');
  const { policy, jobs } = await scaleSetup();
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`no job ${name}`);
  const db = knexForPostgres(url, { min: 0, max: 4 });
  try {
    let seconds = Infinity;
    let posts = 0;
    for (let i = 0; i < Math.max(1, Number(runsText ?? 2)); i++) {
      const started = performance.now();
      posts = await dryRun(db, job, jobContext(job, policy));
      seconds = Math.min(seconds, (performance.now() - started) / 1000);
    }
    process.stdout.write(`${JSON.stringify({ seconds, posts, peakRss: await peakRss() })}\n`);
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
