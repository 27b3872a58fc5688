/**
 * Mapping files: one SQL query over the accounting database returning the columns in types.ts,
 * with the watermark as the placeholder `:watermark`.
 */
import { readFile } from 'node:fs/promises';

/** The SQL engines a ledger can live in. */
export type LedgerDialect = 'postgres' | 'mysql';

/** `:watermark` as a whole token; `x::watermark` (a cast) and `:watermarks` are left alone. */
const WATERMARK = /(?<![:\w]):watermark(?!\w)/g;

/** The mapping file cannot be used as it is (missing, unreadable, empty, no `:watermark`); `fix` says what to do. */
export class MappingFileError extends Error {
  readonly code = 'ledger_mapping_unreadable';
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'MappingFileError';
  }
}

/** Reads a mapping file, refusing a missing or empty file and a query without `:watermark`. */
export async function readMapping(file: string): Promise<string> {
  if (!file.trim()) {
    throw new MappingFileError(
      'no ledger mapping file is set',
      'point LEDGER_MAPPING at a SQL file (see the demo mapping)',
    );
  }
  let sql: string;
  try {
    sql = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code ?? error)})`;
    throw new MappingFileError(
      `ledger mapping file ${file} ${why}`,
      'set LEDGER_MAPPING to a readable SQL file',
      {
        cause: error,
      },
    );
  }
  checkMappingSql(sql, file);
  return sql;
}

/** Throws when the SQL is empty or has no `:watermark` placeholder. */
export function checkMappingSql(sql: string, where = 'the ledger mapping'): void {
  const body = stripComments(sql).trim();
  if (!body)
    throw new MappingFileError(
      `${where} is empty`,
      `write one SELECT returning the ledger columns into ${where} (see the demo mapping)`,
    );
  if (!new RegExp(WATERMARK.source).test(body)) {
    throw new MappingFileError(
      `${where} has no :watermark placeholder, so a sync could not read only changed rows`,
      `add e.g. "WHERE i.updated_at > :watermark" to ${where}`,
    );
  }
}

/**
 * Turns every `:watermark` into a positional `?` (escaping any `?` already in the SQL, which knex would
 * otherwise take for a binding) and says how many positions to bind. Named bindings are not used so
 * that casts like `x::date` survive.
 */
export function bindWatermark(sql: string, dialect: LedgerDialect): { sql: string; positions: number } {
  let positions = 0;
  const body = stripTrailingSemicolon(sql);
  // NOTE: knex reads `\?` as a literal question mark (the jsonb `?` operator in Postgres).
  const escaped = dialect === 'postgres' ? body.replace(/\?/g, '\\?') : body;
  const bound = escaped.replace(WATERMARK, () => {
    positions += 1;
    return '?';
  });
  return { sql: bound, positions };
}

/**
 * The mapping with every `:watermark` replaced by the instant as a quoted ISO literal, for statements
 * that take no bind parameters (COPY). The value is formatted here, never taken from input.
 */
export function inlineWatermark(sql: string, watermark: Date): string {
  const literal = `'${watermark.toISOString()}'`;
  return stripTrailingSemicolon(sql).replace(WATERMARK, literal);
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

/** A trailing `;` would end the query inside the wrappers (`SELECT * FROM (...) m`, DECLARE ... FOR). */
function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*(--[^\n]*\s*)*$/, '').trimEnd();
}
