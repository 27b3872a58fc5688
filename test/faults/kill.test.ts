import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLargeLedger, touchInvoices } from '../../bench/sync-ledger.ts';
import { createPglite, knexForPglite, knexForPostgres } from '../../src/db.ts';
import { DEMO_MAPPING_FILE } from '../../src/ledger/demo.ts';
import { startFakeSlackServer } from '../outbox/fake-slack.ts';
import { type RunningDuebot, runDuebot, spawnDuebot } from '../support/cli.ts';
import { backends, createServerDatabase, type ServerDatabase } from '../support/databases.ts';

/**
 * kill -9 of the real `duebot` process (issue 13): during a ledger sync (early, mid-read, mid-write) the
 * bot database holds either the old or the new state, never half of one, and the next sync completes;
 * during outbox delivery every post lands exactly once after restarts.
 */
const LEDGER = { customers: 2_000, invoices: 100_000 };
const POLL_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the bot database says is open and settled: counts and sums per currency, and the customers. */
async function botState(db: Knex) {
  const items = await db.raw(
    `SELECT status, currency, count(*)::int AS n, sum(open_minor)::text AS open_minor
       FROM open_items GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const [customers] = await db('customers').count({ n: '*' });
  return { items: items.rows as unknown[], customers: Number(customers?.n) };
}

/** What the ledger says is open, per currency, in minor units: what a clean sync must show. */
async function ledgerOpen(db: Knex) {
  const result = await db.raw(
    `SELECT currency, count(*)::int AS n, sum(round(open_amount * 100))::bigint::text AS open_minor
       FROM ledger.invoices WHERE open_amount > 0 GROUP BY 1 ORDER BY 1`,
  );
  return result.rows as unknown[];
}

const openPart = (state: Awaited<ReturnType<typeof botState>>) =>
  state.items
    .filter((row) => (row as { status: string }).status === 'open')
    .map((row) => {
      const { currency, n, open_minor } = row as { currency: string; n: number; open_minor: string };
      return { currency: currency.trim(), n, open_minor };
    });

type Phase = 'early' | 'mid-read' | 'mid-write';

/**
 * Watches the server until the sync of `bot` reaches `phase`: its run recorded (early), the COPY of what it
 * reads under way (mid-read), or the changes being written from the stage (mid-write). False if the
 * process ended first.
 */
async function reached(admin: Knex, bot: ServerDatabase, run: RunningDuebot, phase: Phase): Promise<boolean> {
  let ended = false;
  void run.exited.then(() => {
    ended = true;
  });
  const botDb = knexForPostgres(bot.url, { min: 0, max: 1 });
  try {
    while (!ended) {
      const result =
        phase === 'early'
          ? await botDb.raw(`SELECT count(*)::int AS n FROM sync_runs WHERE status = 'running'`)
          : await admin.raw(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = ? AND pid <> pg_backend_pid() AND state = 'active' AND ${
                  phase === 'mid-read'
                    ? `query ILIKE 'COPY %'`
                    : `query NOT ILIKE 'COPY %' AND query ILIKE '%open_items%' AND query ILIKE '%duebot_stage%'`
                }`,
              [bot.name],
            );
      if (Number(result.rows[0]?.n) > 0) return true;
      await sleep(POLL_MS);
    }
    return false;
  } finally {
    await botDb.destroy();
  }
}

