import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { knexForPostgres, type Database } from '../../src/db.ts';
import { loadDigest } from '../../src/jobs/digest-data.ts';
import type { Job } from '../../src/jobs/job.ts';
import { dailyPeriod } from '../../src/jobs/periods.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import type { AccountRowBlock, Message } from '../../src/views/model.ts';
import { refreshOne, refreshWorklist } from '../../src/worklist/assess.ts';
import { ensureWorklistDay, markWorklistDay } from '../../src/worklist/day-turn.ts';
import { rowDaysOverdue } from '../../src/worklist/overdue-days.ts';
import { backends, createServerDatabase, openTestDatabase } from '../support/databases.ts';
import { silentLog } from '../jobs/support.ts';
import { seedAccount } from '../support/seed.ts';
import { storedWorklist } from '../support/worklist-rows.ts';

const timeZone = 'Asia/Shanghai';
/**
 * Business dates only move forward, as they do in production: each case syncs on a date after every date
 * an earlier case reached (a process remembers the latest date it knows to be fresh).
 */
let cursor = '2026-11-22';
function nextSyncDay(): string {
  const day = cursor;
  cursor = addDays(cursor, 400);
  return day;
}

/** Days overdue per account as the ledger says on `today`: the oldest open item's calendar days past due. */
async function ledgerDays(db: Knex, today: string): Promise<Map<number, number>> {
  const rows = await db('open_items')
    .where('status', 'open')
    .where('open_minor', '>', 0)
    .groupBy('customer_id')
    .select('customer_id', db.raw('greatest(max(?::date - due_date), 0) as days', [today]));
  return new Map(rows.map((r) => [Number(r.customer_id), Number(r.days)]));
}

/** Days overdue per account as the worklist says on `today` (counted from each row's oldest due date). */
async function storedDays(db: Knex, today: string): Promise<Map<number, number>> {
  const rows = await db('account_summary').select('customer_id', 'oldest_due');
  return new Map(rows.map((r) => [Number(r.customer_id), rowDaysOverdue(r.oldest_due, today)]));
}

async function wipe(db: Knex): Promise<void> {
  for (const table of [
    'worklist_days',
    'account_summary',
    'pauses',
    'account_state',
    'promises',
    'open_items',
    'customers',
  ])
    await db(table).delete();
}

const rowsOf = (m: Message) => m.blocks.filter((b): b is AccountRowBlock => b.type === 'accountRow');

