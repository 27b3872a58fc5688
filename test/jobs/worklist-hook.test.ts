import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import type { User } from '../../src/views/model.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

const ann: User = { platform: 'shell', id: 'ann', name: 'Ann' };

describe.each(backends())('the digest hears about claims on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('tells the scheduled posts after a claim and a release, not after a refused claim', async () => {
    let told = 0;
    const clock = createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai');
    const ctx: DispatchContext = {
      db: db.knex,
      clock,
      policy: defaultPolicy,
      pageSize: 5,
      onWorklistChanged: () => {
        told += 1;
      },
    };
    const { accountId } = await seedAccount(db.knex, {
      items: [{ dueDate: '2026-10-01', totalMinor: 10_000 }],
    });
    await refreshWorklist({
      db: db.knex,
      policy: defaultPolicy,
      today: clock.today(),
      timeZone: clock.timeZone,
    });
    const click = (action: 'claim' | 'release', user = ann) =>
      dispatch(ctx, { kind: 'action', ref: encodeRef({ v: 1, action, accountId }), user });
    await click('claim');
    expect(told).toBe(1);
    await click('claim', { platform: 'shell', id: 'bob', name: 'Bob' }); // already Ann's: nothing changed
    expect(told).toBe(1);
    await click('release');
    expect(told).toBe(2);
  });
});
