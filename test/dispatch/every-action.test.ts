import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { encodeRef, REF_ACTIONS } from '../../src/views/action-ref.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { User } from '../../src/views/model.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount, seedStaff } from '../support/seed.ts';

/** Issue 16, "done when": no button answers "not available"; every action a card can carry does something. */
describe.each(backends())('every button on %s', (kind) => {
  let db: Database;
  let ctx: DispatchContext;
  let accountId = 0;
  const mia: User = { platform: 'shell', id: 'mia', name: 'Mia' };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ctx = {
      db: db.knex,
      clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
      policy: defaultPolicy,
      pageSize: 5,
    };
    await seedStaff(db.knex, 'Mia', 'manager');
    accountId = (
      await seedAccount(db.knex, {
        name: 'Every Button Ltd',
        items: [{ number: 'EB-1', dueDate: '2026-09-01', totalMinor: 5_000_000 }],
      })
    ).accountId;
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(REF_ACTIONS.filter((a) => !a.startsWith('letter-') && a !== 'decide'))(
    '%s answers with something other than "not available"',
    async (action) => {
      const ref = encodeRef({ v: 1, action, accountId, currency: 'CNY', page: 1 });
      const reply = await dispatch(ctx, { kind: 'action', ref, user: mia });
      const text = 'message' in reply ? toFallbackText(reply.message) : JSON.stringify(reply);
      expect(text).not.toMatch(/not available|older card|something went wrong/i);
    },
  );
});
