/** `duebot <job>` (digest, alerts, meeting, ...): a scheduled job run now and delivered, or printed. */
import { createJobs } from '../jobs/registry.ts';
import { createScheduledPosts } from '../jobs/service.ts';
import { chatOuts, printPosts } from '../main.ts';
import { type LeftOver, leftOverSince, outboxMark } from '../outbox/left-over.ts';
import { CliError, syncIfEmpty, withRuntime } from './run.ts';
import { companyT } from '../i18n/speech.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { StdIo } from '../std-io.ts';

/** Exit code of a job command that ran but left some of its posts in the outbox (README's command table). */
const UNDELIVERED_EXIT_CODE = 3;

/** One line on posts a job command left undelivered, in the company's language, or null when all went out. */
export function leftOverLine(left: LeftOver, t: Translator = translator('en')): string | null {
  if (left.waiting === 0 && left.failed === 0) return null;
  return t.t('jobs.undelivered', {
    waiting: left.waiting,
    failed: left.failed,
    total: left.total,
    both: left.waiting > 0 && left.failed > 0 ? 'yes' : 'no',
    hasError: left.lastError ? 'yes' : 'no',
    error: left.lastError ?? '',
  });
}

/** Runs job `name` now (once per period) and delivers its posts, or with `dryRun` prints them. */
export function runJob(io: StdIo, name: string, options: { dryRun?: boolean }): Promise<void> {
  return withRuntime(io, async (runtime) => {
    await syncIfEmpty(runtime);
    // Nobody in particular reads a job command's output: the company's language (DUEBOT_LOCALE).
    const t = companyT(runtime.config.language);
    const posts = createScheduledPosts(
      { ...runtime, db: runtime.db.knex, jobs: createJobs(runtime.config) },
      options.dryRun ? [] : await chatOuts(runtime),
    );
    if (options.dryRun) {
      const preview = await posts.scheduler.preview(name);
      const why = preview.length === 0 ? await posts.scheduler.whyNothing(name, t) : undefined;
      await printPosts(runtime.db.knex, preview, io.stdout, why, t);
      return;
    }
    const mark = await outboxMark(runtime.db.knex);
    const entry = await posts.scheduler.runNow(name);
    // The job's own error is what it threw (in the log as well); the words around it are ours.
    if (entry.outcome.status === 'failed')
      throw new CliError(t.t('cli.job.failed', { job: name, error: entry.outcome.error }));
    if (entry.outcome.status === 'already-done')
      runtime.log.info(`${name} already ran for ${entry.periodKey}`);
    await posts.worker.drain();
    const left = leftOverLine(await leftOverSince(runtime.db.knex, mark), t);
    if (left) throw new CliError(`duebot ${name}: ${left}`, UNDELIVERED_EXIT_CODE);
  });
}
