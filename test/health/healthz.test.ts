import { afterEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { type Database, knexForPostgres } from '../../src/db.ts';
import { recordSyncFailure } from '../../src/ledger/freshness.ts';
import { startHarness as startSlack } from '../slack/support/harness.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { closedPort, openBlackhole } from '../support/net-faults.ts';
import { startHarness as startTeams } from '../teams/support/harness.ts';

/** A bot database at a port that never answers (blackholed) or refuses (a stopped server). */
async function unreachableDatabase(kind: 'blackholed' | 'stopped'): Promise<Database & { port: number }> {
  const hole = kind === 'blackholed' ? await openBlackhole() : null;
  const port = hole?.port ?? (await closedPort());
  const knex = knexForPostgres(`postgres://postgres@127.0.0.1:${port}/duebot`);
  return {
    knex,
    kind: 'postgres',
    port,
    close: async () => {
      await hole?.close();
      await Promise.race([knex.destroy(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    },
  };
}

const servers = {
  slack: async (db: Database) => {
    const h = await startSlack(db);
    return { url: h.url, close: () => h.close() };
  },
  teams: async (db: Database, ctx = {}) => {
    const h = await startTeams(db, {}, '127.0.0.1', ctx);
    return { url: h.url, close: () => h.close() };
  },
};

/** Issue 13, item 10: /healthz hung past 5 s when the bot database was unreachable. */
describe.each(['slack', 'teams'] as const)('GET /healthz on the %s server', (platform) => {
  const closing: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  it.each(['blackholed', 'stopped'] as const)(
    'answers 503 within 3 s when the bot database is %s',
    async (kind) => {
      const db = await unreachableDatabase(kind);
      closing.push(() => db.close());
      const server = await servers[platform](db);
      closing.push(() => server.close());
      const started = performance.now();
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
      const elapsed = performance.now() - started;
      expect(res.status).toBe(503);
      expect(elapsed).toBeLessThan(3000);
      const body = (await res.json()) as { ok: boolean; database: string; reason: string };
      expect(body).toMatchObject({ ok: false, database: 'unreachable' });
      expect(body.reason).toMatch(
        kind === 'blackholed' ? /did not answer within 2\.5 s/ : /cannot be reached \(ECONNREFUSED\)/,
      );
    },
  );
});

describe.each(backends())('GET /healthz while the ledger is down (%s)', (kind) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('stays 200 and reports the ledger as stale, with the reason', async () => {
    database = await openTestDatabase(kind);
    const clock = createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai');
    await database
      .knex('sync_state')
      .insert({ source: 'ledger', last_full_at: new Date('2026-11-22T01:00:00Z') });
    await recordSyncFailure(
      database.knex,
      'ledger',
      { kind: 'unreachable', detail: 'nothing is listening at 10.0.0.5:5432 (connection refused)' },
      new Date('2026-11-22T02:59:00Z'),
    );
    const server = await servers.teams(database, { clock, ledgerStaleAfterMinutes: 35 });
    try {
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        ok: true,
        database: 'ok',
        lastSync: '2026-11-22T01:00:00.000Z',
        ledger: {
          lastRead: '2026-11-22T01:00:00.000Z',
          stale: true,
          error: 'nothing is listening at 10.0.0.5:5432 (connection refused)',
        },
      });
    } finally {
      await server.close();
    }
  });
});
