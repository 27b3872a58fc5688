/**
 * The ledger source: reads the company's accounting database (Postgres, MySQL or MariaDB) through a
 * mapping query, read-only and in batches. Without a URL it reads the demo ledger inside the bot DB.
 */
import knex, { type Knex } from 'knex';
import { knexForPostgres } from '../db.ts';
import {
  type BoundQuery,
  copyConnection,
  HORIZON_BLINDNESS_SQL,
  isSingleConnection,
  readHeldCursor,
  readMysqlStream,
  readPostgresCopy,
} from './cursor.ts';
import {
  bindParameters,
  checkMappingSql,
  inlineParameters,
  type LedgerDialect,
  MappingFileError,
  mappingParameters,
  mappingTables,
  parameterLookups,
  stampsTransactionStart,
} from './mapping.ts';
import { said, type Said, sayIn } from '../i18n/said.ts';
import { type PresetName, PRESETS } from './presets.ts';
import { writtenParam } from './settings.ts';
import { localTimestamp, watermarkInZone } from './zone.ts';
import { COPY_READ_ORDER } from './copy-check.ts';
import { decodeCopyLines } from './copy-text.ts';
import {
  HORIZON_BLINDNESS,
  type HorizonBlindness,
  type LedgerBatch,
  type LedgerSource,
  type RawLedgerRow,
  REQUIRED_COLUMNS,
} from './types.ts';

/** The mapping does not return the columns duebot needs, or its SQL fails: fix the mapping file. */
export class LedgerMappingError extends Error {
  readonly code = 'ledger_mapping_invalid';
  /** Required columns the mapping does not return (empty when the SQL itself failed). */
  readonly missing: string[];
  /** Columns the mapping does return. */
  readonly found: string[];
  /** The message as a catalog message, for doctor in the company's language (the message is its English). */
  readonly says?: Said;

  constructor(
    message: string | Said,
    missing: string[] = [],
    found: string[] = [],
    /** 'writes': the query tries to change the ledger (a function that writes, SELECT ... FOR UPDATE). */
    readonly fault: 'query' | 'writes' = 'query',
  ) {
    super(typeof message === 'string' ? message : sayIn(undefined, message));
    if (typeof message !== 'string') this.says = message;
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
  /** LEDGER_PARAMS: values of the mapping's named parameters besides :watermark. */
  params?: Record<string, string>;
  /** LEDGER_PRESET, for messages that name the system. */
  preset?: PresetName | undefined;
  /** LEDGER_TIME_ZONE: the zone of timestamps without one (default UTC). */
  timeZone?: string;
}

/** A full read passes this watermark: older than any ledger row, so the mapping SQL stays the same. */
const BEGINNING = new Date('1970-01-01T00:00:00Z');

/** Timestamp columns read as wall-clock time in LEDGER_TIME_ZONE when they carry no zone. */
const TIMESTAMP_COLUMNS = ['updated_at', 'paid_at'] as const;

/** Where a mapping file's words come from, for messages: the preset, or LEDGER_MAPPING. */
/** What a message names the mapping by: `LEDGER_PRESET=odoo`, or the ledger mapping (`preset` none). */
function mappingName(preset: PresetName | undefined): { preset: string; presetSetting: string } {
  return { preset: preset ?? 'none', presetSetting: preset ? `LEDGER_PRESET=${preset}` : '' };
}

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
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
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
    return new LedgerMappingError(said('doctor.ledger.writes', { message, state }), [], [], 'writes');
  }
  return new LedgerMappingError(said('doctor.ledger.queryFails', { message, state }));
}

/** A table smaller than this is read whole in a moment: doctor does not warn about it. */
const FULL_SCAN_ROWS = 100_000;

