import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { promiseFollowUpJob } from '../../src/jobs/promise-follow-up.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { recordPromise } from '../../src/worklist/promises.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { fakePlatform, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';

describe.each(backends())('promise follow-ups on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('tells the owner once, the day after a missed promise, escalates the account and logs both (PB-20, PB-14)', async () => {
    const config = testConfig();
    const policy = await testPolicy(config);
    const ann = await seedStaff(db.knex, 'Ann');
    const { accountId } = await seedAccount(db.knex, {
      name: 'Slow Payer',
      items: [{ dueDate: '2026-10-01', totalMinor: 80_000_00 }],
    });
    const kept = await seedAccount(db.knex, {
      name: 'Good Payer',
      items: [{ dueDate: '2026-10-01', totalMinor: 10_000_00 }],
    });
    await claimAccount(db.knex, ann, accountId);
    for (const id of [accountId, kept.accountId]) {
      await db.knex.transaction((trx) =>
        recordPromise(trx, ann, id, { promisedDate: '2026-12-03', amountMinor: 10_000_00, currency: 'CNY' }),
      );
    }
    await db.knex('open_items').where({ customer_id: kept.accountId }).update({ open_minor: 0 });
    const clock = createFixedClock('2026-12-03T08:30:00+08:00', TZ);
    const scheduler = createScheduler({
      db: db.knex,
      jobs: [promiseFollowUpJob(config)],
      clock,
      config,
      policy,
      log: silentLog,
    });
    const shell = fakePlatform('shell');
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [shell], clock, log: silentLog, pacingMs: 0 });

    await scheduler.sweep(); // the promised day itself: not missed yet
    await worker.drain();
    expect(shell.messages).toHaveLength(0);

    clock.set('2026-12-04T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    expect(shell.messages).toHaveLength(1);
    expect(shell.messages[0]).toMatchObject({ channel: `@${ann.userId}` });
    const text = shell.messages[0]?.message.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain(
      '*Promise missed: Slow Payer* promised CNY 10,000.00 by 2026-12-03; nothing came.',
    );
    expect(text).toContain('escalated (PB-14)');

    // The next days (and a second run of the same day) tell nobody again.
    await scheduler.runNow('promise-follow-up');
    clock.set('2026-12-05T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    expect(shell.messages).toHaveLength(1);

    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (a) => a.kind,
    );
    expect(kinds).toEqual(['claimed', 'promise_broken', 'escalated', 'owner_told']);
    const state = await db.knex('account_state').where({ customer_id: accountId }).first();
    expect(state.escalations).toBe(1);
    const goodKinds = (await db.knex('activities').where({ customer_id: kept.accountId })).map((a) => a.kind);
    expect(goodKinds).toEqual(['promise_kept']);
  });
});
