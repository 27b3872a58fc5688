import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { accountHistory } from '../../src/worklist/account-history.ts';
import { checkOutcome, logOutcome } from '../../src/worklist/log-outcome.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-22';

describe.each(backends())('logging an outcome on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
  });
  afterAll(async () => {
    await db?.close();
  });

  const account = () =>
    seedAccount(db.knex, {
      items: [
        { number: 'A-1', dueDate: '2026-10-01', totalMinor: 5_000_000 },
        { number: 'A-2', dueDate: '2026-10-15', totalMinor: 3_600_000 },
      ],
    });

  const countRows = async (accountId: number) => ({
    activities: (await db.knex('activities').where({ customer_id: accountId })).length,
    promises: (await db.knex('promises').where({ customer_id: accountId })).length,
    disputes: (await db.knex('disputes').where({ customer_id: accountId })).length,
  });

  it('records a promise to pay with its date and amount (PB-20) and the contact (PB-03)', async () => {
    const { accountId } = await account();
    const result = await logOutcome(
      db.knex,
      ann,
      accountId,
      {
        channel: 'call',
        result: 'promised',
        promiseDate: '2026-11-27',
        promiseAmount: '50k',
        notes: 'pays Friday',
      },
      TODAY,
    );
    expect(result.ok).toBe(true);
    const [promise] = await db.knex('promises').where({ customer_id: accountId });
    expect(promise).toMatchObject({
      promised_date: '2026-11-27',
      amount_minor: 5_000_000,
      currency: 'CNY',
      status: 'open',
    });
    const file = await accountHistory(db.knex, accountId);
    expect(file?.history[0]).toMatchObject({
      kind: 'outcome',
      actor: 'Ann',
      details: { result: 'promised', notes: 'pays Friday' },
    });
  });

  it('reads the spellings people type for a result and a channel (no-answer, No answer, noanswer)', async () => {
    const { accountId } = await account();
    for (const [channel, result] of [
      ['Call', 'no-answer'],
      ['E-mail', 'No answer'],
      ['visit', 'noanswer'],
      ['call', 'WRONG-CONTACT'],
    ] as const) {
      const logged = await logOutcome(db.knex, ann, accountId, { channel, result }, TODAY);
      expect(logged.ok, `${channel} ${result}`).toBe(true);
    }
    const rows = await db
      .knex('activities')
      .where({ customer_id: accountId })
      .orderBy('id')
      .select('details');
    expect(rows.map((r) => JSON.parse(JSON.stringify(r.details)).result)).toEqual([
      'no_answer',
      'no_answer',
      'no_answer',
      'wrong_contact',
    ]);
    const unknown = await logOutcome(db.knex, ann, accountId, { channel: 'call', result: 'nope' }, TODAY);
    expect(unknown.ok ? null : unknown.error.fields?.result).toMatch(
      /choose one of Reached, No answer, Voicemail, .* or Cash-flow trouble/,
    );
  });

  it('checks a form as filled so far without writing, as logging would (the shell asks field by field)', async () => {
    const { accountId } = await account();
    const before = await countRows(accountId);
    const check = (values: Record<string, string>) => checkOutcome(db.knex, accountId, values, TODAY);
    const past = await check({ channel: 'call', result: 'promised', promiseDate: '2026-11-01' });
    expect(past.ok ? null : past.error.fields).toMatchObject({
      promiseDate: 'today (2026-11-22) or later',
      promiseAmount: 'required for a promise to pay',
    });
    const amount = await check({
      channel: 'call',
      result: 'promised',
      promiseDate: '2026-11-27',
      promiseAmount: 'abc',
    });
    expect(amount.ok ? null : amount.error.fields?.promiseAmount).toMatch(/an amount in CNY/);
    expect(
      (await check({ channel: 'call', result: 'promised', promiseDate: '2026-11-27', promiseAmount: '5万' }))
        .ok,
    ).toBe(true);
    expect(await countRows(accountId)).toEqual(before);
  });

  it('answers bad input field by field and writes nothing', async () => {
    const { accountId } = await account();
    const result = await logOutcome(
      db.knex,
      ann,
      accountId,
      {
        channel: 'fax',
        result: 'promised',
        promiseDate: '2026-13-01',
        promiseAmount: 'lots',
        nextFollowUp: 'tomorrow',
      },
      TODAY,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error.fields ?? {}).sort()).toEqual(['channel', 'nextFollowUp', 'promiseDate']);
    expect(result.error.fields?.channel).toBe('choose one of Call, Email, Visit, or Note');

    const second = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'promised', promiseDate: '2026-11-01', promiseAmount: '999999999' },
      TODAY,
    );
    expect(second.ok ? {} : second.error.fields).toEqual({
      promiseDate: 'today (2026-11-22) or later',
      promiseAmount: 'more than the CNY 86,000.00 open on the chosen invoices',
    });
    const missing = await logOutcome(db.knex, ann, accountId, { channel: 'call', result: 'promised' }, TODAY);
    expect(Object.keys(missing.ok ? {} : (missing.error.fields ?? {})).sort()).toEqual([
      'promiseAmount',
      'promiseDate',
    ]);
    expect(await countRows(accountId)).toEqual({ activities: 0, promises: 0, disputes: 0 });
  });

  it('opens a dispute on the named invoices only (PB-21), and needs a reason', async () => {
    const { accountId, itemIds } = await account();
    const noReason = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'disputed', invoices: 'A-2' },
      TODAY,
    );
    expect(noReason.ok ? {} : noReason.error.fields).toEqual({ notes: 'say what the customer disputes' });
    const unknownInvoice = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'disputed', invoices: 'A-9', notes: 'x' },
      TODAY,
    );
    expect(unknownInvoice.ok ? {} : unknownInvoice.error.fields).toEqual({
      invoices: 'not open invoices of this account: A-9',
    });
    const result = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'disputed', invoices: 'a-2', notes: 'goods arrived damaged' },
      TODAY,
    );
    expect(result.ok).toBe(true);
    const disputed = await db.knex('dispute_items').where({ active: true }).whereIn('open_item_id', itemIds);
    expect(disputed.map((d) => Number(d.open_item_id))).toEqual([itemIds[1]]);
  });

  it('escalates after "in process" twice with no concrete step (PB-14)', async () => {
    const { accountId } = await account();
    const first = await logOutcome(db.knex, ann, accountId, { channel: 'call', result: 'in_process' }, TODAY);
    expect(first.ok && first.value.escalated).toBe(false);
    const second = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'in_process' },
      TODAY,
    );
    expect(second.ok && second.value.escalated).toBe(true);
    const state = await db.knex('account_state').where({ customer_id: accountId }).first();
    expect(state).toMatchObject({ escalations: 1, stalls: 0 });
  });

  it('lets sales add notes but not log calls', async () => {
    const { accountId } = await account();
    const sam = await seedStaff(db.knex, 'Sam', 'sales');
    const note = await logOutcome(
      db.knex,
      sam,
      accountId,
      { channel: 'note', result: 'reached', notes: 'met them at the fair' },
      TODAY,
    );
    expect(note.ok).toBe(true);
    const call = await logOutcome(db.knex, sam, accountId, { channel: 'call', result: 'reached' }, TODAY);
    expect(call.ok ? '' : call.error.message).toMatch(
      /^Logging a contact needs a collector or a manager; you are sales/,
    );
  });

  it('records the next follow-up date and the last contact time', async () => {
    const { accountId } = await account();
    await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'no_answer', nextFollowUp: '2026-11-25' },
      TODAY,
    );
    const state = await db.knex('account_state').where({ customer_id: accountId }).first();
    expect(state.next_follow_up_on).toBe('2026-11-25');
    expect(state.last_contact_at).toBeInstanceOf(Date);
  });
});
