/**
 * PB-14 (issue 16 item 5): a missed installment is escalated "in the account thread and privately". The
 * daily promise check runs for real; its posts go through the outbox to Slack (Web API faked with nock),
 * Teams (the Bot Framework connector faked with nock) and the terminal. On each: the account's thread is
 * started where account threads go when the account has none, the escalation is replied in it once, the
 * owner and the manager hear it privately, and a retried delivery posts nothing twice.
 */
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createShellChatOut } from '../../adapters/shell/chat-out.ts';
import { createOutboxClient, createSlackChatOut } from '../../adapters/slack/chat-out.ts';
import { createTeamsChatOut } from '../../adapters/teams/chat-out.ts';
import { type Clock, createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { promiseFollowUpJob } from '../../src/jobs/promise-follow-up.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import type { ChatOut } from '../../src/outbox/chat-out.ts';
import { enqueue, OutboxInputError } from '../../src/outbox/outbox.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { notice } from '../../src/views/notices.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { agreePlan, proposePlan } from '../../src/worklist/plan-agreement.ts';
import { SLACK_API, startFakeSlack } from '../outbox/fake-slack.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { botAdded, message } from '../teams/support/activities.ts';
import { CHANNEL, PEOPLE, startHarness } from '../teams/support/harness.ts';
import { silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';

describe.each(backends())('escalations in the account thread on %s (PB-14)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    // Each case runs the daily check for the same days on its own account (this file's own database).
    await db.knex('job_runs').delete();
    await db.knex('outbox_deliveries').delete();
    await db.knex('outbox').delete();
  });

  /**
   * An account owned by `owner` on a 3-installment plan whose first installment was paid and whose second
   * (2026-12-20) was not. Under 60 days overdue on purpose, so no key-account notice (PB-06) joins in.
   */
  async function missedInstallment(owner: Actor, name: string) {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      name,
      items: [{ dueDate: '2026-11-01', totalMinor: 90_000_00 }],
    });
    await claimAccount(db.knex, owner, accountId);
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
      owner,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values },
      '2026-12-01',
    );
    if (!proposed.ok) throw new Error(proposed.error.message);
    const agreed = await agreePlan(db.knex, owner, accountId, proposed.value.proposalId, '2026-12-01');
    if (!agreed.ok) throw new Error(agreed.error.message);
    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 60_000_00 });
    const row = await db.knex('customers').where({ id: accountId }).first('external_id');
    return { accountId, planId: agreed.value.planId, externalId: String(row.external_id) };
  }

  /** The daily promise check with `map`, run on demand on the given day (business time). */
  async function promiseCheck(map: string, clock: Clock & { set(at: string | Date): void }) {
    const config = testConfig({ DUEBOT_ESCALATION_MANAGERS: map });
    const scheduler = createScheduler({
      db: db.knex,
      jobs: [promiseFollowUpJob(config)],
      clock,
      config,
      policy: await testPolicy(config),
      log: silentLog,
    });
    return async (day: string) => {
      clock.set(`${day}T08:30:00+08:00`);
      await scheduler.runNow('promise-follow-up');
    };
  }

  /** Delivers until nothing is due, moving the clock past each backoff. */
  async function deliverAll(out: ChatOut, clock: Clock & { set(at: Date): void }) {
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [out], clock, log: silentLog, pacingMs: 0 });
    for (let pass = 0; pass < 20; pass++) {
      await worker.runOnce();
      const left = await db.knex('outbox_deliveries').whereNot({ status: 'sent' }).count({ n: '*' }).first();
      if (Number(left?.n) === 0) break;
      clock.set(new Date(clock.now().getTime() + 60_000));
    }
  }

  /**
   * A worker that dies right after the platform accepted a post (before recording it); a second worker,
   * once the lease ran out, finishes the delivery.
   */
  async function crashThenRestart(
    out: ChatOut,
    clock: Clock & { set(at: Date): void },
    accepted: () => number,
  ) {
    const before = accepted();
    // The worker dies once the platform accepted the post and the chat out recorded it (out.post returned),
    // not merely once the request reached the platform: that is the moment this case is about.
    let recorded = false;
    const dying = createOutboxWorker({
      db: db.knex,
      chatOuts: [
        {
          ...out,
          post: async (...a) => {
            await out.post(...a);
            recorded = true;
            return new Promise(() => undefined);
          },
        },
      ],
      clock,
      log: silentLog,
      leaseMs: 60_000,
    });
    void dying.runOnce();
    await expect.poll(() => recorded).toBe(true);
    expect(accepted()).toBe(before + 1);
    clock.set(new Date(clock.now().getTime() + 61_000));
    await deliverAll(out, clock);
  }

  async function threadsOf(accountId: number) {
    return db
      .knex('account_threads')
      .where({ customer_id: accountId })
      .select('platform', 'channel', 'thread_ref');
  }

  describe('on Slack', () => {
    let slack: ReturnType<typeof startFakeSlack> | undefined;
    afterEach(() => {
      slack?.stop();
      slack = undefined;
    });
    const slackOut = () =>
      createSlackChatOut({
        client: createOutboxClient('xoxb-test', `${SLACK_API}/api`),
        db: db.knex,
        config: { channel: 'CGENERAL', channels: { digest: 'CDIGEST' } },
      });

    it('starts the account thread in SLACK_CHANNEL, replies the escalation in it once, and tells owner and manager by DM', async () => {
      slack = startFakeSlack();
      const sid = await seedStaff(db.knex, 'Sid', 'collector', 'slack');
      await seedStaff(db.knex, 'Sia', 'manager', 'slack');
      const { accountId, planId, externalId } = await missedInstallment(sid, 'Slack Plan Ltd');
      const clock = createFixedClock('2026-12-20T08:30:00+08:00', TZ);
      const run = await promiseCheck('Sid=Sia', clock);
      const out = slackOut();
      const about = () =>
        slack?.messages.filter((m) => m.text.includes('Installment missed: Slack Plan Ltd')) ?? [];

      await run('2026-12-20'); // the installment's own day: not missed yet
      await deliverAll(out, clock);
      expect(about()).toEqual([]);
      expect(await threadsOf(accountId)).toEqual([]);

      await run('2026-12-21');
      await deliverAll(out, clock);
      const heads = slack.messages.filter((m) => m.channel === 'CGENERAL' && !m.thread_ts);
      expect(heads).toHaveLength(1);
      expect(heads[0]?.text).toContain('Slack Plan Ltd');
      expect(JSON.stringify(heads[0]?.blocks)).toContain(externalId);
      expect(await threadsOf(accountId)).toEqual([
        { platform: 'slack', channel: 'CGENERAL', thread_ref: heads[0]?.ts },
      ]);
      expect(
        about()
          .map((m) => `${m.channel}:${m.thread_ts ?? '-'}`)
          .sort(),
      ).toEqual(['Dsid:-', 'Dsia:-', `CGENERAL:${heads[0]?.ts}`].sort());
      const inThread = about().find((m) => m.channel === 'CGENERAL');
      expect(JSON.stringify(inThread?.blocks)).toContain(`installment 2 of payment plan #${planId}`);
      expect(JSON.stringify(inThread?.blocks)).toContain('owner Sid and Sia were told privately');
      expect(inThread?.metadata?.event_payload.key).toMatch(/^promise-missed:\d+:thread$/);

      // The next day (and a second run) add nothing, and the thread is not started again.
      await run('2026-12-22');
      await run('2026-12-22');
      await deliverAll(out, clock);
      expect(about()).toHaveLength(3);
      expect(slack.messages.filter((m) => m.channel === 'CGENERAL' && !m.thread_ts)).toHaveLength(1);
    });

    it('replies in the thread the account already has, even in another channel', async () => {
      slack = startFakeSlack();
      const { accountId } = await seedAccount(db.knex, { name: 'Threaded Ltd', items: [] });
      await db.knex('account_threads').insert({
        platform: 'slack',
        customer_id: accountId,
        channel: 'CSALES',
        thread_ref: '1763000000.000001',
      });
      const clock = createFixedClock('2026-12-21T08:30:00+08:00', TZ);
      await enqueue(db.knex, [
        { key: 'esc:threaded', to: { kind: 'account', accountId }, message: notice('Escalated') },
      ]);
      await deliverAll(slackOut(), clock);
      expect(slack.messages.map((m) => [m.channel, m.thread_ts, m.text])).toEqual([
        ['CSALES', '1763000000.000001', 'Escalated'],
      ]);
    });

    it('posts the head and the reply once when Slack stored them but answered 500 (a retried delivery)', async () => {
      slack = startFakeSlack();
      const { accountId } = await seedAccount(db.knex, { name: 'Flaky Thread Ltd', items: [] });
      const clock = createFixedClock('2026-12-21T08:30:00+08:00', TZ);
      const out = slackOut();
      // The head reaches Slack but the answer is a 500: nothing is recorded, the retry finds it again.
      slack.failNext('chat.postMessage', { status: 500, after: true });
      await enqueue(db.knex, [
        { key: 'esc:flaky:1', to: { kind: 'account', accountId }, message: notice('First') },
      ]);
      await deliverAll(out, clock);
      const heads = () =>
        slack?.messages.filter(
          (m) => m.channel === 'CGENERAL' && !m.thread_ts && m.text.includes('Flaky Thread Ltd'),
        ) ?? [];
      expect(heads()).toHaveLength(1);
      const head = heads()[0]?.ts;
      expect(await threadsOf(accountId)).toEqual([
        { platform: 'slack', channel: 'CGENERAL', thread_ref: head },
      ]);
      expect(slack.messages.filter((m) => m.text === 'First').map((m) => m.thread_ts)).toEqual([head]);

      // The reply reaches Slack but the answer is a 500: the retry finds it in the thread, sends nothing.
      slack.failNext('chat.postMessage', { status: 500, after: true });
      await enqueue(db.knex, [
        { key: 'esc:flaky:2', to: { kind: 'account', accountId }, message: notice('Second') },
      ]);
      await deliverAll(out, clock);
      expect(slack.messages.filter((m) => m.text === 'Second').map((m) => m.thread_ts)).toEqual([head]);
      expect(slack.calls.some((c) => c.method === 'conversations.replies')).toBe(true);
      expect(heads()).toHaveLength(1);
      const sent = await db.knex('outbox_deliveries').where({ status: 'sent' }).count({ n: '*' }).first();
      expect(Number(sent?.n)).toBe(2);
    });

    it('has nowhere to put account threads without SLACK_CHANNEL, and refuses a bad account destination', async () => {
      const out = createSlackChatOut({
        client: createOutboxClient('xoxb-test', `${SLACK_API}/api`),
        db: db.knex,
        config: { channel: undefined, channels: { digest: 'CDIGEST' } },
      });
      expect(await out.canDeliver({ kind: 'account', accountId: 1 })).toBe(false);
      for (const accountId of [0, -3, 1.5, Number.NaN]) {
        await expect(
          enqueue(db.knex, [
            { key: `bad:${accountId}`, to: { kind: 'account', accountId }, message: notice('x') },
          ]),
        ).rejects.toThrow(OutboxInputError);
      }
      await expect(
        enqueue(db.knex, [
          {
            key: 'bad:reply',
            to: { kind: 'account', accountId: 1 },
            message: notice('x'),
            threadKey: 'other',
          },
        ]),
      ).rejects.toThrow(/cannot also reply/);
      expect(await db.knex('outbox')).toEqual([]);
    });
  });

  it('on Teams: starts the account thread in the default channel, replies in it once, and tells owner and manager in their chats', async () => {
    const teams = await startHarness(db);
    try {
      await teams.post(botAdded({ in: 'channel' }));
      await teams.post(message('overdue', 'ann'));
      await teams.post(message('overdue', 'mia'));
      const ann = await db
        .knex('users')
        .where({ platform: 'teams', platform_user_id: PEOPLE.ann.aadObjectId })
        .first('id', 'display_name');
      await db.knex('users').where({ id: ann.id }).update({ role: 'collector' });
      const owner: Actor = { userId: Number(ann.id), name: 'Ann', role: 'collector', platform: 'teams' };
      const { accountId, planId } = await missedInstallment(owner, 'Teams Plan Ltd');
      const clock = createFixedClock('2026-12-21T08:30:00+08:00', TZ);
      const run = await promiseCheck('Ann=Mia', clock);
      const out = createTeamsChatOut({ db: db.knex, proactive: teams.app.proactive });
      teams.reset();

      await run('2026-12-21');
      await deliverAll(out, clock);
      const about = (text: string) => teams.calls.filter((c) => JSON.stringify(c.body).includes(text));
      const heads = about('Teams Plan Ltd').filter((c) => c.path === '/v3/conversations');
      expect(heads).toHaveLength(1);
      expect(heads[0]?.body).toMatchObject({ channelData: { channel: { id: CHANNEL } } });
      const threads = await threadsOf(accountId);
      expect(threads).toHaveLength(1);
      expect(threads[0]).toMatchObject({ platform: 'teams', channel: CHANNEL });
      const root = String(threads[0]?.thread_ref);
      expect(
        about('Installment missed: Teams Plan Ltd')
          .map((c) => c.path)
          .sort(),
      ).toEqual(
        [
          `/v3/conversations/${CHANNEL};messageid=${root}/activities`,
          '/v3/conversations/a:chat-ann/activities',
          '/v3/conversations/a:chat-mia/activities',
        ].sort(),
      );
      expect(JSON.stringify(about(`payment plan #${planId}`))).toContain('were told privately');

      // A worker that dies after Teams accepted the reply: the next one finds it (recorded) and does not resend.
      await enqueue(db.knex, [
        { key: 'esc:teams:crash', to: { kind: 'account', accountId }, message: notice('Once on Teams') },
      ]);
      await crashThenRestart(out, clock, () => about('Once on Teams').length);
      expect(about('Once on Teams').map((c) => c.path)).toEqual([
        `/v3/conversations/${CHANNEL};messageid=${root}/activities`,
      ]);
      expect(about('Teams Plan Ltd').filter((c) => c.path === '/v3/conversations')).toHaveLength(1);
    } finally {
      await teams.close();
    }
  });

  it('on the shell: prints the account thread head once, the escalation in it once, and the private notices', async () => {
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => {
      text += String(c);
    });
    const out = createShellChatOut({ db: db.knex, output, filesDir: '/nonexistent', color: false });
    const shaw = await seedStaff(db.knex, 'Shaw');
    await seedStaff(db.knex, 'Shea', 'manager');
    const { accountId, externalId } = await missedInstallment(shaw, 'Shell Plan Ltd');
    const clock = createFixedClock('2026-12-21T08:30:00+08:00', TZ);
    const run = await promiseCheck('Shaw=Shea', clock);

    await run('2026-12-21');
    await deliverAll(out, clock);
    const count = (s: string) => text.split(s).length - 1;
    expect(count(`── [account thread] Shell Plan Ltd (${externalId}) ──`)).toBe(1);
    expect(count('── [account thread] Shell Plan Ltd ──\nInstallment missed: Shell Plan Ltd')).toBe(1);
    expect(count('── @Shaw (private) ──\nInstallment missed: Shell Plan Ltd')).toBe(1);
    expect(count('── @Shea (private) ──\nInstallment missed: Shell Plan Ltd')).toBe(1);
    expect(count('Installment missed: Shell Plan Ltd')).toBe(3);
    expect(await threadsOf(accountId)).toHaveLength(1);

    await enqueue(db.knex, [
      { key: 'esc:shell:crash', to: { kind: 'account', accountId }, message: notice('Once on the shell') },
    ]);
    await crashThenRestart(out, clock, () => count('Once on the shell'));
    expect(count('Once on the shell')).toBe(1);
    expect(count(`── [account thread] Shell Plan Ltd (${externalId}) ──`)).toBe(1);
  });
});
