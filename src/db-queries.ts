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
