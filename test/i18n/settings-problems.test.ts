/**
 * Issue 20: what is wrong with the settings is said in the company's language, every variable's problem
 * and every combination's, with setting names, values and examples as they are. Drawn in the
 * pseudo-locale, no Latin word of ours is left (placeholders included); drawn in Chinese, no English word
 * of ours at all; in English, each line exactly as the settings have always said it.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, problemText, SETTINGS_FRAGMENTS, type SettingProblem } from '../../src/config.ts';
import type { MessageKey } from '../../src/i18n/messages/en.ts';
import { translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';

const GUID = '2f5c7a4e-3b1d-4c8e-9a6f-0d1e2f3a4b5c';

/** A value for every variable that it cannot take. */
const EVERY_VARIABLE_WRONG: Record<string, string> = {
  DATABASE_URL: 'mysql://x',
  DUEBOT_TIMEZONE: 'Mars/Olympus',
  DUEBOT_TODAY: '2026-02-30',
  DUEBOT_PAGE_SIZE: '99',
  DUEBOT_SHELL_USER: 'ab '.repeat(30),
  DUEBOT_SHELL_ROLE: 'boss',
  PORT: '70000',
  LOG_LEVEL: 'loud',
  LOG_FORMAT: 'xml',
  LEDGER_URL: 'oracle://x',
  LEDGER_PRESET: 'sap',
  LEDGER_PARAMS: 'company="Acme',
  LEDGER_TIME_ZONE: 'Mars',
  LEDGER_LOOKBACK_SECONDS: '-1',
  SYNC_RETRY_SECONDS: '0',
  LEDGER_STALE_AFTER_MINUTES: 'soon',
  SYNC_BATCH_SIZE: '0',
  DUEBOT_INTEREST_PER_DAY: 'lots',
  DUEBOT_MIN_BALANCE: 'RMB=1',
  DUEBOT_BASE_CURRENCY: 'XX',
  DUEBOT_HOLIDAYS: 'xmas',
  DUEBOT_STATUS_UPDATE_DAYS: '99',
  DUEBOT_PROMISE_HORIZON_DAYS: '0',
  SLACK_BOT_TOKEN: 'nope',
  SLACK_SIGNING_SECRET: 'zz',
  SLACK_APP_TOKEN: 'nope',
  SLACK_API_URL: 'ftp://x',
  SLACK_CHANNEL: 'general',
  SLACK_MANAGERS: 'ann',
  TEAMS_ENABLED: 'yes',
  MicrosoftAppId: 'app',
  MicrosoftAppType: 'Other',
  TEAMS_CHANNEL: 'general',
  TEAMS_MANAGERS: 'ann',
  SMTP_URL: 'http://mail',
  LETTER_FROM: 'nobody',
  LETTER_COMPANY_NAME: 'ab '.repeat(70),
  LETTER_STAMP_IMAGE: 'stamp.gif',
  LETTER_PAYMENT_LINK: 'ftp://pay',
  LETTER_DEFAULT_LOCALE: 'fr',
  LETTER_APPROVAL: 'maybe',
  LETTER_EARLY_DISCOUNT: 'some',
  LETTER_UNCERTAIN_AFTER_MINUTES: 'soon',
  DUEBOT_PUBLIC_URL: 'http://duebot.example.com',
  DUEBOT_LINK_SECRET: 'short',
  LETTER_LINK_DAYS: '400',
  DUEBOT_CUSTOMER_TIME_ZONE: 'Mars',
  DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: 'C-1',
  DUEBOT_DIGEST_CRON: 'every morning',
  DUEBOT_DISPUTE_RAISE_DAYS: '0',
  DUEBOT_ALERT_THRESHOLDS: 'RMB=1',
  DUEBOT_ALERT_JUMP_PERCENT: '-5',
  DUEBOT_ESCALATION_MANAGERS: 'Ann',
  DUEBOT_LOCALE: 'fr',
  DUEBOT_CHANNEL_LOCALES: 'C0123',
  DUEBOT_LARGE_UNITS: 'maybe',
};

/** Settings fine alone that do not fit together, every combination problem at least once. */
const COMBINATIONS: Record<string, string>[] = [
  {
    LEDGER_URL: 'postgres://u@h/erp',
    SLACK_SIGNING_SECRET: '0123456789abcdef0123',
    SLACK_APP_TOKEN: 'xapp-1',
    SLACK_MANAGERS: 'U012AB3CD',
    SLACK_VIEWERS: 'U012AB3CD',
    MicrosoftAppPassword: 'pw',
    MicrosoftAppTenantId: 'tenant',
  },
  {
    LEDGER_PRESET: 'odoo',
    LEDGER_MAPPING: 'x.sql',
    SLACK_BOT_TOKEN: 'xoxb-1',
    MicrosoftAppId: GUID,
    TEAMS_MANAGERS: GUID,
    TEAMS_VIEWERS: GUID,
    SMTP_URL: 'smtp://mail.example:587',
    DUEBOT_PUBLIC_URL: 'https://duebot.example.com',
  },
  { LEDGER_PRESET: 'odoo' },
  { LEDGER_PRESET: 'odoo', LEDGER_URL: 'mysql://u@h/erp' },
];

const COMBINATION_KEYS: MessageKey[] = [
  'settings.mapping.needed',
  'settings.slack.botTokenNeeded',
  'settings.bothRoles',
  'settings.teams.appIdNeeded',
  'settings.preset.withMapping',
  'settings.slack.signingSecretNeeded',
  'settings.teams.passwordNeeded',
  'settings.teams.tenantNeeded',
  'settings.letterFromNeeded',
  'settings.companyNameNeeded',
  'settings.linkSecretNeeded',
  'settings.preset.needsUrl',
  'settings.preset.engine',
];

