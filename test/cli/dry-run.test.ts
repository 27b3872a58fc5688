import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebotHere } from '../support/cli.ts';

/** `duebot alerts|meeting [--dry-run]` on the demo ledger, as a person runs them. */
// Each test runs duebot (in this process), which opens an embedded database: slow on a busy machine, so a wider limit.
describe('duebot alerts and meeting on the demo ledger', { timeout: 150_000 }, () => {
  let dataDir: string;
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-12-01',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    SLACK_BOT_TOKEN: '',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-dry-run-'));
    const demo = await runDuebotHere(['demo'], { env: env() });
    expect(demo.code).toBe(0);
  }, 150_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('syncs the ledger first on a database never synced, so the first digest dry run is not empty', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'duebot-dry-run-fresh-'));
    try {
      const run = await runDuebotHere(['digest', '--dry-run'], {
        env: { ...env(), DUEBOT_DATA_DIR: fresh },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^── digest:2026-12-01 → the digest channel ──$/m);
      expect(run.stdout).not.toContain('Nothing is open');
      expect(run.stdout).toMatch(/[1-9]\d* overdue accounts, \d+ unclaimed/);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('prints the meeting thread with its chart and figures, and records nothing', async () => {
    const first = await runDuebotHere(['meeting', '--dry-run'], { env: env() });
    expect(first.stderr).not.toMatch(/unexpected error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^── meeting:2026-12 → the meeting channel ──$/m);
    expect(first.stdout).toContain('Credit meeting 2026-12: accounts over 30 days');
    expect(first.stdout).toMatch(/2026-11: DSO \d+\.\d days · CEI \d+\.\d%/);
    expect(first.stdout).toContain('[file: aging-2026-12.png, made when delivered]');
    expect(first.stdout).toMatch(/in the thread of meeting:2026-12/);
    expect(first.stdout).toContain('[Keep working] [Payment plan] [Credit hold] [Lawyer’s letter] [Agency]');
    const second = await runDuebotHere(['meeting', '--dry-run'], { env: env() });
    expect(second.stdout).toBe(first.stdout); // the dry run recorded nothing
    // A company whose language is traditional Chinese reads the preview's own lines in it too.
    const tw = await runDuebotHere(['meeting', '--dry-run'], {
      env: { ...env(), DUEBOT_LOCALE: 'zh-TW' },
    });
    expect(tw.code).toBe(0);
    expect(tw.stdout).toMatch(/^── meeting:2026-12 → 會議頻道 ──$/m);
    expect(tw.stdout).toMatch(/ → 會議頻道，在 meeting:2026-12 的討論串中 ──$/m);
    expect(tw.stdout).toContain('[檔案：aging-2026-12.png，傳送時產生]');
    expect(tw.stdout).not.toMatch(/the meeting channel|in the thread of|made when delivered/);
  }, 350_000);

  it('prints the alerts; after a real run the same balances are not announced again', async () => {
    const dry = await runDuebotHere(['alerts', '--dry-run'], { env: env() });
    expect(dry.code).toBe(0);
    // The first check takes stock in one overview (and the month's jump, if any).
    expect(dry.stdout).toMatch(/^── alert:baseline → the alerts channel ──$/m);
    expect(dry.stdout).toMatch(/Large overdue balances: \d+ already above the alert thresholds/);
    const real = await runDuebotHere(['alerts'], { env: env() });
    expect(real.stderr).not.toMatch(/unexpected error/);
    expect(real.code).toBe(0);
    const again = await runDuebotHere(['alerts', '--dry-run'], { env: env() });
    // Saying why: nothing crossed since the run that just posted, and when it looks again.
    expect(again.stdout).toMatch(
      /^Nothing would be posted now: the alert check (finds nothing new to post \(last run at \d\d:\d\d today\)|was posted at \d\d:\d\d today); it runs after each ledger sync\.$/m,
    );
  }, 400_000);
});
