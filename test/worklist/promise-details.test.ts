import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { logOutcome } from '../../src/worklist/log-outcome.ts';
import { evaluatePromises, keepPromiseByHand } from '../../src/worklist/promises.ts';
import { translator } from '../../src/i18n/translate.ts';
import { failureText } from '../../src/worklist/outcome.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-12-07';

describe.each(backends())('promise details on %s (PB-20)', (kind) => {
  let db: Database;
  let ann: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
  });
  afterAll(async () => {
    await db?.close();
  });

  const twoCurrencies = () =>
    seedAccount(db.knex, {
      items: [
        { dueDate: '2026-10-01', totalMinor: 100_000, currency: 'CNY' },
        { dueDate: '2026-10-05', totalMinor: 20_000, currency: 'USD' },
      ],
    });
  const promised = (accountId: number) => db.knex('promises').where({ customer_id: accountId });

  it('asks which currency a promise is in on a two-currency account, and records the one named', async () => {
    const { accountId } = await twoCurrencies();
    const values = { channel: 'call', result: 'promised', promiseDate: '2026-12-20', promiseAmount: '150' };
    const unnamed = await logOutcome(db.knex, ann, accountId, values, TODAY);
    expect(unnamed.ok ? {} : unnamed.error.fields).toEqual({
      currency: 'the account has open items in CNY, USD; choose one',
    });
    expect(await promised(accountId)).toHaveLength(0);
    const tooMuch = await logOutcome(
      db.knex,
      ann,
      accountId,
      { ...values, currency: 'USD', promiseAmount: '300' },
      TODAY,
    );
    expect(tooMuch.ok ? {} : tooMuch.error.fields).toEqual({
      promiseAmount: 'more than the USD 200.00 open on the chosen invoices',
    });
    const usd = await logOutcome(db.knex, ann, accountId, { ...values, currency: 'usd' }, TODAY);
    expect(usd.ok).toBe(true);
    expect(
      (await promised(accountId)).map((p) => [String(p.currency).trim(), Number(p.amount_minor)]),
    ).toEqual([['USD', 15_000]]);
  });

  it('refuses a promise beyond the horizon with the reason (90 days unless set), writing nothing', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 100_000 }],
    });
    const values = { channel: 'call', result: 'promised', promiseAmount: '100' };
    const far = await logOutcome(db.knex, ann, accountId, { ...values, promiseDate: '2027-03-08' }, TODAY);
    expect(far.ok ? {} : far.error.fields).toEqual({
      promiseDate: 'at most 90 days ahead (2027-03-07); a longer arrangement is a payment plan (PB-17)',
    });
    const short = await logOutcome(db.knex, ann, accountId, { ...values, promiseDate: '2026-12-20' }, TODAY, {
      promiseHorizonDays: 10,
    });
    expect(short.ok ? {} : short.error.fields?.promiseDate).toMatch(/^at most 10 days ahead \(2026-12-17\)/);
    expect(await promised(accountId)).toHaveLength(0);
    const within = await logOutcome(db.knex, ann, accountId, { ...values, promiseDate: '2027-03-07' }, TODAY);
    expect(within.ok).toBe(true);
  });

  it("marks a promise kept by hand once, with a note; a blank note, a second click or another account's promise writes nothing", async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 100_000 }],
    });
    const other = await seedAccount(db.knex, { items: [{ dueDate: '2026-10-01', totalMinor: 100_000 }] });
    const made = await logOutcome(
      db.knex,
      ann,
      accountId,
      { channel: 'call', result: 'promised', promiseDate: '2026-12-20', promiseAmount: '400' },
      TODAY,
    );
    const promiseId = made.ok ? Number(made.value.promiseId) : 0;
    const count = async () =>
      Number((await db.knex('activities').where({ customer_id: accountId }).count({ n: '*' }))[0]?.n);
    const before = await count();
    const blank = await keepPromiseByHand(db.knex, ann, accountId, promiseId, '   ');
    expect(blank.ok ? {} : blank.error.fields).toEqual({
      note: 'required: what shows the money came (a bank slip, a remittance advice)',
    });
    // Said in the reader's language, the form's field and the refusal (issue 20).
    const zh = await keepPromiseByHand(db.knex, ann, accountId, promiseId, '', translator('zh-TW'));
    expect(zh.ok ? {} : zh.error.fields).toEqual({ note: '必填：證明款項已到的憑據（銀行水單、匯款通知）' });
    expect(zh.ok ? '' : failureText(translator('zh-TW'), zh.error)).toBe('請說明為何視為已兌現。');
    const long = await keepPromiseByHand(
      db.knex,
      ann,
      accountId,
      promiseId,
      'x'.repeat(1001),
      translator('zh-CN'),
    );
    expect(long.ok ? {} : long.error.fields).toEqual({ note: '最多 1,000 个字符' });
    const elsewhere = await keepPromiseByHand(db.knex, ann, other.accountId, promiseId, 'slip');
    expect(elsewhere.ok ? '' : elsewhere.error.code).toBe('not_found');
    const vic = await seedStaff(db.knex, 'Vic', 'viewer');
    const viewer = await keepPromiseByHand(db.knex, vic, accountId, promiseId, 'slip');
    expect(viewer.ok ? '' : viewer.error.code).toBe('forbidden');
    expect(await count()).toBe(before);
    const [one, two] = await Promise.all([
      keepPromiseByHand(db.knex, ann, accountId, promiseId, 'Bank slip 12/07'),
      keepPromiseByHand(db.knex, ann, accountId, promiseId, 'Bank slip 12/07'),
    ]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    expect(await count()).toBe(before + 1);
    const row = await db
      .knex('promises')
      .where({ id: promiseId })
      .first('status', 'paid_minor', 'kept_by_user_id');
    expect(row).toEqual({
      status: 'kept',
      paid_minor: expect.anything(),
      kept_by_user_id: expect.anything(),
    });
    expect(Number(row.paid_minor)).toBe(40_000);
    expect(await evaluatePromises(db.knex, '2026-12-21')).not.toContainEqual(
      expect.objectContaining({ promiseId }),
    );
  });
});
