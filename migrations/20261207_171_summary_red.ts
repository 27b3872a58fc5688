import type { Knex } from 'knex';

/**
 * PB-04: whether an account has an item marked red (overdue past the policy's red threshold), decided when
 * it is assessed, so every list draws red from the policy rather than from a number of its own.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.boolean('red').notNullable().defaultTo(false);
  });
  await knex.raw('UPDATE account_summary SET red = max_days_overdue > 30');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropColumn('red');
  });
}
