import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShellChatOut } from '../../adapters/shell/chat-out.ts';
import { runShell } from '../../adapters/shell/shell.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { notice } from '../../src/views/notices.ts';
import { openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';

/** Resolves once `check` holds (the shell and the posts run on the event loop beside the test). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('scheduled posts printed on the shell’s terminal', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
    dir = await mkdtemp(join(tmpdir(), 'duebot-files-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('waits until the command under way has answered, then prints above a redrawn prompt', async () => {
    const { accountId } = await seedAccount(db.knex, {
      name: 'Tiny Tools',
      items: [{ dueDate: '2026-11-01', totalMinor: 5_000 }],
    });
    await assessSeeded(db.knex);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (chunk) => {
      out += chunk;
    });
    const shell = runShell({
      ctx: {
        db: db.knex,
        clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
        policy: defaultPolicy,
        pageSize: 10,
      },
      input,
      output,
      color: false,
      interactive: true,
      user: { platform: 'shell', id: 'ann', name: 'Ann' },
      width: 200,
    });
    const posts = createShellChatOut({ db: db.knex, output, filesDir: dir, color: false });
    const alerts = { kind: 'channel', role: 'alerts' } as const;

    // The clerk is in the middle of the log form when a post comes: it waits for the form to end.
    input.write(`log #${accountId}\n`);
    await until(() => out.includes('> '));
    await posts.post(alerts, notice('Receivables up 23% in a month'), { key: 'jump' });
    expect(out).not.toContain('Receivables up');
    input.write(['call', 'no answer', 'rang twice', '', '', '', '', ''].join('\n') + '\n');
    await until(() => out.includes('Receivables up'));
    const answer = out.indexOf('Ann logged a call with Tiny Tools');
    const post = out.indexOf('── #alerts ──');
    expect(answer).toBeGreaterThan(0);
    expect(post).toBeGreaterThan(answer);
    await until(() => out.endsWith('Ann> '));

    // At the prompt: printed at once, the prompt line cleared first and drawn again after it.
    const before = out.length;
    await posts.post(alerts, notice('A new crossing'), { key: 'crossing' });
    expect(out.slice(before)).toBe('\r\x1b[2K\n── #alerts ──\nA new crossing\nAnn> ');
    input.end();
    await shell;
  });
});
