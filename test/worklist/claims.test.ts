import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { claimAccount, currentOwner, reassignAccount, releaseAccount } from '../../src/worklist/claims.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { translator } from '../../src/i18n/translate.ts';
import { failureText } from '../../src/worklist/outcome.ts';

describe.each(backends())('claims on %s (PB-25)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('gives one owner when fifty people claim at once, and tells the other forty-nine who has it', async () => {
    const { accountId } = await seedAccount(db.knex);
    const staff = await Promise.all(
      Array.from({ length: 50 }, (_, i) => seedStaff(db.knex, `Collector${i}`)),
    );
    const results = await Promise.all(staff.map((actor) => claimAccount(db.knex, actor, accountId)));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const owner = await currentOwner(db.knex, accountId);
    expect(owner?.userId).toBe(winners[0]?.ok ? winners[0].value.owner.userId : -1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(49);
    for (const r of losers) {
      if (r.ok) continue;
      expect(r.error.code).toBe('already_claimed');
      expect(r.error.message).toBe(`Already claimed by ${owner?.name}.`);
    }
    const claims = await db.knex('claims').where({ customer_id: accountId });
    expect(claims).toHaveLength(1);
    const activities = await db.knex('activities').where({ customer_id: accountId, kind: 'claimed' });
    expect(activities).toHaveLength(1);
  });

  it('takes a double click by the owner once', async () => {
    const { accountId } = await seedAccount(db.knex);
    const ann = await seedStaff(db.knex, 'Ann');
    const [a, b] = await Promise.all([
      claimAccount(db.knex, ann, accountId),
      claimAccount(db.knex, ann, accountId),
    ]);
    expect([a?.ok, b?.ok]).toEqual([true, true]);
    expect([a, b].filter((r) => r?.ok && r.value.alreadyYours)).toHaveLength(1);
    expect(await db.knex('activities').where({ customer_id: accountId, kind: 'claimed' })).toHaveLength(1);
  });

  it('refuses viewers and sales, naming the role needed, and writes nothing', async () => {
    const { accountId } = await seedAccount(db.knex);
    const viewer = await seedStaff(db.knex, 'Vic', 'viewer');
    const result = await claimAccount(db.knex, viewer, accountId);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'Claiming an account needs a collector or a manager; you are a viewer. A manager can give you the role: /overdue role @Vic collector',
        says: { key: 'role.needed', values: expect.objectContaining({ doing: 'claim', role: 'viewer' }) },
      },
    });
    // Said in the reader's language from the catalog (issue 20).
    if (!result.ok)
      expect(failureText(translator('zh-TW'), result.error)).toBe(
        '認領帳戶需要催收員或經理角色；您目前是唯讀使用者。經理可以為您設定角色：/overdue role @Vic collector',
      );
    expect(await db.knex('claims').where({ customer_id: accountId })).toHaveLength(0);
    expect(await db.knex('activities').where({ customer_id: accountId })).toHaveLength(0);
  });

  it('lets the owner release, then someone else claim; others cannot release it', async () => {
    const { accountId } = await seedAccount(db.knex);
    const ann = await seedStaff(db.knex, 'Ann');
    const bob = await seedStaff(db.knex, 'Bob');
    expect((await claimAccount(db.knex, ann, accountId)).ok).toBe(true);
    const refused = await releaseAccount(db.knex, bob, accountId);
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /Releasing Ann's account needs a manager; you are a collector/,
    );
    expect((await releaseAccount(db.knex, ann, accountId)).ok).toBe(true);
    const again = await releaseAccount(db.knex, ann, accountId);
    expect(again.ok ? '' : again.error.code).toBe('not_claimed');
    expect((await claimAccount(db.knex, bob, accountId)).ok).toBe(true);
    expect((await currentOwner(db.knex, accountId))?.name).toBe('Bob');
  });

  it('lets only managers reassign, and records from whom to whom', async () => {
    const { accountId } = await seedAccount(db.knex);
    const ann = await seedStaff(db.knex, 'Ann');
    const bob = await seedStaff(db.knex, 'Bob');
    const mia = await seedStaff(db.knex, 'Mia', 'manager');
    await claimAccount(db.knex, ann, accountId);
    const refused = await reassignAccount(db.knex, ann, accountId, bob.userId);
    expect(refused.ok ? '' : refused.error.code).toBe('forbidden');
    const done = await reassignAccount(db.knex, mia, accountId, bob.userId);
    expect(done.ok && done.value.previousOwner?.name).toBe('Ann');
    expect((await currentOwner(db.knex, accountId))?.name).toBe('Bob');
    const [activity] = await db.knex('activities').where({ customer_id: accountId, kind: 'reassigned' });
    expect(activity.details).toEqual({ from: 'Ann', to: 'Bob' });
  });

  it('answers a claim of an unknown account clearly', async () => {
    const ann = await seedStaff(db.knex, 'Ann');
    const result = await claimAccount(db.knex, ann, 987654);
    expect(result.ok ? '' : result.error.message).toBe(
      'There is no account #987654 any more; it may have been settled and removed.',
    );
  });
});
