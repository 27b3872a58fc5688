import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import {
  createPglite,
  type Database,
  type DatabaseKind,
  knexForPglite,
  knexForPostgres,
} from '../../src/db.ts';

/**
 * The engines the database tests run on: embedded PGlite always, and the real PostgreSQL server
 * when TEST_DATABASE_URL names one (CI sets it), so each suite runs on both.
 */
export function backends(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A fresh, migrated bot database of the given kind; `close()` throws it away. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const tar = await readFile(inject('pgliteTemplate'));
    const pglite = await createPglite(undefined, new Blob([tar]));
    const knex = await knexForPglite(pglite);
    return {
      knex,
      kind,
      pglite,
      close: async () => {
        await knex.destroy();
        if (!pglite.closed) await pglite.close();
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `duebot_t_${randomBytes(6).toString('hex')}`;
  const admin = knexForPostgres(url, { min: 0, max: 1 });
  await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const knex = knexForPostgres(dbUrl.toString(), { min: 0, max: 60 });
  return {
    knex,
    kind,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
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
