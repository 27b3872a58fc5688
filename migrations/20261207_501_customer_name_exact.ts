import type { Knex } from 'knex';

/**
 * Scale: `/overdue customer <name>` first looks for the customer of exactly that name (name_folded =
 * lower(text)) and searches names containing the text only when there is none (src/worklist/list.ts).
 * A B-tree on the folded name finds it in a few pages at any number of customers, where the trigram
 * index read most of itself for a name that shares its words with many others (150 ms at a million).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS customers_by_name_folded ON customers (name_folded)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS customers_by_name_folded');
}
