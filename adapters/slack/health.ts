import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';

/** What GET /healthz reports. */
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

/** A Bolt custom route: 200 with the health as JSON, 503 when the database cannot be reached. */
export function healthRoute(db: Knex) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      const health = await checkHealth(db);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
}
