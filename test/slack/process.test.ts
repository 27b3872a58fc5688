import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { knexForPostgres } from '../../src/db.ts';
import { type RunningDuebot, spawnDuebot } from '../support/cli.ts';
import { testDatabaseUrl } from '../support/databases.ts';
import { sign } from './support/harness.ts';

const SECRET = '0123456789abcdef0123456789abcdef';
const FORM = 'application/x-www-form-urlencoded';

/** Slack's Web API and response URLs as a tiny HTTP server: nock cannot reach into another process. */
async function startFakeSlack() {
  const answers: { path: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.startsWith('/commands/')) answers.push({ path, body });
      const reply =
        path === '/api/auth.test'
          ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT' }
          : path === '/api/users.info'
            ? { ok: true, user: { id: 'UANN', name: 'ann', profile: { display_name: 'Ann' } } }
            : { ok: true, ts: '1764000000.000100', channel: 'CWORK' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real `duebot start` process with Slack in HTTP mode: requests that crashed Bolt's receiver (and with it
 * the process, exit 1) are refused, and the same process goes on answering.
 */
describe('duebot start with Slack settings, under hostile requests', { timeout: 90_000 }, () => {
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let duebot: RunningDuebot;
  let dataDir: string;
  let url: string;
  let dropDatabase = async () => {};

  const post = (body: string, contentType: string, signed = true) => {
    const ts = String(Math.floor(Date.now() / 1000));
    return fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(signed ? { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(SECRET, ts, body) } : {}),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  };
  const overdue = (n: number) =>
    new URLSearchParams({
      team_id: 'T1',
      channel_id: 'CWORK',
      user_id: 'UANN',
      user_name: 'ann',
      command: '/overdue',
      text: '',
      response_url: `${slack.url}/commands/${n}`,
      trigger_id: `trigger-${n}`,
    }).toString();

  beforeAll(async () => {
    slack = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-slack-'));
    const template = process.env.TEST_DATABASE_URL ? inject('postgresTemplate') : null;
    let databaseUrl = '';
    if (template) {
      const name = `duebot_p_${randomBytes(6).toString('hex')}`;
      const admin = knexForPostgres(process.env.TEST_DATABASE_URL ?? '', { min: 0, max: 1 });
      await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      databaseUrl = testDatabaseUrl(name);
      dropDatabase = async () => {
        await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.destroy();
      };
    }
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    duebot = spawnDuebot(['start'], {
      env: {
        DUEBOT_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        LEDGER_URL: '',
        DUEBOT_SCHEDULER: 'off',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: `${slack.url}/api/`,
        PORT: String(port),
        TEAMS_ENABLED: '',
        MicrosoftAppId: '',
      },
    });
    await duebot.waitFor('output', /Slack listening on port/, { timeoutMs: 80_000 });
  });
  afterAll(async () => {
    await duebot?.stop();
    slack?.server.close();
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses payload=null, a JSON null and garbage, then still answers /healthz and /overdue', async () => {
    const hostile = [
      await post(`payload=${encodeURIComponent('null')}`, FORM),
      await post('null', 'application/json'),
      await post(randomBytes(512).toString('latin1'), FORM),
      await post(randomBytes(512).toString('latin1'), 'application/json', false),
      await post(`payload=${encodeURIComponent('[]')}&payload=x`, FORM),
    ];
    expect(hostile.map((r) => r.status)).toEqual([400, 400, 400, 401, 400]);
    // Give a crash, had there been one, the time to end the process.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(duebot.child.exitCode).toBeNull();

    const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    const res = await post(overdue(1), FORM);
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && slack.answers.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(slack.answers[0]?.path).toBe('/commands/1');
    expect(slack.answers[0]?.body).toContain('overdue');
    expect(duebot.output()).not.toMatch(/unhandled rejection|TypeError/);
  });

  it('stops cleanly on SIGTERM afterwards', async () => {
    expect(await duebot.stop()).toBe(0);
  });
});
