import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/duebot.js', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('duebot start with TEAMS_ENABLED=1 and no app id', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    'serves Teams in local mode on PORT, says so at start-up, and stops on SIGTERM',
    { timeout: 180_000 },
    async () => {
      dir = await mkdtemp(join(tmpdir(), 'duebot-teams-start-'));
      const port = await freePort();
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
      Object.assign(env, {
        TEAMS_ENABLED: '1',
        PORT: String(port),
        DUEBOT_DATA_DIR: dir,
        LOG_FORMAT: 'json',
        DUEBOT_TODAY: '2026-11-22',
        DUEBOT_TIMEZONE: 'Asia/Shanghai',
      });
      for (const k of ['DATABASE_URL', 'LEDGER_URL', 'SLACK_BOT_TOKEN', 'MicrosoftAppId']) delete env[k];
      const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      const listening = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
          if (stderr.includes('Teams listening on port')) resolve();
        });
        child.on('close', (code) => reject(new Error(`duebot exited with ${code}:\n${stderr}`)));
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      try {
        await listening;
        expect(stderr).toContain('Teams in local mode');
        expect(stderr).toContain('loopback addresses only');
        const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: 'm1',
            text: 'overdue 90+',
            channelId: 'emulator',
            serviceUrl: 'http://127.0.0.1:1/',
            deliveryMode: 'expectReplies',
            from: { id: 'u1', name: 'Ann' },
            recipient: { id: 'b1', name: 'duebot' },
            conversation: { id: 'c1' },
          }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as { activities: { attachments: unknown[] }[] };
        expect(JSON.stringify(body.activities[0]?.attachments)).toContain('Overdue accounts on 2026-11-22');
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    },
  );
});
