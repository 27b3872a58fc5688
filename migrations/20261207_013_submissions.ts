import type { Knex } from 'knex';

/**
 * Form submissions already taken (issue 13): one row per submission identity (a Slack view and its hash,
 * a Teams dialog's drawing), so a retried or doubled delivery of the same submission takes effect once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('form_submissions', (t) => {
    // '<platform>:<identity the adapter supplied>'; the primary key is what makes a second delivery a no-op.
    t.text('key').primary();
    t.text('ref').notNullable();
    t.text('platform_user_id').notNullable();
    t.timestamp('taken_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['taken_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('form_submissions');
}
