/**
 * Keeping the bot database in step with the ledger while duebot runs: one sync now, the first sync of a
 * start (on the snapshot when the ledger is down), and the schedule that repeats and retries it.
 */
import type { Config } from './config.ts';
import { ledgerLabel, runConfiguredSync, type SyncMode } from './ledger/configured.ts';
import { formatSyncSummary, type SyncSummary } from './ledger/sync.ts';
import { createProgressLine } from './progress.ts';
import type { Runtime } from './runtime.ts';
import { refreshWorklist } from './worklist/assess.ts';
import { markWorklistDay, worklistCurrent } from './worklist/day-turn.ts';
import { evaluatePromises, type PromiseVerdict } from './worklist/promises.ts';

/**
 * After the ledger moved: decide promises from it (PB-20), then reassess the worklist, unless the sync
 * (`summary`) changed nothing and the worklist is already today's under the same policy.
 */
export async function afterSync(
  runtime: Runtime,
  summary?: Pick<SyncSummary, 'rowsChanged' | 'itemsSettled'>,
): Promise<{ verdicts: PromiseVerdict[]; assessed: number }> {
  const today = runtime.clock.today();
  const verdicts = await evaluatePromises(runtime.db.knex, today);
  const unchanged =
    summary !== undefined && summary.rowsChanged === 0 && summary.itemsSettled === 0 && verdicts.length === 0;
  if (unchanged && (await worklistCurrent(runtime.db.knex, today, runtime.policy)))
    return { verdicts, assessed: 0 };
  const { assessed } = await refreshWorklist({
    db: runtime.db.knex,
    policy: runtime.policy,
    today,
    timeZone: runtime.clock.timeZone,
  });
  // The whole worklist is now as of today: the day turn (PB-01) need not repeat it.
  await markWorklistDay(runtime.db.knex, today, assessed, runtime.policy);
  if (verdicts.length > 0)
    runtime.log.info({ verdicts: verdicts.length }, 'promises decided from the ledger');
  return { verdicts, assessed };
}

/** Syncs once (drawing progress on a terminal), logs the one-line summary and refreshes the worklist. */
export async function syncNow(runtime: Runtime, mode: SyncMode): Promise<SyncSummary> {
  const progress = createProgressLine(process.stderr, `syncing ${ledgerLabel(runtime.config.ledger.url)}`);
  try {
    const summary = await runConfiguredSync({
      ...runtime,
      source: runtime.ledger,
      mode,
      onProgress: (p) =>
        progress.update(
          `${p.rowsRead.toLocaleString('en')} rows read${p.phase === 'writing' ? ', writing the changes' : ''}`,
        ),
    });
    progress.done();
    runtime.log.info(formatSyncSummary(summary));
    await afterSync(runtime, summary);
    for (const hook of runtime.afterSyncHooks) {
      await hook().catch((error: unknown) => runtime.log.error({ err: error }, 'a post-sync step failed'));
    }
    return summary;
  } catch (error) {
    progress.done();
    throw error;
  }
}

/** The ledger could not be read at start and the bot database holds no snapshot to serve instead. */
export class NoSnapshotError extends Error {
  readonly code = 'ledger_no_snapshot';
  constructor(override readonly cause: unknown) {
    super('the ledger cannot be read and the bot database holds no snapshot of it yet');
  }
}

const isLedgerReadError = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === 'ledger_read_failed';

/** How long to wait before retry `failures` (1, 2, ...): SYNC_RETRY_SECONDS doubling, up to the sync interval. */
export function retryDelayMs(config: Config, failures: number): number {
  const base = config.sync.retrySeconds * 1000;
  const cap = Math.max(base, (config.sync.intervalMinutes || 15) * 60_000);
  return Math.min(base * 2 ** Math.min(Math.max(0, failures - 1), 20), cap);
}

/**
 * The first sync of `start`. When the ledger cannot be read but a snapshot of it is held, the bot starts on
 * the snapshot (the failure logged in one line with its age) and returns 1: the failures so far, for
 * scheduleSync to retry. Without a snapshot it throws NoSnapshotError; other errors are thrown as they are.
 */
export async function syncAtStart(runtime: Runtime): Promise<number> {
  const before = await runtime.outage.before();
  try {
    await syncNow(runtime, 'auto');
    await runtime.outage.succeeded(before);
    return 0;
  } catch (error) {
    if (!isLedgerReadError(error)) throw error;
    if (!before?.lastRead) throw new NoSnapshotError((error as { cause?: unknown }).cause);
    await runtime.outage.failed(error, retryDelayMs(runtime.config, 1));
    return 1;
  }
}

/**
 * Keeps the bot database in step with the ledger every SYNC_INTERVAL_MINUTES, one sync at a time; a failed
 * sync is retried after SYNC_RETRY_SECONDS, doubling up to the interval, until one succeeds. `failures`:
 * how many failed just before (syncAtStart's answer).
 */
export function scheduleSync(runtime: Runtime, failures = 0): () => void {
  const intervalMs = runtime.config.sync.intervalMinutes * 60_000;
  let failed = failures;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = (ms: number) => {
    if (stopped || ms <= 0) return;
    timer = setTimeout(() => void attempt(), ms);
    timer.unref();
  };
  const attempt = async () => {
    const before = await runtime.outage.before();
    try {
      await syncNow(runtime, 'auto');
      failed = 0;
      await runtime.outage.succeeded(before).catch(() => undefined);
      next(intervalMs);
    } catch (error) {
      failed += 1;
      const delay = retryDelayMs(runtime.config, failed);
      await runtime.outage.failed(error, stopped ? null : delay);
      next(delay);
    }
  };
  next(failed > 0 ? retryDelayMs(runtime.config, failed) : intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
