import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy, type Policy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import type { Runtime } from '../../src/runtime.ts';
import { afterSync } from '../../src/sync-loop.ts';
import { policyFingerprint, worklistCurrent } from '../../src/worklist/day-turn.ts';
import { rowDaysOverdue } from '../../src/worklist/overdue-days.ts';
import { silentLog } from '../jobs/support.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * A sync that changed nothing keeps the stored worklist when it is already today's under the same
 * policy (a restart costs no reassessment); another policy, another day or any change reassesses it.
 */
describe.each(backends())('the worklist after a sync on %s', (kind) => {
  let db: Database;
  const clock = createFixedClock('2026-12-07T03:00:00Z', 'Asia/Shanghai');
  // afterSync reads only these parts of a runtime.
  const runtimeWith = (policy: Policy) => ({ db, clock, policy, log: silentLog }) as unknown as Runtime;
  const nothing = { rowsChanged: 0, itemsSettled: 0 };
  const stored = async () =>
    (await db.knex('account_summary').select('customer_id', 'oldest_due')).map((r) => ({ ...r }));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedAccount(db.knex, { items: [{ dueDate: '2026-11-27', totalMinor: 500_00 }] });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reassesses after a change, then keeps the worklist while nothing changes', async () => {
    expect((await afterSync(runtimeWith(defaultPolicy), { rowsChanged: 1, itemsSettled: 0 })).assessed).toBe(
      1,
    );
    expect(await worklistCurrent(db.knex, '2026-12-07', defaultPolicy)).toBe(true);
    const before = await stored();
    expect((await afterSync(runtimeWith(defaultPolicy), nothing)).assessed).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it('reassesses under another policy, and on the next business day', async () => {
    const stricter: Policy = { ...defaultPolicy, minBalanceMinor: { CNY: 1 } };
    expect(policyFingerprint(stricter)).not.toBe(policyFingerprint(defaultPolicy));
    expect((await afterSync(runtimeWith(stricter), nothing)).assessed).toBe(1);
    expect(await worklistCurrent(db.knex, '2026-12-07', defaultPolicy)).toBe(false);
    clock.set('2026-12-08T03:00:00Z');
    expect((await afterSync(runtimeWith(stricter), nothing)).assessed).toBe(1);
    expect(rowDaysOverdue((await stored())[0]?.oldest_due, '2026-12-08')).toBe(11);
  });

  it('reassesses when called without a summary (a caller that cannot say what changed)', async () => {
    expect((await afterSync(runtimeWith(defaultPolicy))).assessed).toBe(1);
  });
});
