import type { Knex } from 'knex';

/**
 * PB-01: the business dates the stored worklist (account_summary) was fully reassessed for. The first
 * process to insert a date's row refreshes the worklist in the same transaction; every other replica
 * finds the row (or waits on it) and does not repeat the work.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('worklist_days', (t) => {
    t.date('business_date').primary();
    t.timestamp('refreshed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('runner').notNullable();
    t.integer('accounts').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('worklist_days');
}
