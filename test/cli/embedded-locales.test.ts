import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/embedded/lock.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { type RunningDuebot, runDuebot, spawnDuebot } from '../support/cli.ts';
import { deadPid, lockOf } from '../support/embedded-lock.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';

const PRELOAD = fileURLToPath(new URL('../support/pseudo-locale-preload.mjs', import.meta.url));

/** A start time the catalogs write as 11:11 in every language (the holders here all started today). */
const ELEVEN_ELEVEN = new Date(2000, 0, 1, 11, 11).getTime();

/** A said line with the time a holder started left open: it is the clock's. */
const shape = (
  t: Translator,
  key: 'cli.embedded.held' | 'cli.embedded.tookOver' | 'cli.embedded.attached' | 'cli.embedded.ownerGone',
  values: Record<string, string>,
) =>
  new RegExp(
    `^${t
      .t(key, { remote: 'no', host: '', command: 'duebot start', today: 'yes', at: ELEVEN_ELEVEN, ...values })
      .split('11:11')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\d\\d:\\d\\d')}$`,
    'm',
  );

/**
 * Issue 20: what the embedded database says about the other duebot processes on its data dir (held by one
 * that cannot be reached, a stale lock taken over, attached to the owner, the owner gone) in the company's
 * language, through real duebot processes, and in the pseudo-locale with no English of ours left. Real
 * processes take seconds each, so one Chinese script: the other's messages are the same code with another
 * catalog, whose every message the catalog tests hold to the English placeholders (test/i18n/catalogs.test.ts).
 */
describe.each(['zh-TW', 'pseudo'] as const)(
  'duebot processes on one data dir, said in %s',
  { timeout: 300_000 },
  (who) => {
    let dataDir: string;
    let owner: RunningDuebot | undefined;
    const t = who === 'pseudo' ? pseudoT() : translator(who);
    const env = (user: string) => ({
      DUEBOT_DATA_DIR: dataDir,
      DUEBOT_TODAY: '2026-11-22',
      DUEBOT_TIMEZONE: 'Asia/Shanghai',
      DATABASE_URL: '',
      LEDGER_URL: '',
      DUEBOT_SHELL_USER: user,
      DUEBOT_LOCALE: who === 'pseudo' ? 'en' : who,
      NODE_OPTIONS: who === 'pseudo' ? `--import=${PRELOAD}` : '',
    });
    const ours = (text: string) =>
      strayEnglish(notice(text), ['duebot start shell', dataDir, 'DATABASE_URL PostgreSQL'], {
        placeholders: who === 'pseudo',
      });

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'duebot-embedded-words-'));
    });
    afterAll(async () => {
      await owner?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('refuses a data dir held by a process it cannot reach, then takes over a dead one’s lock', async () => {
      const url = `postgres://duebot@localhost/postgres?host=${encodeURIComponent(join(dataDir, 'nowhere'))}`;
      await writeFile(join(dataDir, LOCK_FILE), lockOf({ pid: process.pid, url }));
      const held = await runDuebot(['shell'], { env: env('Bob'), input: 'help\n' });
      expect(held.code).toBe(2);
      const line = held.stderr.trim();
      expect(line).toMatch(shape(t, 'cli.embedded.held', { dataDir, pid: String(process.pid) }));
      expect(ours(line)).toEqual([]);

      const dead = deadPid();
      await writeFile(join(dataDir, LOCK_FILE), lockOf({ pid: dead, url: null }));
      owner = spawnDuebot(['shell'], { env: env('Ann') });
      const took = await owner.waitFor('stderr', shape(t, 'cli.embedded.tookOver', { pid: String(dead) }), {
        timeoutMs: 200_000,
      });
      expect(ours(took.split('\n').find((l) => l.includes(String(dead))) ?? '')).toEqual([]);
      // Serving once its shell greets.
      await owner.waitFor('stdout', /\S/, { timeoutMs: 200_000 });
    });

    it('says whose database an attached process uses, and that the owner has stopped', async () => {
      const attached = spawnDuebot(['shell'], { env: env('Bob') });
      const pid = String(owner?.pid);
      const using = await attached.waitFor(
        'stderr',
        shape(t, 'cli.embedded.attached', { pid, command: 'duebot shell' }),
        {
          timeoutMs: 200_000,
        },
      );
      // The shell greets once it is attached; then its owner quits.
      await attached.waitFor('stdout', /\S/, { timeoutMs: 120_000 });
      expect(await owner?.end(60_000)).toBe(0);
      owner = undefined;
      const { code } = await attached.exited;
      expect(code).toBe(2);
      expect(attached.stderr()).toMatch(shape(t, 'cli.embedded.ownerGone', { pid, command: 'duebot shell' }));
      const gone = attached
        .stderr()
        .split('\n')
        .filter((l) => l.includes(pid));
      expect(ours([...gone, using.split('\n').find((l) => l.includes(pid)) ?? ''].join('\n'))).toEqual([]);
    });
  },
);
