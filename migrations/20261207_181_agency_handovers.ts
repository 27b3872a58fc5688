import type { Knex } from 'knex';

/**
 * PB-30: an account handed over to a collection agency: which agency, when, by whom, the amount handed
 * over per currency, and the time the company spent on it before (days since the oldest due date, contact
 * attempts). One hand-over in force per account.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('agency_handovers', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.text('agency').notNullable();
    t.text('note');
    t.jsonb('amounts').notNullable();
    t.date('handed_over_on').notNullable();
    t.integer('days_worked').notNullable();
    t.integer('contact_attempts').notNullable();
    t.bigInteger('pause_id').references('pauses.id');
    t.bigInteger('by_user_id').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE UNIQUE INDEX agency_handovers_one_per_account ON agency_handovers (customer_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('agency_handovers');
}
