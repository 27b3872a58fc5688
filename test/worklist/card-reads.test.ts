/**
 * The card's payment record and item states, each read in one statement: the newest first, a plan's next
 * installment the earliest open one, and the counts of all, whatever order the rows were written in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { itemStates } from '../../src/worklist/item-states.ts';
import { paymentRecord } from '../../src/worklist/payment-record.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

const TZ = 'UTC';
const today = '2026-11-22';

describe.each(backends())('the card reads in one statement on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists the newest paid invoices and decided promises first, and counts them all', async () => {
    // Written out of order: ids do not follow the settlement dates.
    const settled = [
      { number: 'P-3', due: '2026-03-01', paid: '2026-03-20' },
      { number: 'P-7', due: '2026-07-01', paid: '2026-06-25' },
      { number: 'P-1', due: '2026-01-01', paid: '2026-01-01' },
      { number: 'P-6', due: '2026-06-01', paid: '2026-06-30' },
      { number: 'P-2', due: '2026-02-01', paid: '2026-02-10' },
      { number: 'P-5', due: '2026-05-01', paid: '2026-05-01' },
      { number: 'P-4', due: '2026-04-01', paid: '2026-04-03' },
    ];
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        ...settled.map((s) => ({ number: s.number, dueDate: s.due, totalMinor: 1000_00 })),
        { number: 'OPEN-1', dueDate: '2026-10-01', totalMinor: 500_00 },
      ],
    });
    for (const [i, s] of settled.entries())
      await db
        .knex('open_items')
        .where({ id: itemIds[i] })
        .update({ status: 'settled', open_minor: 0, settled_at: new Date(`${s.paid}T12:00:00Z`) });
    const decided = [
      { date: '2026-05-10', status: 'kept', paid: 300_00 },
      { date: '2026-09-10', status: 'broken', paid: 0 },
      { date: '2026-02-10', status: 'partial', paid: 100_00 },
      { date: '2026-08-10', status: 'kept', paid: 300_00 },
      { date: '2026-01-10', status: 'broken', paid: 0 },
      { date: '2026-07-10', status: 'kept', paid: 300_00 },
      { date: '2026-03-10', status: 'kept', paid: 300_00 },
    ];
    for (const p of decided)
      await db.knex('promises').insert({
        customer_id: accountId,
        promised_date: p.date,
        amount_minor: 300_00,
        paid_minor: p.paid,
        currency: 'CNY',
        status: p.status,
      });
    await db.knex('promises').insert({
      customer_id: accountId,
      promised_date: '2026-12-10',
      amount_minor: 300_00,
      currency: 'CNY',
      status: 'open',
    });

    const record = await paymentRecord(db.knex, accountId, TZ);
    expect(record.paid.map((p) => p.number)).toEqual(['P-6', 'P-7', 'P-5', 'P-4', 'P-3']);
    expect(record.paid[0]).toEqual({
      number: 'P-6',
      dueDate: '2026-06-01',
      paidDate: '2026-06-30',
      daysLate: 29,
      totalMinor: 1000_00,
      currency: 'CNY',
    });
    expect(record.paidCount).toBe(7);
    expect(record.paidLateCount).toBe(4);
    expect(record.promises.map((p) => p.date)).toEqual([
      '2026-09-10',
      '2026-08-10',
      '2026-07-10',
      '2026-05-10',
      '2026-03-10',
    ]);
    expect(record.promises[0]).toEqual({
      date: '2026-09-10',
      amountMinor: 300_00,
      paidMinor: 0,
      currency: 'CNY',
      status: 'broken',
      installment: false,
    });
    expect([record.kept, record.partial, record.broken]).toEqual([4, 1, 2]);
  });

  it('refuses an amount a double cannot hold exactly, as every int8 read does', async () => {
    const { accountId } = await seedAccount(db.knex, { items: [] });
    await db.knex('promises').insert({
      customer_id: accountId,
      promised_date: '2026-10-10',
      amount_minor: '9007199254740993',
      currency: 'CNY',
      status: 'kept',
    });
    await expect(paymentRecord(db.knex, accountId, TZ)).rejects.toThrow(RangeError);
  });

  it("gives each open item its states, a plan's earliest open installment as its next", async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { dueDate: '2026-09-01', totalMinor: 900_00 },
        { dueDate: '2026-10-01', totalMinor: 400_00 },
      ],
    });
    const [first, second] = itemIds as [number, number];
    const [plan] = await db
      .knex('payment_plans')
      .insert({ customer_id: accountId, total_minor: 900_00, currency: 'CNY' })
      .returning('id');
    // The later installment written first.
    for (const [no, date] of [
      [3, '2027-01-15'],
      [2, '2026-12-15'],
    ] as const) {
      const [p] = await db
        .knex('promises')
        .insert({
          customer_id: accountId,
          promised_date: date,
          amount_minor: 300_00,
          currency: 'CNY',
          plan_id: plan.id,
          installment_no: no,
        })
        .returning('id');
      await db
        .knex('promise_items')
        .insert({ promise_id: p.id, open_item_id: first, open_minor_at_promise: 900_00 });
    }
    const [promise] = await db
      .knex('promises')
      .insert({ customer_id: accountId, promised_date: '2026-12-01', amount_minor: 400_00, currency: 'USD' })
      .returning('id');
    await db
      .knex('promise_items')
      .insert({ promise_id: promise.id, open_item_id: second, open_minor_at_promise: 400_00 });

    const states = await itemStates(db.knex, accountId, today, TZ);
    expect(states.get(first)).toEqual([
      { kind: 'plan', planId: Number(plan.id), installmentNo: 2, nextDate: '2026-12-15' },
    ]);
    expect(states.get(second)).toEqual([
      {
        kind: 'promised',
        promiseId: Number(promise.id),
        date: '2026-12-01',
        amountMinor: 400_00,
        currency: 'USD',
      },
    ]);
  });
});
