/**
 * Ledger sync: brings the bot database's customers and open items in step with the accounting
 * database. Incremental syncs read rows changed since the stored watermark; a full sync reads every
 * row and settles the open items the ledger no longer returns (reconcile). The rows read are staged
 * as they are read and written at the end in one transaction (stage.ts), with the new watermark; the
 * first load of an empty bot database copies them straight into its tables instead (loadFirst).
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import { ITEM_STAGE_COLUMNS } from './copy-check.ts';
import { prefetched } from './cursor.ts';
import { beginFirstLoad, deferConstraintsIfEmpty } from './initial-load.ts';
import { LOAD_CUSTOMER_COLUMNS, LOAD_ITEM_COLUMNS, type SkippedRows, SyncIntake } from './intake.ts';
import {
  applyStage,
  CUSTOMER_STAGE_COLUMNS,
  createStage,
  dropStage,
  type Stage,
  settleUnseen,
} from './stage.ts';
import { beginRun, endRun, reapInterruptedRuns } from './sync-runs.ts';
import { type CopyIn, openSyncSession, type SyncSession } from './sync-session.ts';
import type { LedgerBatch, LedgerSource, SkipReason } from './types.ts';

export type { SkippedRows } from './intake.ts';

/** What one sync did; also stored in sync_runs. */
export interface SyncSummary {
  runId: number;
  source: string;
  mode: 'incremental' | 'full';
  rowsRead: number;
  /** Open items whose content changed (or that are new). */
  rowsChanged: number;
  customersChanged: number;
  rowsSkipped: number;
  /** Items that became settled: paid in the ledger, or (full sync) gone from it. */
  itemsSettled: number;
  /**
   * The accounts whose assessment this sync may have changed (an item written or settled, a customer's
   * assessed fields changed), queued in worklist_stale for the worklist refresh after the sync; 'all' after
   * a load into an empty open_items, which reassesses every account.
   */
  accountsChanged: number | 'all';
  skipped: Partial<Record<SkipReason, SkippedRows>>;
  /** The latest ledger change read so far: the next incremental sync starts there. */
  watermark: Date | null;
  durationMs: number;
}

/** How far a sync is: reading (and staging) the ledger, then writing the changes (the summary says what changed). */
export interface SyncProgress {
  rowsRead: number;
  phase: 'reading' | 'writing';
}

/** Where the syncs of one source stand. */
export interface SyncState {
  source: string;
  watermark: Date | null;
  /**
   * Where the next incremental read starts, when the last read could tell (LedgerSource#horizon): the
   * watermark, or earlier while a ledger transaction that began earlier was still running. Null: the
   * watermark less LEDGER_LOOKBACK_SECONDS.
   */
  readFrom: Date | null;
  lastIncrementalAt: Date | null;
  lastFullAt: Date | null;
}

/** The sync state of a source, or null before its first successful sync. */
export async function latestSyncState(db: Knex, sourceName: string): Promise<SyncState | null> {
  const row = await db('sync_state').where({ source: sourceName }).first();
  if (!row) return null;
  const at = (value: unknown) => (value ? new Date(value as string | Date) : null);
  return {
    source: sourceName,
    watermark: at(row.watermark),
    readFrom: at(row.read_from),
    lastIncrementalAt: at(row.last_incremental_at),
    lastFullAt: at(row.last_full_at),
  };
}

interface SyncOptions {
  db: Knex;
  source: LedgerSource;
  mode: 'incremental' | 'full';
  clock: Clock;
  lookbackSeconds: number;
  batchSize: number;
  /** Called after each batch is read and staged, and when writing starts; awaited. */
  onProgress?: (p: SyncProgress) => void | Promise<void>;
}

/** One sync run under way. */
interface Run {
  options: SyncOptions;
  summary: SyncSummary;
  session: SyncSession;
  state: SyncState | null;
  startedAt: Date;
  started: number;
  read: LedgerRead;
}

/**
 * The ledger's side of a sync, started as soon as the sync knows where to read from: the mapping is
 * validated and the read opened (its connection, snapshot and query) while the bot database reaps,
 * records the run and creates the stage, instead of after them: each of those waits (a commit, a
 * temporary table's catalog rows) came before the read's own connection and query.
 */
