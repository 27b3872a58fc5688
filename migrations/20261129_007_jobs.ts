import type { Knex } from 'knex';

/**
 * Scheduled posts: the outbox holds one row per logical post (its key unique), and each platform that
 * can take it gets a delivery row of its own, claimed by one worker at a time (SKIP LOCKED) and retried
 * on its own schedule. Updates edit the parent's messages in place: the latest version wins.
 */
export async function up(knex: Knex): Promise<void> {
  // The outbox row is the logical post now; the per-platform state moves to outbox_deliveries.
  await knex.raw('DROP INDEX IF EXISTS outbox_status_next_attempt_at_index');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('platform');
    t.dropColumn('channel');
    t.dropColumn('thread_ref');
    t.dropColumn('status');
    t.dropColumn('attempts');
    t.dropColumn('next_attempt_at');
    t.dropColumn('last_error');
    t.dropColumn('platform_ref');
    t.dropColumn('sent_at');
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.jsonb('destination').notNullable();
    t.text('thread_key');
    // The latest in-place edit (enqueueUpdate); update_version counts them.
    t.jsonb('update_payload');
    t.integer('update_version').notNullable().defaultTo(0);
    // When a worker created the delivery rows (one per platform that can deliver).
    t.timestamp('expanded_at', { useTz: true });
    t.index(['expanded_at']);
    t.index(['thread_key']);
  });

  await knex.schema.createTable('outbox_deliveries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('outbox_id').notNullable().references('outbox.id').onDelete('CASCADE');
    t.text('platform').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'sending', 'sent', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    // A worker's claim; a 'sending' row whose lease ran out belonged to a worker that died mid-call.
    t.timestamp('lease_until', { useTz: true });
    // The last attempt may have reached the platform: ask it (find) before sending again.
    t.boolean('uncertain').notNullable().defaultTo(false);
    t.text('last_error');
    t.text('channel');
    t.text('platform_ref');
    t.timestamp('sent_at', { useTz: true });
    // Which update_version of the outbox row the platform shows.
    t.integer('applied_version').notNullable().defaultTo(0);
    t.unique(['outbox_id', 'platform']);
    t.index(['status', 'next_attempt_at']);
  });

  // Jobs: why a run was skipped or failed, and which instance ran it.
  await knex.schema.alterTable('job_runs', (t) => {
    t.text('runner');
    t.text('error');
  });

  // The morning digest's totals per day, bucket and currency, for "change since yesterday" (PB-24).
  await knex.schema.createTable('digest_snapshots', (t) => {
    t.date('day').notNullable();
    t.text('bucket').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.bigInteger('open_minor').notNullable();
    t.integer('accounts').notNullable();
    t.primary(['day', 'bucket', 'currency']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('digest_snapshots');
  await knex.schema.alterTable('job_runs', (t) => {
    t.dropColumn('runner');
    t.dropColumn('error');
  });
  await knex.schema.dropTableIfExists('outbox_deliveries');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('destination');
    t.dropColumn('thread_key');
    t.dropColumn('update_payload');
    t.dropColumn('update_version');
    t.dropColumn('expanded_at');
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.text('platform').notNullable();
    t.text('channel').notNullable();
    t.text('thread_ref');
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.text('platform_ref');
    t.timestamp('sent_at', { useTz: true });
  });
}
