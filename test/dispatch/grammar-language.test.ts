import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { decodeRef, encodeRef } from '../../src/views/action-ref.ts';
import type { AccountRowBlock, Message, User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';

const message = (reply: Reply): Message => {
  if (!('message' in reply)) throw new Error(`expected a message, got ${reply.kind}`);
  return reply.message;
};
const texts = (reply: Reply) =>
  message(reply)
    .blocks.map((b) => ('text' in b ? b.text : ''))
    .join('\n');
const rows = (m: Message) => m.blocks.filter((b): b is AccountRowBlock => b.type === 'accountRow');

/** Issue 20, item 3: `/overdue` help and errors in the reader's language, Chinese filters in the list. */
describe.each(backends())('the /overdue grammar in the reader’s language on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  const tai: User = { platform: 'slack', id: 'UTAI', name: 'Tai', locale: 'zh-TW' };
  const lin: User = { platform: 'teams', id: 'lin', name: 'Lin', locale: 'zh-CN' };
  const ann: User = { platform: 'shell', id: 'ann', name: 'Ann', locale: 'en_GB.UTF-8' };
  const say = (user: User, text: string) =>
    dispatch(ctx, { kind: 'command', text, user, platform: user.platform });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 2,
      language: { locale: 'en', channels: {}, largeUnits: false },
    };
    for (const seed of [
      {
        name: 'Northwind Traders Ltd',
        items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
      },
      { name: '苏州纺织有限公司', items: [{ number: 'S-1', dueDate: '2026-09-01', totalMinor: 2_000_000 }] },
      {
        name: '上海华联贸易有限公司',
        items: [{ number: 'H-1', dueDate: '2026-07-01', totalMinor: 1_200_000 }],
      },
    ])
      await seedAccount(db.knex, seed);
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('shows the help in each reader’s language, whichever language the word was typed in', async () => {
    const traditional = message(await say(tai, '幫助'));
    expect(traditional.fallbackText).toBe('/overdue 用法');
    expect(texts(await say(tai, 'help'))).toMatch(/未認領[\s\S]*第2頁[\s\S]*駁回 L/);
    expect(texts(await say(lin, '帮助'))).toMatch(/未认领[\s\S]*第2页[\s\S]*驳回 L/);
    const english = await say(ann, '幫助');
    expect(message(english).fallbackText).toBe('How to use /overdue');
    expect(texts(english)).toMatch(/^Usage: \/overdue \[filters\]/);
    const button = await dispatch(ctx, {
      kind: 'action',
      ref: encodeRef({ v: 1, action: 'help' }),
      user: tai,
    });
    expect(texts(button)).toContain('篩選條件');
  });

  it('names the word it did not understand in the reader’s language, with the help, writing nothing', async () => {
    const before = await db.knex('claims').count({ n: '*' }).first();
    const zhTW = await say(tai, '我的 香蕉');
    expect(zhTW.kind).toBe('ephemeral');
    expect(message(zhTW).fallbackText).toBe('看不懂「香蕉」。');
    expect(texts(zhTW)).toContain('篩選條件');
    expect(message(await say(lin, '我的香蕉')).fallbackText).toBe('没看懂“香蕉”。');
    expect(message(await say(ann, '我的 香蕉')).fallbackText).toBe('I did not understand "香蕉".');
    expect(message(await say(tai, '認領')).fallbackText).toBe('「認領」後面要寫客戶名稱或編號。');
    expect(message(await say(lin, 'unclaimd')).fallbackText).toBe(
      '没看懂“unclaimd”。您是想写“unclaimed”吗？',
    );
    expect(await db.knex('claims').count({ n: '*' }).first()).toEqual(before);
  });

  it('lists the same accounts for Chinese filters as for English ones, and pages them without 第N页 or 发布', async () => {
    const english = await say(ann, '60+ post');
    const chinese = await say(lin, '60天以上发布');
    expect(chinese.kind).toBe('post');
    expect(rows(message(chinese)).map((r) => r.customerName)).toEqual(
      rows(message(english)).map((r) => r.customerName),
    );
    expect(
      rows(message(chinese))
        .map((r) => r.customerName)
        .sort(),
    ).toEqual(['上海华联贸易有限公司', '苏州纺织有限公司']);

    const first = message(await say(tai, '大於1萬 第1頁'));
    expect(rows(first)).toHaveLength(2);
    const pager = first.blocks.find((b) => b.type === 'pager') as { nextRef: string } | undefined;
    const next = decodeRef(pager?.nextRef ?? '');
    expect(next.ok && next.value.query).toBe('大於1萬');
    const second = await dispatch(ctx, { kind: 'action', ref: pager?.nextRef ?? '', user: tai });
    expect(second.kind).toBe('replace');
    expect(rows(message(second))).toHaveLength(1);
  });

  it('opens an account with a Chinese verb written without a space', async () => {
    const card = message(await say(lin, '查看苏州纺织'));
    expect(card.blocks[0]).toEqual({ type: 'header', text: '苏州纺织有限公司' });
  });

  it('opens the same dispute and pause forms for the Chinese verbs as for the English ones', async () => {
    for (const [chinese, english] of [
      ['争议苏州纺织', 'dispute 苏州纺织'],
      ['暫停 苏州纺织', 'pause 苏州纺织'],
    ] as const) {
      const zh = await say(lin, chinese);
      expect(zh.kind).toBe('openForm');
      expect(zh).toEqual(await say(lin, english));
    }
  });

  it('refuses a month it cannot read for credits in the reader’s language, writing nothing', async () => {
    expect(message(await say(lin, '回收业绩 2026-13')).fallbackText).toMatch(/^“2026-13”不是月份；/);
    expect(message(await say(tai, 'credits 十一月')).fallbackText).toMatch(/^「十一月」不是月份；/);
    expect(message(await say(ann, 'credits 2026-11 2026-12')).fallbackText).toBe(
      '"2026-11 2026-12" is not a month. "credits" takes one month as YYYY-MM, or nothing for this month: /overdue credits [2026-11].',
    );
  });
});
