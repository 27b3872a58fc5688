/**
 * Issue 20: the account forms through the one dispatcher in each reader's language. A person whose Slack
 * locale is zh-TW gets the dispute form, its field messages and refusals in traditional characters, while
 * what the account's thread hears is in the language of the channel the form was shared in; a manager's
 * private answers (terms, roles, credits) follow their own language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/interaction.ts';
import type { Database } from '../../src/db.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const tai: User = { platform: 'slack', id: 'UTAI', name: 'Tai', locale: 'zh-TW' };
const lin: User = { platform: 'slack', id: 'lin', name: 'Lin', locale: 'zh-CN' };
const vic: User = { platform: 'slack', id: 'vic', name: 'Vic', locale: 'zh-TW' };
const text = (reply: Reply) => ('message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply));

describe.each(backends())('the account forms in the reader’s language on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let accountId = 0;
  const invoice = `T-${Date.now().toString(36)}`;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
      language: { locale: 'en', channels: { CZH: 'zh-CN' }, largeUnits: false },
    };
    await seedStaff(db.knex, 'Vic', 'viewer', 'slack');
    await seedStaff(db.knex, 'Lin', 'manager', 'slack');
    ({ accountId } = await seedAccount(db.knex, {
      name: '台北興業股份有限公司',
      items: [{ number: invoice, dueDate: '2026-09-01', totalMinor: 2_000_00 }],
    }));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('opens the dispute form, says its field messages in traditional characters, and tells the channel in its own language', async () => {
    const opened = await dispatch(ctx, {
      kind: 'action',
      ref: encodeRef({ v: 1, action: 'dispute', accountId }),
      user: tai,
    });
    if (opened.kind !== 'openForm') throw new Error(`expected a form, got ${opened.kind}`);
    expect(opened.form.title).toBe('提出爭議：台北興業股份有限公司');
    expect(opened.form.fields.map((f) => f.label)).toEqual(['爭議發票', '客戶爭議的內容', '售後聯絡人']);

    const ref = encodeRef({ v: 1, action: 'dispute', accountId });
    const bad = await dispatch(ctx, {
      kind: 'submit',
      ref,
      user: tai,
      values: { invoices: 'NOPE-1', reason: '', contact: '' },
    });
    expect(bad).toEqual({
      kind: 'formErrors',
      errors: { reason: '請說明客戶爭議的內容', invoices: '不是本帳戶的發票：NOPE-1' },
    });
    expect(await db.knex('disputes').where({ customer_id: accountId })).toEqual([]);

    const good = await dispatch(ctx, {
      kind: 'submit',
      ref,
      user: tai,
      values: { invoices: invoice, reason: '貨物短少', contact: '' },
      channel: 'CZH',
    });
    expect(good.kind).toBe('thread');
    // The thread is the channel's (simplified), not the reader's (traditional).
    expect(text(good)).toMatch(
      new RegExp(`^Tai 就 ${invoice} 与 台北興業股份有限公司 提出了争议 #\\d+：貨物短少\n`),
    );
    expect(text(good)).toContain('其余部分照常催收（PB-21）');
  });

  it('takes 自動 / 自动 for auto: the person follows their platform’s language again', async () => {
    const say = (user: User, words: string) =>
      dispatch(ctx, { kind: 'command', text: words, user, platform: 'slack' });
    expect(text(await say(tai, 'language en'))).toBe('From now on duebot answers you in English.');
    expect(text(await say(tai, '語言 自動'))).toBe('duebot 重新跟隨您的 Slack 語言：繁體中文。');
    expect(text(await say(tai, 'language 自动'))).toBe('duebot 重新跟隨您的 Slack 語言：繁體中文。');
  });

  it('refuses a viewer in their language, naming the role and how to get it, writing nothing', async () => {
    const refused = await dispatch(ctx, {
      kind: 'action',
      ref: encodeRef({ v: 1, action: 'pause', accountId }),
      user: vic,
    });
    expect(text(refused)).toBe(
      '暫停催收需要催收員或經理角色；您目前是唯讀使用者。經理可以為您設定角色：/overdue role @Vic collector',
    );
  });

  it('answers a manager’s terms, role and credit questions in simplified characters', async () => {
    const terms = await dispatch(ctx, {
      kind: 'submit',
      ref: encodeRef({ v: 1, action: 'terms', accountId }),
      user: lin,
      values: { keyAccountExempt: '是', habitualLatePayer: 'maybe', interestRate: '', reason: '' },
    });
    expect(terms).toEqual({
      kind: 'formErrors',
      errors: { habitualLatePayer: '请选择是或否', reason: '请说明原因（记入历史）' },
    });
    const say = (words: string) =>
      dispatch(ctx, { kind: 'command', text: words, user: lin, platform: 'slack' });
    expect(text(await say('role @Vic'))).toBe('Vic是只读用户（首次使用时的默认角色）。');
    expect(text(await say('credits 2026-10'))).toBe('2026-10 无回款');
  });

  it('posts a form’s record in the account thread’s language: the default thread channel’s, not the clicker’s', async () => {
    const pauseRef = encodeRef({ v: 1, action: 'pause', accountId });
    const unpauseRef = encodeRef({ v: 1, action: 'unpause', accountId });
    const values = { until: '2026-12-20', reason: '盘点', invoices: '' };
    // Submitted from a modal (no channel): the thread goes to SLACK_CHANNEL, whose language is zh-TW.
    const threaded = { ...ctx, threadChannels: { slack: 'CTW' } };
    threaded.language = { locale: 'en', channels: { CZH: 'zh-CN', CTW: 'zh-TW' }, largeUnits: false };
    const paused = await dispatch(threaded, { kind: 'submit', ref: pauseRef, user: lin, values });
    expect(paused.kind).toBe('thread');
    expect(text(paused)).toMatch(/^Lin 暫停催收整個帳戶至 2026-12-20/);
    expect('message' in paused && paused.message.locale).toBe('zh-TW');
    // No default channel known: the company's language (English), still not Lin's simplified Chinese.
    const lifted = await dispatch(ctx, { kind: 'action', ref: unpauseRef, user: lin });
    expect(text(lifted)).toBe('Lin un-paused chasing; it resumes today.');
    expect('message' in lifted && lifted.message.locale).toBe('en');
  });
});
