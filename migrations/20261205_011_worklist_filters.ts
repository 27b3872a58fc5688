import type { Knex } from 'knex';
import { unusualCurrencyDigits } from '../src/collections/money.ts';

/**
 * The worklist filters people type most, each with what an index needs, so counting a 50,000-account
 * worklist for `/overdue` reads a narrow index instead of every row:
 * - the assessment JSON leaves account_summary: nothing read it, and it was three quarters of each row;
 * - `>50k` compares main_open_major (the open balance in whole and fractional major units) with an index,
 *   instead of a CASE over currency digits that no index could serve, and `30+ >10k` has one together;
 * - `grade C` has an index;
 * - `customer <name>` matches name_folded (the name in lower case, kept by the database) with LIKE, which
 *   is what ILIKE does after lower-casing every name on each request.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropColumn('assessment');
    t.decimal('main_open_major', null);
    t.index(['grade']);
  });
  // Rows assessed before this migration: the same digits the code uses (rewritten at each refresh).
  const whens = [...unusualCurrencyDigits().entries()];
  const cases = whens.map(([, codes]) => `WHEN main_currency IN (${codes.map(() => '?').join(', ')}) THEN ?`);
  await knex.raw(
    `UPDATE account_summary SET main_open_major = main_open_minor::numeric / CASE ${cases.join(' ')} ELSE 100 END`,
    whens.flatMap(([digits, codes]) => [...codes, 10 ** digits]),
  );
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropNullable('main_open_major');
    t.index(['main_open_major']);
    // `30+ >10k` together: counted from this index alone, without reading the rows.
    t.index(['max_days_overdue', 'main_open_major']);
  });
  // Dropping a column leaves its data in every row until the row is rewritten: rewrite the table now.
  await knex.raw('CLUSTER account_summary USING account_summary_pkey');
  await knex.raw(
    'ALTER TABLE customers ADD COLUMN name_folded text GENERATED ALWAYS AS (lower(name)) STORED',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => t.dropColumn('name_folded'));
  await knex.schema.alterTable('account_summary', (t) => {
    t.dropIndex(['max_days_overdue', 'main_open_major']);
    t.dropIndex(['main_open_major']);
    t.dropIndex(['grade']);
    t.dropColumn('main_open_major');
    // Derived data: the next refresh of the worklist fills it again.
    t.jsonb('assessment').notNullable().defaultTo('{}');
  });
}
