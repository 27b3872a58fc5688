import type { Knex } from 'knex';

/**
 * The assessed worklist: one row per account with open items, recomputed after each sync and after each
 * worklist change, so `/overdue` filters and sorts with an index instead of assessing every account per request.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_summary', (t) => {
    t.bigInteger('customer_id').primary().references('customers.id');
    t.date('assessed_on').notNullable();
    t.text('name').notNullable();
    t.specificType('main_currency', 'char(3)').notNullable();
    t.bigInteger('main_open_minor').notNullable();
    t.jsonb('open_by_currency').notNullable();
    t.integer('open_items').notNullable();
    t.integer('max_days_overdue').notNullable();
    t.double('priority').notNullable();
    t.text('explanation').notNullable();
    t.specificType('grade', 'char(1)');
    t.text('grade_reason');
    t.boolean('key_account').notNullable().defaultTo(false);
    t.boolean('credit_hold').notNullable().defaultTo(false);
    t.boolean('blacklisted').notNullable().defaultTo(false);
    t.text('ladder_step');
    t.text('next_action');
    t.date('next_action_due');
    t.text('suggested_letter');
    t.jsonb('assessment').notNullable();
    t.index(['priority']);
    t.index(['max_days_overdue']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('account_summary');
}
