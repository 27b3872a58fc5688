import { migrationSource } from '../migrations/index.ts';
import type { Config } from './config.ts';
import { maskUrl, SETTINGS_FRAGMENTS } from './config.ts';
import { type Database, openDatabase } from './db.ts';
import { ledgerSourceOptions } from './ledger/configured.ts';
import { type PresetName, WATERMARK_INDEXES } from './ledger/presets.ts';
import { openLedgerSource } from './ledger/source.ts';
import { type Check, checkSettingFiles } from './setting-checks.ts';
import type { LedgerSource } from './ledger/types.ts';

export type { Check } from './setting-checks.ts';

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
}

function target(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('postgres') ? 5432 : 3306)}`;
  } catch {
    return url;
  }
}

function isMysql(url: string): boolean {
  return /^(mysql|mariadb):/i.test(url);
}

function userName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || '(none)';
  } catch {
    return '(unknown)';
  }
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || '(none)';
  } catch {
    return '(unknown)';
  }
}

/** Turns a driver error into what went wrong and how to fix it, naming the setting to change. */
export function explainConnectionError(
  error: unknown,
  variable: string,
  url: string,
): Omit<Check, 'name' | 'ok'> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = String(e.code ?? '');
  const message = String(e.message ?? error);
  const where = target(url);
  switch (code) {
    case 'embedded_database_held': // another duebot process owns the embedded database (embedded/open.ts)
      return {
        detail: String((e as { detail?: unknown }).detail ?? message),
        fix: String((e as { fix?: unknown }).fix ?? ''),
      };
    case 'ECONNREFUSED':
      return {
        detail: `nothing is listening at ${where} (connection refused)`,
        fix: `start the database server, or correct the host and port in ${variable}`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        detail: `the host in ${variable} (${where}) cannot be resolved`,
        fix: `check the host name in ${variable}`,
      };
    case 'ETIMEDOUT':
    case 'KnexTimeoutError':
      return {
        detail: `no answer from ${where} in time`,
        fix: `check that ${where} is reachable from here (firewall, VPN) and the port in ${variable}`,
      };
    case '28P01':
    case '28000':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR': // MariaDB's 1698: the same refusal, said without "using password"
      return {
        detail: `${where} refused the user or password in ${variable}`,
        fix: isMysql(url)
          ? `check the user name and password in ${variable}, and that the server lets user ${userName(url)} connect from this host (CREATE USER ... @'host')`
          : `check the user name and password in ${variable} (and the server's pg_hba.conf)`,
      };
    case '42501':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
      return {
        detail: `user ${userName(url)} may not read what it needs on ${where} (${message.split(' - ').pop()?.trim()})`,
        fix: isMysql(url)
          ? `GRANT SELECT ON ${databaseName(url)}.* TO the user in ${variable}, or use a user that has it`
          : `GRANT SELECT on the tables (and USAGE on their schema) to the user in ${variable}, or use a user that has it`,
      };
    case '3D000':
    case 'ER_BAD_DB_ERROR':
      return {
        detail: `database "${databaseName(url)}" does not exist on ${where}`,
        fix:
          variable === 'LEDGER_URL'
            ? `correct the database name in ${variable}: the accounting database's name on that server`
            : `create it (e.g. ${isMysql(url) ? `CREATE DATABASE ${databaseName(url)}` : `createdb ${databaseName(url)}`}) or correct the database name in ${variable}`,
      };
    default:
      if (/timeout/i.test(message)) {
        return {
          detail: `no answer from ${where} in time`,
          fix: `check that ${where} is reachable and the port in ${variable}`,
        };
      }
      return { detail: message.split('\n')[0] ?? message, fix: `check ${variable}` };
  }
}

/**
 * What is wrong with reading the ledger and how to fix it, for doctor, `sync` and `start` alike: a
 * mapping the database refuses (fix the mapping file) or a database that cannot be read (fix LEDGER_URL
 * or the server).
 */
