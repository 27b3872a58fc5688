import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig, maskUrl, SETTINGS_FRAGMENTS, settingsSchema } from '../src/config.ts';
import { wholeNumber } from '../src/settings-input.ts';

describe('settings', () => {
  it('runs with no settings at all: embedded database, demo ledger, system time zone', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.dataDir).toBe('./.duebot');
    expect(result.config.ledger.url).toBeUndefined();
    expect(result.config.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(result.config.sync.intervalMinutes).toBe(15);
  });

  it('treats empty variables as unset', () => {
    const result = loadConfig({ DATABASE_URL: '', DUEBOT_TODAY: '' });
    expect(result.ok).toBe(true);
  });

  it('lists a bad cron among the other problems, not only when it is the last one left', () => {
    const result = loadConfig({ DUEBOT_TIMEZONE: 'Mars/Olympus', DUEBOT_DIGEST_CRON: 'every morning' });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^DUEBOT_TIMEZONE: found "Mars\/Olympus"/),
      expect.stringMatching(/^DUEBOT_DIGEST_CRON: found "every morning", expected a cron expression/),
    ]);
  });

  it('reports every problem on its own line, naming the variable, what was found and what is expected', () => {
    const result = loadConfig({
      DATABASE_URL: 'mysql://nope',
      DUEBOT_TIMEZONE: 'Mars/Olympus',
      DUEBOT_TODAY: '2026-02-30',
      SYNC_INTERVAL_MINUTES: 'often',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(5);
    expect(result.problems).toContain(
      'DATABASE_URL: found "mysql://nope", expected a postgres:// or postgresql:// URL',
    );
    expect(result.problems.find((p) => p.startsWith('DUEBOT_TIMEZONE:'))).toMatch(
      /"Mars\/Olympus".*IANA time zone/,
    );
    expect(result.problems.find((p) => p.startsWith('DUEBOT_TODAY:'))).toMatch(/"2026-02-30".*YYYY-MM-DD/);
    expect(result.problems.find((p) => p.startsWith('SYNC_INTERVAL_MINUTES:'))).toMatch(
      /"often".*whole number/,
    );
    expect(result.problems.find((p) => p.startsWith('LOG_LEVEL:'))).toMatch(/"loud"/);
  });

  it('states the allowed range when a number is whole but out of range', () => {
    const result = loadConfig({ SYNC_BATCH_SIZE: '0', DUEBOT_PAGE_SIZE: '99', SYNC_INTERVAL_MINUTES: '-5' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'SYNC_BATCH_SIZE: found "0", expected 1 to 50,000 rows',
        'DUEBOT_PAGE_SIZE: found "99", expected 1 to 40 accounts a page',
        'SYNC_INTERVAL_MINUTES: found "-5", expected a whole number, 0 or more',
      ]),
    );
  });

  it('asks for a mapping file when a ledger URL is set', () => {
    const result = loadConfig({ LEDGER_URL: 'mariadb://root@db/erp' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatch(
      /^LEDGER_MAPPING: found nothing, expected the path of a mapping SQL file/,
    );
  });

  it('accepts Postgres, MySQL and MariaDB ledgers', () => {
    for (const url of ['postgres://u@h/db', 'postgresql://u@h/db', 'mysql://u@h/db', 'mariadb://u@h/db']) {
      expect(loadConfig({ LEDGER_URL: url, LEDGER_MAPPING: 'm.sql' }).ok).toBe(true);
    }
  });

  it('masks passwords in URLs', () => {
    expect(maskUrl('postgres://ann:s3cret@db:5432/ar')).toBe('postgres://ann:****@db:5432/ar');
    expect(maskUrl('postgres://db/ar')).toBe('postgres://db/ar');
  });
});

describe("settings composed of the modules' fragments", () => {
  it('reports the problems of several fragments together: bad values first, then combinations', () => {
    const result = loadConfig({
      SYNC_BATCH_SIZE: '0', // ledger: a bad value
      LETTER_LINK_DAYS: '400', // letters: a bad value
      SLACK_BOT_TOKEN: 'xoxb-1', // slack: fine alone, but needs a signing secret or an app token
      MicrosoftAppId: '00000000-0000-4000-8000-000000000000', // teams: needs a password and a tenant
      DUEBOT_DIGEST_TOP: 'ten', // jobs: a bad value
    });
    expect(result.ok ? [] : result.problems).toEqual([
      'SYNC_BATCH_SIZE: found "0", expected 1 to 50,000 rows',
      'LETTER_LINK_DAYS: found "400", expected 1 to 365 days',
      'DUEBOT_DIGEST_TOP: found "ten", expected a whole number',
      expect.stringMatching(/^SLACK_SIGNING_SECRET: found nothing, expected the signing secret/),
      expect.stringMatching(/^MicrosoftAppPassword: found nothing/),
      expect.stringMatching(/^MicrosoftAppTenantId: found nothing/),
    ]);
  });

  it('reports a combination that does not fit although another fragment has a bad value', () => {
    const result = loadConfig({ DUEBOT_TIMEZONE: 'Mars/Olympus', SMTP_URL: 'smtp://mail.example:587' });
    expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0])).toEqual([
      'DUEBOT_TIMEZONE',
      'LETTER_FROM',
      'LETTER_COMPANY_NAME',
    ]);
  });

  it('leaves no fragment to shadow another: every variable belongs to exactly one', () => {
    const names = SETTINGS_FRAGMENTS.flatMap((fragment) => Object.keys(fragment.schema.shape));
    expect(SETTINGS_FRAGMENTS.filter((fragment) => Object.keys(fragment.schema.shape).length === 0)).toEqual(
      [],
    );
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(settingsSchema.shape)).toEqual(names);
  });

  it('names every variable in the README settings table, and nothing else there', async () => {
    const readme = await readFile('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| variable | default | meaning |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = rows.flatMap((row) =>
      [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]),
    );
    expect(documented.sort()).toEqual(Object.keys(settingsSchema.shape).sort());
  });

  it('never echoes a secret of any fragment, only that a value was found', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'hunter2-not-a-token',
      SLACK_SIGNING_SECRET: 'hunter2-secret',
      DUEBOT_LINK_SECRET: 'hunter2',
    });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: found a value, expected the bot token/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: found a value, expected the signing secret/),
      'DUEBOT_LINK_SECRET: found a value, expected a random secret of at least 32 characters',
    ]);
  });
});

describe('the one whole-number reader', () => {
  const pages = wholeNumber({ min: 1, max: 40, range: 'expected 1 to 40 accounts a page', fallback: 10 });
  const minutes = wholeNumber({ min: 0, whole: 'expected a whole number of minutes' });

  it('takes whole numbers in range, and an empty or missing value as unset', () => {
    expect([pages.parse('25'), pages.parse(''), pages.parse(undefined)]).toEqual([25, 10, 10]);
    expect([minutes.parse('0'), minutes.parse(''), minutes.parse(undefined)]).toEqual([
      0,
      undefined,
      undefined,
    ]);
  });

  it('says what it expected of a fraction, a word and a number out of range', () => {
    const message = (schema: typeof pages | typeof minutes, value: string) =>
      schema.safeParse(value).error?.issues.map((issue) => issue.message);
    expect(message(pages, '2.5')).toEqual(['expected a whole number']);
    expect(message(pages, 'many')).toEqual(['expected a whole number']);
    expect(message(pages, '41')).toEqual(['expected 1 to 40 accounts a page']);
    expect(message(minutes, '-1')).toEqual(['expected a whole number, 0 or more']);
    expect(message(minutes, 'soon')).toEqual(['expected a whole number of minutes']);
  });
});
