/**
 * The daily housekeeping: once-only keys (form submissions, handled events) older than the replay guard
 * are deleted in batches after the run commits; recent ones stay, so a redelivery inside the guard is still
 * refused after a prune.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimEvent } from '../../adapters/slack/handled-events.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/account-actions.ts';
import { onceInTransaction } from '../../src/commands/submit-once.ts';
import type { Database } from '../../src/db.ts';
import { housekeepingJob, pruneBefore } from '../../src/jobs/housekeeping.ts';
import type { Job } from '../../src/jobs/job.ts';
import { dailyPeriod } from '../../src/jobs/periods.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { notice } from '../../src/views/notices.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { capturingLog, countRows, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-12-08T03:30:00+08:00');
const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * 86_400_000);

describe.each(backends())('housekeeping of once-only keys on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  const submitted = (key: string, at: Date) =>
    db.knex('form_submissions').insert({ key, ref: 'r', platform_user_id: 'U1', taken_at: at });
  const handled = (eventId: string, at: Date) =>
    db.knex('handled_events').insert({ platform: 'slack', event_id: eventId, handled_at: at });

  it('forgets keys older than the replay guard, keeps recent ones, and still refuses their replay', async () => {
    await db.knex('form_submissions').delete();
    await db.knex('handled_events').delete();
    await submitted('slack:old-view', daysAgo(40));
    await submitted('slack:recent-view', daysAgo(2));
    await submitted('slack:inside-guard', daysAgo(29));
    await handled('Ev-old', daysAgo(31));
    await handled('Ev-recent', daysAgo(1));

    const config = testConfig(); // DUEBOT_REPLAY_GUARD_DAYS: 30 by default
    const policy = await testPolicy(config);
    const clock = createFixedClock(NOW, TZ);
    const { log, lines } = capturingLog('info');
    const scheduler = createScheduler({
      db: db.knex,
      jobs: [housekeepingJob(config)],
      clock,
      config,
      policy,
      log,
    });
    expect((await scheduler.runNow('housekeeping')).outcome).toEqual({
      status: 'ran',
      posts: 0,
      enqueued: 0,
    });
    await scheduler.stop();

    expect((await db.knex('form_submissions').orderBy('key')).map((r) => r.key)).toEqual([
      'slack:inside-guard',
      'slack:recent-view',
    ]);
    expect((await db.knex('handled_events')).map((r) => r.event_id)).toEqual(['Ev-recent']);
    const logged = lines.map((line) => JSON.parse(line)).find((l) => /^housekeeping: pruned/.test(l.msg));
    expect(logged?.pruned).toEqual({ form_submissions: 1, handled_events: 1 });

    // A Slack retry of a recent event, and a second delivery of a recent submission: refused as before.
    expect(await claimEvent(db.knex, 'Ev-recent')).toBe(false);
    const ctx: DispatchContext = { db: db.knex, clock, policy: defaultPolicy, pageSize: 5 };
    let applied = 0;
    const run = async () => {
      applied += 1;
      return { kind: 'ephemeral' as const, message: notice('done') };
    };
    const again = await onceInTransaction(ctx, { key: 'slack:recent-view', ref: 'r', userId: 'U1' }, run);
    expect(again).toMatchObject({ kind: 'ephemeral' });
    expect(applied).toBe(0);
    // A key past the guard is forgotten: its form, were it ever sent again, would count as new.
    await onceInTransaction(ctx, { key: 'slack:old-view', ref: 'r', userId: 'U1' }, run);
    expect(applied).toBe(1);
  });

  it('deletes in batches until nothing older is left', async () => {
    await db.knex('handled_events').delete();
    for (let i = 0; i < 25; i++) await handled(`Ev-batch-${i}`, daysAgo(60));
    await handled('Ev-new', daysAgo(0));
    expect(await pruneBefore(db.knex, 'handled_events', 'handled_at', daysAgo(30), 10)).toBe(25);
    expect((await db.knex('handled_events')).map((r) => r.event_id)).toEqual(['Ev-new']);
    expect(await pruneBefore(db.knex, 'handled_events', 'handled_at', daysAgo(30), 10)).toBe(0);
  });

  it('prunes nothing on a dry run, and keeps as many days as DUEBOT_REPLAY_GUARD_DAYS says', async () => {
    const nextDay = daysAgo(-1); // the first test ran today's housekeeping
    await db.knex('form_submissions').delete();
    await submitted('teams:dialog-45', daysAgo(45, nextDay));
    await submitted('teams:dialog-70', daysAgo(70, nextDay));
    const config = testConfig({ DUEBOT_REPLAY_GUARD_DAYS: '60' });
    const policy = await testPolicy(config);
    const clock = createFixedClock(nextDay, TZ);
    const jobs = [housekeepingJob(config)];
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log: silentLog });
    expect(await scheduler.preview('housekeeping')).toEqual([]);
    expect(await countRows(db.knex, 'form_submissions')).toBe(2);
    await scheduler.runNow('housekeeping');
    await scheduler.stop();
    expect((await db.knex('form_submissions')).map((r) => r.key)).toEqual(['teams:dialog-45']);
  });

  it('keeps a run done when the work after its commit fails, and logs the failure', async () => {
    const clock = createFixedClock(NOW, TZ);
    const config = testConfig();
    const policy = await testPolicy(config);
    const { log, lines } = capturingLog('error');
    const failing: Job = {
      name: 'after-commit-fails',
      schedule: '0 3 * * *',
      days: 'every',
      periodKey: dailyPeriod,
      async run(ctx) {
        ctx.afterCommit(async () => {
          throw new Error('disk full');
        });
      },
    };
    const scheduler = createScheduler({ db: db.knex, jobs: [failing], clock, config, policy, log });
    expect((await scheduler.runNow('after-commit-fails')).outcome).toMatchObject({ status: 'ran' });
    await scheduler.stop();
    expect(await countRows(db.knex, 'job_runs', { job: 'after-commit-fails', status: 'done' })).toBe(1);
    expect(lines.join('\n')).toMatch(
      /work after its run failed.*disk full|disk full.*work after its run failed/,
    );
  });
});

describe('the replay guard setting', () => {
  it('keeps 30 days by default and refuses less than a week, naming the setting', () => {
    expect(testConfig().jobs.housekeeping.replayGuardDays).toBe(30);
    expect(() => testConfig({ DUEBOT_REPLAY_GUARD_DAYS: '1' })).toThrow(/DUEBOT_REPLAY_GUARD_DAYS/);
  });
});
