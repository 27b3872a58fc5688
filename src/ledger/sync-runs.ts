/**
 * The sync_runs rows of runs under way, and of runs whose process died (kill -9, a lost host): those are
 * marked failed ("interrupted") by the next sync of any replica. A run is only taken for dead when no
 * live process holds it: on PostgreSQL each run holds a session advisory lock, keyed by its id, on the
 * connection it syncs through, which the server releases when that process or connection goes away; on
 * PGlite one process owns the database (others attach to it and share its one session, where advisory locks
 * prove nothing), so a run is dead when it started before that owner took the database and is not under way
 * in this process.
 */
import type { Knex } from 'knex';
import { embeddedOwnerSince } from '../embedded/owner-since.ts';
import type { SyncSession } from './sync-session.ts';

const LOCK = 'duebot-sync-run';
/** The error stored on a run whose process stopped before it finished. */
export const INTERRUPTED =
  'interrupted: the process running this sync stopped before it finished; nothing of it was written';

/** Runs under way in this process. */
const underWay = new Set<number>();

const isPglite = (db: Knex) =>
  (db.client as { pglite?: unknown }).pglite !== undefined || embeddedOwnerSince(db) !== null;
/** The advisory lock's second key: the run id, folded into an int4. */
const lockId = (id: number) => id % 2_147_483_647;

/** Inserts a running run and, on PostgreSQL, locks it on the session's connection in the same transaction. */
export async function beginRun(
  db: Knex,
  session: SyncSession,
  row: { source: string; kind: string; started_at: Date },
): Promise<number> {
  const id = await session.transaction(async (trx) => {
    const [inserted] = await trx('sync_runs').insert(row, ['id']);
    const runId = Number(inserted?.id);
    if (!isPglite(db)) await trx.raw('SELECT pg_advisory_lock(hashtext(?), ?)', [LOCK, lockId(runId)]);
    return runId;
  });
  underWay.add(id);
  return id;
}

/** The run is over (recorded done or failed): its lock is let go. */
export async function endRun(db: Knex, session: SyncSession, runId: number): Promise<void> {
  underWay.delete(runId);
  if (isPglite(db)) return;
  await session
    .transaction((trx) => trx.raw('SELECT pg_advisory_unlock(hashtext(?), ?)', [LOCK, lockId(runId)]))
    .catch(() => undefined); // the connection is gone: so is its lock
}

/** Marks the runs left `running` by a process that died as failed; returns how many. */
export async function reapInterruptedRuns(db: Knex, now: Date): Promise<number> {
  const running = await db('sync_runs').where({ status: 'running' }).select('id', 'started_at');
  const ownerSince = embeddedOwnerSince(db);
  let reaped = 0;
  for (const { id, started_at: startedAt } of running) {
    const runId = Number(id);
    if (underWay.has(runId)) continue;
    if (ownerSince && new Date(startedAt as string | Date) >= ownerSince) continue; // another live process's
    reaped += await db.transaction(async (trx): Promise<number> => {
      if (!isPglite(db)) {
        const held = await trx.raw('SELECT pg_try_advisory_xact_lock(hashtext(?), ?) AS free', [
          LOCK,
          lockId(runId),
        ]);
        if (!(held.rows as { free: boolean }[])[0]?.free) return 0; // a live process holds it
      }
      const changed: number = await trx('sync_runs')
        .where({ id: runId, status: 'running' })
        .update({ status: 'failed', finished_at: now, error: INTERRUPTED });
      return changed;
    });
  }
  return reaped;
}
