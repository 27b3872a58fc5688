/**
 * Ledger sync: brings the bot database's customers and open items in step with the accounting
 * database. Incremental syncs read rows changed since the stored watermark; a full sync reads every
 * row and settles the open items the ledger no longer returns (reconcile). The rows read are staged
 * batch by batch and written at the end in one transaction (stage.ts), with the new watermark.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import { ITEM_STAGE_COLUMNS } from './copy-check.ts';
import { prefetched } from './cursor.ts';
import { deferConstraintsIfEmpty } from './initial-load.ts';
import { type SkippedRows, SyncIntake } from './intake.ts';
import {
  applyStage,
  CUSTOMER_STAGE_COLUMNS,
  createStage,
  dropStage,
  type Stage,
  settleUnseen,
} from './stage.ts';
import { openSyncSession } from './sync-session.ts';
import type { LedgerSource, SkipReason } from './types.ts';

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
    lastIncrementalAt: at(row.last_incremental_at),
    lastFullAt: at(row.last_full_at),
  };
}

/** One sync run: reads the source, writes each batch in its own transaction, records the run. */
export async function syncLedger(options: {
  db: Knex;
  source: LedgerSource;
  mode: 'incremental' | 'full';
  clock: Clock;
  lookbackSeconds: number;
  batchSize: number;
  /** Called after each batch is read and staged, and when writing starts; awaited. */
  onProgress?: (p: SyncProgress) => void | Promise<void>;
}): Promise<SyncSummary> {
  const { db, source, mode, clock } = options;
  const started = performance.now();
  const startedAt = clock.now();
  const state = await latestSyncState(db, source.name);
  const [run] = await db('sync_runs').insert({ source: source.name, kind: mode, started_at: startedAt }, [
    'id',
  ]);
  const summary: SyncSummary = {
    runId: Number(run?.id),
    source: source.name,
    mode,
    rowsRead: 0,
    rowsChanged: 0,
    customersChanged: 0,
    rowsSkipped: 0,
    itemsSettled: 0,
    skipped: {},
    watermark: state?.watermark ?? null,
    durationMs: 0,
  };
  const finish = (fields: Record<string, unknown>) =>
    db('sync_runs')
      .where({ id: summary.runId })
      .update({
        finished_at: clock.now(),
        rows_read: summary.rowsRead,
        rows_changed: summary.rowsChanged,
        rows_skipped: summary.rowsSkipped,
        items_settled: summary.itemsSettled,
        skipped: JSON.stringify(summary.skipped),
        ...fields,
      });

  // The staging tables live in one session: on a pooled Postgres the sync pins one connection.
  const session = await openSyncSession(db);
  let stage: Stage | null = null;
  try {
    await source.validate();
    stage = await session.transaction((trx) => createStage(trx, summary.runId));
    // Rows that committed in the ledger just before the last watermark may carry an earlier updated_at
    // than rows already read: look back a little, the upsert makes re-reading them harmless.
    const from =
      mode === 'full' || !state?.watermark
        ? null
        : new Date(state.watermark.getTime() - options.lookbackSeconds * 1000);
    const intake = new SyncIntake();
    // One COPY into the item stage for the whole read: the server takes rows while the next are checked.
    const items = session.copyIn(stage.items, ITEM_STAGE_COLUMNS);
    try {
      for await (const batch of prefetched(source.batches(from))) {
        intake.take(batch);
        if (intake.pendingRows < options.batchSize) continue;
        await items.write(intake.takeItems());
        await options.onProgress?.({ rowsRead: intake.rowsRead, phase: 'reading' });
      }
      if (intake.pendingRows > 0) {
        await items.write(intake.takeItems());
        await options.onProgress?.({ rowsRead: intake.rowsRead, phase: 'reading' });
      }
      await items.end();
    } catch (error) {
      await items.abort(error instanceof Error ? error : new Error(String(error)));
      throw error;
    } finally {
      summary.rowsRead = intake.rowsRead;
      summary.rowsSkipped = intake.rowsSkipped;
      summary.skipped = intake.skipped;
    }
    const customers = session.copyIn(stage.customers, CUSTOMER_STAGE_COLUMNS);
    for (const text of intake.customerLines(options.batchSize)) await customers.write(text);
    await customers.end();
    await options.onProgress?.({ rowsRead: summary.rowsRead, phase: 'writing' });
    const staged = stage;

    // Reached only when the whole ledger was read without error: a partial read writes and settles nothing.
    summary.watermark = nextWatermark(mode, state?.watermark ?? null, intake.latestChange());
    await session.transaction(async (trx) => {
      // The first load into an empty table builds its indexes once, at the end (see initial-load.ts).
      const deferred = await deferConstraintsIfEmpty(trx);
      const result = await applyStage(trx, staged, summary.runId, {
        empty: deferred !== null,
        repeats: intake.mayRepeatInvoices,
      });
      await deferred?.restore(trx);
      summary.rowsChanged = result.itemsChanged;
      summary.customersChanged = result.customersChanged;
      summary.itemsSettled = result.itemsSettled;
      // After a first load every item in open_items was just read: there is nothing to settle.
      if (mode === 'full' && !deferred) summary.itemsSettled += await settleUnseen(trx, staged, clock.now());
      summary.durationMs = performance.now() - started;
      await trx('sync_state')
        .insert({
          source: source.name,
          watermark: summary.watermark,
          [mode === 'full' ? 'last_full_at' : 'last_incremental_at']: startedAt,
        })
        .onConflict('source')
        .merge(['watermark', mode === 'full' ? 'last_full_at' : 'last_incremental_at']);
      await trx('sync_runs')
        .where({ id: summary.runId })
        .update({
          status: 'done',
          finished_at: clock.now(),
          rows_read: summary.rowsRead,
          rows_changed: summary.rowsChanged,
          rows_skipped: summary.rowsSkipped,
          items_settled: summary.itemsSettled,
          skipped: JSON.stringify(summary.skipped),
        });
    });
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finish({ status: 'failed', error: message.slice(0, 2000) });
    throw error;
  } finally {
    const dropping = stage;
    if (dropping) await session.transaction((trx) => dropStage(trx, dropping)).catch(() => undefined);
    await session.release();
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
