import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { resolveActor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

describe.each(backends())('staff identities on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  const ann = { platform: 'slack', platformUserId: 'UANN', displayName: 'Ann' };

  it('creates a person on first use and finds the same one again without rewriting the row', async () => {
    const first = await resolveActor(db.knex, ann, 'manager');
    const row = await db.knex('users').where({ id: first.userId }).first('xmin');
    const again = await resolveActor(db.knex, ann);
    expect(again).toEqual({ userId: first.userId, name: 'Ann', role: 'manager', platform: 'slack' });
    expect(await db.knex('users').where({ id: first.userId }).first('xmin')).toEqual(row);
  });

  it('takes a new display name from the platform, keeping the role', async () => {
    const renamed = await resolveActor(db.knex, { ...ann, displayName: 'Ann Li' });
    expect(renamed).toMatchObject({ name: 'Ann Li', role: 'manager' });
    const count = await db
      .knex('users')
      .where({ platform: 'slack', platform_user_id: 'UANN' })
      .count({ n: '*' });
    expect(Number(count[0]?.n)).toBe(1);
  });

  it('gives one user when two first uses arrive at once', async () => {
    const bob = { platform: 'slack', platformUserId: 'UBOB', displayName: 'Bob' };
    const [a, b] = await Promise.all([resolveActor(db.knex, bob), resolveActor(db.knex, bob)]);
    expect(a.userId).toBe(b.userId);
  });
});
