import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, createFixedClock } from '../src/clock.ts';
import { defaultPolicy } from '../src/collections/account.ts';
import { addDays } from '../src/collections/dates.ts';
import { type DispatchContext, dispatch } from '../src/commands/dispatch.ts';
import type { Database } from '../src/db.ts';
import { assessOne } from '../src/worklist/assess.ts';
import { backends, openTestDatabase } from './support/databases.ts';
import { seedAccount } from './support/seed.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

const timeZone = 'Asia/Shanghai';
/** A fixed business date that is not the real one (the bug hid whenever they agreed). */
const fixed = '2026-11-22';
const localDate = (instant: Date) => dayjs(instant).tz(timeZone).format('YYYY-MM-DD');
const localTime = (instant: Date) => dayjs(instant).tz(timeZone).format('HH:mm');

describe('one clock (DUEBOT_TODAY)', () => {
  it('keeps business instants on the fixed date at the real time of day; now() stays real for timing', () => {
    const clock = createClock({ timeZone, today: fixed });
    const real = new Date();
    const business = clock.businessNow();
    expect(clock.today()).toBe(fixed);
    expect(localDate(business)).toBe(fixed);
    expect(localTime(business)).toBe(localTime(real));
    expect(Math.abs(clock.now().getTime() - real.getTime())).toBeLessThan(5_000);
  });

  it('is the wall clock when no date is fixed', () => {
    const clock = createClock({ timeZone });
    expect(Math.abs(clock.businessNow().getTime() - Date.now())).toBeLessThan(5_000);
    expect(localDate(clock.businessNow())).toBe(clock.today());
  });
});

describe('a stopped clock', () => {
  it('tells the business date of its instant in its zone, and the new one once set', () => {
    // 16:30 UTC is already the next day in Shanghai.
    const clock = createFixedClock('2026-11-22T16:30:00Z', timeZone);
    expect([clock.today(), clock.today()]).toEqual(['2026-11-23', '2026-11-23']);
    clock.set('2026-11-30T15:59:00Z');
    expect(clock.today()).toBe('2026-11-30');
    clock.set(new Date('2026-11-30T16:00:00Z'));
    expect([clock.today(), clock.now().toISOString()]).toEqual(['2026-12-01', '2026-11-30T16:00:00.000Z']);
  });
});

describe.each(backends())('a call logged with DUEBOT_TODAY set, on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let accountId: number;
  const ann = { platform: 'shell', id: 'ann', name: 'Ann' } as const;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // The production clock: the real wall clock with the business date fixed, as DUEBOT_TODAY does.
    ctx = {
      db: db.knex,
      clock: createClock({ timeZone, today: fixed }),
      policy: defaultPolicy,
      pageSize: 10,
    };
    ({ accountId } = await seedAccount(db.knex, {
      name: 'Clockwork Supplies',
      items: [{ number: 'CW-1', dueDate: addDays(fixed, -12), totalMinor: 5_000_000 }],
    }));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('records the fixed date as the last contact and the history, and computes the follow-up from it', async () => {
    const form = await dispatch(ctx, {
      kind: 'command',
      text: 'log Clockwork',
      user: ann,
      platform: 'shell',
    });
    if (form.kind !== 'openForm') throw new Error(`expected the log form, got ${form.kind}`);
    const saved = await dispatch(ctx, {
      kind: 'submit',
      ref: form.form.ref,
      values: { channel: 'call', result: 'reached', notes: 'AP checks the invoice' },
      user: ann,
    });
    expect(saved.kind).toBe('thread');

    const state = await db.knex('account_state').where({ customer_id: accountId }).first('last_contact_at');
    expect(localDate(new Date(state.last_contact_at))).toBe(fixed);
    const activity = await db
      .knex('activities')
      .where({ customer_id: accountId, kind: 'outcome' })
      .first('created_at');
    expect(localDate(new Date(activity.created_at))).toBe(fixed);

    const assessment = await assessOne(
      { db: db.knex, policy: defaultPolicy, today: fixed, timeZone },
      accountId,
    );
    const next = assessment?.ladder.nextAction;
    // PB-12: the next contact 5-7 days after this one, counted from the fixed date.
    expect(next?.kind).toBe('follow-up');
    expect(next?.notBefore).toBe(addDays(fixed, defaultPolicy.ladder.followUp.minDays));
  });

  it('records a dispute raised on the call on the fixed date too (PB-21)', async () => {
    const form = await dispatch(ctx, {
      kind: 'command',
      text: 'log Clockwork',
      user: ann,
      platform: 'shell',
    });
    if (form.kind !== 'openForm') throw new Error(`expected the log form, got ${form.kind}`);
    const saved = await dispatch(ctx, {
      kind: 'submit',
      ref: form.form.ref,
      values: { channel: 'call', result: 'disputed', invoices: 'CW-1', notes: 'goods damaged' },
      user: ann,
    });
    expect(saved.kind).toBe('thread');
    const rows = await db
      .knex('activities')
      .where({ customer_id: accountId })
      .whereIn('kind', ['outcome', 'dispute_opened'])
      .select('kind', 'created_at');
    expect(rows.map((r) => r.kind).sort()).toEqual(['dispute_opened', 'outcome', 'outcome']);
    for (const r of rows) expect(localDate(new Date(r.created_at))).toBe(fixed);
  });
});
