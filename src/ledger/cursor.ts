/**
 * Streaming reads of a mapping query in batches, each inside a READ ONLY transaction, so that neither
 * a million-row ledger in memory nor a write to the accounting database is ever possible.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyLines } from './copy-text.ts';
import type { RawLedgerRow } from './types.ts';

/** A bound mapping query: SQL with `?` positions and their values. */
export interface BoundQuery {
  sql: string;
  bindings: (Date | string)[];
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
 * A connection of its own for one COPY read, made from the knex pool's connection settings: a COPY
 * left unfinished (an early exit, a failure while writing a batch) cannot be stopped on the
 * connection, so the reader closes it rather than hand it back to a pool.
 */
export function copyConnection(db: Knex): () => Promise<pg.Client> {
  const settings = (db.client as { config: { connection: string | pg.ClientConfig } }).config.connection;
  return async () => {
    const client = new pg.Client(settings);
    await client.connect();
    return client;
  };
}

/**
 * Postgres with a pool, fastest: `COPY (mapping) TO STDOUT` inside `BEGIN READ ONLY`, streamed as runs
 * of whole lines as it arrives (the server waits while the sync is busy: TCP backpressure). COPY
 * takes no bind parameters, so the watermark is written into the SQL as a literal, which is safe for
 * a value duebot formats itself. Dates and times come as ISO text in UTC, in the order `columns`
 * names them.
 */
export async function* readPostgresCopy(
  connect: () => Promise<pg.Client>,
  query: { sql: string; columns: readonly string[]; missing?: readonly string[] },
): AsyncGenerator<Buffer> {
  const connection = await connect();
  // Closing the connection ends the COPY and rolls the read-only transaction back on the server.
  connection.on('error', () => undefined);
  try {
    await connection.query('BEGIN READ ONLY');
    await connection.query("SET LOCAL DateStyle = 'ISO, YMD'");
    await connection.query("SET LOCAL TimeZone = 'UTC'");
    const list = query.columns
      .map((c) => (query.missing?.includes(c) ? `NULL AS ${c}` : `m.${c}`))
      .join(', ');
    const stream = connection.query(copyTo(`COPY (SELECT ${list} FROM (\n${query.sql}\n) m) TO STDOUT`));
    yield* copyLines(stream as AsyncIterable<Buffer>);
    await connection.query('COMMIT');
  } finally {
    await connection.end().catch(() => undefined);
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