interface LedgerRead {
  /** Settles when the mapping is validated (LedgerSource#validate). */
  validated: Promise<void>;
  /** The batches of the read started early, the first time; a new read of the same rows after that. */
  batches(): AsyncGenerator<LedgerBatch>;
  /** Closes the read started early when nothing took it (a sync that failed first). */
  close(): Promise<void>;
}

function startRead(source: LedgerSource, from: Date | null): LedgerRead {
  const validated = source.validate();
  validated.catch(() => undefined); // NOTE: awaited by the sync; avoids an unhandled rejection meanwhile
  let early: Promise<AsyncGenerator<LedgerBatch>> | null = validated.then(() =>
    prefetched(source.batches(from)),
  );
  early.catch(() => undefined);
  return {
    validated,
    async *batches() {
      const started = early;
      early = null;
      yield* started ? await started : prefetched(source.batches(from));
    },
    async close() {
      const started = early;
      early = null;
      const batches = await started?.catch(() => null);
      await batches?.return(undefined);
    },
  };
}

/**
 * One sync run: reads the source, stages what it read, writes it in one transaction with the new
 * watermark, and records the run. The very first load of a Postgres bot database writes straight
 * into its tables instead (first-load.ts).
 */
export async function syncLedger(options: SyncOptions): Promise<SyncSummary> {
  const { db, source, mode, clock } = options;
  const started = performance.now();
  const startedAt = clock.now();
  const state = await latestSyncState(db, source.name);
  const from =
    mode === 'full' || !state?.watermark
      ? null
      : readFrom(state.readFrom, state.watermark, options.lookbackSeconds);
  // The ledger's side starts now and runs while the bot database records the run and makes the stage.
  const read = startRead(source, from);
  let session: SyncSession;
  let runId: number;
  try {
    await reapInterruptedRuns(db, startedAt);
    // The staging tables live in one session: on a pooled Postgres the sync pins one connection.
    session = await openSyncSession(db);
    try {
      runId = await beginRun(db, session, { source: source.name, kind: mode, started_at: startedAt });
    } catch (error) {
      await session.release();
      throw error;
    }
  } catch (error) {
    await read.close();
    throw error;
  }
  const summary: SyncSummary = {
    runId,
    source: source.name,
    mode,
    rowsRead: 0,
    rowsChanged: 0,
    customersChanged: 0,
    rowsSkipped: 0,
    itemsSettled: 0,
    accountsChanged: 0,
    skipped: {},
    watermark: state?.watermark ?? null,
    durationMs: 0,
  };
  try {
    await read.validated;
    const run: Run = { options, summary, session, state, startedAt, started, read };
    if (!(session.pinned && (await loadFirst(run)))) await syncStaged(run);
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db('sync_runs')
      .where({ id: summary.runId })
      .update({ ...runRecord(summary, clock), status: 'failed', error: message.slice(0, 2000) });
    throw error;
  } finally {
    await read.close();
    await endRun(db, session, runId);
    await session.release();
  }
}

/**
 * Where an incremental read starts. Rows that committed in the ledger after the last read may carry an
 * earlier updated_at than rows it read: where the last read found the point before which nothing could
 * change unseen (read_from), the read starts there; otherwise it looks back a fixed time before the
 * watermark (the upsert makes re-reading rows harmless, but not free).
 */
function readFrom(stored: Date | null, watermark: Date, lookbackSeconds: number): Date {
  return stored ?? new Date(watermark.getTime() - lookbackSeconds * 1000);
}

/**
 * read_from for the next incremental sync, after a read that saw every row changed after its own start
 * and ended with `watermark`; null where the source cannot tell its horizon (LedgerSource#horizon).
 * Every row the read could see and that changed after where it started was read; what it could not see
 * yet is stamped at or after the horizon. So the next read starts a millisecond before the horizon (it
 * takes rows changed after its start, and a row may carry the very start of its transaction), or where
 * the rows read end if that is earlier: the watermark plus a millisecond, as the watermark is the latest
 * updated_at read cut to whole milliseconds, and a read from the watermark itself would take the rows of
 * its last millisecond again.
 */
