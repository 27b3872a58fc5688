import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contact from '../../migrations/20261207_220_contact_window.ts';
import * as terms from '../../migrations/20261207_230_ledger_terms.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { columnNames } from '../support/indexes.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * PB-24 / PB-15 (220: customers' time zone and next delivery, queued letters) and PB-16 / PB-18 (230:
 * the ledger's contract rate and discount terms): each goes down and comes back up cleanly.
 */
describe.each(backends())('the contact-window and ledger-terms migrations on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const columns = (table: string) => columnNames(db.knex, table);

  it('adds the columns, removes them on the way down and adds them again', async () => {
    const { accountId } = await seedAccount(db.knex, {
      name: 'Migration Ltd',
      items: [{ issueDate: '2026-10-01', dueDate: '2026-10-31', totalMinor: 100_00 }],
    });
    await db.knex('customers').where({ id: accountId }).update({
      time_zone: 'Europe/Berlin',
      next_delivery_date: '2026-12-14',
      ledger_interest_percent: '0.03',
    });
    expect(await columns('customers')).toEqual(
      expect.arrayContaining(['time_zone', 'next_delivery_date', 'ledger_interest_percent']),
    );
    expect(await columns('open_items')).toEqual(expect.arrayContaining(['discount_until', 'discount_minor']));
    expect(await columns('letters')).toContain('send_at');
    // PB-18: a discount never saves a negative amount.
    await expect(db.knex('open_items').update({ discount_minor: -1 })).rejects.toThrow(/discount_minor/);

    await terms.down(db.knex);
    await contact.down(db.knex);
    const customers = await columns('customers');
    for (const gone of ['time_zone', 'next_delivery_date', 'ledger_interest_percent'])
      expect(customers).not.toContain(gone);
    expect(await columns('open_items')).not.toContain('discount_minor');
    expect(await columns('letters')).not.toContain('send_at');
    expect(await db.knex('customers').where({ id: accountId }).first('name')).toEqual({
      name: 'Migration Ltd',
    });

    await contact.up(db.knex);
    await terms.up(db.knex);
    expect(await columns('customers')).toEqual(
      expect.arrayContaining(['time_zone', 'next_delivery_date', 'ledger_interest_percent']),
    );
    expect(await columns('letters')).toContain('send_at');
  });
});
