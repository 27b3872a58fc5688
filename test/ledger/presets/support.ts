/**
 * What the preset tests share: an accounting database of its own on the real MariaDB/MySQL or
 * PostgreSQL server (uniquely named, dropped afterwards), the preset's SQL with its named parameters
 * filled in, and a sync through the settings: the custom-mapping path (LEDGER_URL + LEDGER_MAPPING) or
 * the preset path (LEDGER_URL + LEDGER_PRESET + LEDGER_PARAMS).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { createFixedClock } from '../../../src/clock.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Database, DatabaseKind } from '../../../src/db.ts';
import { knexForPostgres } from '../../../src/db.ts';
import { openConfiguredLedger, runConfiguredSync } from '../../../src/ledger/configured.ts';
import type { PresetName } from '../../../src/ledger/presets.ts';
import type { SyncSummary } from '../../../src/ledger/sync.ts';
import { openTestDatabase } from '../../support/databases.ts';
import { mariadbAdmin } from '../../support/ledger-fixture.ts';

/** The presets shipped with duebot. */
export const PRESET_DIR = new URL('../../../src/ledger/presets/', import.meta.url);

/** A preset's SQL as shipped. */
export async function presetSql(file: string): Promise<string> {
  return readFile(new URL(file, PRESET_DIR), 'utf8');
}

/** A named parameter (`:company`) as a whole token: not `::cast`, not `:watermark`. */
const PARAM = /(?<![:\w]):([a-z_][a-z0-9_]*)(?!\w)/gi;

/**
 * The preset with its named parameters other than `:watermark` written in as SQL literals (NULL for
 * an unset one), as the settings' mapping parameters would bind them. Only test values go in here.
 */
export function withParams(sql: string, params: Record<string, string | number | null>): string {
  return sql
    .split('\n')
    .map((line) => {
      const comment = line.indexOf('--');
      const code = comment >= 0 ? line.slice(0, comment) : line;
      const rest = comment >= 0 ? line.slice(comment) : '';
      return (
        code.replace(PARAM, (whole, name: string) => {
          if (name === 'watermark') return whole;
          const value = params[name];
          if (value === undefined) throw new Error(`test gives no value for :${name}`);
          if (value === null) return 'NULL';
          return typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
        }) + rest
      );
    })
    .join('\n');
}

/** An empty database of its own on a real server, its URL, a connection as the admin, and `drop()`. */
export interface ErpDatabase {
  name: string;
  url: string;
  db: Knex;
  drop(): Promise<void>;
}

