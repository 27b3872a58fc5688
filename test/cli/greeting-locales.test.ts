import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { scheduleLine } from '../../src/jobs/next-runs.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { totalsLines } from '../../src/main.ts';
import { translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { runDuebotHere } from '../support/cli.ts';
import {
  backends,
  createServerDatabase,
  openTestDatabase,
  type ServerDatabase,
} from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';
import { DATE_WORDS, pseudoT, strayEnglish } from '../support/view-locales.ts';
import { testConfig, testPolicy } from '../jobs/support.ts';

/** Words the greeting carries as data: the time zone, and the words `Intl` writes in the pseudo-locale. */
const DATA = ['Asia/Shanghai', ...DATE_WORDS, 'Mon Tue Wed Thu Fri Sat Sun', 'and'];

/** The greeting of a start: every line before the shell's own greeting ("duebot 终端：…"). */
function greetingOf(stdout: string): string {
  const lines = stdout.split('\n');
  const shell = lines.findIndex((l) => l.startsWith('duebot '));
  return lines.slice(0, shell === -1 ? lines.length : shell).join('\n');
}

/**
 * Issue 20: the start-up greeting (the open totals and when each scheduled post goes out) in the company's
 * language (DUEBOT_LOCALE), on the embedded database and on PostgreSQL, as a person runs `duebot start`
 * (the command line in this process, its shell on piped input; test/cli/start.test.ts starts processes).
 */
describe.each(backends())('the start-up greeting in Chinese (%s)', (kind) => {
  let dataDir: string;
  let server: ServerDatabase | undefined;
  const env = (locale: string) => ({
    DUEBOT_DATA_DIR: dataDir,
    DUEBOT_TODAY: '2026-11-22',
    DUEBOT_TIMEZONE: 'Asia/Shanghai',
    DATABASE_URL: server?.url ?? '',
    LEDGER_URL: '',
    SLACK_BOT_TOKEN: '',
    DUEBOT_SHELL_USER: 'Ann',
    DUEBOT_LOCALE: locale,
    LANG: '',
    LC_ALL: '',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'duebot-greeting-'));
    if (kind === 'postgres') server = await createServerDatabase();
  });
  afterAll(async () => {
    await server?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    [
      'zh-CN',
      /^2026-11-22 的未收应收账款（演示账本）：$/m,
      /^ {2}未结 CNY [\d,]+\.\d\d，共 [\d,]+ 张发票、\d+ 个客户；逾期 CNY/m,
      /^定时发布（Asia\/Shanghai）：.*逾期摘要 (今天|明天|\d+月\d+日 周.) \d\d:\d\d.*信用会议 .*\d\d:\d\d.*。$/m,
    ],
    [
      'zh-TW',
      /^2026-11-22 的未收應收帳款（示範帳本）：$/m,
      /^ {2}未結 CNY [\d,]+\.\d\d，共 [\d,]+ 張發票、\d+ 個客戶；逾期 CNY/m,
      /^排程發布（Asia\/Shanghai）：.*逾期摘要 (今天|明天|\d+月\d+日 週.) \d\d:\d\d.*信用會議 .*\d\d:\d\d.*。$/m,
    ],
  ])(
    'greets a %s company in its language, with no English of ours',
    { timeout: 200_000 },
    async (locale, head, line, schedule) => {
      const { code, stdout, stderr } = await runDuebotHere(['start'], { env: env(locale), input: 'quit\n' });
      expect(stderr).not.toMatch(/unexpected error/);
      expect(code).toBe(0);
      const greeting = greetingOf(stdout);
      expect(greeting).toMatch(head);
      expect(greeting).toMatch(line);
      expect(greeting).toMatch(schedule);
      expect(strayEnglish(notice(greeting), DATA)).toEqual([]);
    },
  );
});

describe.each(backends())('the greeting’s lines in the pseudo-locale (%s)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('says the totals and the schedule only through the catalogs', async () => {
    const t = pseudoT();
    const nothing = await totalsLines(db.knex, '2026-11-22', undefined, t);
    expect(nothing).toHaveLength(2);
    await seedAccount(db.knex, {
      items: [
        { dueDate: '2026-10-01', totalMinor: 1_250_000 },
        { dueDate: '2026-12-30', totalMinor: 500_000 },
        { dueDate: '2026-09-01', totalMinor: 9_900, currency: 'USD' },
      ],
    });
    const totals = await totalsLines(db.knex, '2026-11-22', undefined, t);
    const atHost = await totalsLines(db.knex, '2026-11-22', 'postgres://ro:secret@erp.example:5432/acme', t);
    const empty = await totalsLines(db.knex, '2026-11-22', 'not a url', t);
    const config = testConfig();
    const clock = createFixedClock('2026-11-22T02:00:00Z', 'Asia/Shanghai');
    const schedule = scheduleLine(createJobs(config), clock, (await testPolicy(config)).calendar, t);
    const said = [...nothing, ...totals, ...atHost, ...empty, schedule].join('\n');
    expect(said).toContain('erp.example:5432/acme');
    expect(said).not.toContain('secret');
    const jobNames = createJobs(config).map((j) => j.name);
    expect(strayEnglish(notice(said), [...DATA, 'erp.example acme'], { placeholders: true })).toEqual([]);
    // The English the pseudo-locale stands for still reads as before.
    const en = translator('en');
    const english = (await totalsLines(db.knex, '2026-11-22', undefined, en)).join('\n');
    expect((await totalsLines(db.knex, '2026-11-22', 'not a url', translator('zh-TW')))[0]).toBe(
      '2026-11-22 的未收應收帳款（帳本）：',
    );
    expect(english).toMatch(/^Open receivables on 2026-11-22 \(demo ledger\):$/m);
    expect(english).toContain(
      '  CNY 17,500.00 open in 2 invoices of 1 customer; CNY 12,500.00 overdue in 1 invoice',
    );
    expect(english).toContain('  USD 99.00 open in 1 invoice of 1 customer; USD 99.00 overdue in 1 invoice');
    const englishSchedule = scheduleLine(createJobs(config), clock, (await testPolicy(config)).calendar, en);
    expect(englishSchedule).toMatch(/^Scheduled posts \(Asia\/Shanghai\): .*digest \d\d:\d\d .*, and /);
    for (const name of jobNames) expect(englishSchedule).toContain(name);
  });
});
