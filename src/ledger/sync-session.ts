/**
 * The bot-database session a sync writes through. A sync stages the rows it reads in temporary
 * tables, which live in one session: on a pooled Postgres the sync pins one connection, which also
 * takes the staged rows by COPY.
 */
import { once } from 'node:events';
import type { Knex } from 'knex';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isSingleConnection } from './cursor.ts';

/** Transactions on the sync's session, and its release. */
export interface SyncSession {
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /** `COPY ... FROM STDIN` of COPY text on the session, outside any transaction; null on PGlite. */
  copyIn: ((sql: string, text: string) => Promise<void>) | null;
  release(): Promise<void>;
}

interface PoolClient {
  acquireConnection(): Promise<pg.Client>;
  releaseConnection(connection: pg.Client): Promise<void>;
}

/** Pins one pooled connection; PGlite has a single session anyway. */
export async function openSyncSession(db: Knex): Promise<SyncSession> {
  if (isSingleConnection(db)) {
    return { transaction: (work) => db.transaction(work), copyIn: null, release: async () => undefined };
  }
  const client = db.client as PoolClient;
  const connection = await client.acquireConnection();
  return {
    transaction: (work) => db.transaction(work, { connection }),
    async copyIn(sql, text) {
      const stream = connection.query(copyFrom(sql));
      const finished = once(stream, 'finish');
      stream.end(text);
      await finished; // NOTE: `once` rejects when the stream emits 'error' (a row the server refuses)
    },
    release: () => client.releaseConnection(connection),
  };
}
