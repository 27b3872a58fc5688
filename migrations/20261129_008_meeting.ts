import type { Knex } from 'knex';

/**
 * Large-account alerts (PB-07) and the monthly 30+ day credit meeting (PB-28). Every "once" is a
 * constraint here: one open crossing per account/invoice and currency, one jump alert per month and
 * currency, one meeting per month, one decision per account and meeting.
 */
export async function up(knex: Knex): Promise<void> {
  // PB-07: an account (per currency) or an invoice above the threshold. A row is one crossing; it is
  // closed (recovered_at) when the amount falls back below, so the next crossing is a new row.
  await knex.schema.createTable('alert_crossings', (t) => {
    t.bigIncrements('id');
    t.text('kind').notNullable().checkIn(['account', 'invoice']);
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.bigInteger('open_item_id').references('open_items.id');
    t.specificType('currency', 'char(3)').notNullable();
    t.bigInteger('amount_minor').notNullable();
    t.bigInteger('threshold_minor').notNullable();
    t.integer('days_overdue').notNullable();
    t.timestamp('crossed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('recovered_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE alert_crossings ADD CONSTRAINT alert_crossings_subject
      CHECK ((kind = 'invoice') = (open_item_id IS NOT NULL))`);
  await knex.raw(`
    CREATE UNIQUE INDEX alert_crossings_one_open ON alert_crossings
      (kind, customer_id, coalesce(open_item_id, 0), currency) WHERE recovered_at IS NULL`);

  // The first alert check records what is already above the thresholds and posts one overview instead of
  // one alert per account; this row says that first check happened.
  await knex.schema.createTable('alert_baseline', (t) => {
    t.smallint('id').primary();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE alert_baseline ADD CONSTRAINT alert_baseline_one CHECK (id = 1)');

  // PB-07: a month-over-month jump of total receivables, announced once per month and currency.
  await knex.schema.createTable('alert_jumps', (t) => {
    t.text('month').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.bigInteger('previous_minor').notNullable();
    t.bigInteger('current_minor').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['month', 'currency']);
  });

  // PB-28: one credit meeting a month; the accounts on it are fixed when it is opened.
  await knex.schema.createTable('meetings', (t) => {
    t.bigIncrements('id');
    t.text('month').notNullable().unique();
    t.date('held_on').notNullable();
    t.text('post_key').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('summary_at', { useTz: true });
  });
  await knex.schema.createTable('meeting_accounts', (t) => {
    t.bigInteger('meeting_id').notNullable().references('meetings.id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.integer('position').notNullable();
    t.text('post_key').notNullable().unique();
    t.jsonb('snapshot').notNullable();
    t.text('decision').checkIn(['keep_working', 'payment_plan', 'credit_hold', 'lawyer_letter', 'agency']);
    t.bigInteger('decided_by_user_id').references('users.id');
    t.timestamp('decided_at', { useTz: true });
    // A later decision replaces the earlier one; the earlier one stays named on the reply (and in activities).
    t.text('previous_decision');
    t.bigInteger('previous_by_user_id').references('users.id');
    // Moves on with every decision, so a click drawn before the last one is recognised as stale.
    t.integer('revision').notNullable().defaultTo(0);
    t.primary(['meeting_id', 'customer_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('meeting_accounts');
  await knex.schema.dropTableIfExists('meetings');
  await knex.schema.dropTableIfExists('alert_jumps');
  await knex.schema.dropTableIfExists('alert_baseline');
  await knex.schema.dropTableIfExists('alert_crossings');
}
