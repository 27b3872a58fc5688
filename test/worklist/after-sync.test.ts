import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy, type Policy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import type { Runtime } from '../../src/runtime.ts';
import { afterSync } from '../../src/sync-loop.ts';
import { policyFingerprint, worklistCurrent } from '../../src/worklist/day-turn.ts';
import { rowDaysOverdue } from '../../src/worklist/overdue-days.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { syncLedger } from '../../src/ledger/sync.ts';
import type { LedgerSource } from '../../src/ledger/types.ts';
import { silentLog } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, type LedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';
import { seedAccount } from '../support/seed.ts';
import { storedWorklist } from '../support/worklist-rows.ts';

/**
 * A sync that changed nothing keeps the stored worklist when it is already today's under the same
 * policy (a restart costs no reassessment); another policy reassesses it, another day turns it (PB-01).
 */
describe.each(backends())('the worklist after a sync on %s', (kind) => {
  let db: Database;
  const clock = createFixedClock('2026-12-07T03:00:00Z', 'Asia/Shanghai');
  // afterSync reads only these parts of a runtime.
  const runtimeWith = (policy: Policy) => ({ db, clock, policy, log: silentLog }) as unknown as Runtime;
  const nothing = { accountsChanged: 0 };
  const stored = async () =>
    (await db.knex('account_summary').select('customer_id', 'oldest_due')).map((r) => ({ ...r }));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedAccount(db.knex, { items: [{ dueDate: '2026-11-27', totalMinor: 500_00 }] });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reassesses after a first load, then keeps the worklist while nothing changes', async () => {
    expect(await afterSync(runtimeWith(defaultPolicy), { accountsChanged: 'all' })).toMatchObject({
      assessed: 1,
      full: true,
    });
    expect(await worklistCurrent(db.knex, '2026-12-07', defaultPolicy)).toBe(true);
    const before = await stored();
    expect((await afterSync(runtimeWith(defaultPolicy), nothing)).assessed).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it('reassesses under another policy, and turns the worklist on the next business day', async () => {
    const stricter: Policy = { ...defaultPolicy, minBalanceMinor: { CNY: 1 } };
    expect(policyFingerprint(stricter)).not.toBe(policyFingerprint(defaultPolicy));
    expect(await afterSync(runtimeWith(stricter), nothing)).toMatchObject({ assessed: 1, full: true });
    expect(await worklistCurrent(db.knex, '2026-12-07', defaultPolicy)).toBe(false);
    expect(await worklistCurrent(db.knex, '2026-12-07', stricter)).toBe(true);
    clock.set('2026-12-08T03:00:00Z');
    // Nothing changed, so nothing is reassessed; the days count on from the stored oldest due date.
    expect(await afterSync(runtimeWith(stricter), nothing)).toMatchObject({ assessed: 0, full: false });
    expect(rowDaysOverdue((await stored())[0]?.oldest_due, '2026-12-08')).toBe(11);
    expect(await worklistCurrent(db.knex, '2026-12-08', stricter)).toBe(true);
  });

  it('reassesses when called without a summary (a caller that cannot say what changed)', async () => {
    expect(await afterSync(runtimeWith(defaultPolicy))).toMatchObject({ assessed: 1, full: true });
  });
});

/**
 * PB-01: after a real sync only the accounts whose ledger data it changed are reassessed; every other row
 * is left as it was (or moved on by the day turn), and the stored worklist equals a full reassessment.
 */
