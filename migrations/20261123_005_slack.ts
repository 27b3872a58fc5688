import type { Knex } from 'knex';

/** Chat threads per account and the events already handled, so retries are never applied twice. */
export async function up(knex: Knex): Promise<void> {
  // One conversation thread per account and channel: thread replies become notes on that account.
  await knex.schema.createTable('account_threads', (t) => {
    t.bigIncrements('id');
    t.text('platform').notNullable();
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.text('channel').notNullable();
    t.text('thread_ref').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['platform', 'customer_id', 'channel']);
    t.unique(['platform', 'channel', 'thread_ref']);
  });

  // Events (a platform's event id) handled once: a retried delivery finds its key and is skipped.
  await knex.schema.createTable('handled_events', (t) => {
    t.text('platform').notNullable();
    t.text('event_id').notNullable();
    t.timestamp('handled_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['platform', 'event_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('handled_events');
  await knex.schema.dropTableIfExists('account_threads');
}
