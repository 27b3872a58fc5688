import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { promiseFollowUpJob } from '../../src/jobs/promise-follow-up.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { managersFor, parseEscalationMap } from '../../src/worklist/escalation.ts';
import { agreePlan, planLines, proposePlan } from '../../src/worklist/plan-agreement.ts';
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
    // Only follow-ups of promises count here (a key account's 60-day notice, PB-06, is a test below).
    const followUps = () =>
      shell.messages.filter((m) => JSON.stringify(m.message).includes('Promise missed'));

    await scheduler.sweep(); // the promised day itself: not missed yet
    await worker.drain();
    expect(followUps()).toHaveLength(0);

    clock.set('2026-12-04T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    // Privately to the owner, and in the account's thread (PB-14).
    expect(followUps().map((m) => m.channel)).toEqual([`@${ann.userId}`, `thread:${accountId}`]);
    const textOf = (i: number) => {
      const m = followUps()[i];
      return m?.message.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    };
    const text = textOf(0);
    expect(textOf(1)).toContain('*Promise missed: Slow Payer*');
    expect(text).toContain(
      '*Promise missed: Slow Payer* promised CNY 10,000.00 by 3 Dec 2026; nothing came.',
    );
    expect(text).toContain('escalated (PB-14)');

    // The next days (and a second run of the same day) tell nobody again.
    await scheduler.runNow('promise-follow-up');
    clock.set('2026-12-05T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    expect(followUps()).toHaveLength(2);

    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (a) => a.kind,
    );
    expect(kinds).toEqual(['claimed', 'promise_broken', 'escalated', 'owner_told']);
    const state = await db.knex('account_state').where({ customer_id: accountId }).first();
    expect(state.escalations).toBe(1);
    const goodKinds = (await db.knex('activities').where({ customer_id: kept.accountId })).map((a) => a.kind);
    expect(goodKinds).toEqual(['promise_kept']);
  });

  it('escalates a plan whose second installment is missed to the owner and the manager the next day, not before (PB-17, PB-14)', async () => {
    const config = testConfig({ DUEBOT_ESCALATION_MANAGERS: 'Ann=Mia, Bob=Max' });
    const policy = await testPolicy(config);
    const ann = await seedStaff(db.knex, 'Ann');
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const max = await seedStaff(db.knex, 'Max', 'manager');
    const { accountId, itemIds } = await seedAccount(db.knex, {
      name: 'Plan Payer',
      // 50 days overdue on 2026-12-21: below PB-06's 60, so no key-account notice joins the plan's.
      items: [{ dueDate: '2026-11-01', totalMinor: 90_000_00 }],
    });
    await claimAccount(db.knex, ann, accountId);
    const values = {
      amount1: '30,000',
      date1: '2026-12-05',
      amount2: '30,000',
      date2: '2026-12-20',
      amount3: '30,000',
      date3: '2027-01-05',
    };
    const proposed = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values },
      '2026-12-01',
    );
    if (!proposed.ok) throw new Error(proposed.error.message);
    const agreed = await agreePlan(db.knex, ann, accountId, proposed.value.proposalId, '2026-12-01');
    if (!agreed.ok) throw new Error(agreed.error.message);
    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 60_000_00 }); // installment 1 paid

    const clock = createFixedClock('2026-12-20T08:30:00+08:00', TZ);
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
    const told = () => shell.messages.filter((m) => JSON.stringify(m.message).includes('Plan Payer'));

    await scheduler.sweep(); // the second installment's own day: not missed yet
    await worker.drain();
    expect(told()).toHaveLength(0);

    clock.set('2026-12-21T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    expect(
      told()
        .map((m) => m.channel)
        .sort(),
    ).toEqual([`@${ann.userId}`, `@${mia.userId}`, `thread:${accountId}`].sort());
    expect(told().some((m) => m.channel === `@${max.userId}`)).toBe(false);
    const text = (who: number) =>
      told()
        .find((m) => m.channel === `@${who}`)
        ?.message.blocks.map((b) => ('text' in b ? b.text : ''))
        .join('\n');
    expect(text(ann.userId)).toContain(
      `*Installment missed: Plan Payer* owed installment 2 of payment plan #${agreed.value.planId}, CNY 30,000.00 by 20 Dec 2026; nothing came.`,
    );
    expect(text(mia.userId)).toContain("escalated to you as its owner's manager (PB-14); owner: Ann");

    clock.set('2026-12-22T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    expect(told()).toHaveLength(3);
    const history = await db.knex('activities').where({ customer_id: accountId }).orderBy('id');
    expect(history.map((a) => a.kind).slice(-4)).toEqual([
      'promise_kept',
      'promise_broken',
      'escalated',
      'owner_told',
    ]);
    expect(JSON.parse(JSON.stringify(history.at(-1)?.details)).managers).toEqual(['Mia']);
    expect(await planLines(db.knex, accountId)).toEqual([
      'Payment plan CNY 90,000.00: 1 of 3 paid, 1 missed, next 2027-01-05 (CNY 30,000.00)',
    ]);
  });

  it('reaches every manager when the escalation map does not name the owner (PB-14)', async () => {
    const bea = await seedStaff(db.knex, 'Bea');
    const everyone = await managersFor(db.knex, bea.userId, parseEscalationMap('Ann=Mia') ?? {});
    const managers = await db.knex('users').where({ role: 'manager' }).orderBy('id').pluck('display_name');
    expect(everyone.map((m) => m.name)).toEqual(managers);
    expect(managers.length).toBeGreaterThan(1);
    expect(parseEscalationMap('Ann')).toBeNull();
  });

  it('tells the managers once when an account reaches 60 days overdue, a key account without exception (PB-06, PB-14)', async () => {
    const config = testConfig({ DUEBOT_ESCALATION_MANAGERS: 'Cat=Max' });
    const policy = await testPolicy(config);
    const cat = await seedStaff(db.knex, 'Cat');
    const max = await seedStaff(db.knex, 'Max', 'manager');
    const { accountId } = await seedAccount(db.knex, {
      name: 'Sixty Days Ltd',
      items: [{ dueDate: '2026-11-30', totalMinor: 40_000_00 }],
    });
    const young = await seedAccount(db.knex, {
      name: 'Fifty Days Ltd',
      items: [{ dueDate: '2026-12-13', totalMinor: 40_000_00 }],
    });
    await claimAccount(db.knex, cat, accountId);
    // The scheduler turns the worklist to its day: on 2027-02-01 they are 63 and 50 days overdue.
    const clock = createFixedClock('2027-02-01T08:30:00+08:00', TZ);
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
    await scheduler.sweep();
    clock.set('2027-02-02T08:30:00+08:00');
    await scheduler.sweep();
    await worker.drain();
    const about = (name: string) => shell.messages.filter((m) => JSON.stringify(m.message).includes(name));
    expect(about('Sixty Days Ltd').map((m) => m.channel)).toEqual([`@${max.userId}`, `thread:${accountId}`]);
    expect(JSON.stringify(about('Sixty Days Ltd')[0]?.message)).toContain('63 days overdue');
    expect(about('Fifty Days Ltd')).toHaveLength(0);
    const escalated = await db.knex('activities').where({ customer_id: accountId, kind: 'escalated' });
    expect(escalated).toHaveLength(1);
    expect(
      await db.knex('activities').where({ customer_id: young.accountId, kind: 'escalated' }),
    ).toHaveLength(0);
  });
  it('PB-06: a policy file with keyAccountNoExceptionDays 45 tells the managers of an account 51 days overdue, which the playbook leaves alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'policy.yaml');
    await writeFile(file, 'aging:\n  keyAccountNoExceptionDays: 45\n');
    const playbook = testConfig({ DUEBOT_ESCALATION_MANAGERS: 'Dee=Moe' });
    const early = testConfig({ DUEBOT_ESCALATION_MANAGERS: 'Dee=Moe', DUEBOT_POLICY_FILE: file });
    const dee = await seedStaff(db.knex, 'Dee');
    const moe = await seedStaff(db.knex, 'Moe', 'manager');
    const { accountId } = await seedAccount(db.knex, {
      name: 'Forty-Eight Days Ltd',
      items: [{ dueDate: '2027-01-10', totalMinor: 40_000_00 }],
    });
    await claimAccount(db.knex, dee, accountId); // 50 days overdue on 2027-03-01, 51 the day after
    const shell = fakePlatform('shell');
    const about = () =>
      shell.messages.filter((m) => JSON.stringify(m.message).includes('Forty-Eight Days Ltd'));
    const sweep = async (config: typeof playbook, at: string) => {
      const clock = createFixedClock(at, TZ);
      const policy = await testPolicy(config);
      const scheduler = createScheduler({
        db: db.knex,
        jobs: [promiseFollowUpJob(config)],
        clock,
        config,
        policy,
        log: silentLog,
      });
      await scheduler.sweep();
      await createOutboxWorker({
        db: db.knex,
        chatOuts: [shell],
        clock,
        log: silentLog,
        pacingMs: 0,
      }).drain();
    };
    await sweep(playbook, '2027-03-01T08:30:00+08:00');
    expect(about()).toHaveLength(0);
    await sweep(early, '2027-03-02T08:30:00+08:00');
    expect(about().map((m) => m.channel)).toEqual([`@${moe.userId}`, `thread:${accountId}`]);
    expect(JSON.stringify(about()[0]?.message)).toContain('a key account without exception at 45');
    const escalated = await db.knex('activities').where({ customer_id: accountId, kind: 'escalated' });
    expect(escalated.map((e) => JSON.parse(JSON.stringify(e.details)))).toEqual([
      { cause: 'key-account', days: 45 },
    ]);
  });
});
