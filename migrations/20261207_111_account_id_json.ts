import type { Knex } from 'knex';

/**
 * One word per concept: above the ledger mapping the bot's id of an account is `accountId` (the ledger's
 * `customer_id` column keeps its name). JSON the bot stored before the rename (outbox payloads, meeting
 * snapshots, assessments, activity details) still says `customerId`; rewrite that key in every jsonb
 * column so stored posts, snapshots and assessments read back under the new name.
 *
 * The text replace only touches the key: inside a JSON string a quote is escaped (`\"customerId\":`), so
 * a value that merely mentions the word never matches `"customerId":`. `activities` is append-only (PB-03) and
 * its details never carried the key (the account is its `customer_id` column), so it is left alone.
 */
async function renameKey(knex: Knex, from: string, to: string): Promise<void> {
  const { rows } = (await knex.raw(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type = 'jsonb' AND table_name <> 'activities'
      ORDER BY table_name, column_name`,
  )) as { rows: { table_name: string; column_name: string }[] };
  for (const { table_name: table, column_name: column } of rows) {
    await knex.raw(`UPDATE ?? SET ?? = replace(??::text, ?, ?)::jsonb WHERE strpos(??::text, ?) > 0`, [
      table,
      column,
      column,
      `"${from}":`,
      `"${to}":`,
      column,
      `"${from}":`,
    ]);
  }
}

export async function up(knex: Knex): Promise<void> {
  await renameKey(knex, 'customerId', 'accountId');
}

export async function down(knex: Knex): Promise<void> {
  await renameKey(knex, 'accountId', 'customerId');
}
