import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_500_summary_owner.ts';
import type { Database } from '../../src/db.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames, indexDefs } from '../support/indexes.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';

/** The worklist row carries its account's owner (the active claim, PB-25), filled in and kept by a trigger. */
describe.each(backends())('the worklist owner column on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const owners = async () =>
    (await db.knex('account_summary').orderBy('customer_id').select('customer_id', 'owner_user_id')).map(
      (r) => [Number(r.customer_id), r.owner_user_id === null ? null : Number(r.owner_user_id)],
    );

  it('goes with down and comes back with up, filled from the active claims, and its trigger keeps it', async () => {
    const ann = await seedStaff(db.knex, 'Ann');
    const one = (
      await seedAccount(db.knex, { name: 'One', items: [{ dueDate: '2026-10-01', totalMinor: 100 }] })
    ).accountId;
    const two = (
      await seedAccount(db.knex, { name: 'Two', items: [{ dueDate: '2026-10-01', totalMinor: 200 }] })
    ).accountId;
    await assessSeeded(db.knex);
    await claimAccount(db.knex, ann, one);
    expect(await owners()).toEqual([
      [one, ann.userId],
      [two, null],
    ]);
    expect(await indexDefs(db.knex, 'account_summary', 'account_summary_by_owner')).toHaveLength(1);

    await down(db.knex);
    expect(await columnNames(db.knex, 'account_summary')).not.toContain('owner_user_id');
    expect(await indexDefs(db.knex, 'account_summary', 'account_summary_by_owner')).toEqual([]);
    // Without the trigger a claim is a claim only: nothing else is written.
    await claimAccount(db.knex, ann, two);
    await down(db.knex); // twice: nothing to drop, no error

    await up(db.knex);
    expect(await owners()).toEqual([
      [one, ann.userId],
      [two, ann.userId],
    ]);
    const [def] = await indexDefs(db.knex, 'account_summary', 'account_summary_by_owner');
    expect(def).toMatch(/\(owner_user_id, priority DESC, customer_id\) WHERE \(owner_user_id IS NOT NULL\)/);
    await db
      .knex('claims')
      .where({ customer_id: two })
      .whereNull('released_at')
      .update({ released_at: db.knex.fn.now() });
    expect(await owners()).toEqual([
      [one, ann.userId],
      [two, null],
    ]);
    await up(db.knex); // twice: the same column, index and one trigger
    await db.knex('claims').where({ customer_id: one }).delete();
    expect(await owners()).toEqual([
      [one, null],
      [two, null],
    ]);
  });
});
