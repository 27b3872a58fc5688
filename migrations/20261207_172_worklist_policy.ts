import type { Knex } from 'knex';

/**
 * Which policy (and duebot version) a business date's worklist was assessed under: a sync that changed
 * nothing may keep the stored worklist only when it was assessed today under the same policy.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('worklist_days', (t) => {
    t.text('policy');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('worklist_days', (t) => {
    t.dropColumn('policy');
  });
}
