/**
 * The bot-database session a sync writes through. A sync stages the rows it reads in temporary
 * tables, which live in one session: on a pooled Postgres the sync pins one connection and streams
 * the staged rows into it by one COPY while it reads.
 */
import { once } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isSingleConnection } from './cursor.ts';

/** A `COPY ... FROM` of COPY text into a table of the session, outside any transaction. */
export interface CopyIn {
  /** Sends more lines; resolves when the server is ready for more (back-pressure). */
  write(text: Buffer): Promise<void>;
  /** Ends the COPY; resolves when the server has taken every row. */
  end(): Promise<void>;
  /**
   * Cancels the COPY: none of the rows of a streamed COPY are kept. Where each write was a COPY of its
   * own (a shared session), the caller discards what was written (the stage is dropped with the run).
   */
  abort(reason: Error): Promise<void>;
}

/** Transactions and COPYs on the sync's session, and its release. */
export interface SyncSession {
  /** True on a pooled Postgres: one connection of the sync's own, which can stream a COPY inside a transaction. */
  pinned: boolean;
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  copyIn(table: string, columns: readonly string[]): CopyIn;
  release(): Promise<void>;
}

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<void>;
}

const copySql = (table: string, columns: readonly string[], from: string) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${from}`;

/** One COPY FROM STDIN streamed on a Postgres connection. */
function streamCopy(connection: pg.Client, sql: string): CopyIn {
  const stream = connection.query(copyFrom(sql));
  let failure: Error | null = null;
  // NOTE: kept for the next call to report; a stream error with no listener would end the process.
  stream.on('error', (error: Error) => {
    failure ??= error;
  });
  const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain'); // rejects if the stream fails meanwhile
    },
    async end() {
      if (failure) throw failure;
      const finished = once(stream, 'finish');
      stream.end();
      await finished; // pg-copy-streams finishes once the server has confirmed the COPY
    },
    async abort(reason) {
      if (!stream.destroyed) stream.destroy(reason); // sends CopyFail: the server keeps none of the rows
      await closed;
    },
  };
}

/**
 * A session on a database with one connection, shared with the reader: each write is a COPY of its
 * own, run by `copyOnce` (there is no stream to keep open between writes, so nothing to end or cancel).
 */
function sharedSession(
  db: Knex,
  from: string,
  copyOnce: (sql: string, text: Buffer) => Promise<void>,
): SyncSession {
  return {
    pinned: false,
    transaction: (work) => db.transaction(work),
    copyIn(table, columns) {
      const sql = copySql(table, columns, from);
      return {
        async write(text) {
          if (text.length > 0) await copyOnce(sql, text);
        },
        end: async () => undefined,
        abort: async () => undefined,
      };
    },
    release: async () => undefined,
  };
}

/** Pins one pooled connection; PGlite (and a pool of one) has a single session anyway. */
export async function openSyncSession(db: Knex): Promise<SyncSession> {
  const client = db.client as PoolClient & { pglite?: PGlite };
  const pglite = client.pglite;
  if (pglite) {
    // PGlite reads COPY input from a blob given with the query.
    return sharedSession(db, "'/dev/blob'", async (sql, text) => {
      await pglite.query(sql, [], { blob: new Blob([text]) });
    });
  }
  if (isSingleConnection(db)) {
    // The one connection is shared with the reader (a demo ledger in the bot database).
    return sharedSession(db, 'STDIN', async (sql, text) => {
      const connection = await client.acquireConnection();
      try {
        const copy = streamCopy(connection, sql);
        await copy.write(text);
        await copy.end();
      } finally {
        await client.releaseConnection(connection);
      }
    });
  }
  const connection = await client.acquireConnection();
  return {
    pinned: true,
    transaction: (work) => db.transaction(work, { connection }),
    copyIn: (table, columns) => streamCopy(connection, copySql(table, columns, 'STDIN')),
    release: () => client.releaseConnection(connection),
  };
}
