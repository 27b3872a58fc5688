import type { Knex } from 'knex';

/**
 * An account's history is read a page at a time, newest first (PB-02: the whole file, not the newest 30),
 * and the owner's follow-up list looks for each account's newest status update (PB-26): both walk
 * activities by account in id order, which this index serves without a sort.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX activities_by_account ON activities (customer_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS activities_by_account');
}
