/**
 * Mapping files: one SQL query over the accounting database returning the columns in types.ts,
 * with the watermark as the placeholder `:watermark`.
 */
import { readFile } from 'node:fs/promises';
import { said, type Said, sayIn } from '../i18n/said.ts';

/** The SQL engines a ledger can live in. */
export type LedgerDialect = 'postgres' | 'mysql';

/** `:watermark` as a whole token; `x::watermark` (a cast) and `:watermarks` are left alone. */
const WATERMARK = /(?<![:\w]):watermark(?!\w)/g;

/**
 * The mapping file cannot be used as it is (missing, unreadable, empty, no `:watermark`); `fix` says what
 * to do. Given as catalog messages (`says`, `fixSays`), the message and fix are their English.
 */
export class MappingFileError extends Error {
  readonly code = 'ledger_mapping_unreadable';
  readonly fix: string;
  readonly says?: Said;
  readonly fixSays?: Said;
  constructor(message: string | Said, fix: string | Said, options?: { cause: unknown }) {
    super(typeof message === 'string' ? message : sayIn(undefined, message), options);
    this.name = 'MappingFileError';
    this.fix = typeof fix === 'string' ? fix : sayIn(undefined, fix);
    if (typeof message !== 'string') this.says = message;
    if (typeof fix !== 'string') this.fixSays = fix;
  }
}

const SETTING = { setting: 'LEDGER_MAPPING' };

/** Reads a mapping file, refusing a missing or empty file and a query without `:watermark`. */
export async function readMapping(file: string): Promise<string> {
  if (!file.trim()) {
    throw new MappingFileError(said('doctor.mapping.unset'), said('doctor.mapping.unsetFix', SETTING));
  }
  let sql: string;
  try {
    sql = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? said('doctor.mapping.missing', { file })
        : said('doctor.mapping.unreadable', { file, code: String(code ?? error) });
    throw new MappingFileError(why, said('doctor.mapping.fix', SETTING), { cause: error });
  }
  checkMappingSql(sql, file);
  return sql;
}

/** Throws when the SQL is empty or has no `:watermark` placeholder. */
export function checkMappingSql(sql: string, file?: string): void {
  const body = stripComments(sql).trim();
  const where = { named: file === undefined ? 'no' : 'yes', file: file ?? '' };
  if (!body)
    throw new MappingFileError(said('doctor.mapping.empty', where), said('doctor.mapping.emptyFix', where));
  if (!new RegExp(WATERMARK.source).test(body)) {
    throw new MappingFileError(
      said('doctor.mapping.noWatermark', { ...where, watermark: ':watermark' }),
      said('doctor.mapping.noWatermarkFix', { ...where, example: 'WHERE i.updated_at > :watermark' }),
    );
  }
}

/**
 * A named parameter `:name` outside comments and quoted text; a cast (`x::date`) is none. Comments and
 * quoted text are matched (and kept as they are) so that `'HH24:MI'` names no parameter.
 */
const TOKENS = /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|(?<![:\w]):([A-Za-z_]\w*)(?![:\w])/g;

/** The named parameters a mapping uses besides `:watermark` (e.g. `:company_id`), in order of first use. */
export function mappingParameters(sql: string): string[] {
  const names: string[] = [];
  for (const match of sql.matchAll(TOKENS)) {
    const name = match[1];
    if (name && name !== 'watermark' && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * How a mapping finds a parameter nobody set, from its header: `-- @param company_id: SELECT id, name
 * FROM res_company` (a query whose single row gives the value; several rows: it must be set).
 */
export function parameterLookups(sql: string): Map<string, string> {
  const lookups = new Map<string, string>();
  for (const match of sql.matchAll(/^--\s*@param\s+([A-Za-z_]\w*)\s*:\s*(.+)$/gm)) {
    lookups.set(match[1] as string, (match[2] as string).trim());
  }
  return lookups;
}

/** The tables a mapping reads, from its header `-- @tables account_move, account_move_line` (checked before reading). */
export function mappingTables(sql: string): string[] {
  const line = /^--\s*@tables\s*:?\s*(.+)$/m.exec(sql);
  if (!line) return [];
  return (line[1] as string)
    .split(',')
    .map((t) => t.trim().replace(/^[`"]|[`"]$/g, ''))
    .filter(Boolean);
}

/**
 * Whether the mapping's header says `-- @updated_at: transaction start`: every updated_at it returns is
 * at least the start (`now()`) of the ledger transaction that wrote it, as Odoo's write_date is. On
 * PostgreSQL an incremental sync then starts where nothing could have changed unseen by the last read,
 * instead of looking back LEDGER_LOOKBACK_SECONDS (see sync.ts).
 */
export function stampsTransactionStart(sql: string): boolean {
  return /^--\s*@updated_at\s*:?\s*transaction start\s*$/m.test(sql);
}

/**
 * Turns every parameter (`:watermark` and the named ones) into a positional `?` and lists the name of
 * each position, so that the caller binds their values; see bindWatermark for `?` already in the SQL.
 */
export function bindParameters(sql: string, dialect: LedgerDialect): { sql: string; names: string[] } {
  const names: string[] = [];
  const body = stripTrailingSemicolon(sql);
  const escaped = dialect === 'postgres' ? body.replace(/\?/g, '\\?') : body;
  const bound = escaped.replace(TOKENS, (token: string, name: string | undefined) => {
    if (!name) return token;
    names.push(name);
    return '?';
  });
  return { sql: bound, names };
}

/**
 * The mapping with every parameter written in as a quoted literal, for statements that take no bind
 * parameters (COPY): `values` are the watermark as duebot formats it and the settings' parameters.
 */
export function inlineParameters(sql: string, values: Record<string, string>): string {
  return stripTrailingSemicolon(sql).replace(TOKENS, (token: string, name: string | undefined) => {
    if (!name) return token;
    const value = values[name];
    if (value === undefined) throw new Error(`mapping parameter ${name} has no value`);
    return `'${value.replace(/'/g, "''")}'`;
  });
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