export function explainLedgerError(error: unknown, config: Config): Omit<Check, 'name' | 'ok'> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    fix?: unknown;
    fault?: unknown;
    missing?: unknown;
  };
  const file = config.ledger.mappingFile ?? 'the mapping file';
  if (e.code === 'ledger_mapping_unreadable')
    return { detail: String(e.message), fix: String(e.fix ?? `correct ${file}`) };
  if (e.code === 'ledger_mapping_invalid') {
    const missing = Array.isArray(e.missing) ? e.missing.map(String) : [];
    const fix =
      e.fault === 'writes'
        ? `make ${file} only read: no functions that write, no SELECT ... FOR UPDATE`
        : missing.length > 0
          ? `return ${missing.join(', ')} from the SELECT in ${file} (AS ${missing[0]} ...)`
          : `correct the query in ${file} (run it in your SQL client with :watermark replaced by '1970-01-01')`;
    return { detail: String(e.message), fix };
  }
  const cause = e.code === 'ledger_read_failed' || e.code === 'connection_failed' ? e.cause : error;
  return explainConnectionError(cause, 'LEDGER_URL', config.ledger.url ?? '');
}

/** What an unset setting means, where "(unset)" alone would not say. */
const UNSET_MEANS: Record<string, string> = {
  DATABASE_URL: 'embedded PGlite',
  LEDGER_URL: 'demo ledger',
  LEDGER_MAPPING: 'built-in demo mapping, or LEDGER_PRESET',
  LEDGER_PRESET: 'LEDGER_MAPPING names the mapping',
  LEDGER_PARAMS: 'none; a preset finds the single company itself',
  LEDGER_STALE_AFTER_MINUTES: 'twice SYNC_INTERVAL_MINUTES plus 5',
  DUEBOT_TODAY: 'the real date',
  DUEBOT_LADDER_FILE: 'the built-in ladder',
  DUEBOT_POLICY_FILE: "the playbook's numbers",
  LOG_FORMAT: 'pretty on a terminal, JSON otherwise',
  DUEBOT_SHELL_USER: 'your login name',
  SMTP_URL: 'letters are not e-mailed',
  SLACK_BOT_TOKEN: 'Slack off',
  SLACK_API_URL: "Slack's own",
};

const SECRET = /TOKEN|SECRET|PASSWORD/i;

function displayValue(name: string, value: unknown): string {
  if (value === undefined || value === null)
    return `(unset${UNSET_MEANS[name] ? `: ${UNSET_MEANS[name]}` : ''})`;
  if (SECRET.test(name)) return '**** (set)';
  if (typeof value === 'boolean') return value ? 'on' : 'off'; // as the README and the settings say it
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return maskUrl(value);
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '(none)';
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>);
    return pairs.length > 0 ? pairs.map(([k, v]) => `${k}=${String(v)}`).join(', ') : '(none)';
  }
  return String(value);
}

/**
 * The effective value of every setting the fragments know (defaults filled in), secrets masked, as
 * name/value pairs for display. Read from the schemas themselves, so a new setting is listed without edits here.
 */
export function describeSettings(env: Record<string, string | undefined>): [string, string][] {
  return SETTINGS_FRAGMENTS.flatMap(({ schema }) => {
    const parsed = schema.safeParse(env);
    const values: Record<string, unknown> = parsed.success ? parsed.data : {};
    return Object.keys(schema.shape).map((name): [string, string] => [
      name,
      displayValue(name, values[name]),
    ]);
  });
}

