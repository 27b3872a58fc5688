import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_450_account_promises_disputes.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';

/**
 * The account card's and a claim's reads of one account's promises and open disputes are served by indexes
 * led by the account, not by a scan of every promise or dispute of the ledger.
 */
describe.each(backends())('the promises and disputes by account indexes on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const promises = () => indexDefs(db.knex, 'promises', 'promises_by_account');
  const disputes = () => indexDefs(db.knex, 'disputes', 'disputes_by_account');

  it('are there after the migrations, led by the account, and go with down and come back with up', async () => {
    expect(await promises()).toEqual([expect.stringMatching(/\(customer_id, status\)$/)]);
    expect(await disputes()).toEqual([expect.stringMatching(/\(customer_id\)$/)]);
    await down(db.knex);
    expect(await promises()).toEqual([]);
    expect(await disputes()).toEqual([]);
    await up(db.knex);
    expect(await promises()).toHaveLength(1);
    expect(await disputes()).toHaveLength(1);
  });
});