describe.each(backends())('the business day turning (PB-01) on %s', (kind) => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('PB-01: for any business dates after a sync, with no sync in between, the worklist days overdue equal the ledger', async () => {
    const account = fc.array(
      fc.record({
        dueOffset: fc.integer({ min: -60, max: 120 }),
        minor: fc.integer({ min: 1, max: 10_000_000 }),
      }),
      { minLength: 1, maxLength: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(account, { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 }),
        async (accounts, steps) => {
          const knex = db.knex;
          const syncDay = nextSyncDay();
          await wipe(knex);
          for (const items of accounts) {
            await seedAccount(knex, {
              items: items.map((i) => ({ dueDate: addDays(syncDay, i.dueOffset), totalMinor: i.minor })),
            });
          }
          // The sync of syncDay: the worklist assessed and the day recorded, as afterSync does.
          const { assessed } = await refreshWorklist({
            db: knex,
            policy: defaultPolicy,
            today: syncDay,
            timeZone,
          });
          await markWorklistDay(knex, syncDay, assessed, defaultPolicy);
          const clock = createFixedClock(`${syncDay}T03:00:00Z`, timeZone);
          const ctx: DispatchContext = { db: knex, clock, policy: defaultPolicy, pageSize: 50 };
          let day = syncDay;
          for (const step of steps) {
            day = addDays(day, step);
            clock.set(`${day}T03:00:00Z`);
            const reply = await dispatch(ctx, {
              kind: 'command',
              text: '',
              user: { platform: 'shell', id: 'ann', name: 'Ann' },
              platform: 'shell',
            });
            const ledger = await ledgerDays(knex, day);
            expect(await storedDays(knex, day)).toEqual(ledger);
            // The list holds exactly the accounts with something overdue (its title), as many as the digest counts.
            const overdue = [...ledger.values()].filter((d) => d > 0).length;
            const listed = 'message' in reply ? rowsOf(reply.message).length : -1;
            expect(listed).toBe(overdue);
            const digest = await loadDigest(knex, {
              today: day,
              calendar: defaultPolicy.calendar,
              top: 5,
              edges: defaultPolicy.aging.bucketEdges,
            });
            expect(digest.overdueAccounts).toBe(overdue);
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('PB-01: after the day turns to D+k the stored worklist equals a full fresh reassessment for D+k, column by column', async () => {
    // Ledgers that cross every kind of threshold within the steps: items becoming due and crossing ladder
    // steps, red, key-account and likelihood rows (due dates around the sync day and 30-90 days before it),
    // promise dates, pause ends, contacts and follow-ups, escalations, the grading window and month turns.
    const item = fc.record({
      dueOffset: fc.oneof(fc.integer({ min: -400, max: 60 }), fc.integer({ min: -95, max: 5 })),
      minor: fc.integer({ min: 1, max: 200_000_000 }),
      currency: fc.constantFrom('CNY', 'USD', 'EUR'),
      // null: open; a number: settled that many days after its due date (negative: early).
      paidAfter: fc.option(fc.integer({ min: -10, max: 200 }), { nil: null }),
      part: fc.boolean(),
    });
    const promise = fc.record({
      offset: fc.integer({ min: -20, max: 40 }),
      status: fc.constantFrom('open', 'kept', 'broken'),
    });
    const pause = fc.record({
      // null: the whole account; a number: that invoice (modulo the items).
      item: fc.option(fc.nat(7), { nil: null }),
      until: fc.option(fc.integer({ min: 0, max: 45 }), { nil: null }),
    });
    const state = fc.record({
      contactOffset: fc.option(fc.integer({ min: -40, max: 0 }), { nil: null }),
      escalations: fc.constantFrom(0, 0, 1, 2),
    });
    let reassessedTotal = 0;
    let rowsTotal = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            items: fc.array(item, { minLength: 1, maxLength: 8 }),
            promises: fc.array(promise, { maxLength: 2 }),
            pauses: fc.array(pause, { maxLength: 1 }),
            state: fc.option(state, { nil: null }),
            // The row is gone before the turn (a reassessment stopped midway): the turn writes it again.
            lost: fc.boolean(),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.array(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 70 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (accounts, steps) => {
          const knex = db.knex;
          const syncDay = nextSyncDay();
          await wipe(knex);
          const ids: number[] = [];
          for (const account of accounts) {
            const open = account.items.filter(
              (i) => i.paidAfter === null || addDays(syncDay, i.dueOffset + i.paidAfter) >= syncDay,
            );
            const { accountId, itemIds } = await seedAccount(knex, {
              items: account.items.map((i) => ({
                dueDate: addDays(syncDay, i.dueOffset),
                issueDate: addDays(syncDay, i.dueOffset - 30),
                totalMinor: i.minor,
                openMinor: i.part ? Math.ceil(i.minor / 2) : i.minor,
                currency: i.currency,
              })),
            });
            ids.push(accountId);
            // Items paid before the sync day are settled history (grade, hold, blacklist evidence).
            for (const [n, i] of account.items.entries()) {
              if (open.includes(i) || i.paidAfter === null) continue;
              await knex('open_items')
                .where('id', itemIds[n])
                .update({
                  status: 'settled',
                  open_minor: 0,
                  settled_at: new Date(`${addDays(syncDay, i.dueOffset + i.paidAfter)}T04:00:00Z`),
                });
            }
            for (const p of account.promises)
              await knex('promises').insert({
                customer_id: accountId,
                promised_date: addDays(syncDay, p.offset),
                amount_minor: 1000,
                currency: 'CNY',
                status: p.status,
              });
            for (const p of account.pauses)
              await knex('pauses').insert({
                customer_id: accountId,
                open_item_id: p.item === null ? null : itemIds[p.item % itemIds.length],
                reason: 'Waiting for the customer’s audit',
                until: p.until === null ? null : addDays(syncDay, p.until),
              });
            if (account.state)
              await knex('account_state').insert({
                customer_id: accountId,
                escalations: account.state.escalations,
                last_contact_at:
                  account.state.contactOffset === null
                    ? null
                    : new Date(`${addDays(syncDay, account.state.contactOffset)}T04:00:00Z`),
              });
          }
          const ctx = { db: knex, policy: defaultPolicy, timeZone };
          const { assessed } = await refreshWorklist({ ...ctx, today: syncDay });
          await markWorklistDay(knex, syncDay, assessed, defaultPolicy);
          const lost = ids.filter((_, n) => accounts[n]?.lost);
          if (lost.length > 0) await knex('account_summary').whereIn('customer_id', lost).delete();
          let day = syncDay;
          for (const step of steps) {
            day = addDays(day, step);
            const turn = await ensureWorklistDay({ ...ctx, today: day });
            // The incremental turn ran (the policy is the one of the last turn), not a full reassessment.
            expect(turn).toMatchObject({ status: 'refreshed' });
            const turned = await storedWorklist(knex);
            if (turn.status === 'refreshed') {
              reassessedTotal += turn.reassessed;
              rowsTotal += turn.accounts;
              // The rows it reports are the rows there are (counted before its writes, not after).
              expect(turn.accounts).toBe(turned.length);
            }
            // The full reassessment for the same day, as a sync would do it ...
            await refreshWorklist({ ...ctx, today: day });
            expect(await storedWorklist(knex)).toEqual(turned);
            // ... and account by account, through the single-row write a Claim uses.
            for (const id of ids) await refreshOne({ ...ctx, today: day }, id);
            expect(await storedWorklist(knex)).toEqual(turned);
          }
        },
      ),
      { numRuns: 25 },
    );
    // Most rows moved on by the days alone; the reassessed ones were due (counted exactly below).
    expect(reassessedTotal).toBeGreaterThan(0);
    expect(reassessedTotal).toBeLessThan(rowsTotal);
  }, 180_000);

  it('PB-01: the day turn reassesses only the accounts due, and moves the others on by the days passed', async () => {
    const knex = db.knex;
    const syncDay = nextSyncDay();
    await wipe(knex);
    const ctx = { db: knex, policy: defaultPolicy, timeZone };
    // Past every age threshold (blacklisted, key account, last likelihood row): nothing changes tomorrow.
    const old = await seedAccount(knex, {
      items: [{ dueDate: addDays(syncDay, -500), issueDate: addDays(syncDay, -530), totalMinor: 100_000 }],
    });
    // Due today: overdue tomorrow.
    const dueToday = await seedAccount(knex, {
      items: [{ dueDate: syncDay, issueDate: addDays(syncDay, -30), totalMinor: 100_000 }],
    });
    // PB-20: a promise for today is missed tomorrow.
    const promised = await seedAccount(knex, {
      items: [{ dueDate: addDays(syncDay, -500), issueDate: addDays(syncDay, -530), totalMinor: 100_000 }],
    });
    await knex('promises').insert({
      customer_id: promised.accountId,
      promised_date: syncDay,
      amount_minor: 1000,
      currency: 'CNY',
      status: 'open',
    });
    // A pause ending today: chasing resumes tomorrow.
    const paused = await seedAccount(knex, {
      items: [{ dueDate: addDays(syncDay, -500), issueDate: addDays(syncDay, -530), totalMinor: 100_000 }],
    });
    await knex('pauses').insert({ customer_id: paused.accountId, reason: 'Audit', until: syncDay });
    const { assessed } = await refreshWorklist({ ...ctx, today: syncDay });
    await markWorklistDay(knex, syncDay, assessed, defaultPolicy);
    const tomorrow = addDays(syncDay, 1);
    const due = await knex('account_summary')
      .where('reassess_on', '<=', tomorrow)
      .orderBy('customer_id')
      .pluck('customer_id');
    expect(due.map(Number)).toEqual([dueToday.accountId, promised.accountId, paused.accountId]);
    const turn = await ensureWorklistDay({ ...ctx, today: tomorrow });
    expect(turn).toEqual({ status: 'refreshed', accounts: 4, reassessed: 3 });
    expect((await storedDays(knex, tomorrow)).get(old.accountId)).toBe(501);
    expect((await storedDays(knex, tomorrow)).get(dueToday.accountId)).toBe(1);
    // A day later nothing is due: no row is reassessed or written, and the days still count on.
    const written = await knex('account_summary').orderBy('customer_id').select('*');
    const turnAgain = await ensureWorklistDay({ ...ctx, today: addDays(tomorrow, 1) });
    expect(turnAgain).toEqual({ status: 'refreshed', accounts: 4, reassessed: 0 });
    expect(await knex('account_summary').orderBy('customer_id').select('*')).toEqual(written);
    expect((await storedDays(knex, addDays(tomorrow, 1))).get(old.accountId)).toBe(502);
    // Another policy (or version) than the last turn's: the stored dates say nothing, every account is reassessed.
    const other = { ...defaultPolicy, aging: { ...defaultPolicy.aging, redAfterDays: 45 } };
    const full = await ensureWorklistDay({ ...ctx, policy: other, today: addDays(tomorrow, 2) });
    expect(full).toEqual({ status: 'refreshed', accounts: 4, reassessed: 4 });
  });

  it('PB-01: the day turn runs once per business date, and an earlier date never moves the worklist back', async () => {
    const knex = db.knex;
    const syncDay = nextSyncDay();
    await wipe(knex);
    await seedAccount(knex, { items: [{ dueDate: addDays(syncDay, -4), totalMinor: 100 }] });
    await refreshWorklist({ db: knex, policy: defaultPolicy, today: syncDay, timeZone });
    const tomorrow = addDays(syncDay, 1);
    expect([...(await storedDays(knex, syncDay)).values()]).toEqual([4]);
    const turn = await ensureWorklistDay({ db: knex, policy: defaultPolicy, today: tomorrow, timeZone });
    // No turn recorded before (no policy to trust the stored dates by): every account is reassessed.
    expect(turn).toEqual({ status: 'refreshed', accounts: 1, reassessed: 1 });
    expect([...(await storedDays(knex, tomorrow)).values()]).toEqual([5]);
    // The same day again does nothing, and an earlier date never moves the worklist back.
    expect(await ensureWorklistDay({ db: knex, policy: defaultPolicy, today: tomorrow, timeZone })).toEqual({
      status: 'fresh',
    });
    expect(await ensureWorklistDay({ db: knex, policy: defaultPolicy, today: syncDay, timeZone })).toEqual({
      status: 'fresh',
    });
    expect([...(await storedDays(knex, tomorrow)).values()]).toEqual([5]);
    // Two readers of the next day at once: one reassesses, the other finds it done.
    const next = addDays(tomorrow, 1);
    const both = await Promise.all(
      [0, 1].map(() => ensureWorklistDay({ db: knex, policy: defaultPolicy, today: next, timeZone })),
    );
    expect(both.map((t) => t.status).sort()).toEqual(['fresh', 'refreshed']);
    expect([...(await storedDays(knex, next)).values()]).toEqual([6]);
  });

  it('PB-01: a scheduled job (digest, meeting) on a new business day reads the ages of that day', async () => {
    const knex = db.knex;
    const syncDay = nextSyncDay();
    await wipe(knex);
    await seedAccount(knex, { items: [{ dueDate: addDays(syncDay, -4), totalMinor: 100 }] });
    const { assessed } = await refreshWorklist({ db: knex, policy: defaultPolicy, today: syncDay, timeZone });
    await markWorklistDay(knex, syncDay, assessed, defaultPolicy);
    const seen: number[] = [];
    const probe: Job = {
      name: 'probe',
      schedule: '0 9 * * *',
      days: 'every',
      periodKey: dailyPeriod,
      async run(ctx) {
        // The turn for the job's day is done before the job reads the worklist.
        if (!(await ctx.db('worklist_days').where('business_date', ctx.today).first())) seen.push(-1);
        const rows = await ctx.db('account_summary').select('oldest_due');
        seen.push(...rows.map((r) => rowDaysOverdue(r.oldest_due, ctx.today)));
        return [];
      },
    };
    // Past midnight, two days on, no sync in between.
    const clock = createFixedClock(`${addDays(syncDay, 2)}T01:00:00Z`, timeZone);
    const scheduler = createScheduler({
      db: knex,
      jobs: [probe],
      clock,
      config: { today: undefined },
      policy: defaultPolicy,
      log: silentLog,
    });
    await scheduler.runNow('probe');
    await scheduler.stop();
    expect(seen).toEqual([6]);
  });

  it('PB-01: /overdue lists no account with nothing overdue, even with no filter', async () => {
    const knex = db.knex;
    const syncDay = nextSyncDay();
    await wipe(knex);
    const late = await seedAccount(knex, { items: [{ dueDate: addDays(syncDay, -3), totalMinor: 100 }] });
    await seedAccount(knex, { items: [{ dueDate: addDays(syncDay, 3), totalMinor: 900_000_000 }] });
    await seedAccount(knex, { items: [{ dueDate: syncDay, totalMinor: 900_000_000 }] });
    const clock = createFixedClock(`${syncDay}T03:00:00Z`, timeZone);
    const ctx: DispatchContext = { db: knex, clock, policy: defaultPolicy, pageSize: 50 };
    for (const text of ['', '0+', 'unclaimed']) {
      const reply = await dispatch(ctx, {
        kind: 'command',
        text,
        user: { platform: 'shell', id: 'ann', name: 'Ann' },
        platform: 'shell',
      });
      const rows = 'message' in reply ? rowsOf(reply.message) : [];
      expect(rows.map((r) => r.accountId)).toEqual([late.accountId]);
    }
  });
});

describe.each(backends())('worklist rows marked by the policy (PB-04) on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('PB-04: a list row is red by the policy red threshold, not by a number of the view', async () => {
    const syncDay = nextSyncDay();
    const knex = db.knex;
    await seedAccount(knex, { items: [{ dueDate: addDays(syncDay, -5), totalMinor: 100 }] });
    const clock = createFixedClock(`${syncDay}T03:00:00Z`, timeZone);
    const tones = async (policy: typeof defaultPolicy) => {
      await refreshWorklist({ db: knex, policy, today: syncDay, timeZone });
      await markWorklistDay(knex, syncDay, 1, defaultPolicy);
      const reply = await dispatch(
        { db: knex, clock, policy, pageSize: 10 },
        { kind: 'command', text: '', user: { platform: 'shell', id: 'ann', name: 'Ann' }, platform: 'shell' },
      );
      return 'message' in reply ? rowsOf(reply.message).map((r) => r.tone) : [];
    };
    expect(await tones(defaultPolicy)).toEqual(['normal']);
    expect(await tones({ ...defaultPolicy, aging: { ...defaultPolicy.aging, redAfterDays: 3 } })).toEqual([
      'danger',
    ]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the day turn on two replicas (real PostgreSQL)', () => {
  it('PB-01: two replicas turning the day at once reassess the worklist exactly once', async () => {
    const syncDay = nextSyncDay();
    const server = await createServerDatabase();
    const replicas = [
      knexForPostgres(server.url, { min: 0, max: 4 }),
      knexForPostgres(server.url, { min: 0, max: 4 }),
    ];
    try {
      const [first] = replicas;
      if (!first) throw new Error('no replica');
      await seedAccount(first, { items: [{ dueDate: addDays(syncDay, -10), totalMinor: 100 }] });
      await refreshWorklist({ db: first, policy: defaultPolicy, today: syncDay, timeZone });
      const tomorrow = addDays(syncDay, 1);
      const turns = await Promise.all(
        replicas.map((r) => ensureWorklistDay({ db: r, policy: defaultPolicy, today: tomorrow, timeZone })),
      );
      expect(turns.filter((t) => t.status === 'refreshed')).toHaveLength(1);
      expect(turns.filter((t) => t.status === 'fresh')).toHaveLength(1);
      expect([...(await storedDays(first, tomorrow)).values()]).toEqual([11]);
      const [count] = await first('worklist_days').where('business_date', tomorrow).count({ n: '*' });
      expect(Number(count?.n)).toBe(1);
    } finally {
      for (const r of replicas) await r.destroy();
      await server.drop();
    }
  }, 60_000);
});
