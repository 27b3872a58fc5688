import type { Knex } from 'knex';

/**
 * Where the next incremental sync of a source starts reading, when the last read could tell exactly
 * (a PostgreSQL ledger whose rows are stamped with their transaction's start, such as Odoo's): the
 * watermark, or the start of an older ledger transaction that was still running then. Null: the
 * watermark less LEDGER_LOOKBACK_SECONDS, as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_state', (t) => {
    t.timestamp('read_from', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_state', (t) => {
    t.dropColumn('read_from');
  });
}
