import type { Knex } from 'knex';

/**
 * What the bot knows about reading its ledger, beyond the last successful sync: when a sync last failed
 * and why (one line, no stack), and since when it has been failing (null while syncs succeed). Lists,
 * cards, the digest and /healthz say the data is stale from these; the outage notice is keyed by
 * failing_since, so the owner is told once per outage.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_state', (t) => {
    t.timestamp('last_failure_at', { useTz: true });
    t.text('last_error');
    t.text('last_error_kind');
    t.timestamp('failing_since', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sync_state', (t) => {
    t.dropColumn('last_failure_at');
    t.dropColumn('last_error');
    t.dropColumn('last_error_kind');
    t.dropColumn('failing_since');
  });
}
