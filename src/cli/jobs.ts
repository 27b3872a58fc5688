/** `duebot <job>` (digest, alerts, meeting, ...): a scheduled job run now and delivered, or printed. */
import { createJobs } from '../jobs/registry.ts';
import { createScheduledPosts } from '../jobs/service.ts';
import { chatOuts, printPosts } from '../main.ts';
import { type LeftOver, leftOverSince, outboxMark } from '../outbox/left-over.ts';
import { CliError, syncIfEmpty, withRuntime } from './run.ts';

/** Exit code of a job command that ran but left some of its posts in the outbox (README's command table). */
const UNDELIVERED_EXIT_CODE = 3;

/** One line on posts a job command left undelivered, or null when everything went out. */
function leftOverLine(left: LeftOver): string | null {
  if (left.waiting === 0 && left.failed === 0) return null;
  const parts: string[] = [];
  if (left.waiting > 0)
    parts.push(
      `${left.waiting} of ${left.total} posts not delivered yet: they stay in the outbox and go out at the next start`,
    );
  if (left.failed > 0) parts.push(`${left.failed} of ${left.total} posts could not be delivered`);
  const why = left.lastError ? ` (last error: ${left.lastError})` : '';
  return `${parts.join('; ')}${why}; see duebot doctor and the log`;
}

/** Runs job `name` now (once per period) and delivers its posts, or with `dryRun` prints them. */
export function runJob(name: string, options: { dryRun?: boolean }): Promise<void> {
  return withRuntime(async (runtime) => {
    await syncIfEmpty(runtime);
    const posts = createScheduledPosts(
      { ...runtime, db: runtime.db.knex, jobs: createJobs(runtime.config) },
      options.dryRun ? [] : await chatOuts(runtime),
    );
    if (options.dryRun) {
      const preview = await posts.scheduler.preview(name);
      const why = preview.length === 0 ? await posts.scheduler.whyNothing(name) : undefined;
      await printPosts(runtime.db.knex, preview, process.stdout, why);
      return;
    }
    const mark = await outboxMark(runtime.db.knex);
    const entry = await posts.scheduler.runNow(name);
    if (entry.outcome.status === 'failed') throw new CliError(`duebot ${name}: ${entry.outcome.error}`);
    if (entry.outcome.status === 'already-done')
      runtime.log.info(`${name} already ran for ${entry.periodKey}`);
    await posts.worker.drain();
    const left = leftOverLine(await leftOverSince(runtime.db.knex, mark));
    if (left) throw new CliError(`duebot ${name}: ${left}`, UNDELIVERED_EXIT_CODE);
  });
}
