import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { openDispute, resolveDispute } from '../../src/worklist/disputes.ts';
import { activePauses, liftPauses, pauseChasing } from '../../src/worklist/pauses.ts';
import { createPaymentPlan, splitInstallments } from '../../src/worklist/plans.ts';
import { evaluatePromises, recordPromise } from '../../src/worklist/promises.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

describe.each(backends())('promises, disputes, plans and pauses on %s', (kind) => {
  let db: Database;
  let ann: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ann = await seedStaff(db.knex, 'Ann');
  });
  afterAll(async () => {
    await db?.close();
  });

  const pay = (itemId: number, openMinor: number) =>
    db.knex('open_items').where({ id: itemId }).update({ open_minor: openMinor });

  async function promise(accountId: number, amountMinor: number, promisedDate: string, itemIds?: number[]) {
    const result = await db.knex.transaction((trx) =>
      recordPromise(trx, ann, accountId, { promisedDate, amountMinor, currency: 'CNY', itemIds }),
    );
    if (!result.ok) throw new Error(result.error.message);
    return result.value.promiseId;
  }

  it('keeps a promise once the covered invoices fell by its amount, even before its date (PB-20)', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { dueDate: '2026-10-01', totalMinor: 50_000 },
        { dueDate: '2026-10-05', totalMinor: 30_000 },
      ],
    });
    const id = await promise(accountId, 60_000, '2026-11-30');
    await pay(itemIds[0] ?? 0, 0);
    await pay(itemIds[1] ?? 0, 20_000);
    const verdicts = await evaluatePromises(db.knex, '2026-11-20');
    expect(verdicts.filter((v) => v.promiseId === id)).toMatchObject([{ status: 'kept', paidMinor: 60_000 }]);
    expect(await evaluatePromises(db.knex, '2026-11-21')).not.toContainEqual(
      expect.objectContaining({ promiseId: id }),
    );
  });

  it('calls a promise broken the day after its date when nothing came, escalates once and tells the owner (PB-14)', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 50_000 }],
    });
    await claimAccount(db.knex, ann, accountId);
    const id = await promise(accountId, 50_000, '2026-11-10');
    expect(await evaluatePromises(db.knex, '2026-11-10')).not.toContainEqual(
      expect.objectContaining({ promiseId: id }),
    );
    const verdicts = await evaluatePromises(db.knex, '2026-11-11');
    expect(verdicts.find((v) => v.promiseId === id)).toMatchObject({
      status: 'broken',
      ownerUserId: ann.userId,
    });
    await evaluatePromises(db.knex, '2026-11-12');
    const state = await db.knex('account_state').where({ customer_id: accountId }).first();
    expect(state.escalations).toBe(1);
    const kinds = (await db.knex('activities').where({ customer_id: accountId }).orderBy('id')).map(
      (a) => a.kind,
    );
    expect(kinds).toEqual(['claimed', 'promise_broken', 'escalated']);
  });

  it('counts a partial payment as partial, not kept (PB-20)', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 50_000 }],
    });
    const id = await promise(accountId, 50_000, '2026-11-10');
    await pay(itemIds[0] ?? 0, 30_000);
    const verdict = (await evaluatePromises(db.knex, '2026-11-11')).find((v) => v.promiseId === id);
    expect(verdict).toMatchObject({ status: 'partial', paidMinor: 20_000, amountMinor: 50_000 });
  });

  it("refuses a promise over invoices that are not this account's", async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 100 }],
    });
    const other = await seedAccount(db.knex, { items: [{ dueDate: '2026-10-01', totalMinor: 100 }] });
    const result = await db.knex.transaction((trx) =>
      recordPromise(trx, ann, accountId, {
        promisedDate: '2026-12-01',
        amountMinor: 100,
        currency: 'CNY',
        itemIds: other.itemIds,
      }),
    );
    expect(result.ok).toBe(false);
    expect(await db.knex('promises').where({ customer_id: accountId })).toHaveLength(0);
  });

  it('disputes only the chosen invoices, refuses a second open dispute on them, and frees them on resolution (PB-21)', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [
        { number: 'D-1', dueDate: '2026-10-01', totalMinor: 100 },
        { number: 'D-2', dueDate: '2026-10-01', totalMinor: 200 },
      ],
    });
    const first = await openDispute(db.knex, ann, accountId, {
      itemIds: [itemIds[0] ?? 0],
      reason: 'damaged goods',
    });
    expect(first.ok).toBe(true);
    const again = await openDispute(db.knex, ann, accountId, {
      itemIds: [itemIds[0] ?? 0],
      reason: 'again',
    });
    expect(again.ok ? '' : again.error.message).toMatch(
      /^Already in an open dispute: D-1 \(dispute #\d+\)\.$/,
    );
    const noReason = await openDispute(db.knex, ann, accountId, {
      itemIds: [itemIds[1] ?? 0],
      reason: '  ',
    });
    expect(noReason.ok ? {} : noReason.error.fields).toEqual({ reason: 'required' });
    // The undisputed invoice is still promised against; the disputed one is not.
    const promised = await db.knex.transaction((trx) =>
      recordPromise(trx, ann, accountId, { promisedDate: '2026-12-01', amountMinor: 200, currency: 'CNY' }),
    );
    expect(promised.ok).toBe(true);
    const covered = await db
      .knex('promise_items')
      .where({ promise_id: promised.ok ? promised.value.promiseId : 0 });
    expect(covered.map((c) => Number(c.open_item_id))).toEqual([itemIds[1]]);
    if (!first.ok) return;
    const resolved = await resolveDispute(db.knex, ann, accountId, {
      disputeId: first.value.disputeId,
      outcome: 'rejected_collect',
      note: 'goods were fine',
    });
    expect(resolved.ok).toBe(true);
    const reopened = await openDispute(db.knex, ann, accountId, {
      itemIds: [itemIds[0] ?? 0],
      reason: 'new issue',
    });
    expect(reopened.ok).toBe(true);
  });

  it('splits a payment plan 30% first and evenly after, adding up exactly (PB-17)', () => {
    expect(splitInstallments(100_000, 3, 30)).toEqual([30_000, 35_000, 35_000]);
    expect(splitInstallments(100_001, 3, 30)).toEqual([30_000, 35_000, 35_001]);
    expect(splitInstallments(7, 1, 30)).toEqual([7]);
  });

  it('tracks plan installments like promises, taking payments in order', async () => {
    const { accountId, itemIds } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-09-01', totalMinor: 100_000 }],
    });
    const plan = await createPaymentPlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', firstDate: '2026-12-01' },
      '2026-11-22',
    );
    expect(plan.ok && plan.value).toMatchObject({
      amounts: [30_000, 35_000, 35_000],
      dates: ['2026-12-01', '2026-12-31', '2027-01-30'],
    });
    await pay(itemIds[0] ?? 0, 60_000); // 40,000 paid: first installment kept, second not yet
    const verdicts = await evaluatePromises(db.knex, '2027-01-05');
    const mine = verdicts.filter((v) => v.accountId === accountId).map((v) => [v.status, v.paidMinor]);
    expect(mine).toEqual([
      ['kept', 30_000],
      ['partial', 10_000],
    ]);
    const bad = await createPaymentPlan(
      db.knex,
      ann,
      accountId,
      { currency: 'CNY', firstDate: '2026-01-01', installments: 0 },
      '2026-11-22',
    );
    expect(bad.ok ? {} : bad.error.fields).toEqual({
      installments: 'a whole number from 1 to 24',
      firstDate: 'today (2026-11-22) or later',
    });
  });

  it('pauses chasing with a reason until a date, and lifts it', async () => {
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-09-01', totalMinor: 100 }],
    });
    const refused = await pauseChasing(
      db.knex,
      ann,
      accountId,
      { reason: 'ERP migration', until: '2026-11-01' },
      '2026-11-22',
    );
    expect(refused.ok ? {} : refused.error.fields).toEqual({
      until: 'today (2026-11-22) or later: 2026-11-01 is in the past',
    });
    const paused = await pauseChasing(
      db.knex,
      ann,
      accountId,
      { reason: 'ERP migration', until: '2026-12-15' },
      '2026-11-22',
    );
    expect(paused.ok).toBe(true);
    expect(await activePauses(db.knex, [accountId], '2026-12-01')).toHaveLength(1);
    expect(await activePauses(db.knex, [accountId], '2026-12-15')).toHaveLength(1);
    expect(await activePauses(db.knex, [accountId], '2026-12-16')).toHaveLength(0);
    expect((await liftPauses(db.knex, ann, accountId, '2026-12-01')).ok).toBe(true);
    expect((await liftPauses(db.knex, ann, accountId, '2026-12-01')).ok).toBe(false);
    expect(await activePauses(db.knex, [accountId], '2026-12-01')).toHaveLength(0);
  });
});
