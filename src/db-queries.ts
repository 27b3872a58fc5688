import type { Knex } from 'knex';

/**
 * Runs independent queries: side by side on a pool (each on a connection of its own), one after another in
 * a transaction, whose one connection must not be given a query while it runs another (node-postgres
 * warns, and pg@9 refuses).
 */
export async function allQueries<T extends readonly unknown[]>(
  db: Knex,
  queries: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (!(db as { isTransaction?: boolean }).isTransaction)
    return (await Promise.all(queries.map((q) => q()))) as unknown as T;
  const out: unknown[] = [];
  for (const q of queries) out.push(await q());
  return out as unknown as T;
}

/**
 * A subquery's rows as one JSON array column, so that several row sets travel in one statement and one
 * round trip (PostgreSQL and PGlite). `orderBy` orders the array by the subquery's output columns (`r.`);
 * without it the order is the subquery's own, which PostgreSQL keeps in practice but does not promise.
 * JSON carries bigints as numbers and timestamps as ISO text: cast such columns to text in the subquery.
 */
export function rowsOf(db: Knex, query: Knex.QueryBuilder, orderBy?: string): Knex.Raw {
  return db.raw(
    `coalesce((SELECT json_agg(r${orderBy ? ` ORDER BY ${orderBy}` : ''}) FROM (?) r), '[]'::json)`,
    [query],
  );
}
