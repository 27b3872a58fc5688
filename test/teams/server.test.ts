import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlackApp } from '../../adapters/slack/app.ts';
import { createTeamsApp } from '../../adapters/teams/app.ts';
import { teamsRoutes } from '../../adapters/teams/start.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { createLogger } from '../../src/log.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { sign } from '../slack/support/harness.ts';
import { message } from './support/activities.ts';

/** Days the clock was moved ahead: botbuilder keeps the signing keys a day, once per process. */
let daysAhead = 0;
import { cardProblems, cardsOf } from './support/card-check.ts';
import {
  APP_ID,
  type ConnectorCall,
  channelToken,
  type Harness,
  interceptMicrosoft,
  microsoftKeys,
  startHarness,
  TENANT,
} from './support/harness.ts';

/** An address of this machine that is not loopback, to send a request from "outside". */
function externalAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  throw new Error('this machine has no non-loopback IPv4 address to test from');
}

describe.each(backends())('the Teams HTTP server on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  describe('in local mode (TEAMS_ENABLED=1, no app id)', () => {
    let teams: Harness;
    beforeAll(async () => {
      teams = await startHarness(
        db,
        { appId: undefined, appPassword: undefined, tenantId: undefined },
        '0.0.0.0',
      );
    });
    afterAll(async () => {
      await teams?.close();
    });

    it('accepts a token-less request from loopback and answers it in the HTTP response', async () => {
      const res = await teams.post({ ...message('help'), deliveryMode: 'expectReplies' }, null);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { activities: unknown[] };
      expect(cardProblems(cardsOf(body.activities[0])[0])).toEqual([]);
      expect(teams.app.localMode).toBe(true);
    });

    it('refuses token-less requests from anywhere else with 401 and stores nothing', async () => {
      const port = new URL(teams.url).port;
      const before = await db.knex('teams_conversations').count({ n: '*' }).first();
      const res = await fetch(`http://${externalAddress()}:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...message('overdue', 'bob'), deliveryMode: 'expectReplies' }),
      });
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('local mode');
      const after = await db.knex('teams_conversations').count({ n: '*' }).first();
      expect(Number(after?.n)).toBe(Number(before?.n));
    });
  });

  describe('beside Slack on one port', () => {
    const calls: ConnectorCall[] = [];
    let url = '';
    let stop: () => Promise<unknown> = async () => undefined;
    const secret = 'aa11bb22cc33dd44ee55ff6600112233';

    beforeAll(async () => {
      await interceptMicrosoft(calls);
      const ctx = {
        db: db.knex,
        clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
        policy: defaultPolicy,
        pageSize: 10,
      };
      const log = createLogger({ level: 'silent' });
      const teams = createTeamsApp({
        ctx,
        config: {
          appId: APP_ID,
          appPassword: 'x',
          appType: 'SingleTenant',
          tenantId: TENANT,
          port: 0,
          channel: undefined,
          managers: [],
          viewers: [],
        },
        log,
      });
      const { app } = createSlackApp({
        ctx,
        config: {
          botToken: 'xoxb-test',
          signingSecret: secret,
          appToken: undefined,
          apiUrl: 'http://slack.test/api/',
          port: 0,
          channel: undefined,
          managers: [],
          viewers: [],
        },
        log,
        botId: 'BBOT',
        botUserId: 'UBOT',
        processBeforeResponse: true,
        extraRoutes: teamsRoutes(teams),
      });
      const server = (await app.start({ port: 0, host: '127.0.0.1' })) as unknown as {
        address(): AddressInfo;
      };
      url = `http://127.0.0.1:${server.address().port}`;
      stop = () => app.stop();
    });
    afterAll(async () => {
      await stop();
      nock.cleanAll();
      nock.enableNetConnect();
    });

    it('serves Teams at /api/messages, Slack at /slack/events and /healthz from the same server', async () => {
      const activity = message('overdue');
      const teamsRes = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await channelToken()}` },
        body: JSON.stringify(activity),
      });
      expect(teamsRes.status).toBe(200);
      expect(calls.map((c) => c.path)).toEqual([
        `/v3/conversations/a:chat-ann/activities/${String(activity.id)}`,
      ]);

      const forged = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await channelToken({ key: 'other' })}`,
        },
        body: JSON.stringify(message('overdue')),
      });
      expect(forged.status).toBe(401);

      const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'legacy' });
      const ts = Math.floor(Date.now() / 1000);
      const slackRes = await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': sign(secret, ts, body),
        },
        body,
      });
      expect(slackRes.status).toBe(200);
      expect(await slackRes.text()).toContain('c-123');

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
    });
  });

  describe('while Microsoft’s signing keys are unreachable', () => {
    let teams: Harness;
    const stored = async () =>
      Number((await db.knex('teams_conversations').count({ n: '*' }).first())?.n ?? 0);
    beforeAll(async () => {
      teams = await startHarness(db);
    });
    afterAll(async () => {
      microsoftKeys.failure = null;
      await teams?.close();
    });
    beforeEach(() => {
      // A day later than any earlier fetch in this process, so the keys must be read again.
      daysAhead += 2;
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + daysAhead * 86_400_000 });
    });
    afterEach(() => {
      microsoftKeys.failure = null;
      vi.useRealTimers();
    });

    it.each([
      { what: 'the metadata unreachable', failure: { status: 'unreachable' as const } },
      { what: 'the metadata answering 500', failure: { status: 500 } },
      { what: 'the keys answering 503', failure: { status: 503, document: 'keys' as const } },
      {
        what: 'the keys unreachable',
        failure: { status: 'unreachable' as const, document: 'keys' as const },
      },
    ])(
      'answers a signed request 503 with Retry-After, with $what, and stores nothing',
      async ({ failure }) => {
        microsoftKeys.failure = failure;
        const before = await stored();
        const res = await teams.post({ ...message('overdue'), deliveryMode: 'expectReplies' });
        expect(res.status).toBe(503);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await res.text()).toMatch(/signing keys are unreachable/);
        expect(await stored()).toBe(before);
        expect(teams.calls).toEqual([]);
      },
    );

    it('still refuses a missing, a malformed and a foreign token with 401', async () => {
      microsoftKeys.failure = { status: 'unreachable' };
      const foreign = await channelToken({ issuer: 'https://sts.windows.net/someone-else/' });
      const statuses = [];
      for (const token of [null, 'not-a-token', 'a.b.c', foreign])
        statuses.push((await teams.post(message('overdue'), token)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
    });

    it('answers again once the keys can be read', async () => {
      microsoftKeys.failure = { status: 500 };
      expect((await teams.post(message('help'))).status).toBe(503);
      microsoftKeys.failure = null;
      expect((await teams.post(message('help'))).status).toBe(200);
    });
  });
});
