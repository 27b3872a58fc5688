import type { Knex } from 'knex';

/**
 * Scale: `/overdue customer <name>` and `/overdue show <name>` find a customer by part of its name
 * (name_folded LIKE '%text%'), which no B-tree index serves: every customer was read on each request
 * (about 50 ms at 100,000 customers, half a second at a million). A trigram index (pg_trgm) serves it.
 * pg_trgm ships with PostgreSQL but may not be installable (no CREATE privilege on the database, an
 * embedded database built without it): then nothing changes and the search reads every name as before.
 */
export async function up(knex: Knex): Promise<void> {
  const available = await knex.raw(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
  if (available.rows.length === 0) return;
  // A refused CREATE EXTENSION must not abort the migration's transaction: it is tried in a nested one
  // (a savepoint inside the migration's transaction).
  await knex
    .transaction(async (trx) => {
      await trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await trx.raw(
        'CREATE INDEX IF NOT EXISTS customers_name_trigrams ON customers USING gin (name_folded gin_trgm_ops)',
      );
    })
    .catch(() => undefined);
}

export async function down(knex: Knex): Promise<void> {
  // The extension stays: other schemas in the database may use it.
  await knex.raw('DROP INDEX IF EXISTS customers_name_trigrams');
}
