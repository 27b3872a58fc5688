import type { Knex } from 'knex';

/** The definition of index `name` on `table` (pg_indexes), none when it is not there: for migration tests. */
export async function indexDefs(db: Knex, table: string, name: string): Promise<string[]> {
  const result = await db.raw(`SELECT indexdef FROM pg_indexes WHERE tablename = ? AND indexname = ?`, [
    table,
    name,
  ]);
  return (result.rows as { indexdef: string }[]).map((r) => r.indexdef);
}

/** The column names of `table` (information_schema): for migration tests. */
export async function columnNames(db: Knex, table: string): Promise<string[]> {
  const result = await db.raw(`SELECT column_name FROM information_schema.columns WHERE table_name = ?`, [
    table,
  ]);
  return (result.rows as { column_name: string }[]).map((r) => r.column_name);
}
