/**
 * Prometheus metrics for GET /metrics, served by whichever HTTP adapter runs (Slack, Teams). Counters and
 * histograms count what this process did (requests, deliveries, syncs, job runs); gauges that describe the
 * bot database (outbox depth and age, letters by state, last successful sync) are read from it at scrape
 * time, so every replica reports the same truth. A scrape never waits long on the database: after
 * SCRAPE_DB_TIMEOUT_MS it answers with the process metrics and `duebot_database_up 0`.
 * Labels are kinds (platform, action, result, job, source), never people or accounts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LetterStatus } from './letters/letter-record.ts';
import { within } from './deadline.ts';

/** The metrics of this process: Node's and the process's own (CPU, memory, event loop) plus duebot's. */
const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

const requests = new Counter({
  name: 'duebot_requests_total',
  help: 'Interactions dispatched (commands, clicks, form submissions, thread notes), by platform, action kind and result',
  labelNames: ['platform', 'action', 'result'] as const,
  registers: [processRegistry],
});

const requestSeconds = new Histogram({
  name: 'duebot_request_duration_seconds',
  help: 'Time to answer one interaction, by platform and action kind (Slack wants an answer within 3 s)',
  labelNames: ['platform', 'action'] as const,
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
  registers: [processRegistry],
});

const deliveries = new Counter({
  name: 'duebot_outbox_deliveries_total',
  help: 'Outbox delivery attempts by platform, kind (post or update) and result (sent, found, retry, rate_limited, failed)',
  labelNames: ['platform', 'kind', 'result'] as const,
  registers: [processRegistry],
});

const syncRuns = new Counter({
  name: 'duebot_sync_runs_total',
  help: 'Ledger syncs run by this process, by source, mode and result (ok or failed)',
  labelNames: ['source', 'mode', 'result'] as const,
  registers: [processRegistry],
});

const syncSeconds = new Histogram({
  name: 'duebot_sync_duration_seconds',
  help: 'Duration of ledger syncs, by source and mode (failed ones included)',
  labelNames: ['source', 'mode'] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
  registers: [processRegistry],
});

const syncRows = new Counter({
  name: 'duebot_sync_rows_total',
  help: 'Ledger rows handled by successful syncs, by source and kind (read, changed, skipped, settled)',
  labelNames: ['source', 'kind'] as const,
  registers: [processRegistry],
});

const jobRuns = new Counter({
  name: 'duebot_job_runs_total',
  help: 'Scheduled job runs attempted by this process, by job and result (ran, already-done, skipped, failed, too-old)',
  labelNames: ['job', 'result'] as const,
  registers: [processRegistry],
});

/** How long a scrape waits for the bot database before it reports it down. */
export const SCRAPE_DB_TIMEOUT_MS = 2000;

/** Times one dispatched interaction and counts it; `action` is the interaction kind, never an id. */
export async function timeRequest<T>(platform: string, action: string, work: () => Promise<T>): Promise<T> {
  const end = requestSeconds.startTimer({ platform, action });
  try {
    const result = await work();
    requests.inc({ platform, action, result: 'ok' });
    return result;
  } catch (error) {
    requests.inc({ platform, action, result: 'error' });
    throw error;
  } finally {
    end();
  }
}

/** What became of one outbox delivery attempt. */
export type DeliveryResult = 'sent' | 'found' | 'retry' | 'rate_limited' | 'failed';

/** Counts one outbox delivery attempt. */
export function countDelivery(platform: string, kind: 'post' | 'update', result: DeliveryResult): void {
  deliveries.inc({ platform, kind, result });
}

/** The rows a sync reports, as its summary carries them. */
interface SyncCounts {
  rowsRead: number;
  rowsChanged: number;
  rowsSkipped: number;
  itemsSettled: number;
}

/** Times one ledger sync and counts its result and rows. */
export async function timeSync<T extends SyncCounts>(
  source: string,
  mode: string,
  work: () => Promise<T>,
): Promise<T> {
  const end = syncSeconds.startTimer({ source, mode });
  try {
    const summary = await work();
    syncRuns.inc({ source, mode, result: 'ok' });
    syncRows.inc({ source, kind: 'read' }, summary.rowsRead);
    syncRows.inc({ source, kind: 'changed' }, summary.rowsChanged);
    syncRows.inc({ source, kind: 'skipped' }, summary.rowsSkipped);
    syncRows.inc({ source, kind: 'settled' }, summary.itemsSettled);
    return summary;
  } catch (error) {
    syncRuns.inc({ source, mode, result: 'failed' });
    throw error;
  } finally {
    end();
  }
}

/** Counts one scheduled job run by what happened to it. */
export function countJobRun(job: string, result: string): void {
  jobRuns.inc({ job, result });
}

/** Every state a letter can be in, so `duebot_letters{state="uncertain"}` reads 0 rather than nothing. */
const LETTER_STATES = [
  'awaiting_approval',
  'sending',
  'sent',
  'not_sent',
  'failed',
  'rejected',
  'uncertain',
] as const satisfies readonly LetterStatus[];

