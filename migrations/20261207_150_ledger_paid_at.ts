import type { Knex } from 'knex';

/**
 * When the ledger says an item was last paid (the mapping's optional paid_at column): the settled date
 * grades, credit hold, blacklist and DSO/CEI use, instead of the row's last change, which an ERP's bulk
 * update moves for every row. Null for mappings without paid_at (the last change stands in, as before).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('open_items', (t) => {
    t.timestamp('ledger_paid_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('open_items', (t) => {
    t.dropColumn('ledger_paid_at');
  });
}
