import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuebot } from '../support/cli.ts';

/** `duebot shell` as a person runs it: DUEBOT_SHELL_ROLE counts at every start, not only the first. */
describe('DUEBOT_SHELL_ROLE', { timeout: 150_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-shell-role-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  const shell = (role: string) =>
    runDuebot(['shell'], {
      env: {
        DUEBOT_DATA_DIR: dataDir,
        DATABASE_URL: '',
        LEDGER_URL: '',
        DUEBOT_SHELL_USER: 'Ann',
        DUEBOT_SHELL_ROLE: role,
        DUEBOT_SCHEDULER: 'off',
      },
      input: 'role Ann\n',
      timeoutMs: 120_000,
    });

  it('gives the shell user the role of the setting at each start', async () => {
    const first = await shell('viewer');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Ann is a viewer \(listed in DUEBOT_SHELL_ROLE\)/);
    const second = await shell('manager');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Ann is a manager \(listed in DUEBOT_SHELL_ROLE\)/);
  });
});
