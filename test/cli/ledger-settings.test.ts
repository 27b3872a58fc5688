import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knexForPostgres } from '../../src/db.ts';
import type { LedgerColumn } from '../../src/ledger/types.ts';
import { runDuebot, runDuebotHere } from '../support/cli.ts';
import { createServerDatabase, type ServerDatabase } from '../support/databases.ts';
import { createLedgerFixture, createMariadbLedger } from '../support/ledger-fixture.ts';

const STACK = /^\s+at /m;
const MARIADB_URL = process.env.TEST_MARIADB_URL ?? '';

/** One way of getting the ledger settings wrong, and what doctor, sync and start must say about it. */
interface Case {
  name: string;
  url: () => string;
  mapping: () => string;
  detail: RegExp;
  fix: RegExp;
  /** A mapping problem: start stops even with a snapshot; otherwise the ledger cannot be read. */
  mappingFault: boolean;
}

/** An accounting database of one engine, the mappings that break it, and a login that may not read it. */
interface Engine {
  name: 'PostgreSQL' | 'MariaDB';
  url: string;
  mapping(columns?: Partial<Record<LedgerColumn, string>>, omit?: LedgerColumn[]): string;
  /** A mapping column expression that writes (refused in the read-only transaction). */
  writing: string;
  /** A login that exists but may not read the ledger's tables. */
  noReadUser: string;
  close(): Promise<void>;
}

const withUrl = (url: string, change: (u: URL) => void) => {
  const parsed = new URL(url);
  change(parsed);
  return parsed.toString();
};

async function postgresEngine(): Promise<Engine> {
  const db = await createServerDatabase({ template: null, prefix: 'duebot_l' });
  const knex: Knex = knexForPostgres(db.url, { min: 0, max: 1 });
  const fixture = await createLedgerFixture(knex);
  await fixture.addInvoices([{ id: 'I1', total: '1200.00', dueDate: '2026-09-30' }]);
  await knex.raw(`create sequence ${fixture.schema}.numbers`);
  const noRead = `duebot_noread_${randomBytes(3).toString('hex')}`;
  await knex.raw(`create role ${noRead} login`);
  return {
    name: 'PostgreSQL',
    url: db.url,
    mapping: (columns, omit) => fixture.mappingSql(columns, omit),
    writing: `nextval('${fixture.schema}.numbers')::text`,
    noReadUser: noRead,
    close: async () => {
      await knex.destroy();
      await db.drop();
      const admin = knexForPostgres(process.env.TEST_DATABASE_URL ?? '', { min: 0, max: 1 });
      await admin.raw(`drop role if exists ${noRead}`);
      await admin.destroy();
    },
  };
}

async function mariadbEngine(): Promise<Engine> {
  const ledger = await createMariadbLedger(MARIADB_URL);
  const fn = `${ledger.prefix}_stamp`;
  await ledger.admin.raw(`CREATE TABLE ${ledger.prefix}_log (id INT AUTO_INCREMENT PRIMARY KEY)`);
  await ledger.admin.raw(
    `CREATE FUNCTION ${fn}() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO ${ledger.prefix}_log () VALUES (); RETURN 1; END`,
  );
  const noRead = `duebot_noread_${randomBytes(3).toString('hex')}`;
  await ledger.admin.raw(`CREATE USER '${noRead}'@'%'`);
  return {
    name: 'MariaDB',
    url: MARIADB_URL,
    mapping: (columns, omit) => ledger.mappingSql(columns, omit),
    writing: `CAST(${fn}() AS CHAR)`,
    noReadUser: noRead,
    close: async () => {
      await ledger.admin.raw(`DROP USER IF EXISTS '${noRead}'@'%'`);
      await ledger.admin.raw(`DROP FUNCTION IF EXISTS ${fn}`);
      await ledger.admin.raw(`DROP TABLE IF EXISTS ${ledger.prefix}_log`);
      await ledger.drop();
    },
  };
}

