import { translator } from '../../src/i18n/translate.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import type { Job } from '../../src/jobs/job.ts';
import { AFTER_SYNC } from '../../src/jobs/settings.ts';
import { dailyPeriod, minutePeriod, monthlyPeriod, weeklyPeriod } from '../../src/jobs/periods.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { notice } from '../../src/views/notices.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { capturingLog, countRows, installedAt, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';

/** Jobs that count how often their body ran and post one message per period. */
function countingJobs(prefix: string) {
  const ran = new Map<string, number>();
  const job = (name: string, schedule: string, days: Job['days'], periodKey: Job['periodKey']): Job => ({
    name: `${prefix}${name}`,
    schedule,
    days,
    periodKey,
    async run(ctx) {
      ran.set(`${name}:${ctx.periodKey}`, (ran.get(`${name}:${ctx.periodKey}`) ?? 0) + 1);
      return [
        {
          key: `${prefix}${name}:${ctx.periodKey}`,
          to: { kind: 'channel', role: 'digest' },
          message: notice(name),
        },
      ];
    },
  });
  return {
    ran,
    jobs: [
      job('digest', '0 9 * * *', 'working', dailyPeriod),
      job('weekly', '0 9 * * 1', 'working', weeklyPeriod),
      job('meeting', '0 10 * * *', 'first-working-day', monthlyPeriod),
    ],
  };
}

// Concurrency proves nothing on PGlite's single connection (STACK.md): real PostgreSQL only.
describe.each(backends().filter((k) => k === 'postgres'))('three scheduler instances on one real %s', () => {
  let db: Database | undefined;
  afterAll(async () => {
    await db?.close();
  });

  it('post every run exactly once over thirty simulated days', { timeout: 240_000 }, async () => {
    db = await openTestDatabase('postgres');
    const config = testConfig({ DUEBOT_HOLIDAYS: '2026-12-25,2027-01-01' });
    const policy = await testPolicy(config);
    const { jobs, ran } = countingJobs('');
    const start = Date.parse('2026-12-01T00:00:00+08:00');
    await installedAt(db.knex, '2026-11-23T00:00:00+08:00'); // up before: Monday 30 November's report is due
    // Three replicas whose clocks disagree by a few minutes, each with its own connection pool.
    const skews = [0, 4 * 60_000, 11 * 60_000];
    const clocks = skews.map((s) => createFixedClock(new Date(start + s), TZ));
    const schedulers = clocks.map((clock, i) =>
      createScheduler({ db: db!.knex, jobs, clock, config, policy, log: silentLog, runner: `replica-${i}` }),
    );
    const step = 20 * 60_000;
    for (let t = start; t <= start + 30 * 86_400_000; t += step) {
      clocks.forEach((c, i) => c.set(new Date(t + (skews[i] ?? 0))));
      await Promise.all(schedulers.map((s) => s.sweep()));
    }
    // Working days from 1 to 30 December 2026, Christmas off; Mondays; the first working day.
    const expectedDays: string[] = [];
    for (let d = 1; d <= 30; d++) {
      const date = `2026-12-${String(d).padStart(2, '0')}`;
      const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6 && date !== '2026-12-25') expectedDays.push(date);
    }
    const digestDays = expectedDays;
    expect([...ran.entries()].filter(([k]) => k.startsWith('digest:')).map(([k]) => k.slice(7))).toEqual(
      digestDays,
    );
    expect([...ran.values()].every((n) => n === 1)).toBe(true);
    expect([...ran.keys()].filter((k) => k.startsWith('weekly:'))).toEqual([
      'weekly:2026-W49',
      'weekly:2026-W50',
      'weekly:2026-W51',
      'weekly:2026-W52',
      'weekly:2026-W53',
    ]);
    expect([...ran.keys()].filter((k) => k.startsWith('meeting:'))).toEqual(['meeting:2026-12']);
    expect(await countRows(db.knex, 'outbox')).toBe(ran.size);
    expect(await countRows(db.knex, 'job_runs', { status: 'done' })).toBe(ran.size);
    const runners = await db.knex('job_runs').distinct('runner');
    expect(runners.length).toBeGreaterThan(1);
  });
});

