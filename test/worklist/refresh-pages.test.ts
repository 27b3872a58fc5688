import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { Database } from '../../src/db.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

const ACCOUNTS = 2_345;

/**
 * A full reassessment takes the accounts a chunk at a time, paged from open_items by customer id
 * (issue 19): every account with open items is assessed once across the chunks, whatever their ids,
 * and no account with nothing open is kept.
 */
describe.each(backends())('the full reassessment in pages on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.knex.raw(
      `INSERT INTO customers (external_id, name)
       SELECT 'P-' || n, 'Customer ' || n FROM generate_series(1, ?) n`,
      [ACCOUNTS],
    );
    // Every account one open item, except every seventh, whose only item is settled.
    await db.knex.raw(
      `INSERT INTO open_items (external_id, customer_id, invoice_number, issue_date, due_date, total_minor,
                               open_minor, currency, ledger_updated_at, status, settled_at)
       SELECT 'I-' || c.id, c.id, 'N-' || c.id, date '2026-09-01', date '2026-10-01' + (c.id % 90)::int, 100000,
              CASE WHEN c.id % 7 = 0 THEN 0 ELSE 100000 END, 'CNY', timestamptz '2026-10-01T00:00:00Z',
              CASE WHEN c.id % 7 = 0 THEN 'settled' ELSE 'open' END,
              CASE WHEN c.id % 7 = 0 THEN timestamptz '2026-11-01T00:00:00Z' END
       FROM customers c WHERE c.external_id LIKE 'P-%'`,
    );
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('assesses every account with open items across the pages, once, and drops a row with nothing open', async () => {
    const open = (
      await db.knex('open_items').where({ status: 'open' }).distinct('customer_id').orderBy('customer_id')
    ).map((r) => Number(r.customer_id));
    expect(open.length).toBeGreaterThan(2_000);
    const settledOnly = Number(
      (await db.knex('open_items').where({ status: 'settled' }).first('customer_id'))?.customer_id,
    );
    // A row left over from when that account still owed something.
    await db.knex('account_summary').insert({
      customer_id: settledOnly,
      assessed_on: '2026-11-01',
      name: 'Gone',
      main_currency: 'CNY',
      main_open_minor: 1,
      main_open_major: '0.01',
      open_by_currency: JSON.stringify({ CNY: 1 }),
      open_items: 1,
      oldest_due: '2026-10-31',
      priority: 1,
    });
    const ctx = { db: db.knex, policy: defaultPolicy, today: '2026-12-07', timeZone: 'Asia/Shanghai' };
    expect(await refreshWorklist(ctx)).toEqual({ assessed: open.length });
    const stored = (await db.knex('account_summary').orderBy('customer_id').pluck('customer_id')).map(Number);
    expect(stored).toEqual(open);
  }, 120_000);
});