function cases(engine: Engine): Case[] {
  const mysql = engine.name === 'MariaDB';
  return [
    {
      name: 'a missing column',
      url: () => engine.url,
      mapping: () => engine.mapping({}, ['due_date']),
      detail: /the ledger mapping does not return due_date \(it returns invoice_id, /,
      fix: /return due_date from the SELECT in \S+mapping\.sql/,
      mappingFault: true,
    },
    {
      name: 'a syntax error',
      url: () => engine.url,
      mapping: () => engine.mapping().replace('SELECT', 'SELEC'),
      detail: mysql
        ? /the ledger mapping query fails: You have an error in your SQL syntax.*\(SQLSTATE 42000\)/
        : /the ledger mapping query fails: syntax error at or near .*\(SQLSTATE 42601\)/,
      fix: /correct the query in \S+mapping\.sql/,
      mappingFault: true,
    },
    {
      name: 'a write in the read-only transaction',
      url: () => engine.url,
      mapping: () => engine.mapping({ contact_name: engine.writing }),
      detail:
        /the ledger mapping tries to write, and duebot reads the ledger only in read-only transactions: .*\(SQLSTATE 25006\)/,
      fix: /make \S+mapping\.sql only read/,
      mappingFault: true,
    },
    {
      name: 'an unreachable ledger',
      url: () => withUrl(engine.url, (u) => (u.port = '1')),
      mapping: () => engine.mapping(),
      detail: /nothing is listening at 127\.0\.0\.1:1 \(connection refused\)/,
      fix: /start the database server, or correct the host and port in LEDGER_URL/,
      mappingFault: false,
    },
    {
      name: 'a role that does not exist',
      url: () => withUrl(engine.url, (u) => (u.username = 'no_such_duebot_role')),
      mapping: () => engine.mapping(),
      detail: /127\.0\.0\.1:\d+ refused the user or password in LEDGER_URL/,
      fix: mysql
        ? /check the user name and password in LEDGER_URL, and that the server lets user no_such_duebot_role connect from this host/
        : /check the user name and password in LEDGER_URL \(and the server's pg_hba\.conf\)/,
      mappingFault: false,
    },
    {
      name: 'a role that may not read the ledger',
      url: () => withUrl(engine.url, (u) => (u.username = engine.noReadUser)),
      mapping: () => engine.mapping(),
      detail: new RegExp(`user ${engine.noReadUser} may not read what it needs on 127\\.0\\.0\\.1:\\d+`),
      fix: /GRANT SELECT .* to the user in LEDGER_URL|GRANT SELECT ON .* TO the user in LEDGER_URL/,
      mappingFault: false,
    },
    {
      name: 'a database that does not exist',
      url: () => withUrl(engine.url, (u) => (u.pathname = '/no_such_duebot_ledger')),
      mapping: () => engine.mapping(),
      detail: /database "no_such_duebot_ledger" does not exist on 127\.0\.0\.1:\d+/,
      fix: /correct the database name in LEDGER_URL: the accounting database's name on that server/,
      mappingFault: false,
    },
  ];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Issue 14, item 2: each ledger misconfiguration through `duebot doctor`, `sync` and a first `start`: one
 * line in doctor's words with its fix, exit code 2, no stack; on real PostgreSQL and MariaDB ledgers. The
 * cases run the command line in this process (42 runs of a second's start-up each otherwise); the last
 * test runs real processes, exit code and all.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('wrong ledger settings', { timeout: 300_000 }, () => {
  let bot: ServerDatabase;
  let dir: string;
  const engines: Engine[] = [];
  const env = (c: Case, mapping: string) => ({
    DATABASE_URL: bot.url,
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    LEDGER_URL: c.url(),
    LEDGER_MAPPING: mapping,
    DUEBOT_SCHEDULER: 'off',
  });

  beforeAll(async () => {
    bot = await createServerDatabase();
    dir = await mkdtemp(join(tmpdir(), 'duebot-ledger-settings-'));
    engines.push(await postgresEngine());
    if (MARIADB_URL) engines.push(await mariadbEngine());
  });
  afterAll(async () => {
    for (const engine of engines) await engine.close();
    await bot?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const engineNames = ['PostgreSQL', ...(MARIADB_URL ? ['MariaDB'] : [])];
  it.each(engineNames)('%s: doctor, sync and start say the same one line and exit 2', async (name) => {
    const engine = engines.find((e) => e.name === name);
    if (!engine) throw new Error(`no ${name} ledger`);
    for (const c of cases(engine)) {
      const mapping = join(dir, `${name}-${randomBytes(3).toString('hex')}-mapping.sql`);
      await writeFile(mapping, c.mapping());
      const [doctor, sync, start] = await Promise.all([
        runDuebotHere(['doctor'], { env: env(c, mapping) }),
        runDuebotHere(['sync'], { env: env(c, mapping) }),
        runDuebotHere(['start'], { env: env(c, mapping) }),
      ]);
      const failed = /FAIL {2}accounting database: (.*)\n {8}fix: (.*)/.exec(doctor.stdout);
      expect(failed, `${c.name}: doctor\n${doctor.stdout}`).not.toBeNull();
      const [, detail = '', fix = ''] = failed ?? [];
      expect(detail, c.name).toMatch(c.detail);
      expect(fix, c.name).toMatch(c.fix);
      if (mysql(engine)) expect(fix, c.name).not.toMatch(/pg_hba/);
      expect(sync.stderr, `${c.name}: sync`).toMatch(
        new RegExp(`^duebot: accounting database: ${escape(detail)}\n {2}fix: ${escape(fix)}\n`),
      );
      expect(start.stderr, `${c.name}: start`).toMatch(
        c.mappingFault
          ? new RegExp(`^duebot: accounting database: ${escape(detail)}\n {2}fix: ${escape(fix)}\n`)
          : new RegExp(
              `^duebot cannot start: the ledger cannot be read \\(${escape(detail)}\\) and there is no snapshot of it to serve yet\n {2}fix: ${escape(fix)}\n`,
            ),
      );
      for (const run of [sync, start]) {
        expect(run.code, c.name).toBe(2);
        expect(run.stderr, c.name).not.toMatch(STACK);
        expect(run.stderr, c.name).not.toMatch(/a bug/);
      }
    }
  });

  it('stops a start that has a snapshot when the mapping can never work, saying what to fix', async () => {
    const engine = engines[0];
    if (!engine) throw new Error('no ledger');
    const good = join(dir, 'good-mapping.sql');
    const broken = join(dir, 'broken-mapping.sql');
    await writeFile(good, engine.mapping());
    await writeFile(broken, engine.mapping({}, ['due_date']));
    const c = cases(engine)[0];
    if (!c) throw new Error('no case');
    const own = await createServerDatabase();
    try {
      const ownEnv = (mapping: string) => ({ ...env(c, mapping), DATABASE_URL: own.url });
      const synced = await runDuebot(['sync'], { env: ownEnv(good) });
      expect(synced.code, synced.stderr).toBe(0);
      const start = await runDuebot(['start'], { env: ownEnv(broken) });
      expect(start.code).toBe(2);
      expect(start.stderr).toMatch(
        /^duebot: accounting database: the ledger mapping does not return due_date .*\n {2}fix: return due_date from the SELECT in \S+broken-mapping\.sql/,
      );
      expect(start.stderr).not.toMatch(STACK);
    } finally {
      await own.drop();
    }
  });
});

function mysql(engine: Engine): boolean {
  return engine.name === 'MariaDB';
}
