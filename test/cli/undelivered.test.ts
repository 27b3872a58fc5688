import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebot } from '../support/cli.ts';

/**
 * `duebot meeting` (and every job command) when Slack's Web API fails: the run is recorded, the posts stay
 * in the outbox, and the command says so in one line and exits 3 instead of 0. Slack is a real local HTTP
 * server here because the command runs in its own process (nock cannot reach it).
 */
describe('a job command whose posts cannot be delivered', { timeout: 300_000 }, () => {
  let dataDir: string;
  let server: Server;
  const calls: string[] = [];
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-12-01',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
    SLACK_CHANNEL: 'CMEETING',
    SLACK_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      calls.push(req.url ?? '');
      req.resume();
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-undelivered-'));
    const demo = await runDuebot(['demo'], {
      env: { ...env(), SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_CHANNEL: '', SLACK_API_URL: '' },
      timeoutMs: 150_000,
    });
    expect(demo.code).toBe(0);
  }, 200_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says how many posts are still in the outbox and exits 3', async () => {
    const run = await runDuebot(['meeting'], { env: env(), timeoutMs: 200_000 });
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(calls.some((url) => url.startsWith('/api/chat.postMessage'))).toBe(true);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('duebot meeting:'));
    expect(lines).toHaveLength(1);
    const [, waiting, total] =
      /^duebot meeting: (\d+) of (\d+) posts not delivered yet: they stay in the outbox and go out at the next start \(last error: slack: HTTP 500\); see duebot doctor and the log$/.exec(
        lines[0] ?? '',
      ) ?? [];
    expect(Number(total)).toBeGreaterThan(1);
    expect(waiting).toBe(total);
    expect(run.code).toBe(3);
  }, 250_000);
});
