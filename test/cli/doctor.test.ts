import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/config.ts';
import { describeSettings, explainConnectionError } from '../../src/doctor.ts';
import { runDuebotHere } from '../support/cli.ts';

// Each test runs duebot (in this process), which opens an embedded database: slow on a busy machine, so a wider limit.
describe('duebot doctor', { timeout: 150_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-doctor-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says nothing listens at a bad DATABASE_URL, how to fix it, and masks the password', async () => {
    const { code, stdout } = await runDuebotHere(['doctor'], {
      env: { DATABASE_URL: 'postgres://ann:hunter2@127.0.0.1:1/ar', DUEBOT_DATA_DIR: dataDir },
    });
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/Acquire connection error|\n\s+at /); // no driver stack trace beside the explanation
    expect(stdout).toMatch(/^ {2}DATABASE_URL +postgres:\/\/ann:\*{4}@127\.0\.0\.1:1\/ar$/m);
    expect(stdout).toMatch(
      /FAIL {2}bot database: nothing is listening at 127\.0\.0\.1:1 \(connection refused\)/,
    );
    expect(stdout).toContain('fix: start the database server, or correct the host and port in DATABASE_URL');
    expect(stdout).not.toContain('hunter2');
  });

  it('passes on the embedded defaults', async () => {
    const { code, stdout } = await runDuebotHere(['doctor'], {
      env: { DUEBOT_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    expect(stdout).toMatch(/ok {4}bot database: embedded PGlite/);
    expect(stdout).toMatch(/ok {4}accounting database: not configured: duebot reads its demo ledger/);
    expect(code).toBe(0);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'names a database that does not exist on the real server',
    async () => {
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      url.pathname = '/no_such_duebot_db';
      const { code, stdout } = await runDuebotHere(['doctor'], { env: { DATABASE_URL: url.toString() } });
      expect(code).toBe(1);
      expect(stdout).toContain('database "no_such_duebot_db" does not exist');
      expect(stdout).toContain(
        'fix: create it (e.g. createdb no_such_duebot_db) or correct the database name in DATABASE_URL',
      );
    },
  );

  it('names an unreachable ledger and a missing mapping file', async () => {
    const { code, stdout } = await runDuebotHere(['doctor'], {
      env: {
        DUEBOT_DATA_DIR: dataDir,
        DATABASE_URL: '',
        LEDGER_URL: 'mysql://ro@127.0.0.1:1/erp',
        LEDGER_MAPPING: join(dataDir, 'missing.sql'),
      },
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}LEDGER_MAPPING: ledger mapping file .*missing\.sql does not exist/);
    expect(stdout).toContain('fix: set LEDGER_MAPPING to a readable SQL file');
    expect(stdout).toMatch(/FAIL {2}accounting database: not checked until LEDGER_MAPPING is fixed/);
  });

  it('stops on bad settings with one line per problem and no stack trace', async () => {
    const { code, stderr, stdout } = await runDuebotHere(['doctor'], {
      env: { DUEBOT_TIMEZONE: 'Mars/Olympus', SYNC_BATCH_SIZE: '0' },
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('duebot cannot start: the settings have problems');
    expect(stderr).toMatch(/^ {2}DUEBOT_TIMEZONE: found "Mars\/Olympus", expected an IANA time zone/m);
    expect(stderr).toMatch(/^ {2}SYNC_BATCH_SIZE: found "0"/m);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('connection error explanations', () => {
  it('explains authentication, unknown hosts and timeouts', () => {
    const url = 'postgres://u@db.example:5432/ar';
    expect(explainConnectionError({ code: '28P01' }, 'DATABASE_URL', url).detail).toBe(
      'db.example:5432 refused the user or password in DATABASE_URL',
    );
    expect(explainConnectionError({ code: 'ENOTFOUND' }, 'LEDGER_URL', url).fix).toBe(
      'check the host name in LEDGER_URL',
    );
    expect(
      explainConnectionError(new Error('Timeout acquiring a connection'), 'DATABASE_URL', url).detail,
    ).toBe('no answer from db.example:5432 in time');
    expect(explainConnectionError({ code: 'ER_BAD_DB_ERROR' }, 'LEDGER_URL', 'mysql://u@h/erp').detail).toBe(
      'database "erp" does not exist on h:3306',
    );
  });

  it('gives fixes that fit the engine and the setting', () => {
    const mysql = explainConnectionError(
      { code: 'ER_ACCESS_DENIED_ERROR' },
      'LEDGER_URL',
      'mysql://ro@erp/ar',
    );
    expect(mysql.fix).toBe(
      "check the user name and password in LEDGER_URL, and that the server lets user ro connect from this host (CREATE USER ... @'host')",
    );
    expect(explainConnectionError({ code: '28P01' }, 'LEDGER_URL', 'postgres://ro@erp/ar').fix).toContain(
      'pg_hba.conf',
    );
    // The accounting database is the company's: duebot never suggests creating it.
    expect(explainConnectionError({ code: '3D000' }, 'LEDGER_URL', 'postgres://ro@erp/ar').fix).toBe(
      "correct the database name in LEDGER_URL: the accounting database's name on that server",
    );
    expect(explainConnectionError({ code: 'ER_BAD_DB_ERROR' }, 'DATABASE_URL', 'mysql://u@h/bot').fix).toBe(
      'create it (e.g. CREATE DATABASE bot) or correct the database name in DATABASE_URL',
    );
  });
});

describe('the settings doctor prints', () => {
  it('shows switches as on or off, as the README and the settings write them', () => {
    expect(new Map(describeSettings({})).get('LETTER_APPROVAL')).toBe('off');
    expect(new Map(describeSettings({ LETTER_APPROVAL: 'on' })).get('LETTER_APPROVAL')).toBe('on');
    expect(describeSettings({ LETTER_APPROVAL: 'on' }).filter(([, v]) => /^(true|false)$/.test(v))).toEqual(
      [],
    );
  });

  it('lists every setting the schema knows with its effective value, secrets masked', () => {
    const rows = new Map(
      describeSettings({
        SLACK_BOT_TOKEN: 'xoxb-1-secret-token',
        SLACK_SIGNING_SECRET: 'abcdef0123456789',
        LEDGER_URL: 'mysql://ro:hunter2@erp:3306/erp',
        LEDGER_MAPPING: 'm.sql',
        DUEBOT_MIN_BALANCE: 'CNY=100,USD=20',
      }),
    );
    expect([...rows.keys()]).toEqual(Object.keys(settingsSchema.shape));
    expect(rows.get('DUEBOT_DIGEST_CRON')).toBe('0 9 * * *');
    expect(rows.get('SLACK_BOT_TOKEN')).toBe('**** (set)');
    expect(rows.get('SLACK_SIGNING_SECRET')).toBe('**** (set)');
    expect(rows.get('LEDGER_URL')).toBe('mysql://ro:****@erp:3306/erp');
    expect(rows.get('DUEBOT_MIN_BALANCE')).toBe('CNY=100, USD=20');
    expect(rows.get('SYNC_BATCH_SIZE')).toBe('2000');
    expect(rows.get('DATABASE_URL')).toBe('(unset: embedded PGlite)');
    expect(JSON.stringify([...rows])).not.toMatch(/hunter2|secret-token|abcdef0123456789/);
  });
});
