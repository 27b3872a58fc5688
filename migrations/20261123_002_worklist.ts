import type { Knex } from 'knex';

/** Worklist state beside the synced ledger: per-account state, pauses, payment plans, grades. */
export async function up(knex: Knex): Promise<void> {
  // One row per account the bot has acted on or assessed; `version` moves on every change so a click on
  // a stale card can be recognised.
  await knex.schema.createTable('account_state', (t) => {
    t.bigInteger('customer_id').primary().references('customers.id');
    t.integer('version').notNullable().defaultTo(0);
    t.date('next_follow_up_on');
    t.timestamp('last_contact_at', { useTz: true });
    t.integer('escalations').notNullable().defaultTo(0);
    t.integer('stalls').notNullable().defaultTo(0);
    t.specificType('grade', 'char(1)');
    t.text('grade_reason');
    t.text('credit_hold_reason');
    t.text('blacklist_reason');
    t.date('assessed_on');
    t.text('interest_rate_per_day');
  });
  await knex.raw(
    `ALTER TABLE account_state ADD CONSTRAINT account_state_grade CHECK (grade IN ('A', 'B', 'C'))`,
  );

  // Pause chasing: a whole account (open_item_id null) or one invoice, with a reason and optional end.
  await knex.schema.createTable('pauses', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.bigInteger('open_item_id').references('open_items.id');
    t.text('reason').notNullable();
    t.date('until');
    t.bigInteger('created_by_user_id').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('lifted_at', { useTz: true });
    t.bigInteger('lifted_by_user_id').references('users.id');
  });

  // PB-17: installments are promises that belong to a plan.
  await knex.schema.createTable('payment_plans', (t) => {
    t.bigIncrements('id');
    t.bigInteger('customer_id').notNullable().references('customers.id');
    t.bigInteger('created_by_user_id').references('users.id');
    t.bigInteger('total_minor').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.text('status')
      .notNullable()
      .defaultTo('active')
      .checkIn(['active', 'completed', 'broken', 'cancelled']);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('promises', (t) => {
    t.bigInteger('plan_id').references('payment_plans.id');
    t.integer('installment_no');
  });

  // An invoice is in at most one open dispute at a time.
  await knex.schema.alterTable('dispute_items', (t) => {
    t.boolean('active').notNullable().defaultTo(true);
  });
  await knex.raw('CREATE UNIQUE INDEX dispute_items_one_open ON dispute_items (open_item_id) WHERE active');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS dispute_items_one_open');
  await knex.schema.alterTable('dispute_items', (t) => t.dropColumn('active'));
  await knex.schema.alterTable('promises', (t) => {
    t.dropColumn('installment_no');
    t.dropColumn('plan_id');
  });
  await knex.schema.dropTableIfExists('payment_plans');
  await knex.schema.dropTableIfExists('pauses');
  await knex.schema.dropTableIfExists('account_state');
}
