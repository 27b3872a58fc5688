import type { Knex } from 'knex';

/**
 * Handled events are pruned by age (jobs/housekeeping.ts), like form submissions, which already have an
 * index on taken_at: the daily batched delete finds the old rows by this index instead of a table scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('handled_events', (t) => {
    t.index(['handled_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('handled_events', (t) => {
    t.dropIndex(['handled_at']);
  });
}
