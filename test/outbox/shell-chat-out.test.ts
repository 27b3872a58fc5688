import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShellChatOut } from '../../adapters/shell/chat-out.ts';
import { printPosts } from '../../adapters/shell/posts.ts';
import type { Database } from '../../src/db.ts';
import { notice } from '../../src/views/notices.ts';
import { openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

describe('scheduled posts on the terminal', () => {
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

  it('prints a post with where it goes, saves its files and prints their paths', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => {
      text += c;
    });
    const out = createShellChatOut({ db: db.knex, output, filesDir: dir, color: false });
    const ann = await seedStaff(db.knex, 'Ann');
    expect(await out.canDeliver({ kind: 'user', userId: ann.userId })).toBe(true);
    expect(await out.canDeliver({ kind: 'user', userId: 999_999 })).toBe(false);
    const data = new Uint8Array([137, 80, 78, 71]);
    const ref = await out.post(
      { kind: 'channel', role: 'meeting' },
      { ...notice('*Aging* chart'), files: [{ filename: 'aging.png', mimeType: 'image/png', data }] },
      { key: 'k1' },
    );
    await out.post({ kind: 'user', userId: ann.userId }, notice('yours'), { key: 'k2' });
    expect(text).toContain('── #meeting ──\nAging chart');
    expect(text).toContain(`[file saved: ${join(dir, 'aging.png')}]`);
    expect(text).toContain('── @Ann (private) ──\nyours');
    expect(new Uint8Array(await readFile(join(dir, 'aging.png')))).toEqual(data);
    expect(await out.find({ kind: 'channel', role: 'meeting' }, 'k1', new Date(0))).toEqual(ref);
  });

  it('names the account thread a dry run would post in (PB-14)', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => {
      text += c;
    });
    const { accountId } = await seedAccount(db.knex, { name: 'Dry Run Ltd', items: [] });
    await printPosts(
      db.knex,
      [
        { key: 'esc:1', to: { kind: 'account', accountId }, message: notice('Escalated') },
        { key: 'esc:2', to: { kind: 'account', accountId: 987_654 }, message: notice('Escalated') },
      ],
      output,
    );
    expect(text).toBe(
      '── esc:1 → the account thread of Dry Run Ltd ──\nEscalated\n\n── esc:2 → the account thread of account #987654 ──\nEscalated\n\n',
    );
  });

  it('prints what a dry run would post, or says there is nothing', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => {
      text += c;
    });
    await printPosts(db.knex, [], output);
    await printPosts(
      db.knex,
      [
        {
          key: 'digest:2026-12-07',
          to: { kind: 'channel', role: 'digest' },
          message: notice('Overdue digest'),
        },
      ],
      output,
    );
    expect(text).toBe(
      'Nothing would be posted now.\n── digest:2026-12-07 → the digest channel ──\nOverdue digest\n\n',
    );
  });
});
