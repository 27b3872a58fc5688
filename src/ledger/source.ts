/**
 * The ledger source: reads the company's accounting database (Postgres, MySQL or MariaDB) through a
 * mapping query, read-only and in batches. Without a URL it reads the demo ledger inside the bot DB.
 */
import knex, { type Knex } from 'knex';
import { knexForPostgres } from '../db.ts';
import {
  type BoundQuery,
  copyConnection,
  isSingleConnection,
  readHeldCursor,
  readMysqlStream,
  readPostgresCopy,
} from './cursor.ts';
import { bindWatermark, checkMappingSql, inlineWatermark, type LedgerDialect } from './mapping.ts';
import { COPY_COLUMN_ORDER } from './copy-check.ts';
import { decodeCopyLines } from './copy-text.ts';
import { type LedgerBatch, type LedgerSource, type RawLedgerRow, REQUIRED_COLUMNS } from './types.ts';

/** The mapping does not return the columns duebot needs, or its SQL fails: fix the mapping file. */
export class LedgerMappingError extends Error {
  readonly code = 'ledger_mapping_invalid';
  /** Required columns the mapping does not return (empty when the SQL itself failed). */
  readonly missing: string[];
  /** Columns the mapping does return. */
  readonly found: string[];

  constructor(
    message: string,
    missing: string[] = [],
    found: string[] = [],
    /** 'writes': the query tries to change the ledger (a function that writes, SELECT ... FOR UPDATE). */
    readonly fault: 'query' | 'writes' = 'query',
  ) {
    super(message);
    this.name = 'LedgerMappingError';
    this.missing = missing;
    this.found = found;
  }
}

/**
 * The accounting database could not be read (down, unreachable, login refused, connection lost while
 * reading): the bot keeps serving its snapshot and retries. `cause` is the driver's error.
 */
export class LedgerReadError extends Error {
  readonly code = 'ledger_read_failed';
  constructor(
    override readonly cause: unknown,
    /** The ledger's URL, for explaining where it could not be reached. */
    readonly url: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'LedgerReadError';
  }
}

/** Where and how to read the ledger. */
export interface LedgerSourceOptions {
  name: string;
  /** postgres://, postgresql://, mysql:// or mariadb://; absent: read `botDb` (the demo ledger). */
  url?: string;
  mappingSql: string;
  batchSize: number;
  botDb?: Knex;
}

/** A full read passes this watermark: older than any ledger row, so the mapping SQL stays the same. */
const BEGINNING = new Date('1970-01-01T00:00:00Z');

function dialectOf(url: string): LedgerDialect {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  throw new Error(
    `LEDGER_URL must start with postgres://, postgresql://, mysql:// or mariadb:// (got ${scheme || 'no scheme'}://)`,
  );
}

/** A small mysql2 pool in UTC that hands over decimals and big ids as exact strings and dates as text. */
function knexForMysql(url: string): Knex {
  const parsed = new URL(url);
  return knex({
    client: 'mysql2',
    connection: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : 3306,
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
      dateStrings: true,
      decimalNumbers: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      timezone: 'Z',
    },
    pool: {
      min: 0,
      max: 2,
      afterCreate: (
        conn: { query(sql: string, done: (error: unknown) => void): void },
        done: (error: unknown, conn: unknown) => void,
      ) => conn.query("SET time_zone = '+00:00'", (error) => done(error, conn)),
    },
  });
}

/** Column names from the driver's field metadata: pg/PGlite `{ fields }`, mysql2 `[rows, fields]`. */
function fieldNames(result: unknown): string[] {
  const fields = Array.isArray(result) ? result[1] : (result as { fields?: unknown }).fields;
  if (!Array.isArray(fields)) return [];
  return fields.map((f) => String((f as { name?: unknown }).name));
}

/** SQLSTATE classes of a query that is wrong (syntax, unknown column, bad cast ...) or writes (25006). */
const MAPPING_SQLSTATE = /^(42|22|0A|21|2B|25006)/;

/**
 * Errors with a mapping SQLSTATE that are the server's or the login's doing, not the query's: no such
 * database, or no right to read (PostgreSQL 42501; MySQL/MariaDB report these as 42000 too).
 */
const NOT_THE_MAPPING = new Set([
  '42501',
  'ER_BAD_DB_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_COLUMNACCESS_DENIED_ERROR',
  'ER_SPECIFIC_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_ERROR',
]);

/** A SQL error in the mapping (syntax, unknown table or column ...) as a mapping error; others unchanged. */
function explainQueryError(error: unknown): unknown {
  const e = error as { code?: unknown; sqlState?: unknown; message?: unknown };
  const state = typeof e.sqlState === 'string' ? e.sqlState : typeof e.code === 'string' ? e.code : '';
  if (typeof e.code === 'string' && NOT_THE_MAPPING.has(e.code)) return error;
  if (!/^[0-9A-Z]{5}$/.test(state) || !MAPPING_SQLSTATE.test(state)) return error;
  // knex prefixes the whole SQL to the driver's message; keep the driver's part.
  const message = (
    String(e.message ?? error)
      .split(' - ')
      .pop() ?? ''
  )
    .replace(/\s+/g, ' ') // MariaDB quotes the SQL near a syntax error, newlines and all: one line
    .trim();
  if (state === '25006') {
    return new LedgerMappingError(
      `the ledger mapping tries to write, and duebot reads the ledger only in read-only transactions: ${message} (SQLSTATE ${state})`,
      [],
      [],
      'writes',
    );
  }
  return new LedgerMappingError(`the ledger mapping query fails: ${message} (SQLSTATE ${state})`);
}

