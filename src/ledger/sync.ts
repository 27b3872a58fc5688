/**
 * Ledger sync: brings the bot database's customers and open items in step with the accounting
 * database. Incremental syncs read rows changed since the stored watermark; a full sync reads every
 * row and settles the open items the ledger no longer returns (reconcile).
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import { prefetched } from './cursor.ts';
import { type DeferredConstraints, deferConstraintsIfEmpty } from './initial-load.ts';
import { parseLedgerRow, parseLedgerTimestamp } from './rows.ts';
import { openSyncSession } from './sync-session.ts';
import type { CustomerIds } from './sync-customers.ts';
import { createSeenTable, markSeen, settleUnseen, writeBatch } from './sync-writes.ts';
import type { LedgerItem, LedgerSource, SkipReason } from './types.ts';

/** Rows skipped for one reason: how many, and the first invoice ids to look up in the ledger. */
export interface SkippedRows {
  count: number;
  invoiceIds: string[];
}

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

/** Where the syncs of one source stand. */
export interface SyncState {
  source: string;
  watermark: Date | null;
  lastIncrementalAt: Date | null;
  lastFullAt: Date | null;
}

const SKIPPED_IDS_KEPT = 20;

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
  /** Called after each batch is written; a returned promise is awaited before the next batch. */
  onProgress?: (p: { rowsRead: number; rowsChanged: number }) => void | Promise<void>;
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

  const session = await openSyncSession(db, mode === 'full');
  let seenTable: string | null = null;
  // The first full sync into an empty table loads in one transaction with its indexes deferred.
  let load: Knex.Transaction | null = null;
  let deferred: DeferredConstraints | null = null;
  try {
    await source.validate();
    if (mode === 'full' && session.begin) {
      load = await session.begin();
      deferred = await deferConstraintsIfEmpty(load);
      if (!deferred) {
        await load.commit();
        load = null;
      }
    }
    const inTransaction = <T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
      load ? work(load) : session.transaction(work);
    // An empty table has nothing to reconcile: only a populated one needs the ids read.
    if (mode === 'full' && !deferred) {
      const table = `duebot_seen_${summary.runId}`;
      await session.transaction((trx) => createSeenTable(trx, table));
      seenTable = table;
    }
    // Rows that committed in the ledger just before the last watermark may carry an earlier updated_at
    // than rows already read: look back a little, the upsert makes re-reading them harmless.
    const from =
      mode === 'full' || !state?.watermark
        ? null
        : new Date(state.watermark.getTime() - options.lookbackSeconds * 1000);
    let maxRead: Date | null = null;
    const customersWritten: CustomerIds = new Map();
    for await (const rows of prefetched(source.changedSince(from))) {
      const items: LedgerItem[] = [];
      const readIds: string[] = [];
      for (const raw of rows) {
        // The watermark counts every row read, skipped ones too: a fixed row gets a new updated_at.
        const updatedAt = parseLedgerTimestamp(raw.updated_at);
        if (updatedAt && (!maxRead || updatedAt > maxRead)) maxRead = updatedAt;
        const parsed = parseLedgerRow(raw);
        if (parsed.ok) {
          items.push(parsed.item);
          readIds.push(parsed.item.invoiceId);
          continue;
        }
        countSkipped(summary, parsed.reason, parsed.invoiceId);
        if (parsed.invoiceId !== null) readIds.push(parsed.invoiceId);
      }
      summary.rowsRead += rows.length;
      for (let i = 0; i < Math.max(items.length, 1); i += options.batchSize) {
        const chunk = items.slice(i, i + options.batchSize);
        // NOTE: every query in here goes through `trx` (PGlite has a single connection).
        const result = await inTransaction(async (trx) => {
          if (seenTable && i === 0) await markSeen(trx, seenTable, readIds);
          return writeBatch(trx, chunk, summary.runId, customersWritten);
        });
        summary.rowsChanged += result.itemsChanged;
        summary.customersChanged += result.customersChanged;
        summary.itemsSettled += result.itemsSettled;
      }
      await options.onProgress?.({ rowsRead: summary.rowsRead, rowsChanged: summary.rowsChanged });
    }

    if (load && deferred) {
      await deferred.restore(load);
      await load.commit();
      load = null;
    }
    // Reached only when the whole ledger was read without error: a partial read settles nothing.
    if (seenTable) {
      summary.itemsSettled += await session.transaction((trx) =>
        settleUnseen(trx, seenTable as string, clock.now()),
      );
    }
    summary.watermark = nextWatermark(mode, state?.watermark ?? null, maxRead);
    summary.durationMs = performance.now() - started;
    await db.transaction(async (trx) => {
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
    if (load && !load.isCompleted()) await load.rollback().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await finish({ status: 'failed', error: message.slice(0, 2000) });
    throw error;
  } finally {
    if (seenTable)
      await session.transaction((trx) => trx.raw(`DROP TABLE IF EXISTS ${seenTable}`)).catch(() => undefined);
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

function countSkipped(summary: SyncSummary, reason: SkipReason, invoiceId: string | null): void {
  const entry = summary.skipped[reason] ?? { count: 0, invoiceIds: [] };
  entry.count += 1;
  if (invoiceId !== null && entry.invoiceIds.length < SKIPPED_IDS_KEPT) entry.invoiceIds.push(invoiceId);
  summary.skipped[reason] = entry;
  summary.rowsSkipped += 1;
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
