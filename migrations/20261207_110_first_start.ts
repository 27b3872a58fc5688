import type { Knex } from 'knex';

/**
 * When the scheduler first started on this install (one row): a cron slot before it was never missed, so
 * a new install catches nothing up and warns of no skipped run; slots after it that passed while the bot
 * was down are real misses.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scheduler_first_start', (t) => {
    t.smallint('id').primary().defaultTo(1);
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.check('id = 1', [], 'scheduler_first_start_one_row');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scheduler_first_start');
}
