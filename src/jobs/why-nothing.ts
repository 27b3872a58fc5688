/**
 * Why a job would post nothing now, for `duebot <job> --dry-run`: its run for this period already happened
 * (when), was skipped, or found nothing; and when it runs next.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { WorkingCalendar } from '../collections/dates.ts';
import type { Job } from './job.ts';
import { AFTER_SYNC } from './settings.ts';
import { nextRun, whenInWords } from './next-runs.ts';

/** What each job is called in a sentence. */
const NAMES: Record<string, string> = {
  alerts: 'the alert check',
  meeting: 'the credit meeting',
  'promise-follow-up': 'the promise follow-up',
};

/** "the digest was posted at 10:00 today; next at 09:00 tomorrow" (no leading capital, no full stop). */
export async function whyNothing(
  db: Knex,
  job: Job,
  clock: Clock,
  calendar: WorkingCalendar,
): Promise<string> {
  const now = clock.now();
  const name = NAMES[job.name] ?? `the ${job.name.replace(/-/g, ' ')}`;
  const periodKey = job.periodKey(now, clock.timeZone);
  const run = await db('job_runs')
    .where({ job: job.name, period_key: periodKey })
    .first('status', 'finished_at', 'started_at', 'detail');
  const at = (value: unknown) => whenInWords(new Date(String(value)), now, clock.timeZone);
  const posts = Number((run?.detail as { posts?: unknown } | null)?.posts ?? 0);
  const last = run
    ? null
    : await db('job_runs').where({ job: job.name }).orderBy('id', 'desc').first('started_at');
  const what = !run
    ? `${name} finds nothing new to post${last ? ` (last run at ${at(last.started_at)})` : ''}`
    : run.status === 'done' && posts > 0
      ? `${name} was posted at ${at(run.finished_at ?? run.started_at)}`
      : run.status === 'done'
        ? `${name} ran at ${at(run.finished_at ?? run.started_at)} and had nothing to post`
        : run.status === 'skipped'
          ? `${name} of ${periodKey} was skipped (missed while duebot was down)`
          : `${name} of ${periodKey} is ${String(run.status)}`;
  if (job.schedule === AFTER_SYNC) return `${what}; it runs after each ledger sync`;
  const next = nextRun(job, now, clock.timeZone, calendar);
  return `${what}; next at ${next ? whenInWords(next, now, clock.timeZone) : 'no time within a month'}`;
}
