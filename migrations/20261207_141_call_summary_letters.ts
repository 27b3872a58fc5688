import type { Knex } from 'knex';

/**
 * PB-23: a call summary is about one call. The letter remembers which (the outcome activity it sums up), so
 * it is sent once per call, and a letter sent again or approved later says what that call agreed, not what
 * a later call did.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('letters', (t) => {
    t.bigInteger('call_activity_id').references('activities.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('letters', (t) => t.dropColumn('call_activity_id'));
}