describe.each(backends())('catching up at start-up on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('runs a missed digest at start-up while its day lasts, and skips and logs one of an earlier day', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    const { jobs, ran } = countingJobs('catchup-');
    // Installed in November; down since Monday 08:00; back on Tuesday at 11:30: Monday's digest is
    // history, Tuesday's is due.
    await installedAt(db.knex, '2026-11-20T08:00:00+08:00');
    const clock = createFixedClock('2026-12-08T11:30:00+08:00', TZ);
    const { log, lines: warnings } = capturingLog();
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log });
    await scheduler.sweep();
    expect(ran.get('digest:2026-12-08')).toBe(1);
    expect(ran.has('digest:2026-12-07')).toBe(false);
    // The weekly report's slot (Monday 09:00) belongs to this week: it is caught up on Tuesday.
    expect(ran.get('weekly:2026-W50')).toBe(1);
    // The monthly meeting (1 December) is this month's: caught up too.
    expect(ran.get('meeting:2026-12')).toBe(1);

    clock.set('2026-12-10T08:00:00+08:00'); // down again all of Wednesday 9th, back Thursday 08:00
    await scheduler.sweep();
    expect(ran.has('digest:2026-12-09')).toBe(false);
    const skipped = await db
      .knex('job_runs')
      .where({ job: 'catchup-digest', period_key: '2026-12-09' })
      .first();
    expect(skipped).toMatchObject({ status: 'skipped' });
    expect(warnings.join('\n')).toMatch(/job catchup-digest: missed run of 2026-12-09 skipped/);
    expect(warnings).toHaveLength(1);
    expect(await scheduler.sweep()).toEqual([]);
  });

  it('catches nothing up on a new install and warns of no missed run: it missed none', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      const config = testConfig();
      const policy = await testPolicy(config);
      const { jobs, ran } = countingJobs('new-');
      // First started on Tuesday 8 December at 11:30: today's 09:00 digest, Monday's weekly report and
      // the meeting of 1 December all fell before there was a bot to run them.
      const clock = createFixedClock('2026-12-08T11:30:00+08:00', TZ);
      const { log, lines: warnings } = capturingLog();
      const scheduler = createScheduler({ db: fresh.knex, jobs, clock, config, policy, log });
      expect(await scheduler.sweep()).toEqual([]);
      expect(ran.size).toBe(0);
      expect(await countRows(fresh.knex, 'job_runs')).toBe(0);
      expect(warnings).toEqual([]);
      // Its first slots after the start run as usual; a later restart finds nothing missed either.
      clock.set('2026-12-09T09:00:00+08:00');
      await scheduler.sweep();
      expect([...ran.keys()]).toEqual(['digest:2026-12-09']);
      // A dry run now would post nothing, and says why.
      expect(await scheduler.whyNothing('new-digest')).toMatch(
        /^the new digest was posted at \d\d:\d\d .+; next at 09:00 tomorrow$/,
      );
      expect(await scheduler.whyNothing('new-weekly')).toBe(
        'the new weekly finds nothing new to post; next at 09:00 Mon 14 Dec',
      );
      // `duebot <job> --dry-run` says it in the company's language.
      expect(await scheduler.whyNothing('new-weekly', translator('zh-CN'))).toBe(
        'new weekly 没有新的内容可发布；下次运行于 12月14日 周一 09:00',
      );
      expect(await scheduler.whyNothing('new-digest', translator('zh-TW'))).toMatch(
        /^new digest 已於 12月8日 週二 \d\d:\d\d 發布；下次執行於 明天 09:00$/,
      );
      const restarted = createScheduler({ db: fresh.knex, jobs, clock, config, policy, log });
      expect(await restarted.sweep()).toEqual([]);
      expect(warnings).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('runs after-sync jobs on each sync, never on the minute tick', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    const periods: string[] = [];
    const job: Job = {
      name: 'after-sync-check',
      schedule: AFTER_SYNC,
      days: 'every',
      periodKey: minutePeriod,
      async run(ctx) {
        periods.push(ctx.periodKey);
      },
    };
    const clock = createFixedClock('2026-12-08T09:00:00+08:00', TZ);
    const scheduler = createScheduler({ db: db.knex, jobs: [job], clock, config, policy, log: silentLog });
    expect(await scheduler.sweep()).toEqual([]);
    await scheduler.afterSync();
    await scheduler.afterSync(); // a second sync within the same minute: the same period, run once
    clock.set('2026-12-08T09:15:00+08:00');
    await scheduler.afterSync();
    expect(periods).toEqual(['2026-12-08T09:00', '2026-12-08T09:15']);
  });

  it('holds the monthly meeting on the first working day when the 1st is a holiday', async () => {
    const config = testConfig({ DUEBOT_HOLIDAYS: '2027-02-01,2027-02-02' });
    const policy = await testPolicy(config);
    const { jobs, ran } = countingJobs('feb-');
    const meeting = jobs.filter((j) => j.name === 'feb-meeting');
    const clock = createFixedClock('2027-02-01T10:30:00+08:00', TZ);
    const scheduler = createScheduler({ db: db.knex, jobs: meeting, clock, config, policy, log: silentLog });
    await scheduler.sweep();
    clock.set('2027-02-02T10:30:00+08:00');
    await scheduler.sweep();
    expect(ran.size).toBe(0);
    clock.set('2027-02-03T09:59:00+08:00');
    await scheduler.sweep();
    expect(ran.size).toBe(0);
    clock.set('2027-02-03T10:00:00+08:00');
    await scheduler.sweep();
    expect([...ran.keys()]).toEqual(['meeting:2027-02']);
  });

  it('retries a failed run on the next tick and records the failure', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    let calls = 0;
    const job: Job = {
      name: 'flaky',
      schedule: '0 9 * * *',
      days: 'every',
      periodKey: dailyPeriod,
      async run() {
        calls += 1;
        if (calls === 1) throw new Error('ledger unreachable');
        return [{ key: 'flaky:1', to: { kind: 'channel', role: 'digest' }, message: notice('ok') }];
      },
    };
    const clock = createFixedClock('2026-12-08T09:00:00+08:00', TZ);
    const scheduler = createScheduler({ db: db.knex, jobs: [job], clock, config, policy, log: silentLog });
    const first = await scheduler.sweep();
    expect(first[0]?.outcome).toMatchObject({ status: 'failed', error: 'ledger unreachable' });
    expect(await countRows(db.knex, 'outbox', { idempotency_key: 'flaky:1' })).toBe(0);
    clock.set('2026-12-08T09:01:00+08:00');
    const second = await scheduler.sweep();
    expect(second[0]?.outcome).toMatchObject({ status: 'ran', posts: 1 });
    expect(await db.knex('job_runs').where({ job: 'flaky' }).first()).toMatchObject({
      status: 'done',
      detail: expect.objectContaining({ attempts: 1 }),
    });
  });
});
