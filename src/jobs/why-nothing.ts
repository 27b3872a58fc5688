/**
 * Why a job would post nothing now, for `duebot <job> --dry-run`: its run for this period already happened
 * (when), was skipped, or found nothing; and when it runs next.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { WorkingCalendar } from '../collections/dates.ts';
import type { Job } from './job.ts';
import { AFTER_SYNC } from './settings.ts';
import { nextRun, whenSaid } from './next-runs.ts';
import { translator, type Translator } from '../i18n/translate.ts';

/**
 * "the digest was posted at 10:00 today; next at 09:00 tomorrow" (no leading capital, no full stop), in
 * `t`'s language: the company's, for a job command.
 */
export async function whyNothing(
  db: Knex,
  job: Job,
  clock: Clock,
  calendar: WorkingCalendar,
  t: Translator = translator('en'),
): Promise<string> {
  const now = clock.now();
  const periodKey = job.periodKey(now, clock.timeZone);
  const run = await db('job_runs')
    .where({ job: job.name, period_key: periodKey })
    .first('status', 'finished_at', 'started_at', 'detail');
  const at = (value: unknown) => whenSaid(t, new Date(String(value)), now, clock.timeZone);
  const posts = Number((run?.detail as { posts?: unknown } | null)?.posts ?? 0);
  const last = run
    ? null
    : await db('job_runs').where({ job: job.name }).orderBy('id', 'desc').first('started_at');
  const state = !run
    ? last
      ? 'newSince'
      : 'new'
    : run.status === 'done'
      ? posts > 0
        ? 'posted'
        : 'empty'
      : run.status === 'skipped'
        ? 'skipped'
        : 'other';
  const when = run ? (run.finished_at ?? run.started_at) : last?.started_at;
  const next = job.schedule === AFTER_SYNC ? null : nextRun(job, now, clock.timeZone, calendar);
  return t.t('jobs.whyNothing', {
    job: job.name.replace(/-/g, '_'),
    jobText: job.name.replace(/-/g, ' '),
    state,
    at: when ? at(when) : '',
    period: periodKey,
    status: String(run?.status ?? ''),
    next: job.schedule === AFTER_SYNC ? 'afterSync' : next ? 'at' : 'none',
    nextAt: next ? whenSaid(t, next, now, clock.timeZone) : '',
  });
}
