import type { Knex } from 'knex';

/**
 * What of a post already reached its platform: the message's id once it is accepted, and each file's
 * platform id and steps done (Slack's upload is three calls). A retry reads it to finish the post
 * instead of marking it sent without its files or sending a part twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox_deliveries', (t) => {
    t.jsonb('progress');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox_deliveries', (t) => {
    t.dropColumn('progress');
  });
}
