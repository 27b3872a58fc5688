import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import type { Message } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { fakePlatform, installedAt, silentLog, testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

function button(message: Message, label: string): string {
  for (const b of message.blocks)
    if (b.type === 'actions') for (const x of b.buttons) if (x.label === label) return x.ref;
  throw new Error(`no ${label} button`);
}

describe.each(backends())('alerts and the meeting through the scheduler and outbox on %s', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db?.close();
  });

  it('posts each alert and the meeting once, threads the replies and the summary under the parent', async () => {
    const config = testConfig({ DUEBOT_ALERT_THRESHOLDS: 'CNY=1000', DUEBOT_ALERT_JUMP_PERCENT: '0' });
    const policy = await testPolicy(config);
    const clock = createFixedClock('2026-12-01T02:00:00Z', 'Asia/Shanghai'); // Tuesday 10:00, first working day
    await installedAt(db.knex, '2026-11-20T00:00:00Z');
    await seedStaff(db.knex, 'Ann', 'collector', 'shell');
    await seedStaff(db.knex, 'Sam', 'sales', 'slack');
    await seedAccount(db.knex, {
      name: '苏州永信机械制造有限公司',
      items: [
        { issueDate: '2026-09-15', dueDate: '2026-10-15', totalMinor: 600_00 },
        { issueDate: '2026-10-20', dueDate: '2026-10-25', totalMinor: 900_00 },
      ],
    });
    await seedAccount(db.knex, {
      name: 'Maple Leaf Components LLC',
      items: [{ issueDate: '2026-08-01', dueDate: '2026-08-31', totalMinor: 50_00, currency: 'USD' }],
    });
    await refreshWorklist({ db: db.knex, policy, today: '2026-12-01', timeZone: 'Asia/Shanghai' }); // as a sync does
    const jobs = createJobs(config).filter((j) => j.name === 'alerts' || j.name === 'meeting');
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log: silentLog });

    await scheduler.afterSync();
    await scheduler.afterSync(); // same minute: the run ledger has it
    clock.set('2026-12-01T02:05:00Z');
    await scheduler.afterSync(); // a later sync: nothing crossed anew
    const swept = await scheduler.sweep();
    expect(swept.map((s) => [s.job, s.periodKey, s.outcome.status])).toEqual([['meeting', '2026-12', 'ran']]);
    expect(await scheduler.sweep()).toEqual([]);

    const shell = fakePlatform('shell');
    const sleep = async (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [shell], clock, log: silentLog, sleep });
    await worker.drain();
    const alerts = shell.messages.filter((m) => m.channel === '#alerts');
    expect(alerts.map((m) => m.key)).toHaveLength(1);
    const meeting = shell.messages.filter((m) => m.channel === '#meeting');
    const [parent, ...replies] = meeting;
    expect(parent?.key).toBe('meeting:2026-12');
    const chart = parent?.message.files?.[0];
    expect(chart?.mimeType).toBe('image/png');
    expect([...(chart?.data.subarray(1, 4) ?? [])]).toEqual([0x50, 0x4e, 0x47]); // "PNG", after the outbox's JSON
    expect(replies).toHaveLength(2);
    expect(replies.every((r) => r.thread === parent?.id)).toBe(true);

    const ann = { platform: 'shell' as const, id: 'ann', name: 'Ann' };
    const sam = { platform: 'slack' as const, id: 'sam', name: 'Sam' };
    const ctx = { db: db.knex, clock, policy, pageSize: 10 };
    const [first, second] = replies.map((r) => r.message);
    await dispatch(ctx, { kind: 'action', ref: button(first as Message, 'Payment plan'), user: ann });
    await dispatch(ctx, { kind: 'action', ref: button(second as Message, 'Credit hold'), user: sam });
    await worker.drain();
    const summary = shell.messages.filter((m) => m.key === 'meeting:2026-12:summary');
    expect(summary).toHaveLength(1);
    expect(summary[0]?.thread).toBe(parent?.id);
    const decided = await db
      .knex('meeting_accounts as ma')
      .join('users as u', 'u.id', 'ma.decided_by_user_id');
    expect(decided.map((r) => r.display_name).sort()).toEqual(['Ann', 'Sam']);
  });

  it('does not open a meeting caught up late in the month; the next month opens on time', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    const clock = createFixedClock('2026-12-10T02:00:00Z', 'Asia/Shanghai'); // 7 working days after 1 Dec
    await installedAt(db.knex, '2026-11-20T00:00:00Z'); // up in November, down over the 1st
    await seedAccount(db.knex, { items: [{ dueDate: '2026-10-01', totalMinor: 100_00 }] });
    await refreshWorklist({ db: db.knex, policy, today: '2026-12-10', timeZone: 'Asia/Shanghai' });
    const jobs = createJobs(config).filter((j) => j.name === 'meeting');
    const scheduler = createScheduler({ db: db.knex, jobs, clock, config, policy, log: silentLog });
    expect((await scheduler.sweep()).map((s) => s.outcome.status)).toEqual(['ran']);
    expect(await db.knex('meetings')).toEqual([]);
    clock.set('2027-01-04T02:00:00Z'); // Monday, first working day of January
    await refreshWorklist({ db: db.knex, policy, today: '2027-01-04', timeZone: 'Asia/Shanghai' });
    await scheduler.sweep();
    expect((await db.knex('meetings')).map((m) => m.month)).toEqual(['2027-01']);
  });
});
