import type { Knex } from 'knex';

/**
 * Microsoft Teams: the conversation references the bot needs to post on its own (stored when it is added
 * to a team or chat, refreshed on every activity), and the keys of posts it made, for the outbox's `find`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('teams_conversations', (t) => {
    // The Bot Framework conversation id: 19:...@thread.tacv2 (channel), a:... (personal), 19:...@thread.v2 (group chat).
    t.text('conversation_id').primary();
    t.text('conversation_type').notNullable(); // 'channel' | 'personal' | 'groupChat'
    t.text('tenant_id');
    t.text('team_id');
    // For personal chats: the Entra object id (or Teams user id) of the person the chat is with.
    t.text('user_key');
    t.text('service_url').notNullable();
    // The whole ConversationReference as JSON text (same on PGlite and PostgreSQL).
    t.text('reference').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['conversation_type', 'active', 'updated_at']);
    t.index(['user_key']);
  });

  await knex.schema.createTable('teams_posts', (t) => {
    t.text('key').primary(); // the outbox's idempotency key
    t.text('conversation_id').notNullable();
    t.text('activity_id').notNullable();
    t.timestamp('posted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('teams_posts');
  await knex.schema.dropTableIfExists('teams_conversations');
}
