import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { readerLocale } from '../../src/i18n/reader.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));

/** Issue 20: who reads which language, and a person's own choice of it. */
describe.each(backends())('/overdue language on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  const tai: User = { platform: 'slack', id: 'UTAI', name: 'Tai', locale: 'zh-TW' };
  const ann: User = { platform: 'teams', id: 'ann', name: 'Ann', locale: 'fr-FR' };
  const say = (user: User, words: string) =>
    dispatch(ctx, { kind: 'command', text: words, user, platform: user.platform });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-12-07T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
      language: { locale: 'zh-CN', channels: {}, largeUnits: false },
    };
  });
  afterAll(async () => {
    await db?.close();
  });

  it("follows the platform's language, else the company's, and says which", async () => {
    expect(text(await say(tai, 'language'))).toMatch(/繁體中文.*跟隨您的 Slack 語言/);
    expect(await readerLocale(db.knex, ann, ctx.language)).toEqual({ locale: 'zh-CN', source: 'default' });
    expect(text(await say(ann, '语言'))).toMatch(/简体中文.*公司的默认语言/);
  });

  it("keeps a person's own choice over the platform's, until auto", async () => {
    expect(text(await say(tai, 'language en'))).toBe('From now on duebot answers you in English.');
    expect(await readerLocale(db.knex, tai, ctx.language)).toEqual({ locale: 'en', source: 'own' });
    expect(text(await say(tai, '語言'))).toMatch(/English: your own choice/);
    expect(text(await say(tai, 'language auto'))).toMatch(/重新跟隨您的 Slack 語言：繁體中文/);
    expect(await readerLocale(db.knex, tai, ctx.language)).toEqual({ locale: 'zh-TW', source: 'platform' });
  });

  it('refuses a language it does not speak, in the reader’s language, changing nothing', async () => {
    const before = await db.knex('users').select('platform_user_id', 'locale').orderBy('id');
    expect(text(await say(tai, 'language fr'))).toMatch(/「fr」不是 duebot 支援的語言/);
    expect(text(await say(tai, `language ${'x'.repeat(5000)}`))).toMatch(/不是 duebot 支援的語言/);
    // Parse errors are said in the reader's language too (zh-TW here).
    expect(text(await say(tai, "language '; drop table users; --"))).toMatch(/只能指定一種語言/);
    expect(await db.knex('users').select('platform_user_id', 'locale').orderBy('id')).toEqual(before);
  });

  it('refuses a locale the database does not know, whoever writes it', async () => {
    await expect(
      db.knex('users').where({ platform_user_id: 'UTAI' }).update({ locale: 'fr' }),
    ).rejects.toThrow(/users_locale_known/);
  });
});
