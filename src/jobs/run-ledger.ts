/**
 * The run ledger: each job runs once per period across every replica. A run happens inside one
 * transaction that first takes the job's advisory lock (replicas queue behind it), then inserts the
 * (job, period) row (unique), runs the body and enqueues its posts. A crash rolls all of it back, so the
 * period is run again later; a committed run is never repeated. A failed run is recorded and retried.
 */
import type { Knex } from 'knex';
import { enqueue } from '../outbox/outbox.ts';
import type { Job, JobContext } from './job.ts';
import type { Locale } from '../i18n/locale.ts';

/** What happened to one attempt at a run. */
export type RunOutcome =
  | { status: 'ran'; posts: number; enqueued: number }
  | { status: 'already-done' }
  | { status: 'skipped' }
  | { status: 'failed'; error: string };

/** Attempts at a failing run before it is left failed. */
export const MAX_RUN_ATTEMPTS = 5;

/** Whether the ledger already settled this period (done, skipped or failed for good), without locking. */
export async function isSettled(db: Knex, job: string, periodKey: string): Promise<boolean> {
  const row = await db('job_runs').where({ job, period_key: periodKey }).first('status', 'detail');
  if (!row) return false;
  if (row.status !== 'failed') return true;
  return Number(row.detail?.attempts ?? 0) >= MAX_RUN_ATTEMPTS;
}

/**
 * Runs `job` for one period once; `context` builds the body's context inside the run's transaction, with
 * `afterCommit` collecting the work done once it commits (a failure there is logged; the run stays done).
 */
export async function runOnceForPeriod(
  db: Knex,
  job: Job,
  periodKey: string,
  runner: string,
  context: (trx: Knex.Transaction, afterCommit: JobContext['afterCommit']) => JobContext,
): Promise<RunOutcome> {
  const later: ((db: Knex) => Promise<void>)[] = [];
  let log: JobContext['log'] | undefined;
  let outcome: RunOutcome;
  try {
    outcome = await db.transaction(async (trx) => {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', ['duebot-job', job.name]);
      const claimed = await trx.raw(
        `INSERT INTO job_runs (job, period_key, status, runner) VALUES (?, ?, 'running', ?)
         ON CONFLICT (job, period_key) DO UPDATE SET status = 'running', runner = EXCLUDED.runner,
           started_at = now(), error = NULL
         WHERE job_runs.status = 'failed' AND coalesce((job_runs.detail->>'attempts')::int, 0) < ?
         RETURNING id, detail`,
        [job.name, periodKey, runner, MAX_RUN_ATTEMPTS],
      );
      const row = claimed.rows[0] as { id: number; detail: Record<string, unknown> } | undefined;
      if (!row) return { status: 'already-done' } as const;
      const ctx = context(trx, (work) => later.push(work));
      log = ctx.log;
      // Each post is stored marked with its language (the outbox stamps it), for the adapters' own words:
      // the one it was drawn in, else its channel's, a person's own, or (an account's thread) the
      // language of the digest's channel, where the jobs' thread copies are said.
      const posts = (await job.run(ctx)) ?? [];
      const people = new Map<number, Locale>();
      for (const p of posts)
        if (p.to.kind === 'user' && !p.message.locale && !people.has(p.to.userId))
          people.set(p.to.userId, (await ctx.userT(p.to.userId)).locale);
      const enqueued = await enqueue(trx, posts, {
        now: ctx.clock.now(),
        locale: (p) =>
          p.to.kind === 'channel'
            ? ctx.channelT(p.to.role).locale
            : p.to.kind === 'user'
              ? (people.get(p.to.userId) ?? ctx.channelT('digest').locale)
              : ctx.channelT('digest').locale,
      });
      await trx('job_runs')
        .where({ id: row.id })
        .update({
          status: 'done',
          finished_at: trx.fn.now(),
          detail: JSON.stringify({ ...row.detail, posts: posts.length, enqueued: enqueued.length }),
        });
      return { status: 'ran', posts: posts.length, enqueued: enqueued.length } as const;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.raw(
      `INSERT INTO job_runs (job, period_key, status, runner, error, finished_at, detail)
       VALUES (?, ?, 'failed', ?, ?, now(), '{"attempts":1}')
       ON CONFLICT (job, period_key) DO UPDATE SET status = 'failed', error = EXCLUDED.error,
         finished_at = now(), runner = EXCLUDED.runner,
         detail = jsonb_set(job_runs.detail, '{attempts}',
           to_jsonb(coalesce((job_runs.detail->>'attempts')::int, 0) + 1))
       WHERE job_runs.status IN ('failed', 'running')`,
      [job.name, periodKey, runner, message],
    );
    return { status: 'failed', error: message };
  }
  if (outcome.status !== 'ran') return outcome;
  for (const work of later) {
    try {
      await work(db);
    } catch (error) {
      log?.error(
        { err: error, job: job.name, period: periodKey },
        `job ${job.name}: work after its run failed`,
      );
    }
  }
  return outcome;
}

/** Records that a period's run was missed and is too old to catch up (logged once, never run). */
export async function recordSkipped(
  db: Knex,
  job: string,
  periodKey: string,
  reason: string,
): Promise<boolean> {
  const inserted = await db('job_runs')
    .insert({
      job,
      period_key: periodKey,
      status: 'skipped',
      finished_at: db.fn.now(),
      detail: JSON.stringify({ reason }),
    })
    .onConflict(['job', 'period_key'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}
