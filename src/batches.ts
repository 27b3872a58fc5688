/**
 * Statements over lists of unbounded length. PostgreSQL takes at most 65,535 bind parameters in one
 * statement, so a multi-row INSERT of thousands of rows (15,000 meeting accounts x 5 columns) fails; a
 * list of ids is bound as ONE array parameter (`= any(?::bigint[])`) and rows are inserted in batches.
 */

/** Rows per INSERT: far under PostgreSQL's 65,535 parameters for any table here (< 30 columns). */
export const INSERT_BATCH_ROWS = 1000;

/** `items` in consecutive slices of at most `size`. */
export function* batches<T>(items: readonly T[], size = INSERT_BATCH_ROWS): Generator<T[]> {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batch size must be >= 1, got ${size}`);
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Runs `insert` on each batch of `rows` in turn and returns what the batches returned, in order. */
export async function insertInBatches<T, R>(
  rows: readonly T[],
  insert: (batch: T[]) => Promise<R[]>,
  size = INSERT_BATCH_ROWS,
): Promise<R[]> {
  const out: R[] = [];
  for (const batch of batches(rows, size)) out.push(...(await insert(batch)));
  return out;
}
