/**
 * PB-15: before shipping again to a late customer on continuous supply, call a week before the next
 * delivery. The next delivery date comes from the ledger (customers.next_delivery_date); the owner's
 * worklist lists the call from a week before the delivery to its day, only while something is overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translate.ts';
import type { Database } from '../../src/db.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import { myWorkView } from '../../src/views/my-work.ts';
import { myWork, supplyCalls } from '../../src/worklist/my-work.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';

const TODAY = '2026-12-07';

describe.each(backends())('PB-15: a call a week before the next delivery, on %s', (kind) => {
  let db: Database;
  let owner: Actor;

  /** An account `owner` owns, with one invoice due on `dueDate` and the ledger's next delivery. */
  const supplied = async (name: string, dueDate: string, delivery: string | null, openMinor = 8_600_000) => {
    const { accountId } = await seedAccount(db.knex, {
      name,
      items: [{ dueDate, totalMinor: 8_600_000, openMinor }],
    });
    await db.knex('customers').where({ id: accountId }).update({ next_delivery_date: delivery });
    await db.knex('claims').insert({ customer_id: accountId, user_id: owner.userId, claimed_at: new Date() });
    return accountId;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    owner = await seedStaff(db.knex, 'Olga', 'collector');
    await supplied('Delivery In Seven Days', '2026-11-20', '2026-12-14'); // exactly a week: listed
    await supplied('Delivery Today', '2026-11-20', TODAY); // the day itself: still listed
    await supplied('Delivery In Eight Days', '2026-11-20', '2026-12-15'); // too early
    await supplied('Delivered Yesterday', '2026-11-20', '2026-12-06'); // past
    await supplied('Paid Up Customer', '2026-11-20', '2026-12-10', 0); // nothing open: no call
    await supplied('Not Yet Due', '2026-12-20', '2026-12-10'); // open but not late: no call
    await supplied('No Supply Contract', '2026-11-20', null);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lists the late customers whose next delivery is within a week, soonest first (PB-15)', async () => {
    const calls = await supplyCalls(db.knex, owner.userId, TODAY);
    expect(calls.map((c) => [c.name, c.deliveryOn])).toEqual([
      ['Delivery Today', TODAY],
      ['Delivery In Seven Days', '2026-12-14'],
    ]);
    expect(calls[1]?.overdue).toEqual([{ minor: 8_600_000, currency: 'CNY' }]);
  });

  it("shows the call on the owner's worklist with the delivery date and what is overdue (PB-15)", async () => {
    const work = await myWork(db.knex, owner.userId, TODAY);
    const view = myWorkView(work, { name: 'Olga', today: TODAY }, translator('en'));
    const text = view.blocks.map((b) => ('text' in b ? String(b.text) : '')).join('\n');
    expect(toFallbackText(view)).toMatch(/2 things due today/);
    expect(text).toContain('Call before the next delivery (PB-15)');
    expect(text).toMatch(
      /Delivery In Seven Days\*?: next delivery 14 Dec 2026 \(in 7 days\)\. Call now: supply may be paused while CNY 86,000\.00 is overdue\./,
    );
    expect(text).toMatch(/Delivery Today\*?: next delivery 7 Dec 2026 \(today\)/);
    expect(text).not.toMatch(/Delivery In Eight Days\*?: next delivery/);
  });

  it("is nobody else's call: another collector's worklist has none (PB-15, PB-25)", async () => {
    const other = await seedStaff(db.knex, 'Piet', 'collector');
    expect(await supplyCalls(db.knex, other.userId, TODAY)).toEqual([]);
  });
});
