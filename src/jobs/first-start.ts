/**
 * When the scheduler first started on this install: the line between slots that were missed (the bot was
 * installed and down) and slots that came before there was any bot to run them (a new install missed
 * nothing). An install older than this record counts from its first recorded run.
 */
import type { Knex } from 'knex';

/** The install's first start, recording `now` if none is recorded yet (the first caller wins). */
export async function firstStart(db: Knex, now: Date): Promise<Date> {
  await db.raw(
    `INSERT INTO scheduler_first_start (id, started_at)
     VALUES (1, coalesce((SELECT min(started_at) FROM job_runs), ?))
     ON CONFLICT (id) DO NOTHING`,
    [now],
  );
  const row = await db('scheduler_first_start').where({ id: 1 }).first('started_at');
  return new Date(row.started_at);
}
