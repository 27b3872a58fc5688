import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import {
  agreePlan,
  cancelPlan,
  draftPlan,
  planLines,
  proposePlan,
  readPlanForm,
} from '../../src/worklist/plan-agreement.ts';
import { evaluatePromises } from '../../src/worklist/promises.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { translator } from '../../src/i18n/translate.ts';
import { failureText } from '../../src/worklist/outcome.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-12-07';

describe('reading the plan form (PB-17)', () => {
  const plan = { currency: 'CNY', openMinor: 100_000, today: TODAY };
  it('accepts installments adding up to the open amount, blank rows left out', () => {
    const read = readPlanForm(
      { amount1: '300', date1: '2026-12-10', amount2: '700.00', date2: '2027-01-10', amount3: '', date3: '' },
      plan,
    );
    expect(read).toEqual({
      ok: true,
      value: [
        { amountMinor: 30_000, dueDate: '2026-12-10' },
        { amountMinor: 70_000, dueDate: '2027-01-10' },
      ],
    });
  });

  it('names the field when the installments do not add up to the open amount', () => {
    const read = readPlanForm(
      { amount1: '300', date1: '2026-12-10', amount2: '600', date2: '2027-01-10' },
      plan,
    );
    expect(read.ok ? {} : read.error.fields).toEqual({
      amount2: 'the installments add up to CNY 900.00; the open amount is CNY 1,000.00',
    });
  });

  const badRows = {
    amount1: '300',
    date1: '2026-12-01',
    amount2: '300',
    date2: '2027-01-10',
    amount3: '400',
    date3: '2027-01-05',
    amount4: '',
    date4: '2027-02-01',
    amount5: 'lots',
    date5: '2027-02-31',
  };

  it("says each field's problem in the reader's language (issue 20)", () => {
    const zh = readPlanForm(badRows, plan, translator('zh-CN'));
    expect(zh.ok ? {} : zh.error.fields).toEqual({
      date1: '须为今天（2026年12月7日）或之后，不能是过去的日期',
      date3: '须晚于上一期（2027年1月10日）：日期须依次排列',
      amount4: '第 4 期填了日期但没有金额',
      amount5: 'CNY 金额，例如 12,500.00 或 12.5k',
      date5: expect.stringMatching(/^2027-02-31 /),
    });
    const tw = readPlanForm({ amount1: '1', date1: '2026-12-20' }, plan, translator('zh-TW'));
    expect(tw.ok ? {} : tw.error.fields).toEqual({
      amount1: '各期合計 CNY 1.00；未結金額為 CNY 1,000.00',
    });
    for (const t of [translator('zh-CN'), translator('zh-TW')]) {
      const said = readPlanForm(badRows, plan, t);
      const text = Object.values(said.ok ? {} : (said.error.fields ?? {})).join(' ');
      expect((text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => w !== 'CNY')).toEqual([]);
      expect(said.ok ? '' : failureText(t, said.error)).toBe(t.t('plan.invalid'));
    }
  });

  it('refuses dates in the past and out of order, and half-filled rows, each by its field', () => {
    const read = readPlanForm(badRows, plan);
    expect(read.ok ? {} : read.error.fields).toEqual({
      date1: 'today (7 Dec 2026) or later, not in the past',
      date3: 'after the installment before it (10 Jan 2027): dates go in order',
      amount4: 'installment 4 has a date but no amount',
      amount5: 'an amount in CNY such as 12,500.00 or 12.5k',
      date5: '2027-02-31 is not a date: February 2027 has 28 days',
    });
  });

  it('asks for at least one installment', () => {
    const read = readPlanForm({}, plan);
    expect(read.ok ? {} : read.error.fields).toEqual({ amount1: 'a plan needs at least one installment' });
  });
});

