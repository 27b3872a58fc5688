import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebot } from '../support/cli.ts';

/** `duebot alerts|meeting --dry-run` on the demo ledger: what would be posted, and nothing recorded. */
describe('duebot alerts and meeting --dry-run on the demo ledger', () => {
  let dataDir: string;
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-12-01',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-dry-run-'));
    const demo = await runDuebot(['demo'], { env: env(), timeoutMs: 120_000 });
    expect(demo.code).toBe(0);
  }, 150_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the meeting thread and saves the chart, and a second dry run prints the same', async () => {
    const files = join(dataDir, 'files');
    const first = await runDuebot(['meeting', '--dry-run', '--save-files', files], {
      env: env(),
      timeoutMs: 120_000,
    });
    expect(first.stderr).not.toMatch(/unexpected error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^meeting: \d+ posts would be enqueued\./);
    expect(first.stdout).toContain('Credit meeting 2026-12: accounts over 30 days');
    expect(first.stdout).toMatch(/2026-11: DSO \d+\.\d days · CEI \d+\.\d%/);
    expect(first.stdout).toContain('in the thread of meeting:2026-12');
    expect(first.stdout).toContain("[Keep working] [Payment plan] [Credit hold] [Lawyer's letter] [Agency]");
    const png = await readFile(join(files, 'aging-2026-12.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const second = await runDuebot(['meeting', '--dry-run'], { env: env(), timeoutMs: 120_000 });
    expect(second.stdout.split('\n')[0]).toBe(first.stdout.split('\n')[0]); // nothing was recorded
  }, 250_000);

  it('prints the alerts, and refuses to run without --dry-run', async () => {
    const { code, stdout } = await runDuebot(['alerts', '--dry-run'], { env: env(), timeoutMs: 120_000 });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^alerts: \d+ posts would be enqueued\./);
    expect(stdout).toContain('Large overdue balance:');
    expect(stdout).toContain('[Claim] [Log call] [Open]');
    const plain = await runDuebot(['alerts'], { env: env(), timeoutMs: 120_000 });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('add --dry-run to see what it would post');
  }, 250_000);
});
