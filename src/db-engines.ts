/**
 * The engines the bot database runs on: the embedded PGlite and a Postgres server, each behind knex, with
 * the type parsers both share. db.ts picks one; embedded/open.ts builds on these without importing db.ts.
 */
import type { PGlite } from '@electric-sql/pglite';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { ensureWritableDir } from './data-dir.ts';

/** Which engine holds the bot's own state. */
export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** The embedded engine, when there is one (tests clone it). */
  pglite?: PGlite;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/** int8 and count(*) as numbers on both engines; refuses values a double cannot hold exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is too large to handle exactly`);
  return value;
}

/** Calendar dates stay 'YYYY-MM-DD' strings: a Date would shift them by the process time zone. */
const parseDate = (text: string) => text;

pg.types.setTypeParser(INT8, parseInt8);
pg.types.setTypeParser(DATE, parseDate);

/**
 * Opens an embedded PGlite; `dataDir` undefined keeps it in memory. The engine is imported here, on
 * first use, not at start-up: loading it costs ~100 MB of memory that a bot on Postgres never needs.
 */
export async function createPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir) await ensureWritableDir(dataDir);
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create(dataDir, {
    parsers: { [INT8]: parseInt8, [DATE]: parseDate },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/** A knex over one PGlite instance (which has exactly one connection). */
export async function knexForPglite(pglite: PGlite): Promise<Knex> {
  const { default: ClientPGLite } = await import('knex-pglite');
  return knex({
    client: ClientPGLite,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
    useNullAsDefault: false,
  });
}

/** A knex over a Postgres server. */
export function knexForPostgres(
  url: string,
  pool: { min: number; max: number } = { min: 0, max: 10 },
  connectTimeoutMs = 30_000,
): Knex {
  return knex({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: connectTimeoutMs },
    pool: { ...pool, idleTimeoutMillis: 10_000 },
    acquireConnectionTimeout: connectTimeoutMs + 1000,
    // NOTE: knex prints every failed connection attempt with its stack trace; the caller already turns
    // that error into a message naming the setting to fix, so only other warnings go to stderr.
    log: {
      warn: (message: string) => {
        if (!message.startsWith('Acquire connection error')) process.emitWarning(message);
      },
    },
  });
}
