import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebotHere } from '../support/cli.ts';

const STACK = /^\s+at /m;

/**
 * Issue 14, item 6: doctor and start check the same settings, all at once: a setting doctor passes is never
 * refused later by start or when a clerk presses Send.
 */
describe('doctor and start check the same settings', { timeout: 150_000 }, () => {
  let dir: string;
  let files: Record<'ladder' | 'stamp' | 'mapping', string>;
  const base = () => ({
    DUEBOT_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
  });
  const bad = () => ({
    ...base(),
    DUEBOT_LADDER_FILE: files.ladder,
    LETTER_STAMP_IMAGE: files.stamp,
    LEDGER_URL: 'mysql://ro@127.0.0.1:1/erp',
    LEDGER_MAPPING: files.mapping,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-checks-'));
    files = {
      ladder: join(dir, 'ladder.json'),
      stamp: join(dir, 'stamp.png'),
      mapping: join(dir, 'mapping.sql'),
    };
    await writeFile(files.ladder, '{ "steps": [ not json');
    await writeFile(files.stamp, 'this is no picture');
    await writeFile(files.mapping, 'SELECT 1 AS invoice_id FROM invoices');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('doctor fails each file setting start refuses, and start lists them all at once in the same words', async () => {
    const [doctor, start] = await Promise.all([
      runDuebotHere(['doctor'], { env: bad() }),
      runDuebotHere(['start'], { env: bad() }),
    ]);
    const fails = [...doctor.stdout.matchAll(/FAIL {2}([A-Z_]+): (.*)\n {8}fix: (.*)/g)].map(
      ([, name, detail, fix]) => ({ name, detail, fix }),
    );
    expect(fails.map((f) => f.name)).toEqual(['DUEBOT_LADDER_FILE', 'LEDGER_MAPPING', 'LETTER_STAMP_IMAGE']);
    expect(doctor.stdout).toMatch(/FAIL {2}accounting database: not checked until LEDGER_MAPPING is fixed/);
    expect(fails.find((f) => f.name === 'LETTER_STAMP_IMAGE')?.detail).toBe(
      `${files.stamp} is not a PNG or JPEG image`,
    );
    const mapping = fails.find((f) => f.name === 'LEDGER_MAPPING');
    expect(mapping?.detail).toMatch(/has no :watermark placeholder/);
    expect(mapping?.fix).toMatch(/^add e\.g\. "WHERE i\.updated_at > :watermark" to /);
    expect(doctor.code).toBe(1);

    expect(start.code).toBe(2);
    expect(start.stderr).toMatch(/^duebot cannot start: the settings have problems\n/);
    for (const f of fails) expect(start.stderr).toContain(`\n  ${f.name}: ${f.detail}; fix: ${f.fix}`);
    expect(start.stderr).not.toMatch(STACK);
  });

  it('names a missing ladder file and stamp image together with a bad cron, in doctor and start alike', async () => {
    const env = {
      ...base(),
      DUEBOT_LADDER_FILE: join(dir, 'missing-ladder.json'),
      LETTER_STAMP_IMAGE: join(dir, 'missing-stamp.png'),
      DUEBOT_DIGEST_CRON: 'every morning',
      DUEBOT_PAGE_SIZE: '500',
    };
    const [doctor, start] = await Promise.all([
      runDuebotHere(['doctor'], { env }),
      runDuebotHere(['start'], { env }),
    ]);
    for (const run of [doctor, start]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^ {2}DUEBOT_PAGE_SIZE: found "500"/m);
      expect(run.stderr).toMatch(
        /^ {2}DUEBOT_DIGEST_CRON: found "every morning", expected a cron expression/m,
      );
      expect(run.stderr).toMatch(
        /^ {2}DUEBOT_LADDER_FILE: cannot read .*missing-ladder\.json \(ENOENT\); fix: /m,
      );
      expect(run.stderr).toMatch(/^ {2}LETTER_STAMP_IMAGE: .*missing-stamp\.png does not exist; fix: /m);
      expect(run.stderr).not.toMatch(STACK);
    }
    expect(doctor.stderr).toBe(start.stderr);
  });

  it('fails fast on a data folder that cannot be created, instead of spinning', async () => {
    const env = { ...base(), DUEBOT_DATA_DIR: '/proc/nope' };
    const started = Date.now();
    const [doctor, start] = await Promise.all([
      runDuebotHere(['doctor'], { env }),
      runDuebotHere(['start'], { env }),
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(doctor.stdout).toMatch(
      /FAIL {2}DUEBOT_DATA_DIR: cannot create \/proc\/nope \(ENOENT\)\n {8}fix: set DUEBOT_DATA_DIR to a folder/,
    );
    expect(doctor.code).toBe(1);
    expect(start.stderr).toMatch(
      /^duebot cannot start: the settings have problems\n {2}DUEBOT_DATA_DIR: cannot create \/proc\/nope \(ENOENT\); fix: /,
    );
    expect(start.code).toBe(2);
  });
});
