import type { Knex } from 'knex';

/**
 * PB-01: a worklist row stores the oldest due date of its account's undisputed open items (oldest_due)
 * instead of the days overdue counted on the day it was assessed (max_days_overdue). Readers count the
 * days for their business date (greatest(0, today - oldest_due)) and filter on the date, so the day turn
 * no longer rewrites every row to add a day (issue 19: 35 s of a million-account turn).
 *
 * Rows already stored get the date their count implies (assessed_on - max_days_overdue) where they were
 * overdue; a row not yet overdue gets none (0 days), which stays right until its reassess_on, the day its
 * oldest item falls due, when the row is assessed again.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.date('oldest_due');
  });
  await knex.raw(
    `UPDATE account_summary SET oldest_due = assessed_on - max_days_overdue WHERE max_days_overdue > 0`,
  );
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropIndex(['max_days_overdue', 'main_open_major']);
    t.dropIndex(['max_days_overdue']);
    t.dropColumn('max_days_overdue');
    t.index(['oldest_due', 'main_open_major']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.integer('max_days_overdue').notNullable().defaultTo(0);
  });
  await knex.raw(
    `UPDATE account_summary SET max_days_overdue = greatest(0, assessed_on - oldest_due)
     WHERE oldest_due IS NOT NULL`,
  );
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropIndex(['oldest_due', 'main_open_major']);
    t.dropColumn('oldest_due');
    t.index(['max_days_overdue']);
    t.index(['max_days_overdue', 'main_open_major']);
  });
}
