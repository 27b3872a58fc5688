import type { Knex } from 'knex';

/**
 * The language a person chose for duebot's answers (`/overdue language zh-TW`); null follows their
 * platform's language, then the company's (src/i18n/reader.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.text('locale');
    t.check(`locale IS NULL OR locale IN ('en', 'zh-CN', 'zh-TW')`, [], 'users_locale_known');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropChecks(['users_locale_known']);
    t.dropColumn('locale');
  });
}
