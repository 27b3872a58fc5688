import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite, type Database } from '../../src/db.ts';
import { runDuebot, spawnDuebot } from '../support/cli.ts';
import { openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture } from '../support/ledger-fixture.ts';
import { openTcpProxy, type TcpProxy } from '../support/net-faults.ts';

const STACK = /^\s+at /m;

/**
 * Issue 13, items 6 and 7, as an operator sees them: the company's ledger (real PostgreSQL) sits behind a
 * TCP proxy the test closes and opens again, and the bot runs on its embedded database.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'duebot start while the ledger is down',
  { timeout: 240_000 },
  () => {
    let ledger: Database;
    let proxy: TcpProxy;
    let dir: string;
    let mapping: string;
    let ledgerUrl: string;
    const env = (dataDir: string) => ({
      DUEBOT_DATA_DIR: dataDir,
      DUEBOT_TODAY: '2026-11-22',
      DUEBOT_TIMEZONE: 'Asia/Shanghai',
      DATABASE_URL: '',
      LEDGER_URL: ledgerUrl,
      LEDGER_MAPPING: mapping,
      DUEBOT_SHELL_USER: 'Ann',
      SYNC_RETRY_SECONDS: '1',
    });

    beforeAll(async () => {
      ledger = await openTestDatabase('postgres');
      const fixture = await createLedgerFixture(ledger.knex);
      await fixture.addInvoices([
        { id: 'I1', total: '1200.00', dueDate: '2026-09-30' },
        { id: 'I2', total: '300.00', dueDate: '2026-10-15' },
      ]);
      dir = await mkdtemp(join(tmpdir(), 'duebot-ledger-down-'));
      mapping = join(dir, 'mapping.sql');
      await writeFile(mapping, fixture.mappingSql());
      const server = new URL(process.env.TEST_DATABASE_URL ?? '');
      proxy = await openTcpProxy(Number(server.port || 5432), server.hostname);
      const { rows } = await ledger.knex.raw('select current_database() as name');
      const url = new URL(server);
      url.host = `127.0.0.1:${proxy.port}`;
      url.pathname = `/${String(rows[0].name)}`;
      ledgerUrl = url.toString();
    });
    afterAll(async () => {
      await proxy?.close();
      await ledger?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses a first start with no snapshot in one line, exit code 2', async () => {
      await proxy.close();
      const { code, stderr } = await runDuebot(['start'], {
        env: env(join(dir, 'empty')),
        timeoutMs: 120_000,
      });
      await proxy.open();
      expect(code).toBe(2);
      expect(stderr).toMatch(
        /duebot cannot start: the ledger cannot be read \(nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)\) and there is no snapshot/,
      );
      expect(stderr).not.toMatch(STACK);
      expect(stderr).not.toMatch(/unexpected error/);
    });

    it('starts on its snapshot, says how old it is, marks lists stale and recovers when the ledger is back', async () => {
      const dataDir = join(dir, 'bot');
      const synced = await runDuebot(['sync'], { env: env(dataDir), timeoutMs: 120_000 });
      expect(synced.code).toBe(0);
      // The snapshot was read two hours ago.
      const pglite = await createPglite(join(dataDir, 'db'));
      await pglite.query(
        `update sync_state set last_full_at = now() - interval '2 hours 1 minute', last_incremental_at = now() - interval '2 hours 1 minute'`,
      );
      await pglite.close();

      await proxy.close();
      const bot = spawnDuebot(['start'], { env: env(dataDir) });
      try {
        const down = await bot.waitFor('stderr', /the ledger is unreachable[^"]*/, { timeoutMs: 120_000 });
        expect(down).toMatch(
          /the ledger is unreachable: nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\); serving the snapshot read 2026-\d\d-\d\d \d\d:\d\d \(2 h ago\); retrying in 1 s/,
        );
        await bot.waitFor('stdout', /duebot shell: acting as Ann/);
        let from = bot.stdout().length;
        bot.write('/overdue\n');
        const list = await bot.waitFor('stdout', /Showing 1-1/, { from });
        expect(list).toMatch(/Ledger last read 2 h ago: the accounting database is unreachable\./);
        // The owner (the digest channel: the terminal here) is told once.
        await bot.waitFor('stdout', /duebot cannot read the ledger/);
        // Retries at 1, 2 and 4 s fail the same way: still one line in the log.
        await new Promise((resolve) => setTimeout(resolve, 5000));
        expect(bot.stderr().match(/the ledger is unreachable/g)).toHaveLength(1);

        await proxy.open();
        await bot.waitFor('stderr', /the ledger is readable again/, { timeoutMs: 60_000 });
        await bot.waitFor('stdout', /duebot reads the ledger again/);
        from = bot.stdout().length;
        bot.write('/overdue\n');
        const fresh = await bot.waitFor('stdout', /Showing 1-1/, { from });
        expect(fresh).not.toMatch(/Ledger last read/);
        expect(await bot.end()).toBe(0);
        expect(bot.stdout().match(/duebot cannot read the ledger/g)).toHaveLength(1);
        expect(bot.stderr()).not.toMatch(STACK);
      } finally {
        bot.kill('SIGKILL');
      }
    });
  },
);
