/**
 * Ids people type (a customer id, a letter number) read as row ids: whole numbers from 1 to the largest
 * that refs carry (int4), written in plain digits. Anything else ("99999999999999999999", "-1", "1e3",
 * "0x10") names no row, so it is answered as "no such account", never sent to the database (where an
 * id beyond bigint is an error, not a miss).
 */

/** The largest id a typed number or a button ref may name. */
export const MAX_ROW_ID = 2_147_483_647;

/** The row id a typed word names, or null when it cannot name one. */
export function parseRowId(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_ROW_ID ? n : null;
}
