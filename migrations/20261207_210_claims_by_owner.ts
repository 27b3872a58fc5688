import type { Knex } from 'knex';

/**
 * Scale: a collector's own accounts (App Home, the morning digest per owner, `/overdue mine`) are found
 * from their active claims. Without an index each of them read every claim, and the status-update check
 * then hashed every customer: about 1 s per owner at 100,000 accounts, 50 owners in one digest.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX claims_by_owner ON claims (user_id, customer_id) WHERE released_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS claims_by_owner');
}
