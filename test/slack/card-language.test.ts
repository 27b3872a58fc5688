/**
 * Issue 20 through the real Slack app: a person whose Slack is in traditional Chinese (users.info with
 * include_locale) reads their private answers in traditional characters, while a card shared in a
 * channel is redrawn in the channel's language (DUEBOT_CHANNEL_LOCALES, else the company's).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { type Harness, startHarness } from './support/harness.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { slackProblems } from './support/limits-check.ts';

type Json = Record<string, unknown>;
const flat = (value: unknown) => JSON.stringify(value);
const HAN = /\p{Script=Han}/u;

/** English for the company and CWORK; simplified Chinese in CHUA. */
const language: LanguageConfig = { locale: 'en', channels: { CHUA: 'zh-CN' }, largeUnits: false };

describe.each(backends())('card languages on Slack on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let north = 0;
  let dual = 0;

  const version = async (accountId: number) =>
    Number((await db.knex('account_state').where({ customer_id: accountId }).first('version'))?.version ?? 0);
  const claimRef = async (accountId: number) =>
    encodeRef({ v: 1, action: 'claim', accountId, stateVersion: await version(accountId) });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ north, dual } = await seedSlackAccounts(db));
    slack = await startHarness(db, 10, { ctx: { language } });
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });
  beforeEach(() => slack.reset());

  it('shows the card privately in traditional Chinese to a person whose Slack is zh-TW', async () => {
    await slack.slash('show Northwind', 'UTAI');
    const body = slack.responses.at(-1)?.body as Json;
    expect(body.response_type).toBe('ephemeral');
    const text = flat(body.blocks);
    expect(text).toContain('Northwind Traders Ltd');
    expect(text).toContain('認領'); // the Claim button, traditional
    expect(text).toContain('逾期天數');
    expect(text).not.toContain('认领');
    expect(text).not.toContain('"Claim"');
    expect(slackProblems('message', body)).toEqual([]);
    expect(String(slack.calls('users.info').find((a) => a.user === 'UTAI')?.include_locale)).toBe('true');
  });

  it('redraws a card shared in an English channel in English when she clicks it, and tells her privately in her own language', async () => {
    const ref = await claimRef(north);
    await slack.click(ref, 'UTAI');
    const redrawn = slack.responses[0]?.body as Json;
    expect(redrawn.replace_original).toBe(true);
    expect(flat(redrawn.blocks)).toContain('claimed by Tai');
    expect(flat(redrawn.blocks)).toContain('Log call');
    expect(flat(redrawn.blocks)).not.toMatch(HAN);
    expect(String(redrawn.text)).not.toMatch(HAN);

    slack.reset();
    await slack.click(ref, 'UTAI'); // the same old card again: nothing changes
    const [everyone, her] = slack.responses.map((r) => r.body as Json);
    expect(flat(everyone?.blocks)).toContain('claimed by Tai');
    expect(flat(everyone?.blocks)).not.toMatch(HAN);
    expect(her).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(flat(her?.blocks)).toContain('這張卡片已過時');
  });

  it('redraws a card shared in a Chinese channel in simplified Chinese when an English reader clicks it', async () => {
    await slack.click(await claimRef(dual), 'UANN', { channel: 'CHUA' });
    const redrawn = slack.responses[0]?.body as Json;
    expect(redrawn.replace_original).toBe(true);
    expect(flat(redrawn.blocks)).toContain('由 Ann 认领');
    expect(flat(redrawn.blocks)).not.toContain('claimed by');
    expect(slackProblems('message', redrawn)).toEqual([]);
    // Her own answers stay hers: the history, privately, in traditional characters.
    slack.reset();
    await slack.click(encodeRef({ v: 1, action: 'history', accountId: dual }), 'UTAI', { channel: 'CHUA' });
    expect(flat(slack.responses.at(-1)?.body)).toContain('歷史紀錄');
  });
});
