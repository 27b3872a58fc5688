import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { contactAttemptDays } from '../../src/worklist/account-history.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount } from '../support/seed.ts';

/** PB-13 counts every contact attempt, however long the history, on the business calendar. */
describe.each(backends())('contact attempt days on %s', (kind) => {
  let db: Database;
  let accountId = 0;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    accountId = (await seedAccount(db.knex, { items: [{ dueDate: '2026-10-01', totalMinor: 100_00 }] }))
      .accountId;
    const row = (kind: string, at: string, details: Record<string, unknown> = {}) => ({
      customer_id: accountId,
      platform: 'shell',
      kind,
      details: JSON.stringify(details),
      created_at: at,
    });
    await db.knex('activities').insert([
      // 16:30 UTC on 1 Oct is 00:30 on 2 Oct in Shanghai: the business day of the call.
      row('outcome', '2026-10-01T16:30:00Z', { channel: 'call', result: 'no_answer' }),
      row('letter_sent', '2026-10-05T02:00:00Z'),
      ...Array.from({ length: 40 }, (_, i) =>
        row('outcome', `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T02:00:00Z`, { channel: 'note' }),
      ),
      row('outcome', '2026-11-30T02:00:00Z', { channel: 'email', result: 'reached' }),
      row('claimed', '2026-11-30T03:00:00Z'),
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists calls, letters and e-mails from the whole history, not notes, on the business day', async () => {
    expect(await contactAttemptDays(db.knex, accountId, 'Asia/Shanghai')).toEqual([
      '2026-10-02',
      '2026-10-05',
      '2026-11-30',
    ]);
    expect((await contactAttemptDays(db.knex, accountId, 'UTC'))[0]).toBe('2026-10-01');
  });
});