/** The part of a PostgreSQL EXPLAIN (FORMAT JSON, VERBOSE) plan that fullScans reads. */
interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Schema?: string;
  Plan?: PlanNode;
  Plans?: PlanNode[];
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
  const bound = bindParameters(mappingSql, dialect);
  const zone = options.timeZone ?? 'UTC';
  const utc = zone === 'UTC' || zone === 'Etc/UTC';
  /** A failed read: the mapping's fault, or (for a company's ledger) the database could not be read. */
  const explain = (error: unknown): unknown => {
    const explained = explainQueryError(error);
    return explained instanceof LedgerMappingError || !owned
      ? explained
      : new LedgerReadError(error, url ?? '');
  };
  const readOnly = async <T>(sql: string, bindings: readonly (string | Date)[] = []): Promise<T[]> => {
    try {
      const result = await db.transaction((trx) => trx.raw(sql, bindings as Knex.RawBinding[]), {
        readOnly: true,
      });
      return (Array.isArray(result) ? result[0] : (result as { rows: T[] }).rows) as T[];
    } catch (error) {
      throw explain(error);
    }
  };
  const where = mappingName(options.preset);

  /** The tables the mapping declares (`-- @tables`) that the database does not have, or its user may not read. */
  const checkTables = async (): Promise<void> => {
    const tables = mappingTables(mappingSql);
    if (tables.length === 0) return;
    const marks = tables.map(() => '?').join(', ');
    const sql =
      dialect === 'mysql'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN (${marks})`
        : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ANY (current_schemas(false)) AND table_name IN (${marks})`;
    const found = new Set(
      (await readOnly<{ name?: unknown; NAME?: unknown }>(sql, tables)).map((r) => String(r.name ?? r.NAME)),
    );
    const missing = tables.filter((t) => !found.has(t));
    if (missing.length === 0) return;
    const values = {
      ...where,
      tables: missing.join(', '),
      setting: 'LEDGER_URL',
      system: options.preset ? PRESETS[options.preset].label : '',
    };
    throw new MappingFileError(
      said('doctor.ledger.noTable', values),
      said('doctor.ledger.noTableFix', {
        ...values,
        grant: 'GRANT SELECT',
        tablesLine: '-- @tables',
        section: 'Connecting your ERP',
      }),
    );
  };

  /** The value of every named parameter: LEDGER_PARAMS, or what the mapping's `-- @param` lookup finds. */
  const resolveParams = async (): Promise<Record<string, string>> => {
    const given = options.params ?? {};
    const used = mappingParameters(mappingSql);
    const unknown = Object.keys(given).filter((name) => !used.includes(name));
    if (unknown.length > 0) {
      const values = {
        ...where,
        setting: 'LEDGER_PARAMS',
        used: used.join(', '),
        hasUsed: used.length > 0 ? 'yes' : 'no',
      };
      throw new MappingFileError(
        said('doctor.params.unknown', {
          ...values,
          names: unknown.join(', '),
          count: unknown.length,
          watermark: ':watermark',
        }),
        said('doctor.params.unknownFix', values),
      );
    }
    const values: Record<string, string> = { ...given };
    const lookups = parameterLookups(mappingSql);
    for (const name of used) {
      const lookup = lookups.get(name);
      const value = values[name];
      if (value !== undefined && !lookup) continue;
      if (!lookup) {
        throw new MappingFileError(
          said('doctor.params.needs', { ...where, setting: 'LEDGER_PARAMS', name }),
          said('doctor.params.setValue', { setting: 'LEDGER_PARAMS', name, or: 'no', url: 'LEDGER_URL' }),
        );
      }
      const rows = await readOnly<Record<string, unknown>>(lookup);
      const choices = rows.map((r) => Object.values(r).map((v) => (v === null ? '' : String(v))));
      // Each choice as LEDGER_PARAMS takes it (quoted when it has a comma), then what else the lookup gives.
      const listed = choices
        .slice(0, 10)
        .map(([first = '', ...rest]) => [writtenParam(first), ...rest.filter((v) => v !== '')].join(' '))
        .join(', ');
      const found = {
        ...where,
        setting: 'LEDGER_PARAMS',
        name,
        count: choices.length,
        listed: `${listed}${choices.length > 10 ? ', ...' : ''}`,
      };
      const oneOf = said('doctor.params.oneOf', {
        setting: 'LEDGER_PARAMS',
        name,
        choices: choices
          .map((c) => writtenParam(c[0] ?? ''))
          .slice(0, 10)
          .join(', '),
      });
      if (value !== undefined) {
        // A value the database does not hold (a typo) would read no row, and a full sync would settle
        // every item: refused. With nothing to choose from yet (no invoice at all), it reads nothing.
        if (choices.length === 0 || choices.some((c) => c[0] === value)) continue;
        throw new MappingFileError(
          said('doctor.params.notInDatabase', { ...found, given: `${name}=${writtenParam(value)}` }),
          oneOf,
        );
      }
      if (choices.length === 1) {
        values[name] = choices[0]?.[0] ?? '';
        continue;
      }
      throw new MappingFileError(
        said('doctor.params.unsetChoose', found),
        choices.length === 0
          ? said('doctor.params.setValue', { setting: 'LEDGER_PARAMS', name, or: 'yes', url: 'LEDGER_URL' })
          : oneOf,
      );
    }
    return values;
  };

  /** Tables checked and parameters found, once per source, before any row is read. */
  let prepared: Promise<Record<string, string>> | null = null;
  const prepare = (): Promise<Record<string, string>> => {
    prepared ??= (async () => {
      await checkTables();
      return resolveParams();
    })();
    // A failure is not kept: the next sync tries again (the server may have been down).
    prepared.catch(() => {
      prepared = null;
    });
    return prepared;
  };

  /**
   * The watermark as bound: text in the ledger's zone (watermarkInZone), never a Date, which the pg
   * driver would write in the zone of the process and a `timestamp` column would read as wall-clock time.
   */
  const watermarkValue = (watermark: Date): string => watermarkInZone(watermark, zone, dialect);
  const query = async (watermark: Date): Promise<BoundQuery> => {
    const params = await prepare();
    return {
      sql: bound.sql,
      bindings: bound.names.map((name) =>
        name === 'watermark' ? watermarkValue(watermark) : (params[name] as string),
      ),
    };
  };

  /** The columns the mapping returns, from a query that returns no rows. */
  const describe = async (): Promise<string[]> => {
    const { sql, bindings } = await query(BEGINNING);
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
  /** See LedgerSource#horizon: found by a COPY read of a mapping stamped at transaction start. */
  const transactionStamps = stampsTransactionStart(mappingSql);
  let horizon: Date | null = null;

  /**
   * The columns validate() just found, taken by the read that follows it: a sync describes the mapping
   * once (each describe plans the whole mapping query), not once to check it and again to read it.
   */
  let validated: string[] | null = null;

  /** Postgres with a pool reads by COPY, the columns duebot knows in the order the sync checks fastest. */
  async function* copied(watermark: Date): AsyncGenerator<LedgerBatch> {
    const found = validated ?? (await describe());
    validated = null;
    // Every column the sync knows, NULL where the mapping has none: one order, which the byte checks know.
    const columns = COPY_READ_ORDER;
    const missing = columns.filter((c) => !found.includes(c));
    const params = await prepare();
    const sql = inlineParameters(mappingSql, { ...params, watermark: watermarkValue(watermark) });
    const onHorizon = transactionStamps
      ? (since: Date | null) => {
          horizon = since;
        }
      : undefined;
    for await (const text of readPostgresCopy(copyConnection(db), { sql, columns, missing }, onHorizon)) {
      yield { kind: 'copy', text, columns };
    }
  }

  async function* read(watermark: Date | null): AsyncGenerator<LedgerBatch> {
    horizon = null;
    const from = watermark ?? BEGINNING;
    if (dialect === 'mysql') yield* asRows(readMysqlStream(db, await query(from), batchSize));
    else if (isSingleConnection(db)) yield* asRows(readHeldCursor(db, await query(from), batchSize));
    else yield* copied(from);
  }

  function batches(watermark: Date | null): AsyncGenerator<LedgerBatch> {
    const raw = wrapErrors(read(watermark), explain);
    return utc ? raw : inZone(raw, zone);
  }

  return {
    name,
    async validate(options = {}) {
      validated = null;
      const found = await describe();
      if (options.readRow) {
        const { sql, bindings } = await query(BEGINNING);
        await db
          .transaction((trx) => trx.raw(`SELECT * FROM (\n${sql}\n) m LIMIT 1`, bindings), { readOnly: true })
          .catch((error: unknown) => {
            throw explain(error);
          });
      }
      const missing = REQUIRED_COLUMNS.filter((column) => !found.includes(column));
      if (missing.length > 0) {
        throw new LedgerMappingError(
          said('doctor.ledger.missingColumns', {
            missing: missing.join(', '),
            found: found.join(', '),
            hasFound: found.length > 0 ? 'yes' : 'no',
          }),
          missing,
          found,
        );
      }
      validated = found;
    },
    async inspect() {
      const params = await prepare();
      const columns = await describe();
      const { sql, bindings } = await query(BEGINNING);
      const [row] = await readOnly<{ n?: unknown }>(`SELECT count(*) AS n FROM (\n${sql}\n) m`, bindings);
      return { params, columns, rows: Number(row?.n ?? 0) };
    },
    async fullScans({ minRows = FULL_SCAN_ROWS } = {}) {
      if (dialect !== 'postgres') return null;
      const { sql, bindings } = await query(new Date(Date.now() - 3_600_000));
      try {
        return await db.transaction(
          async (trx) => {
            // Off, the planner still reads a table whole only where no index can serve the query.
            await trx.raw('SET LOCAL enable_seqscan = off');
            const result = (await trx.raw(`EXPLAIN (FORMAT JSON, VERBOSE) ${sql}`, bindings)) as {
              rows: { 'QUERY PLAN': PlanNode[] }[];
            };
            const scanned = new Map<string, { schema: string; table: string }>();
            const visit = (node: PlanNode): void => {
              // A whole table: a sequential scan, or an index read from end to end (no condition).
              const type = node['Node Type'] ?? '';
              const whole =
                type === 'Seq Scan' ||
                ((type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond']);
              if (whole && node['Relation Name']) {
                const schema = node.Schema ?? 'public';
                scanned.set(`${schema}.${node['Relation Name']}`, { schema, table: node['Relation Name'] });
              }
              for (const child of node.Plans ?? []) visit(child);
            };
            for (const row of result.rows) for (const top of row['QUERY PLAN']) visit(top.Plan ?? top);
            const found: { table: string; rows: number }[] = [];
            for (const { schema, table } of scanned.values()) {
              const counted = (await trx.raw(
                `SELECT greatest(c.reltuples, 0)::float8 AS n FROM pg_class c
                   JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ? AND c.relname = ?`,
                [schema, table],
              )) as { rows: { n: number }[] };
              const rows = Math.round(counted.rows[0]?.n ?? 0);
              if (rows >= minRows) found.push({ table, rows });
            }
            return found.sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table));
          },
          { readOnly: true },
        );
      } catch (error) {
        throw explain(error);
      }
    },
    batches,
    horizon: () => horizon,
    async horizonBlindness() {
      if (!transactionStamps || dialect !== 'postgres' || isSingleConnection(db)) return null;
      const [row] = await readOnly<Record<HorizonBlindness, boolean>>(HORIZON_BLINDNESS_SQL);
      return HORIZON_BLINDNESS.filter((reason) => row?.[reason] === true);
    },
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

/**
 * The batches with timestamps that carry no zone read as wall-clock time in `zone` (COPY text decoded
 * to rows first: the byte checks take a zone-less timestamp for UTC).
 */
async function* inZone(batches: AsyncGenerator<LedgerBatch>, zone: string): AsyncGenerator<LedgerBatch> {
  for await (const batch of batches) {
    const rows: RawLedgerRow[] =
      batch.kind === 'rows' ? batch.rows : decodeCopyLines(batch.text, batch.columns);
    for (const row of rows) {
      for (const column of TIMESTAMP_COLUMNS) {
        if (column in row) row[column] = localTimestamp(row[column], zone);
      }
    }
    yield { kind: 'rows', rows };
  }
}

async function* asRows(batches: AsyncGenerator<RawLedgerRow[]>): AsyncGenerator<LedgerBatch> {
  for await (const rows of batches) yield { kind: 'rows', rows };
}