async function checkBotDatabase(config: Config): Promise<Check> {
  const name = 'bot database';
  let db: Database | undefined;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: 5000,
    });
    await db.knex.raw('select 1');
    const [, pending] = (await db.knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    const where = config.databaseUrl ? maskUrl(config.databaseUrl) : `embedded PGlite in ${config.dataDir}`;
    return {
      name,
      ok: true,
      detail:
        pending.length === 0
          ? `${where}: reachable, schema up to date`
          : `${where}: reachable, ${pending.length} migration(s) pending (applied at start-up, or run duebot migrate)`,
    };
  } catch (error) {
    return { name, ok: false, ...explainConnectionError(error, 'DATABASE_URL', config.databaseUrl ?? '') };
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/**
 * The warning for an incremental sync that reads whole tables (LedgerSource.fullScans), or null when it
 * reads none: the tables, and the indexes the preset's README section gives, which only an administrator
 * can add (duebot's user is read-only).
 */
export function fullScanCheck(
  scans: readonly { table: string; rows: number }[],
  preset: PresetName | undefined,
): Check | null {
  if (scans.length === 0) return null;
  const tables = scans.map((s) => `${s.table} (${s.rows.toLocaleString('en-US')} rows)`).join(', ');
  const indexes = preset ? WATERMARK_INDEXES[preset] : undefined;
  return {
    name: 'incremental sync',
    ok: true,
    detail: `warning: every incremental sync reads ${tables} in full, however few rows changed: no index serves the mapping's comparisons with the watermark`,
    fix: indexes
      ? `an administrator of the database (duebot's read-only user cannot) may add, as the tables' owner: ${indexes.join('; ')} (README, "Connecting your ERP")`
      : 'index the columns the mapping compares with :watermark, or compare each table\'s own column in a branch of a UNION (README, "Connecting your accounting database")',
  };
}

async function checkLedger(config: Config): Promise<Check[]> {
  const name = 'accounting database';
  if (!config.ledger.url) {
    return [
      {
        name,
        ok: true,
        detail: 'not configured: duebot reads its demo ledger (set LEDGER_URL to connect yours)',
      },
    ];
  }
  let source: LedgerSource | undefined;
  try {
    source = await openLedgerSource(await ledgerSourceOptions(config.ledger, config.ledger.url));
    await source.validate({ readRow: true });
    const read = await source.inspect?.();
    const mapping = config.ledger.preset ? `preset ${config.ledger.preset}` : 'mapping';
    const params = read ? Object.entries(read.params).map(([k, v]) => `${k}=${v}`) : [];
    const checks: Check[] = [
      {
        name,
        ok: true,
        detail:
          `${maskUrl(config.ledger.url)}: reachable, ${mapping} returns every column` +
          (params.length > 0 ? `, parameters ${params.join(', ')}` : '') +
          (read ? `, a full sync would read ${read.rows.toLocaleString('en-US')} rows` : ''),
      },
    ];
    if (read && !read.columns.includes('paid_at')) {
      // Not a failure: the sync works, but payment dates are the rows' last change (README, "Payment dates").
      checks.push({
        name: 'payment dates',
        ok: true,
        detail:
          "warning: the mapping returns no paid_at, so grades, credit hold, blacklist and DSO/CEI date payments by each row's last change (updated_at): approximate, and wrong after a bulk update in the ledger",
        fix: 'return paid_at (when the open amount last went down) from the mapping, or use LEDGER_PRESET',
      });
    }
    // The plan of an incremental read (EXPLAIN only); a database that will not show it is not a failure.
    const scans = await source.fullScans?.().catch(() => null);
    const scanning = scans ? fullScanCheck(scans, config.ledger.preset) : null;
    if (scanning) checks.push(scanning);
    return checks;
  } catch (error) {
    return [{ name, ok: false, ...explainLedgerError(error, config) }];
  } finally {
    await source?.close().catch(() => undefined);
  }
}

/**
 * Everything `duebot doctor` checks: the settings that name files (the same checks every start runs),
 * then each database connection; a connection whose setting already failed is not tried.
 */
export async function runChecks(config: Config): Promise<Check[]> {
  const files = await checkSettingFiles(config);
  const failed = (name: string) => files.some((c) => c.name === name && !c.ok);
  const skipped = (name: string, setting: string): Check => ({
    name,
    ok: false,
    detail: `not checked until ${setting} is fixed`,
  });
  return [
    ...files,
    failed('DUEBOT_DATA_DIR') ? skipped('bot database', 'DUEBOT_DATA_DIR') : await checkBotDatabase(config),
    ...(failed('LEDGER_MAPPING')
      ? [skipped('accounting database', 'LEDGER_MAPPING')]
      : await checkLedger(config)),
  ];
}
