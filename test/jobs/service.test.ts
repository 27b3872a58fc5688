import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import type { Job } from '../../src/jobs/job.ts';
import { dailyPeriod } from '../../src/jobs/periods.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { UnknownJobError } from '../../src/jobs/scheduler.ts';
import { createScheduledPosts } from '../../src/jobs/service.ts';
import type { Message } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { fakePlatform, installedAt, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';

describe.each(backends())('scheduled posts as a service on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('catches up the day’s digest at start and redraws it in place after a sync saw a payment', async () => {
    const config = testConfig({ DUEBOT_OUTBOX_PACING_MS: '0' });
    const policy = await testPolicy(config);
    const clock = createFixedClock('2026-12-08T09:40:00+08:00', TZ);
    await installedAt(db.knex, '2026-12-01T08:00:00+08:00'); // up since last week, down at 09:00 today
    const paid = await seedAccount(db.knex, {
      name: 'Pays Today',
      items: [{ dueDate: '2026-11-01', totalMinor: 70_000_00 }],
    });
    await seedAccount(db.knex, {
      name: 'Still Owes',
      items: [{ dueDate: '2026-11-05', totalMinor: 30_000_00 }],
    });
    const assess = () => refreshWorklist({ db: db.knex, policy, today: clock.today(), timeZone: TZ });
    await assess();
    const platform = fakePlatform('shell');
    const posts = createScheduledPosts(
      { db: db.knex, clock, config, policy, log: silentLog, jobs: createJobs(config) },
      [platform],
    );
    await posts.scheduler.sweep(); // what start() does first
    await posts.worker.drain();
    const digest = platform.messages.find((m) => m.key === 'digest:2026-12-08');
    expect(digest?.edits).toEqual([]);

    await db
      .knex('open_items')
      .where({ customer_id: paid.accountId })
      .update({ open_minor: 0, status: 'settled', settled_at: new Date() });
    await assess();
    clock.set('2026-12-08T10:05:00+08:00');
    await posts.afterSync();
    await posts.worker.drain();
    expect(digest?.edits).toHaveLength(1);
    const text = (digest?.edits[0] as Message).blocks
      .map((b) => ('text' in b ? b.text : b.type === 'accountRow' ? b.customerName : ''))
      .join('\n');
    expect(text).toContain('*CNY 30,000* open');
    expect(text).not.toContain('Pays Today');
    expect(text).toContain('Updated 10:05.');
    await posts.afterSync(); // nothing changed since: no second edit
    await posts.worker.drain();
    expect(digest?.edits).toHaveLength(1);
    await posts.stop();
  });

  it('runs the jobs its caller built, and builds none of its own', async () => {
    const config = testConfig({ DUEBOT_OUTBOX_PACING_MS: '0' });
    const policy = await testPolicy(config);
    const clock = createFixedClock('2026-12-08T11:00:00+08:00', TZ);
    let runs = 0;
    const only: Job = {
      name: 'only-this',
      schedule: '0 11 * * *',
      days: 'every',
      periodKey: dailyPeriod,
      async run() {
        runs += 1;
      },
    };
    const posts = createScheduledPosts({ db: db.knex, clock, config, policy, log: silentLog, jobs: [only] }, [
      fakePlatform('shell'),
    ]);
    expect((await posts.scheduler.runNow('only-this')).outcome).toMatchObject({ status: 'ran' });
    expect(runs).toBe(1);
    expect(() => posts.scheduler.runNow('digest')).toThrow(UnknownJobError); // the registry's were never built
    await posts.stop();
  });

  it('redraws the digest once for many claims, after them and off the claims’ path', async () => {
    const config = testConfig({ DUEBOT_OUTBOX_PACING_MS: '0' });
    const policy = await testPolicy(config);
    const clock = createFixedClock('2026-12-09T09:40:00+08:00', TZ);
    const accounts = [];
    for (const name of ['Claimed One', 'Claimed Two', 'Claimed Three'])
      accounts.push(
        await seedAccount(db.knex, { name, items: [{ dueDate: '2026-11-01', totalMinor: 5_000_00 }] }),
      );
    await refreshWorklist({ db: db.knex, policy, today: clock.today(), timeZone: TZ });
    const platform = fakePlatform('shell');
    // A delay no test waits out: the redraw happens only when asked for (redrawNow).
    const posts = createScheduledPosts(
      {
        db: db.knex,
        clock,
        config,
        policy,
        log: silentLog,
        jobs: createJobs(config),
        digestRedrawDelayMs: 600_000,
      },
      [platform],
    );
    await posts.scheduler.sweep();
    await posts.worker.drain();
    const digest = platform.messages.find((m) => m.key === 'digest:2026-12-09');
    expect(digest?.edits).toEqual([]);
    const ann = await seedStaff(db.knex, 'Ann Redraw');
    for (const { accountId } of accounts) {
      await claimAccount(db.knex, ann, accountId);
      posts.worklistChanged();
    }
    await posts.worker.drain();
    expect(digest?.edits).toEqual([]); // nothing redrawn while people claim
    await posts.redrawNow();
    await posts.worker.drain();
    expect(digest?.edits).toHaveLength(1); // one redraw for the three claims
    await posts.redrawNow(); // nothing waiting: nothing redrawn
    posts.worklistChanged(); // a change waiting at stop is dropped (the next start's sync redraws)
    await posts.stop();
    expect(digest?.edits).toHaveLength(1);
  });
});
