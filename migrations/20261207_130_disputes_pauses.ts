import type { Knex } from 'knex';

/**
 * Disputes that end and pauses with an end (issue 16, PB-21, PB-19):
 * - a dispute names an optional after-sales contact, and its resolution says why;
 * - `raised_at`: when an old open dispute was raised to the owner, so it is raised once;
 * - a dispute resolved in the customer's favour leaves its items off the ladder until the ledger shows the
 *   credit note: `credit_expected_minor` is each item's open amount when it was resolved.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('disputes', (t) => {
    t.text('contact');
    t.text('resolution_note');
    t.timestamp('raised_at', { useTz: true });
  });
  await knex.schema.alterTable('dispute_items', (t) => {
    t.bigInteger('credit_expected_minor');
  });
  // The raise check reads open disputes by age.
  await knex.raw('CREATE INDEX disputes_open_by_age ON disputes (opened_at) WHERE resolved_at IS NULL');
  // Pauses in force are read per account on every card and assessment.
  await knex.raw('CREATE INDEX pauses_in_force ON pauses (customer_id) WHERE lifted_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS pauses_in_force');
  await knex.raw('DROP INDEX IF EXISTS disputes_open_by_age');
  await knex.schema.alterTable('dispute_items', (t) => t.dropColumn('credit_expected_minor'));
  await knex.schema.alterTable('disputes', (t) => {
    t.dropColumn('raised_at');
    t.dropColumn('resolution_note');
    t.dropColumn('contact');
  });
}
