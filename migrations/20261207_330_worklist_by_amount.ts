import type { Knex } from 'knex';

/**
 * `/overdue >40k` (and `unclaimed 30+ >10k`): the amount filter always comes with a days floor (the list
 * holds accounts at least a day overdue). The (oldest_due, main_open_major) index serves that only by
 * skipping through every due date, reading the entries under the amount in each (40 ms at 1M accounts for
 * a capped count); led by the amount, the range is one seek and the days floor (an oldest due date on or
 * before a cutoff, PB-01) is checked in the index.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.index(['main_open_major', 'oldest_due'], 'account_summary_by_amount');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropIndex(['main_open_major', 'oldest_due'], 'account_summary_by_amount');
  });
}
