import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { refreshDigest } from '../../src/jobs/digest.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { fromStoredMessage, type StoredMessage } from '../../src/outbox/payload.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import type { Message } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { pauseChasing } from '../../src/worklist/pauses.ts';
import { recordPromise } from '../../src/worklist/promises.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { countRows, fakePlatform, installedAt, silentLog, testConfig, testPolicy } from './support.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

const textOf = (m: Message) =>
  m.blocks
    .map((b) =>
      'text' in b
        ? b.text
        : b.type === 'accountRow'
          ? `[${b.customerName}|${b.owner ?? 'unclaimed'}|${b.actions.map((a) => a.label).join(',')}]`
          : '',
    )
    .join('\n');

describe.each(backends())('the morning digest on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
  });
  afterEach(async () => {
    await db?.close();
  });

  async function setup(env: Record<string, string> = {}) {
    const config = testConfig({ DUEBOT_DIGEST_TOP: '5', ...env });
    const policy = await testPolicy(config);
    const clock = createFixedClock(at('2026-12-07T09:00:00'), TZ); // a Monday
    await installedAt(db.knex, at('2026-11-30T08:00:00')); // up since last week
    const scheduler = createScheduler({
      db: db.knex,
      jobs: createJobs(config),
      clock,
      config,
      policy,
      log: silentLog,
    });
    const platform = fakePlatform('shell');
    // Only the digest's own posts (the Monday aging report goes out too).
    const shell = {
      ...platform,
      get messages() {
        return platform.messages.filter((m) => m.key.startsWith('digest:'));
      },
    };
    const worker = createOutboxWorker({
      db: db.knex,
      chatOuts: [platform],
      clock,
      log: silentLog,
      pacingMs: 0,
    });
    const assess = () => refreshWorklist({ db: db.knex, policy, today: clock.today(), timeZone: TZ });
    return { config, policy, clock, scheduler, shell, worker, assess };
  }

  async function stored(key: string): Promise<Message | null> {
    const row = await db.knex('outbox').where({ idempotency_key: key }).first('payload', 'update_payload');
    return row ? fromStoredMessage((row.update_payload ?? row.payload) as StoredMessage) : null;
  }

  it('totals buckets per currency with the change since the last digest, lists the top accounts and promises', async () => {
    const s = await setup();
    const big = await seedAccount(db.knex, {
      name: 'Big Debtor',
      items: [
        { dueDate: '2026-10-01', totalMinor: 500_000_00 }, // 61-90 on 7 Dec
        { dueDate: '2026-11-30', totalMinor: 20_000_00 }, // 1-30
      ],
    });
    const usd = await seedAccount(db.knex, {
      name: 'Dollar Buyer',
      items: [{ dueDate: '2026-11-20', totalMinor: 3_000_00, currency: 'USD' }],
    });
    await seedAccount(db.knex, {
      name: 'Not Due Yet',
      items: [{ dueDate: '2026-12-20', totalMinor: 1_000_00 }],
    });
    await claimAccount(db.knex, ann, usd.accountId);
    for (const [accountId, date] of [
      [usd.accountId, '2026-12-07'],
      [usd.accountId, '2026-12-04'], // Friday: broken by Monday
    ] as const) {
      await db.knex.transaction((trx) =>
        recordPromise(trx, ann, accountId, { promisedDate: date, amountMinor: 1_000_00, currency: 'USD' }),
      );
    }
    // Last Friday's digest kept its totals: the big account's 1-30 invoice was 5,000.00 higher then.
    await db.knex('digest_snapshots').insert([
      { day: '2026-12-04', bucket: '1-30', currency: 'CNY', open_minor: 25_000_00, accounts: 1 },
      { day: '2026-12-04', bucket: '61-90', currency: 'CNY', open_minor: 500_000_00, accounts: 1 },
    ]);
    await s.assess();
    await s.scheduler.sweep();
    const digest = await stored('digest:2026-12-07');
    expect(digest).not.toBeNull();
    const text = textOf(digest as Message);
    expect(text).toContain('Overdue digest, 2026-12-07');
    // Totals are summaries in whole units (t.moneyShort); 1,000.00 not yet due is new.
    expect(text).toContain('*CNY 521,000* open (−4,000 since then)');
    expect(text).toContain('current 1,000 (+1,000) · 1-30 20,000 (−5,000) · 31-60 0 · 61-90 500,000 · 90+ 0');
    expect(text).toContain('*USD 3,000* open (+3,000 since then)');
    expect(text).toContain('Changes since the digest of 4 Dec 2026. 2 overdue accounts, *1 unclaimed*.');
    expect(text).toMatch(
      /\*Promises broken\*[\s\S]*Dollar Buyer\*: USD 1,000.00 promised for 4 Dec 2026, nothing paid \(Ann\)/,
    );
    expect(text).toMatch(
      /\*Promises due today\*\n• \*Dollar Buyer\*: USD 1,000.00 promised for today \(Ann\)/,
    );
    expect(text).toContain('[Big Debtor|unclaimed|Claim,Log call,Send letter,Open]');
    expect(text).toContain('[Dollar Buyer|Ann|Log call,Send letter,Open]');
    expect(text).not.toContain('Not Due Yet');
    // Ann hears about her own account privately.
    const mine = await db
      .knex('outbox')
      .where({ idempotency_key: `digest:2026-12-07:user:${ann.userId}` })
      .first();
    expect(mine.destination).toEqual({ kind: 'user', userId: ann.userId });
    expect(textOf(fromStoredMessage(mine.payload))).toContain(
      'Dollar Buyer*: USD 1,000.00 promised for 7 Dec 2026',
    );
    // Today's totals are kept for tomorrow.
    expect(await countRows(db.knex, 'digest_snapshots', { day: '2026-12-07' })).toBe(4);
    void big;
  });

  it('is one message a day, edited in place when an account is claimed, and nudges about the rest once', async () => {
    const s = await setup({ DUEBOT_NUDGE_AFTER_HOURS: '3' });
    const a = await seedAccount(db.knex, {
      name: 'Alpha Ltd',
      items: [{ dueDate: '2026-11-01', totalMinor: 90_000_00 }],
    });
    await seedAccount(db.knex, {
      name: 'Beta Ltd',
      items: [{ dueDate: '2026-11-10', totalMinor: 40_000_00 }],
    });
    await s.assess();
    await s.scheduler.sweep();
    await s.worker.drain();
    await s.worker.drain();
    expect(s.shell.messages.map((m) => m.key)).toEqual(['digest:2026-12-07']);
    // Nothing changed: no edit.
    expect(await refreshDigest({ db: db.knex, clock: s.clock, config: s.config, policy: s.policy })).toBe(
      false,
    );

    s.clock.set(at('2026-12-07T10:15:00'));
    await claimAccount(db.knex, ann, a.accountId);
    await s.assess();
    expect(await refreshDigest({ db: db.knex, clock: s.clock, config: s.config, policy: s.policy })).toBe(
      true,
    );
    await s.worker.drain();
    const posted = s.shell.messages[0];
    expect(posted?.edits).toHaveLength(1);
    const edited = textOf(posted?.edits[0] as Message);
    expect(edited).toContain('[Alpha Ltd|Ann|Log call,Send letter,Open]');
    expect(edited).toContain('*1 unclaimed*');
    expect(edited).toContain('Updated 10:15.');

    s.clock.set(at('2026-12-07T11:59:00'));
    await s.scheduler.sweep();
    await s.worker.drain();
    expect(s.shell.messages).toHaveLength(1);
    s.clock.set(at('2026-12-07T12:00:00'));
    await s.scheduler.sweep();
    await s.worker.drain();
    await s.worker.drain();
    const nudge = s.shell.messages[1];
    expect(nudge?.key).toBe('digest:2026-12-07:nudge');
    expect(nudge?.thread).toBe(posted?.id);
    expect(textOf(nudge?.message as Message)).toContain('[Beta Ltd|unclaimed|Claim');
    expect(textOf(nudge?.message as Message)).not.toContain('Alpha Ltd');
    s.clock.set(at('2026-12-07T15:00:00'));
    await s.scheduler.sweep();
    await s.worker.drain();
    expect(s.shell.messages).toHaveLength(2);
  });

  it('gives a paused account no nudge until its pause ends', async () => {
    const s = await setup({ DUEBOT_NUDGE_AFTER_HOURS: '3' });
    await seedAccount(db.knex, {
      name: 'Beta Ltd',
      items: [{ dueDate: '2026-11-10', totalMinor: 40_000_00 }],
    });
    const gamma = await seedAccount(db.knex, {
      name: 'Gamma Ltd',
      items: [{ dueDate: '2026-11-05', totalMinor: 50_000_00 }],
    });
    await s.assess();
    await s.scheduler.sweep();
    await s.worker.drain();
    const paused = await pauseChasing(
      db.knex,
      ann,
      gamma.accountId,
      { until: '2026-12-10', reason: 'AP closed for the ERP migration' },
      '2026-12-07',
    );
    expect(paused.ok).toBe(true);
    s.clock.set(at('2026-12-07T12:00:00'));
    await s.scheduler.sweep();
    await s.worker.drain();
    await s.worker.drain();
    const nudge = s.shell.messages.find((m) => m.key === 'digest:2026-12-07:nudge');
    expect(textOf(nudge?.message as Message)).toContain('[Beta Ltd|unclaimed|Claim');
    expect(textOf(nudge?.message as Message)).not.toContain('Gamma Ltd');
  });

  it('nudges the set hours after a late digest, not at the usual time', async () => {
    const s = await setup({ DUEBOT_NUDGE_AFTER_HOURS: '2' });
    await seedAccount(db.knex, {
      name: 'Late Ltd',
      items: [{ dueDate: '2026-11-01', totalMinor: 10_000_00 }],
    });
    await s.assess();
    s.clock.set(at('2026-12-07T10:30:00')); // the bot came up late: the digest is caught up now
    await s.scheduler.sweep();
    s.clock.set(at('2026-12-07T12:29:00'));
    await s.scheduler.sweep();
    expect(await countRows(db.knex, 'outbox', { idempotency_key: 'digest:2026-12-07:nudge' })).toBe(0);
    s.clock.set(at('2026-12-07T12:30:00'));
    await s.scheduler.sweep();
    expect(await countRows(db.knex, 'outbox', { idempotency_key: 'digest:2026-12-07:nudge' })).toBe(1);
  });

  it('posts nothing on a holiday or at the weekend', async () => {
    const s = await setup({ DUEBOT_HOLIDAYS: '2026-12-07' });
    await seedAccount(db.knex, { name: 'Gamma', items: [{ dueDate: '2026-11-01', totalMinor: 10_000_00 }] });
    await s.assess();
    await s.scheduler.sweep();
    s.clock.set(at('2026-12-12T09:30:00')); // Saturday
    await s.scheduler.sweep();
    expect(
      await db.knex('outbox').where('idempotency_key', 'like', 'digest:%').count({ n: '*' }).first(),
    ).toMatchObject({ n: 0 });
  });
});
