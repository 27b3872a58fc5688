import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { knexForPostgres } from '../../src/db.ts';
import { INTERRUPTED, reapInterruptedRuns } from '../../src/ledger/sync-runs.ts';
import { runDuebot, spawnDuebot } from '../support/cli.ts';
import { backends, openTestDatabase, testDatabaseUrl } from '../support/databases.ts';
import { createLedgerFixture } from '../support/ledger-fixture.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runningRow = (database: Database) =>
  database.knex('sync_runs').insert({ source: 'ledger', kind: 'full', started_at: new Date() }, ['id']);

/** Issue 13, item 10: sync_runs rows stayed `running` after a kill. */
describe.each(backends())('sync runs left running by a dead process (%s)', (kind) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('marks a run no live process holds as failed, with the reason', async () => {
    database = await openTestDatabase(kind);
    const [row] = await runningRow(database);
    expect(await reapInterruptedRuns(database.knex, new Date())).toBe(1);
    const run = await database.knex('sync_runs').where({ id: row.id }).first();
    expect(run).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(run.finished_at).not.toBeNull();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'kill -9 during a sync on PostgreSQL',
  { timeout: 300_000 },
  () => {
    let db: Database;
    beforeEach(async () => {
      db = await openTestDatabase('postgres');
    });
    afterEach(async () => {
      await db.close();
    });

    it('leaves a run another live process holds alone (several replicas)', async () => {
      const [row] = await runningRow(db);
      const { rows } = await db.knex.raw('select current_database() as name');
      const replica = knexForPostgres(testDatabaseUrl(String(rows[0].name)), { min: 1, max: 1 });
      try {
        // What a live sync of another replica holds on its own connection for the whole run.
        await replica.raw("select pg_advisory_lock(hashtext('duebot-sync-run'), ?)", [Number(row.id)]);
        expect(await reapInterruptedRuns(db.knex, new Date())).toBe(0);
        expect((await db.knex('sync_runs').where({ id: row.id }).first()).status).toBe('running');
      } finally {
        await replica.destroy(); // the replica dies: its lock goes with its connection
      }
      expect(await reapInterruptedRuns(db.knex, new Date())).toBe(1);
    });

    it('leaves a failed run and consistent data once the next sync runs', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'duebot-kill-'));
      try {
        const fixture = await createLedgerFixture(db.knex);
        const rows = 300_000;
        await db.knex.raw(
          `insert into ${fixture.schema}.invoices
         select 'I' || g, 'N-' || g, 'C1', '2026-10-01', '2026-10-31', 100 + g % 900, 100 + g % 900, 'CNY',
                '2026-11-01T00:00:00Z'::timestamptz + g * interval '1 second'
         from generate_series(1, ${rows}) g`,
        );
        const mapping = join(dir, 'mapping.sql');
        await writeFile(mapping, fixture.mappingSql());
        const { rows: names } = await db.knex.raw('select current_database() as name');
        const url = testDatabaseUrl(String(names[0].name));
        const env = { DATABASE_URL: url, LEDGER_URL: url, LEDGER_MAPPING: mapping, DUEBOT_DATA_DIR: dir };

        const sync = spawnDuebot(['sync', '--full'], { env });
        // Wait until the run is under way and reading, then kill the process outright.
        for (let i = 0; i < 600; i++) {
          const running = await db.knex('sync_runs').where({ status: 'running' }).first();
          if (running) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 400));
        sync.kill('SIGKILL');
        await sync.exited;
        const killed = await db.knex('sync_runs').orderBy('id').first();
        expect(killed.status).toBe('running');
        expect(Number((await db.knex('open_items').count({ n: '*' }))[0]?.n)).toBe(0);

        const again = await runDuebot(['sync', '--full'], { env, timeoutMs: 240_000 });
        expect(again.code).toBe(0);
        const runs = await db.knex('sync_runs').orderBy('id').select('status', 'error');
        expect(runs).toEqual([
          { status: 'failed', error: INTERRUPTED },
          { status: 'done', error: null },
        ]);
        expect(Number((await db.knex('open_items').count({ n: '*' }))[0]?.n)).toBe(rows);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
