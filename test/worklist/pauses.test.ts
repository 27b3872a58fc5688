import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { disputeCheckJob } from '../../src/jobs/dispute-check.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import { assessOne, refreshOne } from '../../src/worklist/assess.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { openDispute } from '../../src/worklist/disputes.ts';
import { pauseChasing } from '../../src/worklist/pauses.ts';
import { noteOfAction } from '../../src/collections/ladder.ts';
import { translator } from '../../src/i18n/translate.ts';
import { nextActionWords } from '../../src/views/ladder-words.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { fakePlatform, silentLog, testConfig, testPolicy } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TZ = 'Asia/Shanghai';
const today = '2026-11-22';
let unique = 0;
const tag = () => `${Date.now().toString(36)}p${(unique += 1)}`;

describe.each(backends())('pauses and the dispute check on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
  });
  afterAll(async () => {
    await db?.close();
  });

  const assess = async (accountId: number, day = today) => {
    const a = await assessOne({ db: db.knex, policy: defaultPolicy, today: day, timeZone: TZ }, accountId);
    if (!a) throw new Error(`no account ${accountId}`);
    return a;
  };
  const twoInvoices = async () => {
    const t = tag();
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { number: `A-${t}`, dueDate: '2026-09-01', totalMinor: 2_000_00 },
        { number: `B-${t}`, dueDate: '2026-11-01', totalMinor: 500_00 },
      ],
    });
    return { accountId, itemIds, a: `A-${t}`, b: `B-${t}` };
  };
  const pause = (
    accountId: number,
    input: { until: string; reason: string; invoices?: string },
    day = today,
  ) =>
    pauseChasing(db.knex, ann, accountId, input, day).then((r) =>
      r.ok ? r.value : (r.error.fields ?? r.error.code),
    );

  /** The daily check run by the scheduler on `day`, with its posts delivered to a platform in memory. */
  const check = async (day: string) => {
    const config = testConfig({ DUEBOT_DISPUTE_RAISE_DAYS: '14' });
    const clock = createFixedClock(`${day}T08:45:00+08:00`, TZ);
    const scheduler = createScheduler({
      db: db.knex,
      jobs: [disputeCheckJob(config)],
      clock,
      config,
      policy: await testPolicy(config),
      log: silentLog,
    });
    const shell = fakePlatform('shell');
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [shell], clock, log: silentLog, pacingMs: 0 });
    await scheduler.runNow('dispute-check');
    await worker.drain();
    return shell.messages;
  };

  it('a pause ends on its date: chased again the day after, with the end in the history once', async () => {
    const { accountId } = await twoInvoices();
    await claimAccount(db.knex, ann, accountId);
    expect(
      await pause(accountId, { until: '2026-12-01', reason: 'AP closed for the ERP migration' }),
    ).toMatchObject({
      until: '2026-12-01',
      invoices: [],
    });
    const now = await assess(accountId);
    expect(now.ladder).toMatchObject({ status: 'paused', nextAction: null });
    expect(now.ladder.reason).toEqual({
      kind: 'paused',
      until: '2026-12-01',
      why: 'AP closed for the ERP migration',
    });
    expect(now.items.every((i) => i.paused && i.pausedUntil === '2026-12-01')).toBe(true);
    // The worklist row says so where the next action would be.
    await refreshOne({ db: db.knex, policy: defaultPolicy, today, timeZone: TZ }, accountId);
    const summary = () => db.knex('account_summary').where({ customer_id: accountId }).first('next_action');
    // A note with the pause's end, said in each reader's language (issue 20), not an English sentence.
    const note = (await summary())?.next_action;
    expect(note).toEqual({ kind: 'paused', until: '2026-12-01', why: 'AP closed for the ERP migration' });
    expect(nextActionWords(translator('en'), note)).toBe(
      'Chasing paused until 1 Dec 2026: AP closed for the ERP migration',
    );
    expect(nextActionWords(translator('zh-CN'), note)).toBe(
      '暂停催收至 2026年12月1日：AP closed for the ERP migration',
    );
    expect((await assess(accountId, '2026-12-01')).ladder.status).toBe('paused'); // its last day
    const after = await assess(accountId, '2026-12-02');
    expect(after.ladder.status).toBe('active');
    expect(after.ladder.nextAction).not.toBeNull();
    expect(after.items.some((i) => i.paused)).toBe(false);

    // The daily check on its last day changes nothing; the day after it ends the pause once and tells the owner.
    expect(await check('2026-12-01')).toEqual([]);
    const told = await check('2026-12-02');
    const mine = told.filter(
      (m) => m.channel === `@${ann.userId}` && JSON.stringify(m.message).includes('ended'),
    );
    expect(mine).toHaveLength(1);
    // And in the account's thread, once (PB-14: in the account thread and privately).
    const inThread = told.filter(
      (m) => m.channel === `thread:${accountId}` && JSON.stringify(m.message).includes('ended'),
    );
    expect(inThread).toHaveLength(1);
    expect(inThread[0]?.key).toBe(`${mine[0]?.key}:thread`);
    // The worklist resumed too.
    expect((await summary())?.next_action).toEqual(
      after.ladder.nextAction && noteOfAction(after.ladder.nextAction),
    );
    await check('2026-12-03');
    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['claimed', 'paused', 'pause_ended']);
    const [row] = await db.knex('pauses').where({ customer_id: accountId });
    expect(row?.lifted_at).not.toBeNull();
    expect(row?.lifted_by_user_id).toBeNull();
  });

  it('pauses single invoices: the ladder works the rest, and the paused one is back after its date', async () => {
    const { accountId, a } = await twoInvoices();
    expect(
      await pause(accountId, { until: '2026-11-30', reason: 'customer checks the delivery', invoices: a }),
    ).toMatchObject({
      invoices: [a],
    });
    const now = await assess(accountId);
    expect(now.ladder.anchorDueDate).toBe('2026-11-01'); // B only
    expect(now.items.find((i) => i.number === a)).toMatchObject({ paused: true, pausedUntil: '2026-11-30' });
    expect((await assess(accountId, '2026-12-01')).ladder.anchorDueDate).toBe('2026-09-01');
  });

  it('refuses a pause end in the past, not a real date or too far, and anything already paused, by field, writing nothing', async () => {
    const { accountId, a } = await twoInvoices();
    const other = await twoInvoices();
    const reason = 'remind me later';
    expect(await pause(accountId, { until: '2026-11-21', reason })).toEqual({
      until: 'today (2026-11-22) or later: 2026-11-21 is in the past',
    });
    expect(await pause(accountId, { until: '2026-02-30', reason })).toEqual({
      until: '2026-02-30 is not a date: February 2026 has 28 days',
    });
    expect(await pause(accountId, { until: 'tomorrow', reason })).toEqual({ until: 'a date as YYYY-MM-DD' });
    expect(await pause(accountId, { until: '', reason: ' ' })).toEqual({
      until: 'required: the last day of the pause',
      reason: 'say why chasing is paused',
    });
    expect(await pause(accountId, { until: '2027-12-01', reason })).toEqual({
      until: 'at most a year ahead (2027-11-22)',
    });
    expect(await pause(accountId, { until: '2026-12-01', reason, invoices: other.a })).toEqual({
      invoices: `not invoices of this account: ${other.a}`,
    });
    expect(await db.knex('pauses').where({ customer_id: accountId })).toEqual([]);

    expect(await pause(accountId, { until: '2026-12-01', reason, invoices: a })).toMatchObject({
      invoices: [a],
    });
    expect(await pause(accountId, { until: '2026-12-05', reason, invoices: a })).toEqual({
      invoices: `already paused: ${a} until 2026-12-01`,
    });
    expect(await pause(accountId, { until: '2026-12-05', reason })).toMatchObject({ invoices: [] });
    expect(await pause(accountId, { until: '2026-12-05', reason })).toEqual({
      until: 'the whole account is already paused until 2026-12-05; un-pause it first',
    });
    expect(await db.knex('pauses').where({ customer_id: accountId })).toHaveLength(2);
  });

  it('raises an open dispute to the owner once it is older than the set days, and only once', async () => {
    const { accountId, itemIds } = await twoInvoices();
    await claimAccount(db.knex, ann, accountId);
    const opened = await openDispute(db.knex, ann, accountId, {
      itemIds: [itemIds[0] ?? 0],
      reason: 'pallet arrived damaged',
      contact: 'Li Wei',
    });
    if (!opened.ok) throw new Error(opened.error.message);
    await db
      .knex('disputes')
      .where({ id: opened.value.disputeId })
      .update({ opened_at: '2026-11-10T04:00:00Z' });
    const about = (messages: Awaited<ReturnType<typeof check>>) =>
      messages.filter((m) => JSON.stringify(m.message).includes(`Dispute #${opened.value.disputeId} open`));
    expect(about(await check('2026-11-23'))).toEqual([]); // 13 days
    const raised = about(await check('2026-11-24')); // 14 days
    // Privately to the owner and in the account's thread, once each.
    expect(raised.map((m) => m.channel)).toEqual([`@${ann.userId}`, `thread:${accountId}`]);
    expect(JSON.stringify(raised[0]?.message)).toContain('After-sales: Li Wei');
    expect(JSON.stringify(raised[1]?.message)).toContain('After-sales: Li Wei');
    expect(about(await check('2026-11-25'))).toEqual([]);
    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(['claimed', 'dispute_opened', 'dispute_raised']);
  });
});