describe.each(backends().filter((kind) => kind === 'postgres'))(
  'kill -9 during a ledger sync on %s',
  { timeout: 240_000 },
  () => {
    let admin: Knex;
    let ledger: ServerDatabase;
    let ledgerDb: Knex;
    let synced: ServerDatabase;
    let dataDir: string;
    let oldState: Awaited<ReturnType<typeof botState>>;
    const env = (bot: ServerDatabase) => ({
      DATABASE_URL: bot.url,
      LEDGER_URL: ledger.url,
      LEDGER_MAPPING: DEMO_MAPPING_FILE,
      DUEBOT_DATA_DIR: dataDir,
      DUEBOT_TIMEZONE: 'Asia/Shanghai',
      LOG_LEVEL: 'info',
    });
    const withBot = async <T>(bot: ServerDatabase, work: (db: Knex) => Promise<T>): Promise<T> => {
      const db = knexForPostgres(bot.url, { min: 0, max: 1 });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'duebot-kill-'));
      admin = knexForPostgres(process.env.TEST_DATABASE_URL ?? '', { min: 0, max: 1 });
      ledger = await createServerDatabase({ template: null, prefix: 'duebot_ledger' });
      ledgerDb = knexForPostgres(ledger.url, { min: 0, max: 2 });
      await buildLargeLedger(ledgerDb, LEDGER);
      // The old state: the ledger synced in full once.
      synced = await createServerDatabase();
      const first = await runDuebot(['sync', '--full'], { env: env(synced), timeoutMs: 180_000 });
      expect(first.code, first.stderr).toBe(0);
      oldState = await withBot(synced, botState);
      // The new state: a day of payments, some in full, and every touched row with a new updated_at.
      await touchInvoices(ledgerDb, 10_000, LEDGER.invoices);
      await ledgerDb.raw(
        `UPDATE ledger.invoices SET open_amount = 0, updated_at = now() WHERE id LIKE '%7' AND open_amount > 0`,
      );
    }, 240_000);
    afterAll(async () => {
      await ledgerDb?.destroy();
      await admin?.destroy();
      await synced?.drop();
      await ledger?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it.each<Phase>(['early', 'mid-read', 'mid-write'])(
      'leaves the old or the new state when killed %s, and the next sync completes',
      async (phase) => {
        const bot = await createServerDatabase({ template: synced.name });
        try {
          const run = spawnDuebot(['sync', '--full'], { env: env(bot) });
          const seen = await reached(admin, bot, run, phase);
          run.child.kill('SIGKILL');
          const end = await run.exited;
          expect(seen, `the sync ended before it was ${phase}: ${run.stderr()}`).toBe(true);
          expect(end.signal).toBe('SIGKILL');

          const expectedOpen = await ledgerOpen(ledgerDb);
          const afterKill = await withBot(bot, botState);
          const isOld = JSON.stringify(afterKill) === JSON.stringify(oldState);
          const isNew = JSON.stringify(openPart(afterKill)) === JSON.stringify(expectedOpen);
          expect(isOld || isNew, `half-written after a kill ${phase}: ${JSON.stringify(afterKill)}`).toBe(
            true,
          );

          const again = await runDuebot(['sync', '--full'], { env: env(bot), timeoutMs: 180_000 });
          expect(again.code, again.stderr).toBe(0);
          const state = await withBot(bot, botState);
          expect(openPart(state)).toEqual(expectedOpen);
          // The killed run is not left "running" for ever (issue 13, item 10).
          const runs = await withBot(bot, (db) => db('sync_runs').select('id', 'status').orderBy('id'));
          expect(runs.filter((r) => r.status === 'running')).toEqual([]);
        } finally {
          await bot.drop();
        }
      },
    );

    it('leaves an empty bot database when the first load is killed mid-read, and loads it all next time', async () => {
      const bot = await createServerDatabase();
      try {
        const run = spawnDuebot(['sync', '--full'], { env: env(bot) });
        const seen = await reached(admin, bot, run, 'mid-read');
        run.child.kill('SIGKILL');
        await run.exited;
        expect(seen, run.stderr()).toBe(true);
        expect(await withBot(bot, botState)).toEqual({ items: [], customers: 0 });
        const again = await runDuebot(['sync', '--full'], { env: env(bot), timeoutMs: 180_000 });
        expect(again.code, again.stderr).toBe(0);
        expect(openPart(await withBot(bot, botState))).toEqual(await ledgerOpen(ledgerDb));
      } finally {
        await bot.drop();
      }
    });
  },
);

describe.each(backends())('kill -9 during outbox delivery on %s', { timeout: 240_000 }, (kind) => {
  let dataDir: string;
  let bot: ServerDatabase | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-kill-outbox-'));
    if (kind === 'postgres') bot = await createServerDatabase();
  });
  afterAll(async () => {
    await bot?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs `work` on the bot database while no duebot process has it open. */
  async function withBotDb<T>(work: (db: Knex) => Promise<T>): Promise<T> {
    if (bot) {
      const db = knexForPostgres(bot.url, { min: 0, max: 1 });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    }
    const pglite = await createPglite(join(dataDir, 'db'));
    const db = await knexForPglite(pglite);
    try {
      return await work(db);
    } finally {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    }
  }

  it('lands every post of the credit meeting exactly once through kills and restarts', async () => {
    const slack = await startFakeSlackServer({ delayMs: 60 });
    const env = {
      DATABASE_URL: bot?.url ?? '',
      DUEBOT_DATA_DIR: dataDir,
      LEDGER_URL: '',
      // The meeting opens on the first working day of the month (PB-28).
      DUEBOT_TODAY: '2026-12-01',
      DUEBOT_TIMEZONE: 'Asia/Shanghai',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99eeeeee85a5',
      SLACK_API_URL: slack.url,
      SLACK_CHANNEL: 'CCOLLECT',
      DUEBOT_OUTBOX_PACING_MS: '0',
      LOG_LEVEL: 'info',
    };
    const posted = () => slack.messages.filter((m) => m.metadata).length;
    try {
      // Two kills while posts are going out, each after a few more have landed.
      for (const landed of [3, 8]) {
        const run = spawnDuebot(['meeting'], { env });
        while (posted() < landed && run.child.exitCode === null) await sleep(POLL_MS);
        run.child.kill('SIGKILL');
        const end = await run.exited;
        expect(end.signal, `meeting ended before ${landed} posts landed: ${run.stderr()}`).toBe('SIGKILL');
      }
      // A killed worker's claim is a lease: two minutes later another worker may take the post over.
      await withBotDb((db) =>
        db('outbox_deliveries')
          .where({ status: 'sending' })
          .update({ lease_until: new Date(Date.now() - 1000) }),
      );
      const last = await runDuebot(['meeting'], { env, timeoutMs: 180_000 });
      expect(last.code, last.stderr).toBe(0);

      const keys = slack.messages.flatMap((m) => {
        const key = m.metadata?.event_payload.key;
        return typeof key === 'string' ? [key] : [];
      });
      const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
      expect(twice, 'posts that landed more than once').toEqual([]);
      const deliveries = await withBotDb((db) =>
        db.raw(`SELECT status, count(*)::int AS n FROM outbox_deliveries GROUP BY status`),
      );
      const rows = deliveries.rows as { status: string; n: number }[];
      const total = rows.reduce((sum, d) => sum + d.n, 0);
      expect(rows).toEqual([{ status: 'sent', n: total }]);
      expect(keys).toHaveLength(total);
      expect(total).toBeGreaterThan(8);
    } finally {
      await slack.close();
    }
  });
});