/** What the bot database says at one scrape. */
interface DatabaseSnapshot {
  outboxDepth: number;
  outboxOldestAgeSeconds: number;
  letters: Record<string, number>;
  lastSync: { source: string; at: number }[];
}

/**
 * One statement, so a scrape holds one connection once. Waiting posts: not yet split into deliveries, or
 * with a delivery still pending or being sent. Ages and times use the database's clock, as replicas share it.
 */
const SNAPSHOT_SQL = `
  WITH waiting AS (
    SELECT o.id, o.created_at FROM outbox o WHERE o.expanded_at IS NULL
    UNION
    SELECT o.id, o.created_at FROM outbox_deliveries d JOIN outbox o ON o.id = d.outbox_id
     WHERE d.status IN ('pending', 'sending')
  )
  SELECT
    (SELECT count(*) FROM waiting) AS outbox_depth,
    (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM waiting) AS outbox_oldest,
    (SELECT coalesce(json_object_agg(status, n), '{}'::json)
       FROM (SELECT status, count(*) AS n FROM letters GROUP BY status) l) AS letters,
    (SELECT coalesce(json_agg(json_build_object('source', source, 'at',
              extract(epoch FROM greatest(last_incremental_at, last_full_at)))), '[]'::json)
       FROM sync_state WHERE coalesce(last_incremental_at, last_full_at) IS NOT NULL) AS syncs`;

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

async function readSnapshot(db: Knex): Promise<DatabaseSnapshot> {
  const result = (await db.raw(SNAPSHOT_SQL).timeout(SCRAPE_DB_TIMEOUT_MS)) as {
    rows: Record<string, unknown>[];
  };
  const row = result.rows[0] ?? {};
  const letters: Record<string, number> = Object.fromEntries(LETTER_STATES.map((s) => [s, 0]));
  for (const [state, n] of Object.entries((parseJson(row.letters) ?? {}) as Record<string, unknown>))
    letters[state] = Number(n);
  const syncs = (parseJson(row.syncs) ?? []) as { source: string; at: unknown }[];
  return {
    outboxDepth: Number(row.outbox_depth ?? 0),
    outboxOldestAgeSeconds: Math.max(0, Number(row.outbox_oldest ?? 0)),
    letters,
    lastSync: syncs.map((s) => ({ source: String(s.source), at: Number(s.at) })),
  };
}

/**
 * The bot database's gauges for one database: each collect() awaits one shared read, raced against the
 * timeout. A read still hanging (a blackholed server) is shared by later scrapes, never started again.
 */
function databaseRegistry(db: Knex): Registry {
  const registry = new Registry();
  let reading: Promise<DatabaseSnapshot> | null = null;
  const snapshot = async (): Promise<DatabaseSnapshot | null> => {
    reading ??= readSnapshot(db).finally(() => {
      reading = null;
    });
    return within(reading, SCRAPE_DB_TIMEOUT_MS).catch(() => null);
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, s: DatabaseSnapshot) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        if (s) fill(this, s);
        else if (labelNames.length === 0) this.remove(); // no value rather than a made-up 0
      },
    });
  new Gauge({
    name: 'duebot_database_up',
    help: 'Whether the bot database answered this scrape (1) or not within the timeout (0); the gauges read from it are left out when 0',
    registers: [registry],
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
  gauge(
    'duebot_outbox_depth',
    'Posts waiting in the outbox (not yet delivered to every platform)',
    [],
    (g, s) => g.set(s.outboxDepth),
  );
  gauge(
    'duebot_outbox_oldest_age_seconds',
    'Age of the oldest waiting post in the outbox, 0 when none waits',
    [],
    (g, s) => g.set(s.outboxOldestAgeSeconds),
  );
  gauge('duebot_letters', 'Dunning letters in the letter log, by state', ['state'], (g, s) => {
    for (const [state, n] of Object.entries(s.letters)) g.set({ state }, n);
  });
  gauge(
    'duebot_sync_last_success_timestamp_seconds',
    'When the last successful sync of each ledger source finished (Unix time)',
    ['source'],
    (g, s) => {
      for (const { source, at } of s.lastSync) g.set({ source }, at);
    },
  );
  return registry;
}

const databaseRegistries = new WeakMap<Knex, Registry>();

/** The exposition text of this process's metrics and the database's gauges, for one scrape. */
export async function renderMetrics(db: Knex): Promise<{ contentType: string; body: string }> {
  let dbRegistry = databaseRegistries.get(db);
  if (!dbRegistry) {
    dbRegistry = databaseRegistry(db);
    databaseRegistries.set(db, dbRegistry);
  }
  const merged = Registry.merge([processRegistry, dbRegistry]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/** GET /metrics for any node:http server (Bolt's custom routes, express). */
export function metricsHandler(db: Knex) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const { contentType, body } = await renderMetrics(db);
      res.writeHead(200, { 'content-type': contentType }).end(body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
    }
  };
}