describe.each(backends())('agreeing payment plans on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  let bob: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
    bob = await seedStaff(db.knex, 'Bob');
  });
  afterAll(async () => {
    await db?.close();
  });

  const form = (parts: [string, string][]) =>
    Object.fromEntries(
      parts.flatMap(([amount, date], i) => [
        [`amount${i + 1}`, amount],
        [`date${i + 1}`, date],
      ]),
    );
  const three = form([
    ['300', '2026-12-14'],
    ['350', '2027-01-13'],
    ['350', '2027-02-12'],
  ]);
  const account = () => seedAccount(db.knex, { items: [{ dueDate: '2026-10-01', totalMinor: 100_000 }] });
  const counts = async (accountId: number) => ({
    plans: Number((await db.knex('payment_plans').where({ customer_id: accountId }).count({ n: '*' }))[0]?.n),
    promises: Number((await db.knex('promises').where({ customer_id: accountId }).count({ n: '*' }))[0]?.n),
    activities: Number(
      (await db.knex('activities').where({ customer_id: accountId }).count({ n: '*' }))[0]?.n,
    ),
  });

  it('drafts the PB-17 default: three installments, the first 30%, from a week ahead', async () => {
    const { accountId } = await account();
    const draft = await draftPlan(db.knex, accountId, 'CNY', TODAY);
    expect(draft.ok && draft.value).toEqual({
      currency: 'CNY',
      openMinor: 100_000,
      replacesPlanId: null,
      installments: [
        { amountMinor: 30_000, dueDate: '2026-12-14' },
        { amountMinor: 35_000, dueDate: '2027-01-13' },
        { amountMinor: 35_000, dueDate: '2027-02-12' },
      ],
    });
  });

  it('records a proposal as a plan once, each installment a promise, and shows its state', async () => {
    const { accountId } = await account();
    const proposed = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    if (!proposed.ok) throw new Error(proposed.error.message);
    expect(await counts(accountId)).toMatchObject({ plans: 1, promises: 0, activities: 0 });
    const agreed = await agreePlan(db.knex, ann, accountId, proposed.value.proposalId, TODAY);
    expect(agreed.ok).toBe(true);
    const again = await agreePlan(db.knex, ann, accountId, proposed.value.proposalId, TODAY);
    expect(again.ok ? '' : again.error.message).toMatch(/already recorded; nothing more was changed/);
    expect(await counts(accountId)).toMatchObject({ plans: 1, promises: 3 });
    expect(await planLines(db.knex, accountId)).toEqual([
      'Payment plan CNY 1,000.00: 0 of 3 paid, next 2026-12-14 (CNY 300.00)',
    ]);
  });

  it('refuses the second of two people recording a plan at once, writing nothing', async () => {
    const { accountId } = await account();
    const a = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    const b = await proposePlan(
      db.knex,
      bob,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    if (!a.ok || !b.ok) throw new Error('proposals refused');
    const results = await Promise.all([
      agreePlan(db.knex, ann, accountId, a.value.proposalId, TODAY),
      agreePlan(db.knex, bob, accountId, b.value.proposalId, TODAY),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const lost = results.find((r) => !r.ok);
    expect(lost && !lost.ok && lost.error.code).toBe('stale');
    expect(await counts(accountId)).toMatchObject({ promises: 3 });
    // A form opened before the plan was recorded is stale too: proposing from it is refused.
    const late = await proposePlan(
      db.knex,
      bob,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    expect(late.ok ? '' : late.error.message).toMatch(
      /recorded a CNY payment plan for this account meanwhile/,
    );
  });

  it('renegotiates: the old plan ends with its open installments, the new one replaces it; a stale form is refused', async () => {
    const { accountId, itemIds } = await account();
    const first = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    if (!first.ok) throw new Error(first.error.message);
    await agreePlan(db.knex, ann, accountId, first.value.proposalId, TODAY);
    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 70_000 });
    await evaluatePromises(db.knex, '2026-12-10'); // the first installment is kept
    const draft = await draftPlan(db.knex, accountId, 'CNY', '2026-12-10');
    expect(draft.ok && draft.value.replacesPlanId).toBe(first.value.proposalId);
    const values = form([
      ['200', '2026-12-20'],
      ['500', '2027-01-20'],
    ]);
    const input = { currency: 'CNY', replacesPlanId: first.value.proposalId, values };
    const [x, y] = await Promise.all([
      proposePlan(db.knex, ann, accountId, input, '2026-12-10'),
      proposePlan(db.knex, bob, accountId, input, '2026-12-10'),
    ]);
    if (!x.ok || !y.ok) throw new Error('proposals refused');
    const renegotiated = await agreePlan(db.knex, ann, accountId, x.value.proposalId, '2026-12-10');
    expect(renegotiated.ok && renegotiated.value.replacedPlanId).toBe(first.value.proposalId);
    const stale = await agreePlan(db.knex, bob, accountId, y.value.proposalId, '2026-12-10');
    expect(stale.ok ? '' : stale.error.message).toMatch(/changed by someone else/);
    const old = await db
      .knex('promises')
      .where({ plan_id: first.value.proposalId })
      .orderBy('installment_no')
      .pluck('status');
    expect(old).toEqual(['kept', 'cancelled', 'cancelled']);
    expect(await planLines(db.knex, accountId)).toEqual([
      'Payment plan CNY 700.00: 0 of 2 paid, next 2026-12-20 (CNY 200.00)',
    ]);
    const kinds = await db.knex('activities').where({ customer_id: accountId }).orderBy('id').pluck('kind');
    expect(kinds.filter((k: string) => k.startsWith('plan_'))).toEqual(['plan_created', 'plan_renegotiated']);
  });

  it('cancels an active plan once: its open installments stop, the cancel is in the history', async () => {
    const { accountId } = await account();
    const p = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    if (!p.ok) throw new Error(p.error.message);
    await agreePlan(db.knex, ann, accountId, p.value.proposalId, TODAY);
    const [one, two] = await Promise.all([
      cancelPlan(db.knex, ann, accountId, p.value.proposalId),
      cancelPlan(db.knex, bob, accountId, p.value.proposalId),
    ]);
    expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
    expect(await db.knex('promises').where({ plan_id: p.value.proposalId }).pluck('status')).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(
      await db.knex('activities').where({ customer_id: accountId, kind: 'plan_cancelled' }).count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    expect(await planLines(db.knex, accountId)).toEqual([]);
  });

  it("refuses a proposal once the open amount changed, another account's plan and a viewer, writing nothing", async () => {
    const { accountId, itemIds } = await account();
    const p = await proposePlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    if (!p.ok) throw new Error(p.error.message);
    await db.knex('open_items').where({ id: itemIds[0] }).update({ open_minor: 90_000 });
    const moved = await agreePlan(db.knex, ann, accountId, p.value.proposalId, TODAY);
    expect(moved.ok ? '' : moved.error.message).toMatch(/open amount in CNY changed/);
    const vic = await seedStaff(db.knex, 'Vic', 'viewer');
    const other = await account();
    const foreign = await agreePlan(db.knex, ann, other.accountId, p.value.proposalId, TODAY);
    expect(foreign.ok ? '' : foreign.error.code).toBe('not_found');
    const foreignCancel = await cancelPlan(db.knex, ann, other.accountId, p.value.proposalId);
    expect(foreignCancel.ok ? '' : foreignCancel.error.code).toBe('not_found');
    const viewer = await proposePlan(
      db.knex,
      vic,
      accountId,
      { currency: 'CNY', replacesPlanId: null, values: three },
      TODAY,
    );
    expect(viewer.ok ? '' : viewer.error.code).toBe('forbidden');
    expect(await counts(accountId)).toMatchObject({ plans: 1, promises: 0, activities: 0 });
  });
});
