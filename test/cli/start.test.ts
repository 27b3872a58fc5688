import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebot } from '../support/cli.ts';

/**
 * End to end, as a person runs it: `npm start` with no settings opens the shell on the embedded database
 * with the demo ledger synced, and commands piped on stdin run one by one.
 */
// Each test spawns duebot, which opens an embedded database: slow on a busy machine, so a wider limit.
describe('duebot start on the embedded defaults', { timeout: 150_000 }, () => {
  let dataDir: string;
  const env = () => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    DUEBOT_SHELL_USER: 'Ann',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-start-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads and syncs the demo ledger, then runs piped shell commands', async () => {
    const { code, stdout, stderr } = await runDuebot(['start'], {
      env: env(),
      input: '/overdue 60+\nclaim 1\nhistory 1\n',
      timeoutMs: 120_000,
    });
    expect(stderr).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Open receivables on 2026-11-22 \(demo ledger\):/);
    expect(stdout).toMatch(/CNY [\d,]+\.\d\d open in [\d,]+ invoices/);
    expect(stdout).toMatch(/duebot shell: acting as Ann\./);
    expect(stdout).toMatch(/accounts? matching `60\+`/);
    expect(stdout).toMatch(/claimed by Ann/);
    expect(stdout).toMatch(/Ann claimed the account/);
    expect(stderr).toMatch(/sync \(full\)/);
  });

  it('keeps state across restarts and syncs incrementally the second time', async () => {
    const { code, stdout, stderr } = await runDuebot(['start'], {
      env: env(),
      input: '/overdue mine\n',
      timeoutMs: 120_000,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(/sync \(incremental\)/);
    expect(stdout).toMatch(/1 account matching `mine`/);
  });

  it('resets the demo ledger on request', async () => {
    const { code, stderr } = await runDuebot(['demo', '--reset'], { env: env(), timeoutMs: 120_000 });
    expect(code).toBe(0);
    expect(stderr).toMatch(/demo ledger created: 1\d\d customers, [\d,]+ invoices/);
  });
});
