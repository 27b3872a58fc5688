import type { Knex } from 'knex';

/**
 * The bot's own tables. The accounting database is never migrated: the bot only reads it.
 * Invariants live here as constraints so that no code path (or replica) can break them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customers', (t) => {
    t.bigIncrements('id');
    t.text('external_id').notNullable().unique();
    t.text('name').notNullable();
    t.text('contact_name');
    t.text('contact_email');
    t.text('contact_phone');
    t.text('sales_rep');
    t.text('locale');
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('open_items', (t) => {
    t.bigIncrements('id');
    t.text('external_id').notNullable().unique();
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.text('invoice_number').notNullable();
    t.date('issue_date').notNullable();
    t.date('due_date').notNullable();
    t.bigInteger('total_minor').notNullable();
    t.bigInteger('open_minor').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.timestamp('ledger_updated_at', { useTz: true }).notNullable();
    t.text('status').notNullable().defaultTo('open');
    t.timestamp('settled_at', { useTz: true });
    t.bigInteger('last_seen_sync');
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['customer_id', 'status']);
    t.index(['status', 'due_date']);
  });
  await knex.raw(`
    ALTER TABLE open_items
      ADD CONSTRAINT open_items_amounts CHECK (open_minor >= 0 AND total_minor >= 0 AND open_minor <= total_minor),
      ADD CONSTRAINT open_items_currency CHECK (currency ~ '^[A-Z]{3}$'),
      ADD CONSTRAINT open_items_status CHECK (status IN ('open', 'settled')),
      ADD CONSTRAINT open_items_settled CHECK ((status = 'settled') = (settled_at IS NOT NULL))`);

  await knex.schema.createTable('sync_state', (t) => {
    t.text('source').primary();
    t.timestamp('watermark', { useTz: true });
    t.timestamp('last_incremental_at', { useTz: true });
    t.timestamp('last_full_at', { useTz: true });
  });

  await knex.schema.createTable('sync_runs', (t) => {
    t.bigIncrements('id');
    t.text('source').notNullable();
    t.text('kind').notNullable().checkIn(['incremental', 'full']);
    t.text('status').notNullable().defaultTo('running').checkIn(['running', 'done', 'failed']);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.integer('rows_read').notNullable().defaultTo(0);
    t.integer('rows_changed').notNullable().defaultTo(0);
    t.integer('rows_skipped').notNullable().defaultTo(0);
    t.integer('items_settled').notNullable().defaultTo(0);
    t.jsonb('skipped').notNullable().defaultTo('{}');
    t.text('error');
  });

  await knex.schema.createTable('users', (t) => {
    t.bigIncrements('id');
    t.text('platform').notNullable();
    t.text('platform_user_id').notNullable();
    t.text('display_name').notNullable();
    t.text('email');
    t.text('role').notNullable().defaultTo('collector').checkIn(['collector', 'manager', 'sales', 'viewer']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['platform', 'platform_user_id']);
  });

  // PB-03: every contact and every state change is recorded, append-only.
  await knex.schema.createTable('activities', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').references('customers.id');
    t.bigInteger('actor_user_id').references('users.id');
    t.text('platform').notNullable();
    t.text('kind').notNullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['customer_id', 'created_at']);
  });
  await knex.raw(`
    CREATE FUNCTION duebot_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only (PB-03): rows are never changed or deleted', TG_TABLE_NAME;
    END $$`);
  await knex.raw(`
    CREATE TRIGGER activities_append_only BEFORE UPDATE OR DELETE ON activities
    FOR EACH ROW EXECUTE FUNCTION duebot_append_only()`);

  // PB-25: one owner per account, enforced by a partial unique index.
  await knex.schema.createTable('claims', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.bigInteger('user_id').notNullable().references('users.id');
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('released_at', { useTz: true });
    t.bigInteger('released_by_user_id').references('users.id');
    t.text('release_reason');
  });
  await knex.raw('CREATE UNIQUE INDEX claims_one_owner ON claims (customer_id) WHERE released_at IS NULL');

  // PB-20: a promise may cover several open items.
  await knex.schema.createTable('promises', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.bigInteger('created_by_user_id').references('users.id');
    t.date('promised_date').notNullable();
    t.bigInteger('amount_minor').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('open')
      .checkIn(['open', 'kept', 'partial', 'broken', 'cancelled']);
    t.bigInteger('paid_minor').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('resolved_at', { useTz: true });
    t.index(['status', 'promised_date']);
  });
  await knex.raw(
    'ALTER TABLE promises ADD CONSTRAINT promises_amount CHECK (amount_minor > 0 AND paid_minor >= 0)',
  );
  await knex.schema.createTable('promise_items', (t) => {
    t.bigInteger('promise_id').notNullable().references('promises.id');
    t.bigInteger('open_item_id').notNullable().references('open_items.id');
    t.bigInteger('open_minor_at_promise').notNullable();
    t.primary(['promise_id', 'open_item_id']);
  });

  // PB-21: disputes stop the clock on the disputed items only.
  await knex.schema.createTable('disputes', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.text('reason').notNullable();
    t.bigInteger('opened_by_user_id').references('users.id');
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('resolved_at', { useTz: true });
    t.bigInteger('resolved_by_user_id').references('users.id');
    t.text('outcome');
  });
  await knex.schema.createTable('dispute_items', (t) => {
    t.bigInteger('dispute_id').notNullable().references('disputes.id');
    t.bigInteger('open_item_id').notNullable().references('open_items.id');
    t.primary(['dispute_id', 'open_item_id']);
  });

  // Scheduled jobs run once per period, whatever the number of replicas.
  await knex.schema.createTable('job_runs', (t) => {
    t.bigIncrements('id');
    t.text('job').notNullable();
    t.text('period_key').notNullable();
    t.text('status').notNullable().defaultTo('running').checkIn(['running', 'done', 'failed', 'skipped']);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.unique(['job', 'period_key']);
  });

  // Outgoing posts: written first, delivered by a worker, never duplicated.
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.text('idempotency_key').notNullable().unique();
    t.text('platform').notNullable();
    t.text('channel').notNullable();
    t.text('thread_ref');
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'sending', 'sent', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.text('platform_ref');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.index(['status', 'next_attempt_at']);
  });

  await knex.schema.createTable('letters', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.text('template').notNullable();
    t.text('locale').notNullable();
    t.text('idempotency_key').notNullable().unique();
    t.bigInteger('requested_by_user_id').references('users.id');
    t.bigInteger('approved_by_user_id').references('users.id');
    t.text('status').notNullable().defaultTo('requested');
    t.text('recipient');
    t.text('message_id');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'letters',
    'outbox',
    'job_runs',
    'dispute_items',
    'disputes',
    'promise_items',
    'promises',
    'claims',
    'activities',
    'users',
    'sync_runs',
    'sync_state',
    'open_items',
    'customers',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP FUNCTION IF EXISTS duebot_append_only()');
}
