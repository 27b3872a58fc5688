import { migrationSource } from '../migrations/index.ts';
import type { Config } from './config.ts';
import { maskUrl, SETTINGS_FRAGMENTS } from './config.ts';
import { type Database, openDatabase } from './db.ts';
import { ledgerSourceOptions } from './ledger/configured.ts';
import { type PresetName, WATERMARK_INDEXES } from './ledger/presets.ts';
import { openLedgerSource } from './ledger/source.ts';
import { type Check, checkSettingFiles, errorText } from './setting-checks.ts';
import { saidBy } from './i18n/said.ts';
import { translator, type Translator } from './i18n/translate.ts';
import type { HorizonBlindness, LedgerSource } from './ledger/types.ts';
import { displayWidth } from './views/truncate.ts';

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

function userName(url: string, t: Translator): string {
  try {
    return decodeURIComponent(new URL(url).username) || t.t('doctor.value.none');
  } catch {
    return t.t('doctor.value.unknown');
  }
}

function databaseName(url: string, t: Translator): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || t.t('doctor.value.none');
  } catch {
    return t.t('doctor.value.unknown');
  }
}

/**
 * Turns a driver error into what went wrong and how to fix it, naming the setting to change, in `t`'s
 * language (doctor: the company's; a command that cannot start: English).
 */
export function explainConnectionError(
  error: unknown,
  variable: string,
  url: string,
  t: Translator = translator('en'),
): Omit<Check, 'name' | 'ok'> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const code = String(e.code ?? '');
  const message = String(e.message ?? error);
  const where = target(url);
  const mysql = isMysql(url) ? 'yes' : 'no';
  const setting = variable;
  switch (code) {
    case 'embedded_database_held': // another duebot process owns the embedded database (embedded/open.ts)
      return {
        detail: saidBy(error)
          ? (errorText(t, error) ?? message)
          : String((e as { detail?: unknown }).detail ?? message),
        fix: errorText(t, error, 'fixSays') ?? '',
      };
    case 'ECONNREFUSED':
      return {
        detail: t.t('doctor.conn.refused', { where }),
        fix: t.t('doctor.conn.refusedFix', { setting }),
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        detail: t.t('doctor.conn.unknownHost', { setting, where }),
        fix: t.t('doctor.conn.unknownHostFix', { setting }),
      };
    case 'ETIMEDOUT':
    case 'KnexTimeoutError':
      return {
        detail: t.t('doctor.conn.timeout', { where }),
        fix: t.t('doctor.conn.timeoutFix', { network: 'yes', where, setting }),
      };
    case '28P01':
    case '28000':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR': // MariaDB's 1698: the same refusal, said without "using password"
      return {
        detail: t.t('doctor.conn.login', { where, setting }),
        fix: t.t('doctor.conn.loginFix', {
          mysql,
          setting,
          user: userName(url, t),
          grant: "CREATE USER ... @'host'",
          hba: 'pg_hba.conf',
        }),
      };
    case '42501':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
      return {
        detail: t.t('doctor.conn.denied', {
          user: userName(url, t),
          where,
          reason: message.split(' - ').pop()?.trim() ?? message,
        }),
        fix: t.t('doctor.conn.deniedFix', {
          mysql,
          setting,
          grant: isMysql(url) ? `GRANT SELECT ON ${databaseName(url, t)}.*` : 'GRANT SELECT',
          usage: 'USAGE',
        }),
      };
    case '3D000':
    case 'ER_BAD_DB_ERROR':
      return {
        detail: t.t('doctor.conn.noDatabase', { database: databaseName(url, t), where }),
        fix: t.t('doctor.conn.noDatabaseFix', {
          ledger: variable === 'LEDGER_URL' ? 'yes' : 'no',
          setting,
          create: isMysql(url)
            ? `CREATE DATABASE ${databaseName(url, t)}`
            : `createdb ${databaseName(url, t)}`,
        }),
      };
    default:
      if (/timeout/i.test(message)) {
        return {
          detail: t.t('doctor.conn.timeout', { where }),
          fix: t.t('doctor.conn.timeoutFix', { network: 'no', where, setting }),
        };
      }
      // The driver's own words: the one thing not ours to translate.
      return { detail: message.split('\n')[0] ?? message, fix: t.t('doctor.conn.otherFix', { setting }) };
  }
}

