import type { Knex } from 'knex';

/** What GET /healthz reports, whichever chat adapters serve it. */
export interface Health {
  ok: boolean;
  database: 'ok' | 'unreachable';
  /** The latest finished sync of any ledger source, ISO time, or null before the first. */
  lastSync: string | null;
}

/** Checks the bot database and reads the last sync time from sync_state. */
export async function checkHealth(db: Knex): Promise<Health> {
  try {
    const row = await db('sync_state')
      .first(db.raw('max(greatest(last_incremental_at, last_full_at)) as last'))
      .timeout(2000);
    const last = row?.last ? new Date(row.last as string | Date).toISOString() : null;
    return { ok: true, database: 'ok', lastSync: last };
  } catch {
    return { ok: false, database: 'unreachable', lastSync: null };
  }
}
