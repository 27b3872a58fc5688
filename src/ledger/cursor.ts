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
 * The point before which nothing can change unseen by the read that follows, asked in the read's own
 * transaction before the COPY takes its snapshot. A transaction still running at the snapshot commits
 * rows the read does not see; stamped with its start, as Odoo stamps write_date (`cr.now()`, the
 * transaction's `now()`), none is older than that start. So: the earliest start of what runs in the
 * ledger's database other than this read, from pg_stat_activity, and at the latest this read's own
 * start (`now()`: what begins after it stamps a later time). A session counts from
 * - its transaction's start (xact_start), in a transaction;
 * - its statement's start, active with no transaction shown yet (the transaction starts with it);
 * - when it went idle, idle but not waiting for its client: it has read its next command, and stamps
 *   that command's start before it shows itself as active;
 * and not at all while it waits for its client (ClientRead): its next transaction starts after this.
 * Autovacuum and WAL senders write no rows and may run for hours: they do not count.
 * Null where the server cannot tell: a session whose state this user may not see (PostgreSQL shows
 * other users' sessions only to members of pg_read_all_stats) or that does not report it
 * (track_activities off), a prepared transaction (it runs on with no session), a standby or a logical
 * replication subscriber (rows arrive stamped by another server's transactions).
 */
const HORIZON_SQL = `
  WITH others AS (
    SELECT a.* FROM pg_stat_activity a
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
      AND a.backend_type IS DISTINCT FROM 'autovacuum worker'
      AND a.backend_type IS DISTINCT FROM 'walsender'
  )
  SELECT CASE
    WHEN pg_is_in_recovery()
      OR EXISTS (SELECT 1 FROM pg_prepared_xacts p WHERE p.database = current_database())
      OR EXISTS (SELECT 1 FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid
                 WHERE d.datname = current_database())
      OR EXISTS (SELECT 1 FROM others a
                 WHERE a.state IS NULL OR a.state = 'disabled' OR a.backend_type LIKE 'logical replication%')
    THEN NULL
    ELSE least(now(), (
      SELECT min(CASE
        WHEN a.xact_start IS NOT NULL THEN a.xact_start
        WHEN a.state <> 'idle' THEN a.query_start
        WHEN a.wait_event IS DISTINCT FROM 'ClientRead' THEN a.state_change
      END)
      FROM others a))
  END AS since`;

/** What the server answers each statement of the read's setup (the last is HORIZON_SQL's). */
interface HorizonAnswer {
  rows: { since?: Date | null }[];
}

/**
 * What keeps HORIZON_SQL from telling the horizon, whatever runs at the moment (doctor): other users'
 * sessions hidden from this user (not a member of pg_read_all_stats; superusers are members of every
 * role), track_activities off, a standby, a logical replication subscriber. A prepared transaction is
 * not a setting: it holds the horizon back only while it lasts.
 */
export const HORIZON_BLINDNESS_SQL = `
  SELECT NOT pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS sessions_hidden,
         current_setting('track_activities') <> 'on' AS not_tracked,
         pg_is_in_recovery() AS standby,
         EXISTS (SELECT 1 FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid
                 WHERE d.datname = current_database()) AS subscriber`;

/**
 * Postgres with a pool, fastest: `COPY (mapping) TO STDOUT` inside `BEGIN READ ONLY`, streamed as runs
 * of whole lines as it arrives (the server waits while the sync is busy: TCP backpressure). COPY
 * takes no bind parameters, so the watermark is written into the SQL as a literal, which is safe for
 * a value duebot formats itself. Dates and times come as ISO text in UTC, in the order `columns`
 * names them. `onHorizon`: told, before the first row, the point before which nothing can change unseen
 * by this read (HORIZON_SQL), or null.
 */
export async function* readPostgresCopy(
  connect: () => Promise<pg.Client>,
  query: { sql: string; columns: readonly string[]; missing?: readonly string[] },
  onHorizon?: (since: Date | null) => void,
): AsyncGenerator<Buffer> {
  const connection = await connect();
  // Closing the connection ends the COPY and rolls the read-only transaction back on the server.
  connection.on('error', () => undefined);
  try {
    // One round trip for the transaction, its settings and the horizon (the simple protocol runs
    // statements separated by semicolons in order and answers them together).
    const setup = ['BEGIN READ ONLY', "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL TimeZone = 'UTC'"];
    // Before the COPY's snapshot: a transaction that ends between the two is seen here, or by the COPY.
    if (onHorizon) setup.push(HORIZON_SQL);
    const answers = (await connection.query(setup.join(';\n'))) as unknown as HorizonAnswer[];
    if (onHorizon) onHorizon(answers[answers.length - 1]?.rows[0]?.since ?? null);
    const list = query.columns
      .map((c) => (query.missing?.includes(c) ? `NULL AS ${c}` : `m.${c}`))
      .join(', ');
    const stream = connection.query(copyTo(`COPY (SELECT ${list} FROM (\n${query.sql}\n) m) TO STDOUT`));
    yield* copyLines(stream as AsyncIterable<Buffer>);
    // No COMMIT: the transaction read only, and closing the connection ends it.
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
 * overlap; at most one batch waits. The first batch is asked for at once, before the first is wanted:
 * a sync opens the read (the ledger's connection, its snapshot, the query) while it prepares its own
 * side. A failed read is rethrown when its batch is awaited. return() closes the read, also before the
 * first batch was taken (a generator never started runs no finally of its own).
 */
export function prefetched<T>(batches: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = batches[Symbol.asyncIterator]();
  const ask = () => {
    const next = iterator.next();
    next.catch(() => undefined); // NOTE: observed later; avoids an unhandled rejection meanwhile
    return next;
  };
  let pending = ask();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await iterator.return?.(); // queued after the batch asked for, if one is
  };
  async function* handOut(): AsyncGenerator<T> {
    try {
      for (;;) {
        const result = await pending;
        if (result.done) return;
        pending = ask();
        yield result.value;
      }
    } finally {
      await close();
    }
  }
  const handed = handOut();
  const finish = handed.return.bind(handed);
  handed.return = async (value) => {
    await close();
    return finish(value);
  };
  return handed;
}
