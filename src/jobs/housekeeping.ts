/**
 * The daily housekeeping (DUEBOT_HOUSEKEEPING_CRON): the keys that make a redelivery take effect once
 * (DESIGN: "anything triggered twice takes effect once") are kept DUEBOT_REPLAY_GUARD_DAYS, far longer than
 * any platform redelivers (Slack retries within minutes), then deleted, so those tables stop growing. It
 * deletes in batches after its run commits, each batch its own statement, so no delete holds the tables
 * (or the embedded database's one connection) for long; it posts nothing.
 */
import type { Knex } from 'knex';
import type { Job } from './job.ts';
import { dailyPeriod } from './periods.ts';
import { type JobSettings, scheduleOf } from './settings.ts';

/** The once-only keys kept for a while and then pruned: each table and the time its row was taken. */
export const REPLAY_KEYS = [
  // A form submitted twice (commands/submit-once.ts).
  { table: 'form_submissions', takenAt: 'taken_at' },
  // A platform event delivered twice (Slack's retries, adapters/slack/handled-events.ts).
  { table: 'handled_events', takenAt: 'handled_at' },
] as const;

/** Rows one delete statement removes at most. */
export const PRUNE_BATCH = 1000;

/** Deletes the rows of `table` taken before `before`, `batch` at a time; how many went. */
export async function pruneBefore(
  db: Knex,
  table: string,
  takenAt: string,
  before: Date,
  batch = PRUNE_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.raw(`DELETE FROM ?? WHERE ctid IN (SELECT ctid FROM ?? WHERE ?? < ? LIMIT ?)`, [
      table,
      table,
      takenAt,
      before,
      batch,
    ]);
    const deleted = Number((result as { rowCount?: number }).rowCount ?? 0);
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** How many rows of `table` were taken before `before` (what a dry run would prune). */
async function countBefore(db: Knex, table: string, takenAt: string, before: Date): Promise<number> {
  const row = await db(table).where(takenAt, '<', before).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** The housekeeping as a scheduled job: once a day, every day. */
export function housekeepingJob(settings: Pick<JobSettings, 'jobs'>): Job {
  const days = settings.jobs.housekeeping.replayGuardDays;
  return {
    name: 'housekeeping',
    schedule: scheduleOf(settings, 'housekeeping', '30 3 * * *'),
    days: 'every',
    periodKey: dailyPeriod,
    async run(ctx) {
      const before = new Date(ctx.clock.now().getTime() - days * 86_400_000);
      if (ctx.dryRun) {
        const due: Record<string, number> = {};
        for (const key of REPLAY_KEYS)
          due[key.table] = await countBefore(ctx.db, key.table, key.takenAt, before);
        ctx.log.info({ before, days, due }, 'housekeeping: once-only keys that would be pruned');
        return;
      }
      ctx.afterCommit(async (db) => {
        const pruned: Record<string, number> = {};
        for (const key of REPLAY_KEYS)
          pruned[key.table] = await pruneBefore(db, key.table, key.takenAt, before);
        ctx.log.info(
          { before, days, pruned },
          'housekeeping: pruned once-only keys older than the replay guard',
        );
      });
    },
  };
}
