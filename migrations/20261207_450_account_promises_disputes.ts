import type { Knex } from 'knex';

/**
 * The account card and a claim's snapshot read one account's promises (open ones, those by status) and
 * open disputes four and two times over: without an index led by the account each read scanned every
 * promise or dispute of the ledger (50,000 promises at 1M accounts, 12 ms a read), growing with the ledger
 * instead of with the account.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('promises', (t) => {
    t.index(['customer_id', 'status'], 'promises_by_account');
  });
  await knex.schema.alterTable('disputes', (t) => {
    t.index(['customer_id'], 'disputes_by_account');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('disputes', (t) => {
    t.dropIndex(['customer_id'], 'disputes_by_account');
  });
  await knex.schema.alterTable('promises', (t) => {
    t.dropIndex(['customer_id', 'status'], 'promises_by_account');
  });
}