/** A fresh uniquely named database on the MariaDB/MySQL server of `serverUrl` (TEST_MARIADB_URL). */
export async function createMariadbDatabase(serverUrl: string, prefix: string): Promise<ErpDatabase> {
  const name = `duebot_${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await mariadbAdmin(serverUrl);
  await admin.raw(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = knex({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: name,
      timezone: 'Z',
    },
    pool: {
      min: 0,
      max: 1,
      // TIMESTAMP columns (Dolibarr's tms) are written and read in UTC, as the sync reads them.
      afterCreate: (
        conn: { query(sql: string, done: (error: unknown) => void): void },
        done: (error: unknown, conn: unknown) => void,
      ) => conn.query("SET time_zone = '+00:00'", (error) => done(error, conn)),
    },
  });
  return {
    name,
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}

/** A fresh uniquely named database on the PostgreSQL server of `serverUrl` (TEST_DATABASE_URL). */
export async function createPostgresDatabase(serverUrl: string, prefix: string): Promise<ErpDatabase> {
  const name = `duebot_${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = knexForPostgres(serverUrl, { min: 0, max: 1 });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = knexForPostgres(url.toString(), { min: 0, max: 2 });
  return {
    name,
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** A mapping file in a temporary directory; `remove()` deletes it. */
export async function writeMappingFile(sql: string): Promise<{ file: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'duebot-preset-'));
  const file = join(dir, 'mapping.sql');
  await writeFile(file, sql);
  return { file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * One sync of the ledger at `url`, as `duebot sync` reads its settings: through `mappingFile`
 * (LEDGER_MAPPING), or through the built-in `preset` (LEDGER_PRESET) with `params` as LEDGER_PARAMS
 * is written (`company="Acme Co., Ltd."`; none: the preset finds the database's single company).
 */
export async function syncThroughSettings(
  options: {
    db: Database;
    url: string;
    now: string;
    mode: 'full' | 'incremental';
  } & ({ mappingFile: string } | { preset: PresetName; params?: string }),
): Promise<SyncSummary> {
  const mapping =
    'mappingFile' in options
      ? { LEDGER_MAPPING: options.mappingFile }
      : { LEDGER_PRESET: options.preset, ...(options.params ? { LEDGER_PARAMS: options.params } : {}) };
  const loaded = loadConfig({
    LEDGER_URL: options.url,
    ...mapping,
    LEDGER_LOOKBACK_SECONDS: '0',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const clock = createFixedClock(options.now);
  const source = await openConfiguredLedger(loaded.config, options.db, clock);
  try {
    return await runConfiguredSync({
      config: loaded.config,
      db: options.db,
      source,
      clock,
      mode: options.mode,
    });
  } finally {
    await source.close();
  }
}

/** The bot's open items as the sync left them, by id. */
export async function openItems(db: Database): Promise<Record<string, OpenItemRow>> {
  const rows = (await db
    .knex('open_items as i')
    .join('customers as c', 'c.id', 'i.customer_id')
    .select(
      'i.external_id',
      'i.invoice_number',
      'i.due_date',
      'i.total_minor',
      'i.open_minor',
      'i.currency',
      'i.status',
      'c.external_id as account',
    )) as OpenItemRow[];
  return Object.fromEntries(
    rows.map((row) => [
      row.external_id,
      {
        ...row,
        due_date: asDate(row.due_date),
        total_minor: Number(row.total_minor),
        open_minor: Number(row.open_minor),
      },
    ]),
  );
}

/** An open item as the tests compare it. */
export interface OpenItemRow {
  external_id: string;
  invoice_number: string;
  due_date: string;
  total_minor: number;
  open_minor: number;
  currency: string;
  status: string;
  account: string;
}

/** A DATE column as 'YYYY-MM-DD' whichever way the driver hands it over. */
export function asDate(value: unknown): string {
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}

/**
 * The statements of the README's read-only user for one ERP: the first SQL block with GRANTs after
 * the heading that starts with `heading`, so the tests run exactly what the README tells people to.
 */
export async function readmeGrants(heading: string): Promise<string[]> {
  const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(`\n### ${heading}`);
  if (start < 0) throw new Error(`README has no section "### ${heading}"`);
  const blocks = readme.slice(start).matchAll(/```sql\n([\s\S]*?)```/g);
  for (const [, body = ''] of blocks) {
    if (!body.includes('GRANT')) continue;
    return body
      .split(/;\s*\n/)
      .map((statement) => statement.trim())
      .filter(Boolean);
  }
  throw new Error(`README section "${heading}" has no SQL block with GRANTs`);
}

/**
 * A full sync through LEDGER_PRESET (and LEDGER_PARAMS) into a fresh bot database of `kind`: its summary
 * or the error it stopped with, the open items it wrote and how many customers.
 */
export async function presetSyncInto(
  kind: DatabaseKind,
  options: { url: string; preset: PresetName; params?: string | undefined },
): Promise<{ result: unknown; items: Record<string, OpenItemRow>; customers: number }> {
  const bot = await openTestDatabase(kind);
  try {
    const result = await syncThroughSettings({
      db: bot,
      url: options.url,
      preset: options.preset,
      ...(options.params ? { params: options.params } : {}),
      now: '2026-11-22T02:00:00Z',
      mode: 'full',
    }).catch((e: unknown) => e);
    const customers = Number((await bot.knex('customers').count({ n: '*' }))[0]?.n);
    return { result, items: await openItems(bot), customers };
  } finally {
    await bot.close();
  }
}
