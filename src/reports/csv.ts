/**
 * CSV files of long lists (the meeting's agenda beyond its replies, the first alert check's accounts):
 * RFC 4180, UTF-8 with a byte order mark so spreadsheet programs read names in any script, CRLF lines.
 *
 * Text from the ledger (an account's name) is data, never a formula: a cell that starts with = + - @ or
 * a tab/CR is prefixed with an apostrophe, which spreadsheets show as text (CSV injection). Numbers are
 * written as they are.
 */

/** A cell: text (guarded), a number, or empty. */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text. */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`a CSV number must be finite, got ${value}`);
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line (with its CRLF). */
export const csvLine = (cells: readonly CsvCell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** A whole file: the header, then the rows, as UTF-8 bytes with a byte order mark. */
export function csvFile(header: readonly string[], rows: Iterable<readonly CsvCell[]>): Uint8Array {
  const parts: string[] = ['\ufeff', csvLine(header)];
  for (const row of rows) {
    if (row.length !== header.length)
      throw new RangeError(`a CSV row has ${row.length} cells for ${header.length} columns`);
    parts.push(csvLine(row));
  }
  return new Uint8Array(Buffer.from(parts.join(''), 'utf8'));
}

/**
 * A file from lines already written with csvLine (a long list read page by page keeps one string per row,
 * not its cells), as csvFile writes it.
 */
export function csvFromLines(header: readonly string[], lines: readonly string[]): Uint8Array {
  return new Uint8Array(Buffer.from(`\ufeff${csvLine(header)}${lines.join('')}`, 'utf8'));
}
