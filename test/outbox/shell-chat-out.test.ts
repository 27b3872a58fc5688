import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShellChatOut } from '../../adapters/shell/chat-out.ts';
import { printPosts } from '../../adapters/shell/posts.ts';
import type { Database } from '../../src/db.ts';
import { leftOverLine } from '../../src/cli/jobs.ts';
import { translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';
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

  it('says what a dry run would post in the company’s language, every word of ours from the catalogs', async () => {
    const { accountId } = await seedAccount(db.knex, { name: '苏州精密机械有限公司', items: [] });
    const posts = [
      { key: 'digest:2026-12-07', to: { kind: 'channel', role: 'digest' }, message: notice('摘要') },
      {
        key: 'esc:1',
        to: { kind: 'account', accountId },
        threadKey: 'acct:1',
        message: {
          ...notice('升级'),
          files: [{ filename: 'aging.png', mimeType: 'image/png', data: new Uint8Array(12_345) }],
        },
      },
      { key: 'esc:2', to: { kind: 'user', userId: 987_654 }, message: notice('私信') },
    ] satisfies Parameters<typeof printPosts>[1];
    const print = async (t = translator('zh-TW'), why?: string, list = posts) => {
      const output = new PassThrough();
      let text = '';
      output.on('data', (c) => {
        text += c;
      });
      await printPosts(db.knex, list, output, why, t);
      return text;
    };
    expect(await print()).toBe(
      '── digest:2026-12-07 → 晨報頻道 ──\n摘要\n\n' +
        '── esc:1 → 苏州精密机械有限公司 的帳戶討論串，在 acct:1 的討論串中 ──\n升级\n[檔案：aging.png，12,345 位元組]\n\n' +
        '── esc:2 → 私訊給使用者 #987654 ──\n私信\n\n',
    );
    expect(await print(translator('zh-CN'), '信用会议已于今天 10:00 发布', [])).toBe(
      '现在不会发布任何内容：信用会议已于今天 10:00 发布。\n',
    );
    // In the pseudo-locale, nothing of ours is left: only the post keys and the file's name are data.
    const pseudo = (await print(pseudoT())) + (await print(pseudoT(), undefined, []));
    expect(strayEnglish(notice(pseudo), ['digest esc acct aging.png'], { placeholders: true })).toEqual([]);
  });

  it('says what a job command left undelivered in the company’s language', () => {
    const left = { total: 5, waiting: 2, failed: 1, lastError: 'slack: HTTP 500' };
    expect(leftOverLine(left, translator('zh-CN'))).toBe(
      '5 条消息中有 2 条尚未送达：它们留在发件箱中，下次启动时发出；5 条消息中有 1 条无法送达（最后的错误：slack: HTTP 500）；请查看 duebot doctor 和日志',
    );
    expect(leftOverLine({ ...left, waiting: 0, lastError: null })).toBe(
      '1 of 5 posts could not be delivered; see duebot doctor and the log',
    );
    expect(leftOverLine({ ...left, waiting: 0, failed: 0 }, translator('zh-TW'))).toBeNull();
    expect(
      strayEnglish(notice(leftOverLine({ ...left, lastError: null }, pseudoT()) ?? ''), ['duebot doctor'], {
        placeholders: true,
      }),
    ).toEqual([]);
  });
});
