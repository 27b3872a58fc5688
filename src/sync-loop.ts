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
import { ensureWorklistDay, markWorklistDay, worklistCurrent } from './worklist/day-turn.ts';
import { evaluatePromises, type PromiseVerdict } from './worklist/promises.ts';
import { queueStale, reassessStale } from './worklist/stale.ts';

/**
 * After the ledger moved: decide promises from it (PB-20), bring the worklist to the day (PB-01: the day
 * turn, incremental), then reassess the accounts the sync changed (queued in worklist_stale) and those whose
 * promise was decided. Every account is reassessed only when the sync (`summary`) says 'all' (a first
 * load), when no summary says what changed, or when today's worklist was assessed under another policy or
 * version. A sync that changed nothing reassesses nothing. `assessed`: the accounts reassessed.
 */
export async function afterSync(
  runtime: Runtime,
  summary?: Pick<SyncSummary, 'accountsChanged'>,
): Promise<{ verdicts: PromiseVerdict[]; assessed: number; full: boolean }> {
  const db = runtime.db.knex;
  const today = runtime.clock.today();
  const ctx = { db, policy: runtime.policy, today, timeZone: runtime.clock.timeZone };
  const verdicts = await evaluatePromises(db, today);
  // A decided promise (and the escalation a missed one brings) changes its account's assessment.
  await queueStale(
    db,
    verdicts.map((v) => v.accountId),
  );
  let full = summary === undefined || summary.accountsChanged === 'all';
  if (!full) {
    // The accounts the sync did not change only need the day turn; when today's worklist was already turned
    // (or marked by a sync) under another policy or version, its rows say nothing and all are reassessed.
    const turn = await ensureWorklistDay(ctx);
    full = turn.status === 'fresh' && !(await worklistCurrent(db, today, runtime.policy));
  }
  let assessed = 0;
  if (full) {
    assessed = (await refreshWorklist(ctx)).assessed;
    // The whole worklist is now as of today: the day turn (PB-01) need not repeat it.
    await markWorklistDay(db, today, assessed, runtime.policy);
  }
  assessed += await reassessStale(ctx);
  if (verdicts.length > 0)
    runtime.log.info({ verdicts: verdicts.length }, 'promises decided from the ledger');
  return { verdicts, assessed, full };
}

/** Syncs once (drawing progress on a terminal), logs the one-line summary and refreshes the worklist. */
export async function syncNow(runtime: Runtime, mode: SyncMode): Promise<SyncSummary> {
  const progress = createProgressLine(runtime.io.stderr, `syncing ${ledgerLabel(runtime.config.ledger.url)}`);
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
