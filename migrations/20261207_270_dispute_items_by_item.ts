import type { Knex } from 'knex';

/**
 * PB-21: every assessment asks, per open item, for the days its clock stood still in resolved disputes
 * (worklist/disputes.ts clockStoppedSql). dispute_items had only its (dispute_id, open_item_id) key and a
 * partial index of the active rows, so that question read the whole table once per open item: 0.4 s for
 * each thousand accounts at 1M accounts, most of a full reassessment. This index answers it directly.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispute_items', (t) => {
    t.index(['open_item_id'], 'dispute_items_by_item');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dispute_items', (t) => {
    t.dropIndex(['open_item_id'], 'dispute_items_by_item');
  });
}
