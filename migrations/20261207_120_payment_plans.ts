import type { Knex } from 'knex';

const PLAN_STATUSES = ['proposed', 'active', 'completed', 'broken', 'cancelled', 'renegotiated', 'withdrawn'];
const OLD_PLAN_STATUSES = ['active', 'completed', 'broken', 'cancelled'];

/** The statuses as SQL literals (constants of this file, so no quoting trouble). */
const quoted = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** Drops the check constraint(s) on one column, whatever name the database gave them. */
async function dropChecks(knex: Knex, table: string, column: string): Promise<void> {
  const { rows } = (await knex.raw(
    `SELECT con.conname FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace
      WHERE rel.relname = ? AND ns.nspname = current_schema() AND con.contype = 'c'
        AND pg_get_constraintdef(con.oid) LIKE ?`,
    [table, `%${column}%`],
  )) as { rows: { conname: string }[] };
  for (const { conname } of rows) await knex.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [table, conname]);
}

/**
 * PB-17 payment plans as agreed with the customer: a plan is proposed (its installments as typed), then
 * recorded when the customer agrees; it ends cancelled or renegotiated (replaced by a new plan), never
 * edited. One active plan per account and currency, so two people recording at once cannot both win.
 * PB-20: a promise can be marked kept by hand, with who and why, when the ledger lags.
 */
export async function up(knex: Knex): Promise<void> {
  await dropChecks(knex, 'payment_plans', 'status');
  await knex.schema.alterTable('payment_plans', (t) => {
    t.jsonb('installments');
    t.bigInteger('replaces_plan_id').references('payment_plans.id');
    t.timestamp('agreed_at', { useTz: true });
    t.bigInteger('agreed_by_user_id').references('users.id');
    t.timestamp('ended_at', { useTz: true });
    t.bigInteger('ended_by_user_id').references('users.id');
    t.text('end_reason');
  });
  await knex.raw(
    `ALTER TABLE payment_plans ADD CONSTRAINT payment_plans_status_known CHECK (status IN (${quoted(PLAN_STATUSES)}))`,
  );
  await knex.raw(
    `CREATE UNIQUE INDEX payment_plans_one_active ON payment_plans (customer_id, currency) WHERE status = 'active'`,
  );
  await knex.schema.alterTable('promises', (t) => {
    t.bigInteger('kept_by_user_id').references('users.id');
    t.text('kept_note');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('promises', (t) => {
    t.dropColumn('kept_note');
    t.dropColumn('kept_by_user_id');
  });
  await knex.raw('DROP INDEX IF EXISTS payment_plans_one_active');
  await knex.raw('ALTER TABLE payment_plans DROP CONSTRAINT IF EXISTS payment_plans_status_known');
  await knex.schema.alterTable('payment_plans', (t) => {
    t.dropColumn('end_reason');
    t.dropColumn('ended_by_user_id');
    t.dropColumn('ended_at');
    t.dropColumn('agreed_by_user_id');
    t.dropColumn('agreed_at');
    t.dropColumn('replaces_plan_id');
    t.dropColumn('installments');
  });
  await knex.raw(
    `ALTER TABLE payment_plans ADD CONSTRAINT payment_plans_status_check CHECK (status IN (${quoted(OLD_PLAN_STATUSES)}))`,
  );
}
