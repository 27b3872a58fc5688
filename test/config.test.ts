import { describe, expect, it } from 'vitest';
import { loadConfig, maskUrl } from '../src/config.ts';

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
