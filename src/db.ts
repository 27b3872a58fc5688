import type { Knex } from 'knex';
import { migrationSource } from '../migrations/index.ts';
import { type Database, knexForPostgres } from './db-engines.ts';

export type { Knex };
export {
  createPglite,
  type Database,
  type DatabaseKind,
  knexForPglite,
  knexForPostgres,
  parseInt8,
} from './db-engines.ts';

/**
 * The bot database: Postgres when a URL is given, otherwise the embedded PGlite under `dataDir`, owned by
 * the first duebot process on it and shared with the others (embedded/open.ts). `notice` gets the one line
 * saying which process's database this is (default: stderr).
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  connectTimeoutMs?: number;
  notice?: (line: string) => void;
}): Promise<Database> {
  if (options.databaseUrl) {
    const db = knexForPostgres(options.databaseUrl, undefined, options.connectTimeoutMs);
    return { knex: db, kind: 'postgres', close: () => db.destroy() };
  }
  const { openEmbedded } = await import('./embedded/open.ts');
  return openEmbedded(options.dataDir.replace(/\/$/, ''), {
    notice: options.notice ?? ((line) => process.stderr.write(`${line}\n`)),
  });
}

/** Brings the bot database schema up to date; returns the names of migrations applied now. */
export async function migrate(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}
