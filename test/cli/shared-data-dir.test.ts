import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/embedded/lock.ts';
import { type RunningDuebot, runDuebot, spawnDuebot } from '../support/cli.ts';
import { deadPid, lockOf } from '../support/embedded-lock.ts';

/** Customer ids of the rows of the last list printed (`1. Name (#108)`). */
const listedIds = (text: string) => [...text.matchAll(/^\s*\d+\. .* \(#(\d+)\)/gm)].map((m) => Number(m[1]));

/**
 * Several real duebot processes on one embedded data dir, as a person runs them following the README: the
 * first owns the database, the others attach to it, and nothing one of them does is lost to the others.
 */
// Each step spawns duebot, which opens or attaches to an embedded database: slow on a busy machine.
describe('duebot processes sharing one embedded data dir', { timeout: 240_000 }, () => {
  let dataDir: string;
  let owner: RunningDuebot | undefined;
  let ids: number[] = [];
  const env = (user: string) => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: '',
    LEDGER_URL: '',
    DUEBOT_SHELL_USER: user,
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-shared-'));
  });
  afterAll(async () => {
    await owner?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses with one line naming the process that holds the data dir when it cannot be reached', async () => {
    const url = `postgres://duebot@localhost/postgres?host=${encodeURIComponent(join(dataDir, 'nowhere'))}`;
    await writeFile(join(dataDir, LOCK_FILE), lockOf({ pid: process.pid, url }));
    const { code, stdout, stderr } = await runDuebot(['shell'], { env: env('Bob'), input: 'help\n' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^duebot: the embedded database in .* is held by duebot process ${process.pid} \\(\`duebot start\`, started \\d\\d:\\d\\d\\), which cannot be reached; stop that process, or set DATABASE_URL to a PostgreSQL database$`,
        ),
      ),
    ]);
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over a lock left by a process that died, and serves the others', async () => {
    const dead = deadPid();
    await writeFile(join(dataDir, LOCK_FILE), lockOf({ pid: dead, url: null }));
    owner = spawnDuebot(['start'], { env: env('Ann') });
    await owner.waitFor('stdout', /duebot shell: acting as Ann\./, { timeoutMs: 200_000 });
    expect(owner.stderr()).toMatch(
      new RegExp(
        `left locked by duebot process ${dead} \\(\`duebot start\`.*which no longer runs; this process takes it over`,
      ),
    );
    const lock = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({
      pid: owner.pid,
      command: 'duebot start',
      url: expect.stringMatching(/^postgres:/),
    });
  });

  it("shows a claim made by a second process in the first one's shell", async () => {
    const b = await runDuebot(['shell'], {
      env: env('Bob'),
      input: '/overdue 60+\nclaim 1\n',
      timeoutMs: 120_000,
    });
    expect(b.stderr).toMatch(
      new RegExp(
        `^Using the embedded database of duebot process ${owner?.pid} \\(\`duebot start\`, started \\d\\d:\\d\\d\\)$`,
        'm',
      ),
    );
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/claimed by Bob/);
    ids = listedIds(b.stdout);
    expect(ids.length).toBeGreaterThanOrEqual(9);
    const from = owner?.stdout().length ?? 0;
    owner?.write(`history #${ids[0]}\n`);
    await owner?.waitFor('stdout', /Bob claimed the account/, { from });
  });

  it('loses no claim when both processes claim accounts at the same time', async () => {
    const mine = ids.slice(1, 5);
    const theirs = ids.slice(5, 9);
    const from = owner?.stdout().length ?? 0;
    const second = runDuebot(['shell'], {
      env: env('Bob'),
      input: theirs.map((id) => `claim #${id}\n`).join(''),
      timeoutMs: 120_000,
    });
    owner?.write(mine.map((id) => `claim #${id}\n`).join(''));
    expect((await second).code).toBe(0);
    await owner?.waitFor('stdout', new RegExp(`(claimed by Ann[\\s\\S]*){${mine.length}}`), { from });
  });

  it('stops an attached shell with a clear line when the owner quits, and releases the lock', async () => {
    const attached = spawnDuebot(['shell'], { env: env('Bob') });
    await attached.waitFor('stdout', /duebot shell: acting as Bob\./, { timeoutMs: 120_000 });
    expect(await owner?.end(60_000)).toBe(0);
    owner = undefined;
    const { code } = await attached.exited;
    expect(code).toBe(2);
    expect(attached.stderr()).toMatch(/duebot process \d+ \(`duebot start`.*has stopped; start duebot again/);
    await expect(readFile(join(dataDir, LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it('keeps every claim and its history for the next start', async () => {
    const { code, stdout, stderr } = await runDuebot(['start'], {
      env: env('Carl'),
      input: ids
        .slice(0, 9)
        .map((id) => `history #${id}\n`)
        .join(''),
      timeoutMs: 200_000,
    });
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/Using the embedded database|takes it over/);
    expect(stdout).not.toMatch(/Nothing recorded yet/);
    expect(stdout.match(/Bob claimed the account/g)).toHaveLength(5);
    expect(stdout.match(/Ann claimed the account/g)).toHaveLength(4);
  });
});