/**
 * What is wrong with reading the ledger and how to fix it, for doctor, `sync` and `start` alike: a
 * mapping the database refuses (fix the mapping file) or a database that cannot be read (fix LEDGER_URL
 * or the server).
 */
export function explainLedgerError(
  error: unknown,
  config: Config,
  t: Translator = translator('en'),
): Omit<Check, 'name' | 'ok'> {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    fix?: unknown;
    fault?: unknown;
    missing?: unknown;
  };
  const file = config.ledger.mappingFile;
  const named = { named: file ? 'yes' : 'no', file: file ?? '' };
  const detail = errorText(t, error) ?? String(e.message);
  if (e.code === 'ledger_mapping_unreadable')
    return { detail, fix: errorText(t, error, 'fixSays') ?? t.t('doctor.ledger.fileFix', named) };
  if (e.code === 'ledger_mapping_invalid') {
    const missing = Array.isArray(e.missing) ? e.missing.map(String) : [];
    const fix =
      e.fault === 'writes'
        ? t.t('doctor.ledger.writesFix', { ...named, forUpdate: 'SELECT ... FOR UPDATE' })
        : missing.length > 0
          ? t.t('doctor.ledger.columnsFix', {
              ...named,
              columns: missing.join(', '),
              select: 'SELECT',
              alias: `AS ${missing[0]} ...`,
            })
          : t.t('doctor.ledger.queryFix', { ...named, watermark: ':watermark', epoch: "'1970-01-01'" });
    return { detail, fix };
  }
  const cause = e.code === 'ledger_read_failed' || e.code === 'connection_failed' ? e.cause : error;
  return explainConnectionError(cause, 'LEDGER_URL', config.ledger.url ?? '', t);
}

/** Settings whose being unset means something "(unset)" alone would not say (doctor.value.unset). */
const UNSET_MEANS = new Set([
  'DATABASE_URL',
  'LEDGER_URL',
  'LEDGER_MAPPING',
  'LEDGER_PRESET',
  'LEDGER_PARAMS',
  'LEDGER_STALE_AFTER_MINUTES',
  'DUEBOT_TODAY',
  'DUEBOT_LADDER_FILE',
  'DUEBOT_POLICY_FILE',
  'LOG_FORMAT',
  'DUEBOT_SHELL_USER',
  'SMTP_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_API_URL',
]);

const SECRET = /TOKEN|SECRET|PASSWORD/i;

function displayValue(name: string, value: unknown, t: Translator): string {
  if (value === undefined || value === null)
    return t.t('doctor.value.unset', {
      name: UNSET_MEANS.has(name) ? name : 'other',
      preset: 'LEDGER_PRESET',
      mapping: 'LEDGER_MAPPING',
      interval: 'SYNC_INTERVAL_MINUTES',
      pretty: 'pretty',
      json: 'JSON',
    });
  if (SECRET.test(name)) return t.t('doctor.value.secret');
  if (typeof value === 'boolean') return value ? 'on' : 'off'; // the values as the README and the settings write them
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return maskUrl(value);
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : t.t('doctor.value.none');
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>);
    return pairs.length > 0
      ? pairs.map(([k, v]) => `${k}=${String(v)}`).join(', ')
      : t.t('doctor.value.none');
  }
  return String(value);
}

/**
 * The effective value of every setting the fragments know (defaults filled in), secrets masked, as
 * name/value pairs for display. Read from the schemas themselves, so a new setting is listed without edits here.
 */
export function describeSettings(
  env: Record<string, string | undefined>,
  t: Translator = translator('en'),
): [string, string][] {
  return SETTINGS_FRAGMENTS.flatMap(({ schema }) => {
    const parsed = schema.safeParse(env);
    const values: Record<string, unknown> = parsed.success ? parsed.data : {};
    return Object.keys(schema.shape).map((name): [string, string] => [
      name,
      displayValue(name, values[name], t),
    ]);
  });
}

