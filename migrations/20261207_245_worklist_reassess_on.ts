import type { Knex } from 'knex';

/**
 * PB-01: the business-day turn reassesses only the accounts whose worklist row changes other than by the
 * day count, and moves every other row on by the days passed (issue 19):
 * - reassess_on: the first date the row may change otherwise (null: nothing foreseen); rows already stored
 *   get their assessment date, so the next day turn reassesses them once;
 * - priority_reasons: the parts of the priority's explanation (missed promises, best-odds window, small
 *   balance, the chased balance), which views say in the reader's language with the stored days, grade and
 *   key-account flag. It replaces `explanation`, an English sentence with the day count in it that went
 *   stale as days passed (issue 20: no stored English);
 * - grade_reason leaves: nothing read it, and its English embedded a day count too (the views say the
 *   grade's reason from the assessment, in the reader's language).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.date('reassess_on');
    t.jsonb('priority_reasons');
    t.dropColumn('explanation');
    t.dropColumn('grade_reason');
    t.index(['reassess_on'], 'account_summary_reassess_on');
  });
  await knex.raw('UPDATE account_summary SET reassess_on = assessed_on');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropIndex(['reassess_on'], 'account_summary_reassess_on');
    t.dropColumn('reassess_on');
    t.dropColumn('priority_reasons');
    t.text('explanation').notNullable().defaultTo('');
    t.text('grade_reason');
  });
}