function nextReadFrom(source: LedgerSource, watermark: Date | null): Date | null {
  const horizon = source.horizon?.() ?? null;
  if (!horizon || !watermark) return null;
  return new Date(Math.min(watermark.getTime() + 1, horizon.getTime() - 1));
}

/** sync_runs' columns for what a run did so far. */
const runRecord = (summary: SyncSummary, clock: Clock) => ({
  finished_at: clock.now(),
  rows_read: summary.rowsRead,
  rows_changed: summary.rowsChanged,
  rows_skipped: summary.rowsSkipped,
  items_settled: summary.itemsSettled,
  skipped: JSON.stringify(summary.skipped),
});

/**
 * Reads the whole source into `intake`, its item text into `items` (one COPY for the whole read: the
 * server takes rows while the next are checked). A failed read cancels the COPY.
 */
async function readInto(run: Run, intake: SyncIntake, items: CopyIn): Promise<void> {
  const { batchSize, onProgress } = run.options;
  try {
    for await (const batch of run.read.batches()) {
      intake.take(batch);
      if (intake.pendingRows < batchSize) continue;
      await items.write(intake.takeItems());
      await onProgress?.({ rowsRead: intake.rowsRead, phase: 'reading' });
    }
    if (intake.pendingRows > 0) {
      await items.write(intake.takeItems());
      await onProgress?.({ rowsRead: intake.rowsRead, phase: 'reading' });
    }
    await items.end();
  } catch (error) {
    await items.abort(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    run.summary.rowsRead = intake.rowsRead;
    run.summary.rowsSkipped = intake.rowsSkipped;
    run.summary.skipped = intake.skipped;
  }
}

/** Writes `intake`'s customer text into `customers` by one COPY. */
async function writeCustomers(run: Run, intake: SyncIntake, customers: CopyIn): Promise<void> {
  for (const text of intake.customerLines(run.options.batchSize)) await customers.write(text);
  await customers.end();
}

/**
 * The new watermark, sync_state and the run's record, in the transaction that wrote the changes:
 * reached only when the whole ledger was read without error (a partial read writes nothing).
 */
async function recordDone(trx: Knex.Transaction, run: Run, latest: Date | null): Promise<void> {
  const { summary, options } = run;
  summary.watermark = nextWatermark(options.mode, run.state?.watermark ?? null, latest);
  summary.durationMs = performance.now() - run.started;
  const last = options.mode === 'full' ? 'last_full_at' : 'last_incremental_at';
  const marks = {
    watermark: summary.watermark,
    read_from: nextReadFrom(options.source, summary.watermark),
    [last]: run.startedAt,
  };
  // A success ends an outage (ledger/freshness.ts); the last failure is kept for the record.
  await trx('sync_state')
    .insert({ source: summary.source, ...marks })
    .onConflict('source')
    .merge({ ...marks, failing_since: null });
  await trx('sync_runs')
    .where({ id: summary.runId })
    .update({ ...runRecord(summary, options.clock), status: 'done' });
}

/** The usual sync: stage everything read, then write the changes in one transaction. */
async function syncStaged(run: Run): Promise<void> {
  const { session, summary, options } = run;
  let stage: Stage | null = null;
  try {
    stage = await session.transaction((trx) => createStage(trx, summary.runId));
    const staged = stage;
    const intake = new SyncIntake();
    await readInto(run, intake, session.copyIn(staged.items, ITEM_STAGE_COLUMNS));
    await writeCustomers(run, intake, session.copyIn(staged.customers, CUSTOMER_STAGE_COLUMNS));
    await options.onProgress?.({ rowsRead: summary.rowsRead, phase: 'writing' });
    await session.transaction(async (trx) => {
      // A first load into an empty table builds its indexes once, at the end (see initial-load.ts).
      const deferred = await deferConstraintsIfEmpty(trx);
      const result = await applyStage(trx, staged, summary.runId, {
        empty: deferred !== null,
        repeats: intake.mayRepeatInvoices,
        staged: { items: intake.rowsRead, customers: intake.customerCount },
      });
      await deferred?.restore(trx);
      summary.rowsChanged = result.itemsChanged;
      summary.customersChanged = result.customersChanged;
      summary.itemsSettled = result.itemsSettled;
      summary.accountsChanged = deferred ? 'all' : result.accountsQueued;
      // After a first load every item in open_items was just read: there is nothing to settle.
      if (options.mode === 'full' && !deferred) {
        const unseen = await settleUnseen(trx, staged, options.clock.now());
        summary.itemsSettled += unseen.itemsSettled;
        summary.accountsChanged = result.accountsQueued + unseen.accountsQueued;
      }
      await recordDone(trx, run, intake.latestChange());
      // The stage goes with the transaction that wrote it: no transaction (and commit) of its own.
      await dropStage(trx, staged);
    });
    stage = null;
  } finally {
    // A sync that failed before its write committed: the stage still is in the session.
    const dropping = stage;
    if (dropping) await session.transaction((trx) => dropStage(trx, dropping)).catch(() => undefined);
  }
}

/** Thrown inside a first load that read an invoice twice: it is rolled back and the sync staged. */
class RepeatedInvoices extends Error {}

/**
 * The first load of a bot database that has no customers and no open items: in one transaction that
 * holds both tables, open_items' indexes and constraints are deferred, the rows read go straight into
 * open_items by COPY (customer ids numbered as customers are first read), the customers follow, and
 * the indexes and constraints are built again. Staging the rows and inserting them from the stage
 * cost twice as much, for nothing to compare with. False when the tables were not empty after all,
 * or the ledger returned an invoice twice (the staged sync picks the latest of its rows): nothing
 * was written, and the sync stages as usual.
 */
async function loadFirst(run: Run): Promise<boolean> {
  const { session, summary, options } = run;
  try {
    return await session.transaction(async (trx) => {
      const tables = await beginFirstLoad(trx);
      if (!tables) return false;
      const intake = new SyncIntake({
        runId: summary.runId,
        firstCustomerId: tables.firstCustomerId,
        firstItemId: tables.firstItemId,
      });
      await readInto(run, intake, session.copyIn('open_items', LOAD_ITEM_COLUMNS));
      if (intake.mayRepeatInvoices) throw new RepeatedInvoices();
      await options.onProgress?.({ rowsRead: summary.rowsRead, phase: 'writing' });
      await writeCustomers(run, intake, session.copyIn('customers', LOAD_CUSTOMER_COLUMNS));
      await tables.numbered(trx, { customers: intake.customerCount, items: intake.itemsWritten });
      await tables.restore(trx);
      summary.rowsChanged = intake.itemsWritten;
      summary.customersChanged = intake.customerCount;
      summary.itemsSettled = 0;
      summary.accountsChanged = 'all';
      await recordDone(trx, run, intake.latestChange());
      return true;
    });
  } catch (error) {
    if (error instanceof RepeatedInvoices) return false;
    throw error;
  }
}

/**
 * The max updated_at actually read, never the clock: a row that changes while the sync runs carries a
 * later updated_at and is read next time. An incremental sync never moves the watermark back.
 */
function nextWatermark(
  mode: 'incremental' | 'full',
  previous: Date | null,
  maxRead: Date | null,
): Date | null {
  if (!maxRead) return previous;
  if (mode === 'full' || !previous) return maxRead;
  return maxRead > previous ? maxRead : previous;
}

const IDS_SHOWN = 5;

/** One line for logs and the terminal, e.g. "sync (incremental): 2,514 rows read, 37 changed, ... in 1.2s". */
export function formatSyncSummary(s: SyncSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  let line = `sync (${s.mode}): ${n(s.rowsRead)} rows read, ${n(s.rowsChanged)} changed, ${n(s.itemsSettled)} settled`;
  const reasons = Object.entries(s.skipped) as [SkipReason, SkippedRows][];
  if (reasons.length > 0) {
    const parts = reasons
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .map(([reason, { count, invoiceIds }]) => {
        const shown = invoiceIds.slice(0, IDS_SHOWN);
        const more = count - shown.length;
        const ids = shown.length > 0 ? `: ${shown.join(', ')}${more > 0 ? ` and ${n(more)} more` : ''}` : '';
        return `${n(count)} ${reason}${ids}`;
      });
    line += `, ${n(s.rowsSkipped)} skipped (${parts.join('; ')})`;
  } else {
    line += ', 0 skipped';
  }
  return `${line} in ${(s.durationMs / 1000).toFixed(1)}s`;
}
