import type { Knex } from 'knex';

/**
 * PB-28 at scale: a meeting of thousands of accounts posts only the ones worth most as replies with
 * decision buttons (DUEBOT_MEETING_REPLIES); the others travel in an attached file. `in_thread` says which
 * accounts have a reply: the meeting is complete once each of those has a decision. Every account stays
 * on the agenda (one row each), so a decision on one of the others is recorded per account too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meeting_accounts', (t) => {
    t.boolean('in_thread').notNullable().defaultTo(true);
  });
  // The completion check after each decision (any reply still undecided?) reads this, not 15,000 rows.
  await knex.raw(
    'CREATE INDEX meeting_accounts_undecided ON meeting_accounts (meeting_id) WHERE in_thread AND decision IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS meeting_accounts_undecided');
  await knex.schema.alterTable('meeting_accounts', (t) => t.dropColumn('in_thread'));
}
