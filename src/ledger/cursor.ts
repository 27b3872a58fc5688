/**
 * Streaming reads of a mapping query in batches, each inside a READ ONLY transaction, so that neither
 * a million-row ledger in memory nor a write to the accounting database is ever possible.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RawLedgerRow } from './types.ts';

/** A bound mapping query: SQL with `?` positions and their values. */
export interface BoundQuery {
  sql: string;
  bindings: Date[];
}

/** PGlite has one connection: nothing may hold it (a cursor's transaction, a pinned session) across batches. */
export function isSingleConnection(db: Knex): boolean {
  const client = db.client as { pglite?: unknown; config?: { pool?: { max?: number } } };
  return client.pglite !== undefined || client.config?.pool?.max === 1;
}

const cursorName = () => `duebot_ledger_${randomBytes(6).toString('hex')}`;

function rowsOf(result: unknown): RawLedgerRow[] {
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as RawLedgerRow[]) : [];
}

/**
 * Postgres with a pool: a server-side cursor inside `BEGIN READ ONLY` on one pinned connection,
 * FETCHed `batchSize` rows at a time. Leaving early or failing rolls back, which closes the cursor.
 */
export async function* readPostgresCursor(
  db: Knex,
  query: BoundQuery,
  batchSize: number,
): AsyncGenerator<RawLedgerRow[]> {
  const cursor = cursorName();
  const trx = await db.transaction(null, { readOnly: true });
  try {
    await trx.raw(`DECLARE ${cursor} NO SCROLL CURSOR FOR\n${query.sql}\n`, query.bindings);
    for (;;) {
      const rows = rowsOf(await trx.raw(`FETCH ${batchSize} FROM ${cursor}`));
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    await trx.raw(`CLOSE ${cursor}`);
    await trx.commit();
  } finally {
    if (!trx.isCompleted()) await trx.rollback();
  }
}

/**
 * Single-connection Postgres (PGlite, where the sync writes between batches): the cursor is declared
 * WITH HOLD in a READ ONLY transaction that commits at once, so FETCHes run outside any transaction and
 * the connection is free between batches. The cursor is closed at the end, also on early exit.
 */
export async function* readHeldCursor(
  db: Knex,
  query: BoundQuery,
  batchSize: number,
): AsyncGenerator<RawLedgerRow[]> {
  const cursor = cursorName();
  await db.transaction(
    async (trx) => {
      await trx.raw(`DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR\n${query.sql}\n`, query.bindings);
    },
    { readOnly: true },
  );
  let failed = true;
  try {
    for (;;) {
      const rows = rowsOf(await db.raw(`FETCH ${batchSize} FROM ${cursor}`));
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    failed = false;
  } finally {
    // A failure closing the cursor must not hide the error that ended the read.
    const closing = db.raw(`CLOSE ${cursor}`);
    await (failed ? closing.catch(() => undefined) : closing);
  }
}

/**
 * MySQL / MariaDB: `START TRANSACTION READ ONLY` and a streamed query (mysql2 streaming, so rows arrive
 * as they are read), gathered into batches; the stream pauses while a batch is being written.
 */
export async function* readMysqlStream(
  db: Knex,
  query: BoundQuery,
  batchSize: number,
): AsyncGenerator<RawLedgerRow[]> {
  const trx = await db.transaction(null, { readOnly: true });
  const stream = trx.raw(query.sql, query.bindings).stream({ highWaterMark: batchSize });
  let finished = false;
  try {
    let batch: RawLedgerRow[] = [];
    for await (const row of stream) {
      batch.push(row as RawLedgerRow);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    finished = true;
    await trx.commit();
  } finally {
    if (!finished) stream.destroy();
    if (!trx.isCompleted()) await trx.rollback();
  }
}

/**
 * Asks for the next batch as soon as one is handed out, so the ledger read and the bot DB writes
 * overlap; at most one batch waits. A failed read is rethrown when its batch is awaited.
 */
export async function* prefetched<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = batches[Symbol.asyncIterator]();
  const ask = () => {
    const next = iterator.next();
    next.catch(() => undefined); // NOTE: observed later; avoids an unhandled rejection meanwhile
    return next;
  };
  let pending = ask();
  try {
    for (;;) {
      const result = await pending;
      if (result.done) return;
      pending = ask();
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