/** Opens a ledger source; nothing is read until validate() or changedSince(). */
export async function openLedgerSource(options: LedgerSourceOptions): Promise<LedgerSource> {
  const { name, url, mappingSql, batchSize, botDb } = options;
  checkMappingSql(mappingSql);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  let db: Knex;
  let dialect: LedgerDialect;
  let owned = false;
  if (url) {
    dialect = dialectOf(url);
    db = dialect === 'postgres' ? knexForPostgres(url, { min: 0, max: 2 }) : knexForMysql(url);
    owned = true;
  } else if (botDb) {
    dialect = 'postgres';
    db = botDb;
  } else {
    throw new Error(`ledger source ${name}: give a URL or the bot database`);
  }
  const bound = bindWatermark(mappingSql, dialect);
  /** A failed read: the mapping's fault, or (for a company's ledger) the database could not be read. */
  const explain = (error: unknown): unknown => {
    const explained = explainQueryError(error);
    return explained instanceof LedgerMappingError || !owned
      ? explained
      : new LedgerReadError(error, url ?? '');
  };
  const query = (watermark: Date): BoundQuery => ({
    sql: bound.sql,
    bindings: Array.from({ length: bound.positions }, () => watermark),
  });

  /** The columns the mapping returns, from a query that returns no rows. */
  const describe = async (): Promise<string[]> => {
    const { sql, bindings } = query(BEGINNING);
    try {
      const result = await db.transaction(
        (trx) => trx.raw(`SELECT * FROM (\n${sql}\n) m WHERE 1 = 0`, bindings),
        { readOnly: true },
      );
      return fieldNames(result);
    } catch (error) {
      throw explain(error);
    }
  };
  /** Postgres with a pool reads by COPY, the columns duebot knows in the order the sync checks fastest. */
  async function* copied(watermark: Date): AsyncGenerator<LedgerBatch> {
    const found = await describe();
    const columns = COPY_COLUMN_ORDER.filter((c) => found.includes(c));
    const sql = inlineWatermark(mappingSql, watermark);
    for await (const text of readPostgresCopy(copyConnection(db), { sql, columns })) {
      yield { kind: 'copy', text, columns };
    }
  }

  function batches(watermark: Date | null): AsyncGenerator<LedgerBatch> {
    const from = watermark ?? BEGINNING;
    if (dialect === 'mysql') return wrapErrors(asRows(readMysqlStream(db, query(from), batchSize)), explain);
    if (isSingleConnection(db))
      return wrapErrors(asRows(readHeldCursor(db, query(from), batchSize)), explain);
    return wrapErrors(copied(from), explain);
  }

  return {
    name,
    async validate(options = {}) {
      const found = await describe();
      if (options.readRow) {
        const { sql, bindings } = query(BEGINNING);
        await db
          .transaction((trx) => trx.raw(`SELECT * FROM (\n${sql}\n) m LIMIT 1`, bindings), { readOnly: true })
          .catch((error: unknown) => {
            throw explain(error);
          });
      }
      const missing = REQUIRED_COLUMNS.filter((column) => !found.includes(column));
      if (missing.length > 0) {
        throw new LedgerMappingError(
          `the ledger mapping does not return ${missing.join(', ')} (it returns ${found.join(', ') || 'no columns'})`,
          missing,
          found,
        );
      }
    },
    batches,
    async *changedSince(watermark: Date | null): AsyncGenerator<RawLedgerRow[]> {
      let rows: RawLedgerRow[] = [];
      for await (const batch of batches(watermark)) {
        if (batch.kind === 'rows') {
          yield batch.rows;
          continue;
        }
        // COPY text comes in runs of lines as the network delivers them: regrouped by batchSize.
        for (const row of decodeCopyLines(batch.text, batch.columns)) {
          rows.push(row);
          if (rows.length < batchSize) continue;
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
    },
    async close() {
      if (owned) await db.destroy();
    },
  };
}

async function* wrapErrors(
  batches: AsyncGenerator<LedgerBatch>,
  explain: (error: unknown) => unknown,
): AsyncGenerator<LedgerBatch> {
  try {
    yield* batches;
  } catch (error) {
    throw error instanceof LedgerMappingError || error instanceof LedgerReadError ? error : explain(error);
  }
}

async function* asRows(batches: AsyncGenerator<RawLedgerRow[]>): AsyncGenerator<LedgerBatch> {
  for await (const rows of batches) yield { kind: 'rows', rows };
}
