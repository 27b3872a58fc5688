import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';
import type { Database } from '../../src/db.ts';
import { stateVersion } from '../../src/worklist/activity.ts';
import { assessOne } from '../../src/worklist/assess.ts';
import { readTerms, setTerms } from '../../src/worklist/account-terms.ts';
import { accountHistory } from '../../src/worklist/account-history.ts';
import { describeEntry } from '../../src/views/history-view.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-11-22';
const ctx = (db: Database) => ({
  db: db.knex,
  policy: defaultPolicy,
  today: TODAY,
  timeZone: 'Asia/Shanghai',
});
const form = (over: Record<string, unknown> = {}) => ({
  keyAccountExempt: 'no',
  habitualLatePayer: 'no',
  interestRate: '',
  reason: 'contract of 2026-03-01',
  ...over,
});

describe.each(backends())('account terms a manager sets on %s (PB-06, PB-09, PB-16)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const account = (daysOverdue: number, totalMinor = 1_000_000) =>
    seedAccount(db.knex, { items: [{ dueDate: addDays(TODAY, -daysOverdue), totalMinor }] });
  const activities = async (id: number) =>
    Number((await db.knex('activities').where({ customer_id: id }).count({ n: '*' }))[0]?.n ?? 0);

  it('PB-16: a contract rate set by a manager replaces the default in the interest and is recorded', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const { accountId } = await account(10);
    const before = await assessOne(ctx(db), accountId);
    expect(before?.interest.ratePerDay).toBe('0.05%');
    expect(before?.items[0]?.interestMinor).toBe(5_000); // 10,000.00 x 10 days x 0.05%
    const set = await setTerms(db.knex, mia, accountId, form({ interestRate: '0.1%' }), undefined);
    expect(set.ok).toBe(true);
    const after = await assessOne(ctx(db), accountId);
    expect(after?.interest.ratePerDay).toBe('0.1%');
    expect(after?.items[0]?.interestMinor).toBe(10_000);
    const logged = await db.knex('activities').where({ customer_id: accountId, kind: 'terms_changed' });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.details).toMatchObject({
      reason: 'contract of 2026-03-01',
      after: { interestRatePerDay: '0.1%' },
      before: { interestRatePerDay: null },
    });
    const file = await accountHistory(db.knex, accountId);
    const entry = file?.history.find((h) => h.kind === 'terms_changed');
    expect(entry && describeEntry(entry)).toBe(
      'Mia set the account terms: key-account exemption no, habitual late payer no, contract interest 0.1% a day — "contract of 2026-03-01"',
    );
    // A blank rate goes back to the default.
    await setTerms(db.knex, mia, accountId, form(), undefined);
    expect((await assessOne(ctx(db), accountId))?.interest.ratePerDay).toBe('0.05%');
  });

  it('PB-06: an exempted account is no key account at 50 days, and is one at 60 without exception', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const at50 = await account(50);
    const at60 = await account(60);
    expect((await assessOne(ctx(db), at50.accountId))?.keyAccount.keyAccount).toBe(true);
    for (const { accountId } of [at50, at60])
      expect((await setTerms(db.knex, mia, accountId, form({ keyAccountExempt: 'Yes' }), undefined)).ok).toBe(
        true,
      );
    const exempted = await assessOne(ctx(db), at50.accountId);
    expect(exempted?.keyAccount).toMatchObject({
      keyAccount: false,
      reason: expect.stringMatching(/exempted/),
    });
    expect((await assessOne(ctx(db), at60.accountId))?.keyAccount.keyAccount).toBe(true);
  });

  it('PB-09: a habitual late payer gets the pre-due reminder whatever the grade', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const { accountId } = await account(-8); // due in 8 days: inside the pre-due step at -10
    const plain = await assessOne(ctx(db), accountId);
    expect(plain?.grade.grade).not.toBe('C');
    expect(plain?.ladder.step?.id).not.toBe('pre-due');
    await setTerms(db.knex, mia, accountId, form({ habitualLatePayer: 'yes' }), undefined);
    expect((await readTerms(db.knex, accountId)).habitualLatePayer).toBe(true);
    expect((await assessOne(ctx(db), accountId))?.ladder.step?.id).toBe('pre-due');
  });

  it('refuses a collector, bad values (naming the field), a stale form and an unknown account; writes nothing', async () => {
    const ann = await seedStaff(db.knex, 'Ann', 'collector');
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const { accountId } = await account(20);
    const n = await activities(accountId);
    const collector = await setTerms(db.knex, ann, accountId, form({ interestRate: '0.01%' }), undefined);
    expect(collector.ok ? '' : collector.error.message).toMatch(/Setting account terms needs a manager/);
    const bad = await setTerms(
      db.knex,
      mia,
      accountId,
      { keyAccountExempt: 'maybe', habitualLatePayer: 'no', interestRate: '12 percent', reason: ' ' },
      undefined,
    );
    expect(bad.ok ? {} : bad.error.fields).toEqual({
      keyAccountExempt: 'choose yes or no',
      interestRate: 'a daily rate such as 0.03%, 3bp or 0.0003',
      reason: 'say why (kept in the history)',
    });
    const huge = await setTerms(db.knex, mia, accountId, form({ interestRate: '50%' }), undefined);
    expect(huge.ok ? {} : huge.error.fields).toEqual({ interestRate: 'at most 5% a day' });
    const long = await setTerms(db.knex, mia, accountId, form({ reason: 'x'.repeat(501) }), undefined);
    expect(long.ok ? {} : long.error.fields).toEqual({ reason: 'at most 500 characters' });
    const wrongType = await setTerms(db.knex, mia, accountId, form({ interestRate: ['0.1%'] }), undefined);
    expect(wrongType.ok).toBe(false);
    const version = await stateVersion(db.knex, accountId);
    const stale = await setTerms(db.knex, mia, accountId, form({ interestRate: '0.2%' }), version + 1);
    expect(stale.ok ? '' : stale.error.code).toBe('stale');
    const missing = await setTerms(db.knex, mia, 987_654_321, form(), undefined);
    expect(missing.ok ? '' : missing.error.code).toBe('not_found');
    expect(await activities(accountId)).toBe(n);
    expect(await readTerms(db.knex, accountId)).toEqual({
      keyAccountExempt: false,
      habitualLatePayer: false,
      interestRatePerDay: null,
    });
  });

  it('applies one of two managers saving the same opened form; the other hears it is out of date', async () => {
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    const max = await seedStaff(db.knex, 'Max', 'manager');
    const { accountId } = await account(20);
    const version = await stateVersion(db.knex, accountId);
    const results = await Promise.all([
      setTerms(db.knex, mia, accountId, form({ interestRate: '0.02%' }), version),
      setTerms(db.knex, max, accountId, form({ interestRate: '0.03%' }), version),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'stale')).toHaveLength(1);
    expect(await db.knex('activities').where({ customer_id: accountId, kind: 'terms_changed' })).toHaveLength(
      1,
    );
  });
});
