import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { createPglite, type DatabaseKind, knexForPostgres } from '../../src/db.ts';
import type { Database } from '../../src/db.ts';
import { type PooledDatabase, pooledPglite, pooledServerDatabase, takeIdle } from './database-pool.ts';

/**
 * The engines the database tests run on: embedded PGlite always, and the real PostgreSQL server
 * when TEST_DATABASE_URL names one (CI sets it), so each suite runs on both.
 */
export function backends(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * One engine: the real PostgreSQL server when TEST_DATABASE_URL names one, else embedded PGlite. For the
 * few scale-sized tests whose subject is the same on both engines (e.g. the wire protocol's 65,535 bind
 * parameters) and that cost minutes on PGlite: running them twice checks nothing more.
 */
export function oneBackend(): DatabaseKind[] {
  return backends().slice(-1);
}

/**
 * A fresh, migrated bot database of the given kind, as empty as the template; `close()` ends it.
 *
 * Opening one is the dearest part of many tests (a PGlite instance loads a 40 MB data dir, ~0.7 s of CPU;
 * a server copy is a CREATE DATABASE and a DROP DATABASE, ~1 s of disk syncs), so a test file reuses them:
 * `close()` empties the database back to the migrated template (database-pool.ts) and keeps it for the
 * next `openTestDatabase` of the same file. Each test still gets its own knex, and a database that cannot
 * be shown to equal the template again (its schema changed, its PGlite was closed) is thrown away.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  const pooled = takeIdle(kind) ?? (kind === 'pglite' ? await newPglite() : await newServerCopy());
  return pooled.lend();
}

/** A new PGlite copy of the template. */
async function newPglite(): Promise<PooledDatabase> {
  const tar = await readFile(inject('pgliteTemplate'));
  const pglite = await createPglite(undefined, new Blob([tar]));
  return pooledPglite(pglite);
}

/** A new copy of the template on the real server. */
async function newServerCopy(): Promise<PooledDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `duebot_t_${randomBytes(6).toString('hex')}`;
  const admin = knexForPostgres(url, { min: 0, max: 1 });
  try {
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.destroy();
  }
  return pooledServerDatabase(url, name);
}

/** A database URL for the real server's copy, for tests that spawn the CLI against it. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database on the real server for a spawned CLI: its URL, and `drop()` to remove it afterwards. */
export interface ServerDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A new database on the real server: a copy of `template` (default: this run's migrated bot database
 * template), or empty with `template: null` (e.g. an accounting database a test builds itself).
 */
export async function createServerDatabase(
  options: { template?: string | null; prefix?: string } = {},
): Promise<ServerDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  const template = options.template === undefined ? inject('postgresTemplate') : options.template;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${options.prefix ?? 'duebot_t'}_${randomBytes(6).toString('hex')}`;
  const admin = knexForPostgres(url, { min: 0, max: 1 });
  try {
    await admin.raw(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.destroy();
  }
  return {
    name,
    url: testDatabaseUrl(name),
    drop: async () => {
      const dropper = knexForPostgres(url, { min: 0, max: 1 });
      await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.destroy();
    },
  };
}