describe.each(backends())('the accounts a sync changed on %s', (kind) => {
  let db: Database;
  let ledger: LedgerFixture;
  let source: LedgerSource;
  const timeZone = 'Asia/Shanghai';
  const clock = createFixedClock('2026-12-07T03:00:00Z', timeZone);
  const runtime = () => ({ db, clock, policy: defaultPolicy, log: silentLog }) as unknown as Runtime;
  const sync = (mode: 'incremental' | 'full') =>
    syncLedger({ db: db.knex, source, mode, clock, lookbackSeconds: 0, batchSize: 100 });
  /** Every stored worklist column by account, in a form toEqual compares exactly. */
  const storedRows = () => storedWorklist(db.knex);
  /** The row version of each stored row: it changes whenever the row is written. */
  const versions = async () =>
    new Map(
      (await db.knex('account_summary').select('customer_id', db.knex.raw('xmin::text as version'))).map(
        (r: { customer_id: string | number; version: string }) => [Number(r.customer_id), r.version],
      ),
    );
  const idOf = async (externalId: string) =>
    Number((await db.knex('customers').where({ external_id: externalId }).first('id'))?.id);
  /** The accounts whose stored row was written (or removed) since `before`. */
  const rewritten = async (before: Map<number, string>) => {
    const after = await versions();
    const ids = new Set([...before.keys(), ...after.keys()]);
    return [...ids].filter((id) => before.get(id) !== after.get(id)).sort((a, b) => a - b);
  };
  /** The stored worklist equals a full reassessment for the same day, row by row. */
  const expectFullyAssessed = async () => {
    const stored = await storedRows();
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: clock.today(), timeZone });
    expect(await storedRows()).toEqual(stored);
  };
  const minute = (n: number) => new Date(Date.UTC(2026, 11, 1) + n * 60_000).toISOString();
  let tick = 0;
  const later = () => minute(1000 + tick++);

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ledger = await createLedgerFixture(db.knex);
    const customers = Array.from({ length: 12 }, (_, n) => `K${String(n).padStart(2, '0')}`);
    for (const id of customers) await ledger.addCustomer(id);
    // Two invoices per customer, due from a week to four months ago, one of them part paid.
    await ledger.addInvoices(
      customers.flatMap((customerId, n) => [
        {
          id: `${customerId}-A`,
          customerId,
          issueDate: '2026-07-01',
          dueDate: `2026-${String(8 + (n % 4)).padStart(2, '0')}-15`,
          total: '500.00',
          open: '500.00',
          updatedAt: minute(2 * n),
        },
        {
          id: `${customerId}-B`,
          customerId,
          issueDate: '2026-10-20',
          dueDate: '2026-11-30',
          total: '120.00',
          open: n % 2 === 0 ? '60.00' : '120.00',
          updatedAt: minute(2 * n + 1),
        },
      ]),
    );
    source = await openFixtureSource(db, ledger.mappingSql());
  });
  afterAll(async () => {
    await source?.close();
    await db?.close();
  });

  it('a first load reassesses every account; a sync that changes nothing reassesses none', async () => {
    const first = await sync('full');
    expect(first.accountsChanged).toBe('all');
    expect(await afterSync(runtime(), first)).toMatchObject({ assessed: 12, full: true });
    expect(await worklistCurrent(db.knex, clock.today(), defaultPolicy)).toBe(true);
    await expectFullyAssessed();
    const before = await versions();
    for (const mode of ['incremental', 'full'] as const) {
      const nothing = await sync(mode);
      expect(nothing).toMatchObject({ rowsChanged: 0, customersChanged: 0, accountsChanged: 0 });
      expect(await afterSync(runtime(), nothing)).toMatchObject({ assessed: 0, full: false });
    }
    expect(await rewritten(before)).toEqual([]);
    expect(Number((await db.knex('worklist_stale').count({ n: '*' }).first())?.n)).toBe(0);
  });

  it('a payment, a new customer, a closed item and a renamed customer each reach the worklist, and nothing else does', async () => {
    // A part payment on K01, K03's B invoice paid in full, K05 renamed, K07's email changed (a field no
    // assessment reads), and a new customer with its first invoice.
    await ledger.updateInvoice('K01-A', { open: '200.00', updatedAt: later() });
    await ledger.updateInvoice('K03-B', { open: '0', updatedAt: later() });
    await db.knex
      .withSchema(ledger.schema)
      .table('customers')
      .where({ id: 'K05' })
      .update({ name: 'Renamed' });
    await ledger.updateInvoice('K05-A', { updatedAt: later() });
    await db.knex
      .withSchema(ledger.schema)
      .table('customers')
      .where({ id: 'K07' })
      .update({ contact_email: 'new@example.com' });
    await ledger.updateInvoice('K07-A', { updatedAt: later() });
    await ledger.addCustomer('NEW', 'New Customer');
    await ledger.addInvoices([
      {
        id: 'NEW-A',
        customerId: 'NEW',
        dueDate: '2026-11-01',
        total: '90.00',
        open: '90.00',
        updatedAt: later(),
      },
    ]);
    const before = await versions();
    const summary = await sync('incremental');
    expect(summary).toMatchObject({
      rowsChanged: 3,
      customersChanged: 3,
      itemsSettled: 1,
      accountsChanged: 4,
    });
    const changed = [await idOf('K01'), await idOf('K03'), await idOf('K05'), await idOf('NEW')].sort(
      (a, b) => a - b,
    );
    expect(await afterSync(runtime(), summary)).toMatchObject({ assessed: 4, full: false });
    expect(await rewritten(before)).toEqual(changed);
    const row = async (externalId: string) => {
      const id = await idOf(externalId);
      return (await storedRows()).find((r) => Number(r.customer_id) === id);
    };
    expect((await row('K05'))?.name).toBe('Renamed');
    expect((await row('NEW'))?.main_open_minor).toBe(9000);
    expect((await row('K01'))?.main_open_minor).toBe(200_00 + 120_00);
    await expectFullyAssessed();
  });

  it('an invoice gone from the ledger, settled by the full sync, reaches the worklist; an account with nothing open leaves it', async () => {
    await ledger.deleteInvoice('K09-A');
    await ledger.deleteInvoice('NEW-A');
    const before = await versions();
    const summary = await sync('full');
    expect(summary).toMatchObject({ itemsSettled: 2, accountsChanged: 2 });
    expect(await afterSync(runtime(), summary)).toMatchObject({ assessed: 2, full: false });
    expect(await rewritten(before)).toEqual([await idOf('K09'), await idOf('NEW')].sort((a, b) => a - b));
    expect(
      await db
        .knex('account_summary')
        .where({ customer_id: await idOf('NEW') })
        .first(),
    ).toBeUndefined();
    await expectFullyAssessed();
  });

  it('PB-20: a promise decided after the sync reassesses its account', async () => {
    const k02 = await idOf('K02');
    await db.knex('promises').insert({
      customer_id: k02,
      promised_date: '2026-12-01',
      amount_minor: 10_000,
      currency: 'CNY',
      status: 'open',
    });
    const before = await versions();
    const nothing = await sync('incremental');
    const after = await afterSync(runtime(), nothing);
    expect(after).toMatchObject({ assessed: 1, full: false });
    expect(after.verdicts.map((v) => v.accountId)).toEqual([k02]);
    expect(await rewritten(before)).toEqual([k02]);
    await expectFullyAssessed();
  });

  it('PB-01: on the next business day the rest is turned by the day and the changed account reassessed', async () => {
    clock.set('2026-12-08T03:00:00Z');
    await ledger.updateInvoice('K04-A', { open: '100.00', updatedAt: later() });
    const summary = await sync('incremental');
    expect(summary.accountsChanged).toBe(1);
    expect(await afterSync(runtime(), summary)).toMatchObject({ assessed: 1, full: false });
    expect(await worklistCurrent(db.knex, '2026-12-08', defaultPolicy)).toBe(true);
    await expectFullyAssessed();
  });

  it('accounts queued by a sync whose worklist refresh never ran are reassessed by the next sync', async () => {
    await ledger.updateInvoice('K06-A', { open: '50.00', updatedAt: later() });
    const queued = await sync('incremental');
    expect(queued.accountsChanged).toBe(1);
    // The process stopped before afterSync: the next sync changes nothing, yet the account is reassessed.
    const before = await versions();
    expect(await afterSync(runtime(), await sync('incremental'))).toMatchObject({ assessed: 1 });
    expect(await rewritten(before)).toEqual([await idOf('K06')]);
    await expectFullyAssessed();
  });
});
