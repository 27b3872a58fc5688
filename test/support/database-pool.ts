import type { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { type Database, type DatabaseKind, knexForPglite, knexForPostgres } from '../../src/db.ts';

/**
 * The test databases of one test file, reused between its tests (databases.ts opens them).
 *
 * A test's `close()` does not throw its database away: it puts it back as the migrated template left it
 * (`reclaim` below), and the next `openTestDatabase` of the same kind in this file takes it. Putting back
 * is proven, not assumed: the database's state (its schema, every table's row count and the content of
 * the tables the migrations fill, every sequence's position) must equal the template's exactly, as read
 * from a brand-new copy, or the database is dropped and the next test gets a new copy. Each test gets its
 * own knex, so a test's stray query after `close()` fails as before instead of reaching the next test.
 *
 * The setup file (database-pool-setup.ts) drops what is left when a test file ends.
 */
export interface PooledDatabase {
  kind: DatabaseKind;
  /** A knex of its own for one test, over the pooled database. */
  lend(): Promise<Database>;
  /** Closes the instance or drops the server database. */
  discard(): Promise<void>;
}

/** A database's state as compared with the template's: equal strings, equal databases. */
interface State {
  schema: string;
  /** Per table its row count, and for the tables the migrations fill the digest of their rows. */
  tables: Record<string, string>;
  /** Per sequence `last_value/is_called`. */
  sequences: Record<string, string>;
}

interface Template {
  state: State;
  /** The template's own schemas (quoted): a test's own schema (e.g. the ledger fixture's) is dropped. */
  namespaces: string[];
  tables: string[];
  sequences: string[];
  /** Tables the migrations fill (knex's own bookkeeping): their rows as JSON, to write back. */
  seeded: Map<string, string>;
}

const idle: PooledDatabase[] = [];
const templates = new Map<DatabaseKind, Template>();

/** Drops what waits in the pool (the setup file's last hook in each test file). */
export async function drainPool(): Promise<void> {
  while (idle.length > 0) await idle.pop()?.discard();
}

/** A reclaimed database of this kind, if one waits. */
export function takeIdle(kind: DatabaseKind): PooledDatabase | undefined {
  const index = idle.findIndex((p) => p.kind === kind);
  return index < 0 ? undefined : idle.splice(index, 1)[0];
}

const NOT_SYSTEM = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Everything a test could change in the schema, as one digest. */
const SCHEMA_SQL = `
SELECT md5(string_agg(item, E'\\n' ORDER BY item)) AS schema FROM (
  SELECT 'ns ' || n.nspname AS item FROM pg_namespace n WHERE ${NOT_SYSTEM}
  UNION ALL
  SELECT 'rel ' || c.oid::regclass::text || ' ' || c.relkind::text || c.relpersistence::text || c.relrowsecurity::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${NOT_SYSTEM}
  UNION ALL
  SELECT 'col ' || c.oid::regclass::text || ' ' || a.attnum || ' ' || a.attname || ' '
         || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || a.attgenerated::text || a.attidentity::text
         || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attnum > 0 AND NOT a.attisdropped AND ${NOT_SYSTEM}
  UNION ALL
  SELECT 'con ' || co.conrelid::regclass::text || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
    FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace WHERE ${NOT_SYSTEM}
  UNION ALL
  SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE ${NOT_SYSTEM}
  UNION ALL
  SELECT 'trg ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'fn ' || p.oid::regprocedure::text || ' ' || md5(coalesce(p.prosrc, ''))
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${NOT_SYSTEM}
  UNION ALL
  SELECT 'view ' || c.oid::regclass::text || ' ' || md5(pg_get_viewdef(c.oid))
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${NOT_SYSTEM}
  UNION ALL
  SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text || ' '
         || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'c', 'r') AND ${NOT_SYSTEM}
  UNION ALL
  SELECT 'ext ' || x.extname || ' ' || x.extversion FROM pg_extension x
  UNION ALL
  SELECT 'pol ' || p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
  UNION ALL
  SELECT 'set ' || array_to_string(s.setconfig, ',') FROM pg_db_role_setting s
   WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
) items`;

/** Table and sequence names as format('%I.%I') quoted them, ready to put in SQL. */
const ident = (name: string) => name;

async function readState(db: Knex, tables: string[], sequences: string[], seeded: Iterable<string>) {
  const seededSet = new Set(seeded);
  const [{ schema }] = (await db.raw(SCHEMA_SQL)).rows as [{ schema: string }];
  const columns = tables.map((t, i) =>
    seededSet.has(t)
      ? `(SELECT count(*) || ' ' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${ident(t)} x) AS t${i}`
      : `(SELECT count(*)::text FROM ${ident(t)}) AS t${i}`,
  );
  const seqColumns = sequences.map(
    (s, i) => `(SELECT last_value || '/' || is_called FROM ${ident(s)}) AS s${i}`,
  );
  const all = [...columns, ...seqColumns];
  const row: Record<string, string> = all.length
    ? ((await db.raw(`SELECT ${all.join(', ')}`)).rows[0] as Record<string, string>)
    : {};
  const state: State = { schema, tables: {}, sequences: {} };
  tables.forEach((t, i) => (state.tables[t] = String(row[`t${i}`])));
  sequences.forEach((s, i) => (state.sequences[s] = String(row[`s${i}`])));
  return state;
}

/** Reads the template's state from a brand-new copy, once per kind in this file. */
async function learnTemplate(kind: DatabaseKind, db: Knex): Promise<void> {
  if (templates.has(kind)) return;
  const tables: string[] = (
    await db.raw(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    )
  ).rows.map((r: { name: string }) => r.name);
  const sequences: string[] = (
    await db.raw(`SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences ORDER BY 1`)
  ).rows.map((r: { name: string }) => r.name);
  const counts = await readState(db, tables, [], []);
  const seeded = new Map<string, string>();
  for (const t of tables) {
    if (counts.tables[t] === '0') continue;
    const [{ rows }] = (await db.raw(`SELECT json_agg(x)::text AS rows FROM ${ident(t)} x`)).rows as [
      { rows: string },
    ];
    seeded.set(t, rows);
  }
  const state = await readState(db, tables, sequences, seeded.keys());
  templates.set(kind, { state, namespaces: await namespaces(db), tables, sequences, seeded });
}

const sameState = (a: State, b: State) => JSON.stringify(a) === JSON.stringify(b);

async function namespaces(db: Knex): Promise<string[]> {
  const rows = (
    await db.raw(`SELECT quote_ident(n.nspname) AS name FROM pg_namespace n WHERE ${NOT_SYSTEM} ORDER BY 1`)
  ).rows as { name: string }[];
  return rows.map((r) => r.name);
}

/**
 * Puts a database back as the template left it: drops the schemas a test made, empties the tables that have rows, writes back the rows
 * the migrations made, sets each sequence back. True when the result equals the template's state.
 */
async function restore(db: Knex, template: Template): Promise<boolean> {
  // Schemas a test made for itself go whole; anything of the template's they took along shows below.
  const extra = (await namespaces(db)).filter((n) => !template.namespaces.includes(n));
  if (extra.length > 0) await db.raw(`DROP SCHEMA ${extra.join(', ')} CASCADE`);
  const now = await readState(db, template.tables, template.sequences, template.seeded.keys());
  if (now.schema !== template.state.schema) return false;
  if (sameState(now, template.state)) return true;
  const dirty = template.tables.filter((t) => now.tables[t] !== template.state.tables[t]);
  await db.transaction(async (tx) => {
    // Replica mode: no user trigger fires while the rows go and the migrations' rows come back.
    await tx.raw('SET LOCAL session_replication_role = replica');
    if (dirty.length > 0)
      await tx.raw(`TRUNCATE TABLE ${dirty.map(ident).join(', ')} RESTART IDENTITY CASCADE`);
    for (const [table, rows] of template.seeded) {
      const [{ n }] = (await tx.raw(`SELECT count(*)::int AS n FROM ${ident(table)}`)).rows as [
        { n: number },
      ];
      if (n > 0 && !dirty.includes(table)) continue;
      await tx.raw(`DELETE FROM ${ident(table)}`);
      await tx.raw(
        `INSERT INTO ${ident(table)} OVERRIDING SYSTEM VALUE
         SELECT * FROM json_populate_recordset(NULL::${ident(table)}, ?::json)`,
        [rows],
      );
    }
    // TRUNCATE ... RESTART IDENTITY restarts the sequences of the tables it empties: set them all back.
    const moved = template.sequences.filter(
      (seq) => dirty.length > 0 || now.sequences[seq] !== template.state.sequences[seq],
    );
    if (moved.length > 0) {
      const calls = moved.map((seq) => {
        const [value = '', called = ''] = (template.state.sequences[seq] ?? '').split('/');
        return tx.raw('setval(?::regclass, ?::bigint, ?::boolean)', [seq, value, called]).toQuery();
      });
      await tx.raw(`SELECT ${calls.join(', ')}`);
    }
  });
  return sameState(
    await readState(db, template.tables, template.sequences, template.seeded.keys()),
    template.state,
  );
}

/** Runs `reclaim` on a database after its test, keeping it only when it is the template's again. */
async function giveBack(entry: PooledDatabase, reset: () => Promise<boolean>): Promise<void> {
  const clean = await reset().catch(() => false);
  if (clean) idle.push(entry);
  else await entry.discard().catch(() => undefined);
}

/**
 * The instance as knex sees it: `close()` does nothing, so destroying a test's knex leaves the instance
 * open for the pool (the test's own `db.pglite` is the real instance: closing it there ends its reuse).
 */
function keptOpen(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'close') return async () => undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A PGlite copy of the template, to be reused. */
export async function pooledPglite(pglite: PGlite): Promise<PooledDatabase> {
  const kept = keptOpen(pglite);
  if (!templates.has('pglite')) {
    const knex = await knexForPglite(kept);
    try {
      await learnTemplate('pglite', knex);
    } finally {
      await knex.destroy();
    }
  }
  const entry: PooledDatabase = {
    kind: 'pglite',
    discard: async () => {
      if (!pglite.closed) await pglite.close();
    },
    async lend() {
      const knex = await knexForPglite(kept);
      let returned = false;
      return {
        knex,
        kind: 'pglite',
        pglite,
        close: async () => {
          if (returned) return;
          returned = true;
          await knex.destroy();
          await giveBack(entry, async () => {
            if (pglite.closed) return false;
            const template = templates.get('pglite');
            if (!template) return false;
            const admin = await knexForPglite(kept);
            try {
              // A test that ended inside a transaction, or with session settings, temporary tables, locks.
              await admin.raw('ROLLBACK').catch(() => undefined);
              await admin.raw('DISCARD ALL');
              return await restore(admin, template);
            } finally {
              await admin.destroy();
            }
          });
        },
      };
    },
  };
  return entry;
}

/** A copy of the template on the real server (database `name`), to be reused. */
export async function pooledServerDatabase(serverUrl: string, name: string): Promise<PooledDatabase> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const drop = async () => {
    const admin = knexForPostgres(serverUrl, { min: 0, max: 1 });
    try {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.destroy();
    }
  };
  if (!templates.has('postgres')) {
    const knex = knexForPostgres(dbUrl, { min: 0, max: 1 });
    try {
      await learnTemplate('postgres', knex);
    } catch (error) {
      await drop();
      throw error;
    } finally {
      await knex.destroy();
    }
  }
  const entry: PooledDatabase = {
    kind: 'postgres',
    discard: drop,
    async lend() {
      const knex = knexForPostgres(dbUrl, { min: 0, max: 60 });
      let returned = false;
      return {
        knex,
        kind: 'postgres',
        close: async () => {
          if (returned) return;
          returned = true;
          await knex.destroy();
          await giveBack(entry, async () => {
            const template = templates.get('postgres');
            if (!template) return false;
            const admin = knexForPostgres(dbUrl, { min: 0, max: 1 });
            try {
              // Connections the test left behind (a pool of the code under test, a LISTEN) go, as DROP would.
              await admin.raw(
                `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = current_database() AND pid <> pg_backend_pid()`,
              );
              return await restore(admin, template);
            } finally {
              await admin.destroy();
            }
          });
        },
      };
    },
  };
  return entry;
}