async function checkBotDatabase(config: Config, t: Translator): Promise<Check> {
  const name = t.t('doctor.check.botDatabase');
  let db: Database | undefined;
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutMs: 5000,
    });
    await db.knex.raw('select 1');
    const [, pending] = (await db.knex.migrate.list({ migrationSource })) as [unknown[], unknown[]];
    return {
      name,
      ok: true,
      detail: t.t('doctor.botDatabase.ok', {
        embedded: config.databaseUrl ? 'no' : 'yes',
        url: config.databaseUrl ? maskUrl(config.databaseUrl) : '',
        dir: config.dataDir,
        pending: pending.length,
        command: 'duebot migrate',
      }),
    };
  } catch (error) {
    return {
      name,
      ok: false,
      ...explainConnectionError(error, 'DATABASE_URL', config.databaseUrl ?? '', t),
    };
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** The README sections doctor's fixes point to (the README's own headings, not translated). */
const README_ERP = 'Connecting your ERP';
const README_MAPPING = 'Connecting your accounting database';

/**
 * The warning for an incremental sync that reads whole tables (LedgerSource.fullScans), or null when it
 * reads none: the tables, and the indexes the preset's README section gives, which only an administrator
 * can add (duebot's user is read-only).
 */
export function fullScanCheck(
  scans: readonly { table: string; rows: number }[],
  preset: PresetName | undefined,
  t: Translator = translator('en'),
): Check | null {
  if (scans.length === 0) return null;
  const tables = scans
    .map((s) => t.t('doctor.scan.table', { table: s.table, rows: s.rows }))
    .join(t.t('doctor.listSeparator'));
  const indexes = preset ? WATERMARK_INDEXES[preset] : undefined;
  return {
    name: t.t('doctor.check.incremental'),
    ok: true,
    detail: t.t('doctor.scan.warning', { tables }),
    fix: indexes
      ? t.t('doctor.scan.fixIndexes', { indexes: indexes.join('; '), section: README_ERP })
      : t.t('doctor.scan.fixMapping', { watermark: ':watermark', union: 'UNION', section: README_MAPPING }),
  };
}

const BLINDNESS_SAID = {
  sessions_hidden: 'doctor.horizon.sessionsHidden',
  not_tracked: 'doctor.horizon.notTracked',
  standby: 'doctor.horizon.standby',
  subscriber: 'doctor.horizon.subscriber',
} as const satisfies Record<HorizonBlindness, string>;

/**
 * The warning for a mapping stamped at transaction start whose ledger cannot tell its horizon
 * (LedgerSource#horizonBlindness), or null when it can: every incremental sync then reads the lookback
 * again. Not a failure: the sync is right either way, only slower.
 */
export function horizonCheck(
  blindness: readonly HorizonBlindness[],
  ledger: { url: string; lookbackSeconds: number },
  t: Translator = translator('en'),
): Check | null {
  if (blindness.length === 0) return null;
  const user = userName(ledger.url, t);
  const reasons = blindness.map((reason) =>
    t.t(BLINDNESS_SAID[reason], { user, role: 'pg_read_all_stats', setting: 'track_activities' }),
  );
  const fixes = [
    ...(blindness.includes('sessions_hidden')
      ? [t.t('doctor.horizon.fixGrant', { grant: `GRANT pg_read_all_stats TO ${user}`, section: README_ERP })]
      : []),
    ...(blindness.includes('not_tracked')
      ? [t.t('doctor.horizon.fixTrack', { setting: 'track_activities' })]
      : []),
    ...(blindness.includes('standby') ? [t.t('doctor.horizon.fixPrimary', { setting: 'LEDGER_URL' })] : []),
  ];
  return {
    name: t.t('doctor.check.horizon'),
    ok: true,
    detail: t.t('doctor.horizon.warning', {
      seconds: ledger.lookbackSeconds,
      setting: 'LEDGER_LOOKBACK_SECONDS',
      reasons: reasons.join(t.t('doctor.listSeparator')),
    }),
    ...(fixes.length > 0 ? { fix: fixes.join(t.t('doctor.listSeparator')) } : {}),
  };
}

