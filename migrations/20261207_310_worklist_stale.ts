import type { Knex } from 'knex';

/**
 * PB-01: the accounts whose ledger data a sync changed and whose worklist row is not reassessed yet. The
 * sync adds them in the transaction that writes the change (ledger/stage.ts); the worklist refresh after
 * the sync takes them out in the transaction that rewrites their rows (worklist/stale.ts). A process that
 * stops between the two leaves them here for the next sync, instead of a worklist current by its date and
 * stale by its data. The rest of the worklist is brought to the day by the day turn.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('worklist_stale', (t) => {
    t.bigInteger('customer_id').primary();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('worklist_stale');
}
