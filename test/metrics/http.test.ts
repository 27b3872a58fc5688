import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { serveTeams } from '../../adapters/teams/start.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type Database, knexForPostgres } from '../../src/db.ts';
import { createLogger } from '../../src/log.ts';
import { SCRAPE_DB_TIMEOUT_MS } from '../../src/metrics.ts';
import { type Harness as SlackHarness, startHarness as startSlack } from '../slack/support/harness.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { type Scrape, scrape } from '../support/prometheus.ts';
import { seedAccount } from '../support/seed.ts';
import { message } from '../teams/support/activities.ts';
import { type Harness as TeamsHarness, startHarness as startTeams } from '../teams/support/harness.ts';

const silent = createLogger({ level: 'silent' });
const count = (s: Scrape, name: string, labels: Record<string, string>) => s.value(name, labels) ?? 0;

describe.each(backends())('GET /metrics on the chat servers, %s', (kind) => {
  let db: Database;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedAccount(db.knex, { name: 'Northwind', items: [{ dueDate: '2026-10-01', totalMinor: 50_000 }] });
    slack = await startSlack(db);
  });
  afterAll(async () => {
    await slack?.close();
    await teams?.close();
    await db?.close();
  });

  it('answers the Prometheus text format with process metrics and the database up', async () => {
    const s = await scrape(slack.url);
    expect(s.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(s.types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect(s.value('duebot_database_up')).toBe(1);
    expect(s.types.get('duebot_request_duration_seconds')).toBe('histogram');
    expect(s.value('duebot_outbox_depth')).toBe(0);
    expect(s.value('duebot_letters', { state: 'uncertain' })).toBe(0);
  });

  it('counts a signed /overdue under platform slack, action command, and times it', async () => {
    const labels = { platform: 'slack', action: 'command' };
    const before = await scrape(slack.url);
    const res = await slack.slash('');
    expect(res.status).toBe(200);
    const after = await scrape(slack.url);
    const ok = { ...labels, result: 'ok' };
    expect(count(after, 'duebot_requests_total', ok) - count(before, 'duebot_requests_total', ok)).toBe(1);
    const timed = (s: Scrape) => count(s, 'duebot_request_duration_seconds_count', labels);
    expect(timed(after) - timed(before)).toBe(1);
    const inf = (s: Scrape) => count(s, 'duebot_request_duration_seconds_bucket', { ...labels, le: '+Inf' });
    expect(inf(after) - inf(before)).toBe(1);
    expect(count(after, 'duebot_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    // A label value is a kind, never a person or an account.
    for (const sample of after.all('duebot_requests_total'))
      expect(Object.keys(sample.labels).sort()).toEqual(['action', 'platform', 'result']);
  });

  it('serves the same on the Teams server and counts a Teams command there', async () => {
    teams = await startTeams(db);
    const labels = { platform: 'teams', action: 'command', result: 'ok' };
    const before = await scrape(teams.url);
    const res = await teams.post({ ...message('overdue'), deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    const after = await scrape(teams.url);
    expect(
      count(after, 'duebot_requests_total', labels) - count(before, 'duebot_requests_total', labels),
    ).toBe(1);
    expect(after.value('duebot_database_up')).toBe(1);
    expect(after.types.get('process_resident_memory_bytes')).toBe('gauge');
  });
});

describe('GET /metrics while the bot database is unreachable', () => {
  let blackhole: Server;
  const sockets: Socket[] = [];
  let down: Database;
  let slackStop: (() => Promise<unknown>) | undefined;
  let teamsStop: (() => Promise<void>) | undefined;
  let slackUrl = '';
  let teamsUrl = '';
  beforeAll(async () => {
    // A server that takes the connection and never answers: the worst kind of outage, a blackhole.
    blackhole = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const port = (blackhole.address() as AddressInfo).port;
    const knex = knexForPostgres(`postgres://postgres@127.0.0.1:${port}/gone`, { min: 0, max: 2 }, 20_000);
    down = { knex, kind: 'postgres', close: () => knex.destroy() };
    const ctx = {
      db: knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 10,
    };
    const { app } = createSlackApp({
      ctx,
      config: {
        botToken: 'xoxb-test',
        signingSecret: 'feedfacefeedface',
        appToken: undefined,
        apiUrl: 'http://slack.test/api/',
        port: 0,
        channel: undefined,
        managers: [],
        viewers: [],
      },
      log: silent,
      botId: 'BBOT',
      botUserId: 'UBOT',
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as { address(): AddressInfo };
    slackUrl = `http://127.0.0.1:${server.address().port}`;
    slackStop = () => app.stop();
    const teamsApp = createTeamsApp({
      ctx,
      config: {
        appId: undefined,
        appPassword: undefined,
        appType: 'SingleTenant',
        tenantId: undefined,
        port: 0,
        channel: undefined,
        managers: [],
        viewers: [],
      },
      log: silent,
    });
    const served = await serveTeams(teamsApp, { db: knex }, { port: 0, host: '127.0.0.1' });
    teamsUrl = `http://127.0.0.1:${served.port}`;
    teamsStop = served.stop;
  });
  afterAll(async () => {
    await slackStop?.();
    await teamsStop?.();
    for (const socket of sockets) socket.destroy();
    blackhole?.close();
    await down?.close();
    nock.cleanAll();
  });

  it('answers within the timeout with the process metrics and duebot_database_up 0', async () => {
    for (const url of [slackUrl, teamsUrl, slackUrl]) {
      const started = performance.now();
      const s = await scrape(url);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(SCRAPE_DB_TIMEOUT_MS + 1500);
      expect(s.value('duebot_database_up')).toBe(0);
      expect(s.types.get('process_cpu_user_seconds_total')).toBe('counter');
      expect(s.value('process_start_time_seconds')).toBeGreaterThan(0);
      // Gauges read from the database are left out, not reported as a made-up 0.
      expect(s.all('duebot_outbox_depth')).toEqual([]);
      expect(s.all('duebot_outbox_oldest_age_seconds')).toEqual([]);
      expect(s.all('duebot_letters')).toEqual([]);
    }
    // The hanging read is shared by later scrapes, not started again on each.
    expect(sockets.length).toBeLessThanOrEqual(2);
  }, 20_000);
});