async function checkLedger(config: Config, t: Translator): Promise<Check[]> {
  const name = t.t('doctor.check.ledger');
  if (!config.ledger.url) {
    return [{ name, ok: true, detail: t.t('doctor.ledger.demo', { setting: 'LEDGER_URL' }) }];
  }
  let source: LedgerSource | undefined;
  try {
    source = await openLedgerSource(await ledgerSourceOptions(config.ledger, config.ledger.url));
    await source.validate({ readRow: true });
    const read = await source.inspect?.();
    const params = read ? Object.entries(read.params).map(([k, v]) => `${k}=${v}`) : [];
    const checks: Check[] = [
      {
        name,
        ok: true,
        detail: t.t('doctor.ledger.ok', {
          url: maskUrl(config.ledger.url),
          preset: config.ledger.preset ?? 'none',
          hasParams: params.length > 0 ? 'yes' : 'no',
          params: params.join(', '),
          read: read ? 'yes' : 'no',
          rows: read?.rows ?? 0,
        }),
      },
    ];
    if (read && !read.columns.includes('paid_at')) {
      // Not a failure: the sync works, but payment dates are the rows' last change (README, "Payment dates").
      checks.push({
        name: t.t('doctor.check.paidAt'),
        ok: true,
        detail: t.t('doctor.paidAt.warning', { column: 'paid_at', updated: 'updated_at' }),
        fix: t.t('doctor.paidAt.fix', { column: 'paid_at', preset: 'LEDGER_PRESET' }),
      });
    }
    // The plan of an incremental read (EXPLAIN only); a database that will not show it is not a failure.
    const scans = await source.fullScans?.().catch(() => null);
    const scanning = scans ? fullScanCheck(scans, config.ledger.preset, t) : null;
    if (scanning) checks.push(scanning);
    // Where an incremental read starts (README, "How the sync works"); a server that will not say is not a failure.
    const blindness = await source.horizonBlindness?.().catch(() => null);
    const blind = blindness
      ? horizonCheck(blindness, { url: config.ledger.url, lookbackSeconds: config.ledger.lookbackSeconds }, t)
      : null;
    if (blind) checks.push(blind);
    return checks;
  } catch (error) {
    return [{ name, ok: false, ...explainLedgerError(error, config, t) }];
  } finally {
    await source?.close().catch(() => undefined);
  }
}

/**
 * Everything `duebot doctor` checks: the settings that name files (the same checks every start runs),
 * then each database connection; a connection whose setting already failed is not tried. Said in `t`'s
 * language.
 */
export async function runChecks(config: Config, t: Translator = translator('en')): Promise<Check[]> {
  const files = await checkSettingFiles(config, t);
  const failed = (setting: string) => files.some((c) => c.name === setting && !c.ok);
  const skipped = (name: string, setting: string): Check => ({
    name,
    ok: false,
    detail: t.t('doctor.skipped', { setting }),
  });
  return [
    ...files,
    failed('DUEBOT_DATA_DIR')
      ? skipped(t.t('doctor.check.botDatabase'), 'DUEBOT_DATA_DIR')
      : await checkBotDatabase(config, t),
    ...(failed('LEDGER_MAPPING')
      ? [skipped(t.t('doctor.check.ledger'), 'LEDGER_MAPPING')]
      : await checkLedger(config, t)),
  ];
}

/**
 * What `duebot doctor` prints, in `t`'s language (the company's: nobody in particular reads it): the
 * effective settings of `env` (secrets masked), then one line per check, and a fix under each that failed.
 */
export async function doctorReport(
  config: Config,
  env: Record<string, string | undefined>,
  t: Translator,
): Promise<{ text: string; ok: boolean }> {
  const rows = describeSettings(env, t);
  const width = Math.max(...rows.map(([name]) => name.length));
  const checks = await runChecks(config, t);
  // As wide as the wider of the two words, so the columns stay where they are whichever checks fail.
  const statusWidth = Math.max(...['yes', 'no'].map((ok) => displayWidth(t.t('doctor.status', { ok }))));
  const out = [
    t.t('doctor.heading.settings'),
    ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    t.t('doctor.heading.checks'),
  ];
  for (const check of checks) {
    const status = t.t('doctor.status', { ok: check.ok ? 'yes' : 'no' });
    out.push(
      `  ${status}${' '.repeat(statusWidth - displayWidth(status))}  ${t.t('doctor.line', { name: check.name, detail: check.detail })}`,
    );
    // A failure's fix, and a warning's (a check that passed with something to improve).
    if (check.fix) out.push(`${' '.repeat(statusWidth + 4)}${t.t('doctor.fixLine', { fix: check.fix })}`);
  }
  return { text: `${out.join('\n')}\n`, ok: checks.every((c) => c.ok) };
}
