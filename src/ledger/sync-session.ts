/**
 * The bot-database session a sync writes through. A full sync keeps the invoice ids it read in a
 * temporary table, which lives in one session: on a pooled Postgres the sync pins one connection.
 */
import type { Knex } from 'knex';
import { isSingleConnection } from './cursor.ts';

/** Transactions on the sync's session, and its release. */
export interface SyncSession {
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  /**
   * A transaction left open across batches, on a pinned connection only: on a single-connection
   * database (PGlite) it would keep the ledger reads, which share that connection, waiting forever.
   */
  begin: (() => Promise<Knex.Transaction>) | null;
  release(): Promise<void>;
}

interface PoolClient {
  acquireConnection(): Promise<object>;
  releaseConnection(connection: object): Promise<void>;
}

/** Pins one pooled connection when `pinned`; PGlite has a single session anyway. */
export async function openSyncSession(db: Knex, pinned: boolean): Promise<SyncSession> {
  if (!pinned || isSingleConnection(db)) {
    return { transaction: (work) => db.transaction(work), begin: null, release: async () => undefined };
  }
  const client = db.client as PoolClient;
  const connection = await client.acquireConnection();
  return {
    transaction: (work) => db.transaction(work, { connection }),
    begin: () => db.transaction(null, { connection }),
    release: () => client.releaseConnection(connection),
  };
}
