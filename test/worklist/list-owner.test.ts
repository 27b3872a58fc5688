import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount, reassignAccount, releaseAccount } from '../../src/worklist/claims.ts';
import { listWorklist, type WorklistFilter } from '../../src/worklist/list.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { buildScaleLedger } from '../support/scale-ledger.ts';
import { seedStaff } from '../support/seed.ts';

const TODAY = '2026-12-01';

/**
 * `/overdue`'s owner filters read the owner kept on the worklist row (account_summary.owner_user_id): the
 * lists equal those of the definition by active claims (PB-25) on a generated ledger, before and after
 * claims are taken, released, reassigned and raced for.
 */
describe.each(backends())('worklist owners kept on the row on %s', (kind) => {
  let db: Database;
  let ub001: Actor;
  let ub002: Actor;
  let boss: Actor;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await buildScaleLedger(db.knex, { accounts: 600, invoicesPerAccount: 2, today: TODAY, work: true });
    const collector = async (slackId: string): Promise<Actor> => {
      const row = await db.knex('users').where({ platform: 'slack', platform_user_id: slackId }).first();
      return { userId: Number(row.id), name: row.display_name, role: 'collector', platform: 'slack' };
    };
    ub001 = await collector('UB001');
    ub002 = await collector('UB002');
    boss = await seedStaff(db.knex, 'Boss', 'manager');
    // More accounts for UB001 than the ledger gives one collector at this size, in one statement, so
    // their list has pages.
    await db.knex.raw(
      `INSERT INTO claims (customer_id, user_id)
       SELECT s.customer_id, ? FROM account_summary s
       WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.customer_id = s.customer_id AND c.released_at IS NULL)
       ORDER BY s.customer_id LIMIT 12`,
      [ub001.userId],
    );
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  /** The matching accounts in list order by the definition: joined to their active claim and its user. */
  async function byClaims(filter: WorklistFilter): Promise<number[]> {
    const q = db
      .knex('account_summary as s')
      .join('customers as c', 'c.id', 's.customer_id')
      .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
      .leftJoin('users as u', 'u.id', 'cl.user_id');
    if (filter.ownerUserId !== undefined) q.where('cl.user_id', filter.ownerUserId);
    if (filter.ownerName !== undefined) q.whereRaw('lower(u.display_name) = lower(?)', [filter.ownerName]);
    if (filter.unclaimed) q.whereNull('cl.id');
    if (filter.minDays !== undefined) q.whereRaw('?::date - s.oldest_due >= ?', [TODAY, filter.minDays]);
    if (filter.minAmountMajor !== undefined) q.where('s.main_open_major', '>=', filter.minAmountMajor);
    if (filter.grade) q.where('s.grade', filter.grade);
    if (filter.customer) q.whereRaw('c.name ILIKE ?', [`%${filter.customer}%`]);
    const rows = await q
      .orderBy([
        { column: 's.priority', order: 'desc' },
        { column: 's.customer_id', order: 'asc' },
      ])
      .select('s.customer_id');
    return rows.map((r: { customer_id: string | number }) => Number(r.customer_id));
  }

  const filters = (): WorklistFilter[] => [
    {},
    { unclaimed: true },
    { ownerUserId: ub001.userId },
    { ownerName: 'collector ub002' },
    { ownerUserId: ub001.userId, minDays: 30 },
    { unclaimed: true, minDays: 30, minAmountMajor: 1000 },
    { minDays: 60 },
    { grade: 'C' },
    { customer: 'Scale account 00001' },
    { customer: 'scale ACCOUNT 0000042' },
  ];

  async function expectListsAsByClaims(knex: Knex): Promise<void> {
    for (const filter of filters()) {
      const expected = await byClaims(filter);
      const whole = await listWorklist(knex, filter, { today: TODAY, page: 1, pageSize: 1000 });
      expect([filter, whole.total, whole.rows.map((r) => r.accountId)]).toEqual([
        filter,
        expected.length,
        expected,
      ]);
      // A later page and a capped count, as `/overdue` asks for them.
      const second = await listWorklist(knex, filter, { today: TODAY, page: 2, pageSize: 3, countUpTo: 5 });
      if (expected.length > 3)
        expect([filter, second.rows.map((r) => r.accountId)]).toEqual([filter, expected.slice(3, 6)]);
      expect([filter, second.total, second.more ?? false]).toEqual([
        filter,
        Math.min(expected.length, 6),
        expected.length > 6,
      ]);
    }
  }

  async function strayOwners(): Promise<number> {
    const [row] = await db
      .knex('account_summary as s')
      .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
      .whereRaw('s.owner_user_id IS DISTINCT FROM cl.user_id')
      .count({ n: '*' });
    return Number(row?.n);
  }

  it('lists every filter as the active claims define it on the generated ledger', async () => {
    expect((await byClaims({ ownerUserId: ub001.userId })).length).toBeGreaterThan(3);
    expect(await strayOwners()).toBe(0);
    await expectListsAsByClaims(db.knex);
  });

  it('keeps the owner in step through claim, release and reassignment, and after a reassessment', async () => {
    const unclaimed = await byClaims({ unclaimed: true });
    const [a, b, c] = unclaimed;
    if (a === undefined || b === undefined || c === undefined) throw new Error('too few unclaimed accounts');
    expect((await claimAccount(db.knex, ub001, a)).ok).toBe(true);
    expect((await claimAccount(db.knex, ub002, b)).ok).toBe(true);
    expect((await reassignAccount(db.knex, boss, b, ub001.userId)).ok).toBe(true);
    expect((await reassignAccount(db.knex, boss, c, ub002.userId)).ok).toBe(true);
    expect((await releaseAccount(db.knex, ub002, c)).ok).toBe(true);
    const owners = await db.knex('account_summary').whereIn('customer_id', [a, b, c]).orderBy('customer_id');
    expect(
      owners.map((r) => [Number(r.customer_id), r.owner_user_id === null ? null : Number(r.owner_user_id)]),
    ).toEqual(
      [
        [a, ub001.userId],
        [b, ub001.userId],
        [c, null],
      ].sort((x, y) => Number(x[0]) - Number(y[0])),
    );
    // A reassessment rewrites the rows (and writes back one that had left the worklist) with their owners.
    await db.knex('account_summary').where({ customer_id: a }).delete();
    await refreshWorklist({ db: db.knex, policy: defaultPolicy, today: TODAY, timeZone: 'UTC' }, [a, b, c]);
    expect(await strayOwners()).toBe(0);
    await expectListsAsByClaims(db.knex);
  });

  it('ends with the one winner of claims racing for an account, and with no owner after a release racing a claim', async () => {
    const free = (await byClaims({ unclaimed: true })).slice(0, 5);
    const raced = await Promise.all(
      free.flatMap((id) => [claimAccount(db.knex, ub001, id), claimAccount(db.knex, ub002, id)]),
    );
    expect(raced.filter((r) => r.ok && !r.value.alreadyYours)).toHaveLength(free.length);
    expect(await strayOwners()).toBe(0);
    // Each account's owner releases it while the other collector claims it: either order ends in step.
    const held = await db
      .knex('claims')
      .whereIn('customer_id', free)
      .whereNull('released_at')
      .select('customer_id', 'user_id');
    await Promise.all(
      held.flatMap((h: { customer_id: string | number; user_id: string | number }) => {
        const id = Number(h.customer_id);
        const [owner, other] = Number(h.user_id) === ub001.userId ? [ub001, ub002] : [ub002, ub001];
        return [releaseAccount(db.knex, owner, id), claimAccount(db.knex, other, id)];
      }),
    );
    expect(await strayOwners()).toBe(0);
    await expectListsAsByClaims(db.knex);
  });
});
