import type { Knex } from 'knex';

/**
 * Account terms a manager sets (issue 18): the PB-06 key-account exemption and the PB-09 habitual late
 * payer mark, beside the PB-16 contract interest rate account_state already holds.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_state', (t) => {
    t.boolean('key_account_exempt').notNullable().defaultTo(false);
    t.boolean('habitual_late_payer').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_state', (t) => {
    t.dropColumn('key_account_exempt');
    t.dropColumn('habitual_late_payer');
  });
}