/** The examples the messages give, written as the operator types them in every language. */
const EXAMPLES = [
  'Europe/Berlin Asia/Shanghai America/New_York UTC YYYY postgres postgresql mysql mariadb',
  'odoo erpnext dolibarr idempiere Odoo PostgreSQL MySQL MariaDB company_id "Acme Co., Ltd." watermark',
  'xoxb xapp https://slack.com/api/ smtp smtps user pass mail PNG JPEG localhost duebot.example.com',
  'openssl rand base64 bp after-sync Ann Mia Bob Max zh-CN zh-TW SingleTenant MultiTenant thread tacv2',
  'abc Name address Acme ar@acme.example Your Company Ltd collector manager sales viewer fatal error warn',
  'info debug trace silent json pretty on off README Connecting your accounting database',
  'TEAMS_ENABLED=1 CNY USD EUR America/Chicago',
];

/** Names of standards and products, and Slack's and Microsoft's own page names, as the Chinese write them. */
const NAMES = [
  'IANA URL ISO SQL HTTP http https cron Slack OAuth Permissions Basic Information Socket Mode',
  'Microsoft Entra GUID GUIDs Azure Teams duebot',
];

/** Every problem of every bad setting and combination above. */
function everyProblem(): { said: SettingProblem[]; english: string[] } {
  const said: SettingProblem[] = [];
  const english: string[] = [];
  for (const env of [EVERY_VARIABLE_WRONG, ...COMBINATIONS]) {
    const result = loadConfig(env);
    if (result.ok) throw new Error('expected problems');
    said.push(...result.said);
    english.push(...result.problems);
  }
  return { said, english };
}

const data = () => [
  ...SETTINGS_FRAGMENTS.flatMap(({ schema }) => Object.keys(schema.shape)),
  ...[EVERY_VARIABLE_WRONG, ...COMBINATIONS].flatMap((env) => Object.values(env)),
  ...EXAMPLES,
];

function englishIn(text: string, words: string[]): string[] {
  const allowed = new Set(words.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  return [...new Set((text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w.toLowerCase())))];
}

describe('what is wrong with the settings, in the company’s language', () => {
  it('names every variable that does not parse, each in words of its own', () => {
    const result = loadConfig(EVERY_VARIABLE_WRONG);
    expect(result.ok).toBe(false);
    const said = result.ok ? [] : result.said;
    const variables = new Set(said.map((p) => p.variable));
    expect([...variables].sort()).toEqual(Object.keys(EVERY_VARIABLE_WRONG).sort());
    // zod's own words never reach a person: every problem has a catalog message of ours.
    expect(said.filter((p) => p.says.key === 'settings.invalid')).toEqual([]);
    // A secret is never echoed, in any language.
    for (const t of [translator('zh-CN'), translator('zh-TW'), pseudoT()]) {
      const text = said.map((p) => problemText(p, t)).join('\n');
      expect(text).not.toContain('nope');
      expect(text).not.toContain('short');
    }
  });

  it('reports every combination that does not fit', () => {
    const keys = new Set(everyProblem().said.map((p) => p.says.key));
    expect(COMBINATION_KEYS.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('says each problem in English as it always has, the variable first', () => {
    const { said, english } = everyProblem();
    expect(said.map((p) => problemText(p))).toEqual(english);
    expect(said.map((p) => problemText(p, translator('en')))).toEqual(english);
    for (const [i, line] of english.entries()) expect(line.startsWith(`${said[i]?.variable}: `)).toBe(true);
  });

  it('leaves no English of ours in Chinese, and no Latin word of ours in the pseudo-locale', () => {
    const { said } = everyProblem();
    const words = data();
    for (const t of [translator('zh-CN'), translator('zh-TW')]) {
      const text = said.map((p) => problemText(p, t)).join('\n');
      expect(englishIn(text, [...words, ...NAMES]), `${t.locale}:\n${text}`).toEqual([]);
      for (const p of said) expect(problemText(p, t).startsWith(`${p.variable}：`)).toBe(true);
    }
    const pseudo = said.map((p) => problemText(p, pseudoT())).join('\n');
    expect(strayEnglish(notice(pseudo), words, { placeholders: true })).toEqual([]);
  });

  it('says a few of them word for word in simplified and traditional Chinese', () => {
    const line = (locale: 'zh-CN' | 'zh-TW', env: Record<string, string>) => {
      const result = loadConfig(env);
      return result.ok ? [] : result.said.map((p) => problemText(p, translator(locale)));
    };
    expect(line('zh-CN', { SYNC_BATCH_SIZE: '0' })).toEqual([
      'SYNC_BATCH_SIZE：得到的是"0"，应为 1 到 50,000 行',
    ]);
    expect(line('zh-TW', { LETTER_LINK_DAYS: 'soon' })).toEqual([
      'LETTER_LINK_DAYS：得到的是"soon"，應為天數',
    ]);
    expect(line('zh-TW', { SLACK_SIGNING_SECRET: '0123456789abcdef0123' })).toEqual([
      'SLACK_BOT_TOKEN：未設定；因為已設定 SLACK_SIGNING_SECRET，應設定機器人權杖（xoxb-...）；請一併設定它，或取消這些設定以在沒有 Slack 的情況下執行',
    ]);
    expect(line('zh-CN', { LOG_LEVEL: 'loud' })).toEqual([
      'LOG_LEVEL：得到的是"loud"，应为以下之一：fatal, error, warn, info, debug, trace, silent',
    ]);
  });
});
