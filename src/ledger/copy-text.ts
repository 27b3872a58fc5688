/**
 * PostgreSQL's COPY text format, both ways: the Postgres ledger is read with `COPY (mapping) TO STDOUT`
 * and the sync stages rows with `COPY ... FROM STDIN`. A row is one line, columns are separated by
 * tabs, `\N` is NULL, and a backslash escapes itself, tab, newline, carriage return, backspace, form
 * feed and vertical tab (https://www.postgresql.org/docs/current/sql-copy.html, "Text Format"). COPY TO
 * never writes the octal or hex escapes, so decoding needs only these. With no quoting, splitting on
 * tabs is exact, which is why this is a few lines of code rather than a CSV parser.
 */

const DECODE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** One field as COPY TO wrote it: null for `\N`, otherwise the text with escapes resolved. */
export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => DECODE[c] ?? c);
}

/** A field for COPY FROM: null as `\N`, text with backslash, tab, newline and carriage return escaped. */
export function encodeCopyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * A copy of a string that does not point into a larger one. V8 makes substrings (split, slice) of
 * 13 or more characters views of their parent: an id kept from a row of COPY text would keep the
 * whole decoded chunk (tens of kilobytes) alive.
 */
export const detached = (value: string): string => Buffer.from(value, 'utf8').toString('utf8');

/**
 * Re-cuts the chunks of a COPY TO stream into runs of whole lines (each ending in a newline). Chunks
 * end anywhere, even inside a multi-byte character; a newline byte never occurs inside a UTF-8
 * sequence, so a run of whole lines is always whole characters too.
 */
export async function* copyLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest: Buffer | null = null;
  for await (const chunk of chunks) {
    const end = chunk.lastIndexOf(10);
    if (end < 0) {
      rest = rest ? Buffer.concat([rest, chunk]) : chunk;
      continue;
    }
    yield rest ? Buffer.concat([rest, chunk.subarray(0, end + 1)]) : chunk.subarray(0, end + 1);
    rest = end + 1 < chunk.length ? chunk.subarray(end + 1) : null;
  }
  if (rest && rest.length > 0) throw new Error('COPY output ended inside a row');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One line of COPY text (without its newline) as a row keyed by `columns`. */
export function decodeCopyLine(line: string, columns: readonly string[]): Record<string, string | null> {
  const fields = line.split('\t');
  if (fields.length !== columns.length) {
    throw new Error(`COPY row has ${fields.length} fields, expected ${columns.length}`);
  }
  const row: Record<string, string | null> = {};
  for (let c = 0; c < columns.length; c++) row[columns[c] as string] = decodeCopyField(fields[c] as string);
  return row;
}

/** The line of COPY text from `start` to `end` (without its newline) in `bytes`; bytes that are not UTF-8 are refused. */
export function decodeCopyLineAt(
  bytes: Buffer,
  start: number,
  end: number,
  columns: readonly string[],
): Record<string, string | null> {
  return decodeCopyLine(utf8.decode(bytes.subarray(start, end)), columns);
}

/**
 * Whole lines of COPY text (see copyLines) as rows keyed by `columns`. Bytes that are not UTF-8 are
 * refused. Field values are views of the decoded text (see `detached` for values kept long).
 */
export function decodeCopyLines(bytes: Buffer, columns: readonly string[]): Record<string, string | null>[] {
  if (bytes.length === 0) return [];
  const text = utf8.decode(bytes.subarray(0, bytes.length - 1));
  return text.split('\n').map((line) => decodeCopyLine(line, columns));
}
