/**
 * The usual ledger row, checked on the bytes of its COPY text line and written on as a line of the
 * sync's item stage without ever becoming strings or objects. A full sync reads a million rows; taking
 * each apart into fifteen strings, a row object and a Date cost about ten microseconds of CPU per row,
 * most of it garbage collection, and was most of the sync's time.
 *
 * This is a fast path, not a second set of rules: it accepts only a line it can vouch for (every
 * field in the plain form PostgreSQL writes, and every check of parseLedgerRow passed) and writes
 * exactly what the general path would write for it (test/ledger/copy-check.test.ts holds the two
 * against each other on generated rows). Anything else (a NULL where a value is needed, an escape,
 * spaces to trim, a lower-case currency, a negative amount, a date outside the usual form, an amount
 * too long for a double) is left to parseLedgerRow, which decides and explains.
 */
import { MAX_RATE_PERCENT_PER_DAY } from '../collections/interest.ts';
import { currencyDigits, isCurrencyCode } from '../collections/money.ts';
import { lastDay, ledgerTimeZone } from './rows.ts';
import type { LedgerColumn } from './types.ts';

/**
 * The order a COPY read asks for every column a mapping may return (a column the mapping lacks is read
 * as NULL): the item's fields first, then the customer's as one run, so that a line's customer fields
 * are one slice of its bytes, then the item's optional fields.
 */
export const COPY_COLUMN_ORDER: readonly LedgerColumn[] = [
  'invoice_id',
  'invoice_number',
  'issue_date',
  'due_date',
  'total',
  'open_amount',
  'currency',
  'updated_at',
  'customer_id',
  'customer_name',
  'contact_name',
  'contact_email',
  'contact_phone',
  'sales_rep',
  'customer_locale',
  'interest_percent_per_day',
  'customer_time_zone',
  'next_delivery_date',
  'paid_at',
  'discount_until',
  'discount_amount',
];

/** The columns a COPY read asks for: all of COPY_COLUMN_ORDER (those a mapping lacks as NULL). */
export const COPY_READ_ORDER: readonly LedgerColumn[] = COPY_COLUMN_ORDER;

/** The item stage's columns, in the order of the lines written for it. */
export const ITEM_STAGE_COLUMNS = [
  'external_id',
  'invoice_number',
  'issue_date',
  'due_date',
  'total_minor',
  'open_minor',
  'currency',
  'ledger_updated_at',
  'customer_external_id',
  'valid',
  'n',
  'ledger_paid_at',
  'discount_until',
  'discount_minor',
] as const;

/** Field indexes in COPY_COLUMN_ORDER. */
const at = (column: LedgerColumn): number => COPY_COLUMN_ORDER.indexOf(column);
const F = {
  issue: at('issue_date'),
  due: at('due_date'),
  total: at('total'),
  open: at('open_amount'),
  currency: at('currency'),
  updated: at('updated_at'),
  customer: at('customer_id'),
  locale: at('customer_locale'),
  /** The last of the customer's run (customer_id to here). */
  customerLast: at('next_delivery_date'),
  zone: at('customer_time_zone'),
  delivery: at('next_delivery_date'),
  rate: at('interest_percent_per_day'),
  paid: at('paid_at'),
  discountUntil: at('discount_until'),
  discount: at('discount_amount'),
} as const;
/** The customer's optional text fields (contact to locale): plain text or NULL. */
const CUSTOMER_OPTIONAL_FROM = at('contact_name');
/** PB-16: a contract rate above this percent a day is refused (rows.ts parseLedgerPercent). */
const MAX_RATE = MAX_RATE_PERCENT_PER_DAY;

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const SPACE = 32;
const ZERO = 48;
const T = 84;
const Z = 90;

/** What checkLine found out about a line it accepted. */
export interface CheckedLine {
  /** Where the invoice id ends (it starts the line). */
  idEnd: number;
  /** The open amount in minor units. */
  open: number;
  /** Where the customer fields start and end in the line (customer_id to the last customer column). */
  customerStart: number;
  customerEnd: number;
  /** Where the customer id ends. */
  customerIdEnd: number;
  /** Where the line's ISO timestamp (24 bytes, `2026-11-01T08:00:00.000Z`) was written in the output. */
  isoAt: number;
  /** paid_at as ISO text (24 bytes) when `paid`; NULL otherwise. */
  paid: boolean;
  paidIso: Buffer;
  /** Where discount_until's 10 bytes start in the line (-1: NULL), and discount_amount in minor units (-1: NULL). */
  discountUntilAt: number;
  discount: number;
}

/** A CheckedLine to fill (one per reader: checkLine reuses it for every line). */
export const newCheckedLine = (): CheckedLine => ({
  idEnd: 0,
  open: 0,
  customerStart: 0,
  customerEnd: 0,
  customerIdEnd: 0,
  isoAt: 0,
  paid: false,
  paidIso: Buffer.alloc(24),
  discountUntilAt: -1,
  discount: -1,
});

/** A growing byte buffer for the stage's COPY text, handed over (and started anew) by take(). */
export class ByteWriter {
  bytes: Buffer;
  length = 0;

  constructor(private readonly initial = 1 << 18) {
    this.bytes = Buffer.allocUnsafe(initial);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + n));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** Appends text (UTF-8, or 'latin1' for text that holds bytes one per character). */
  write(text: string, encoding: 'utf8' | 'latin1' = 'utf8'): void {
    this.reserve(encoding === 'latin1' ? text.length : Buffer.byteLength(text));
    this.length += this.bytes.write(text, this.length, encoding);
  }

  /** The bytes written so far; the writer starts a new buffer (the one returned may still be in use). */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(Math.max(this.initial, this.length));
    this.length = 0;
    return taken;
  }
}

/** Field start and end offsets of the line being checked (reused: one line at a time). */
const starts = new Int32Array(COPY_COLUMN_ORDER.length);
const ends = new Int32Array(COPY_COLUMN_ORDER.length);

/** Minor-unit digits by currency code packed into a number (-1: not an ISO 4217 code). */
const digitsByCode = new Map<number, number>();

function currencyDigitsAt(line: Buffer, at: number): number {
  const code = (line[at] as number) * 65536 + (line[at + 1] as number) * 256 + (line[at + 2] as number);
  let digits = digitsByCode.get(code);
  if (digits === undefined) {
    const text = line.toString('latin1', at, at + 3);
    digits = /^[A-Z]{3}$/.test(text) && isCurrencyCode(text) ? currencyDigits(text) : -1;
    digitsByCode.set(code, digits);
  }
  return digits;
}

/** Whether the code point is one String.prototype.trim removes (besides ASCII, which is checked apart). */
function isWideSpace(cp: number): boolean {
  return (
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/** Whether the UTF-8 character starting at `at` (before `end`) is whitespace that trim() removes. */
function isSpaceAt(line: Buffer, at: number, end: number): boolean {
  const b = line[at] as number;
  if (b < 0x80) return b === SPACE || (b >= 9 && b <= 13);
  if (b < 0xc2 || b > 0xef || at + 1 >= end) return false;
  if (b < 0xe0) return isWideSpace(((b & 0x1f) << 6) | ((line[at + 1] as number) & 0x3f));
  if (at + 2 >= end) return false;
  return isWideSpace(
    ((b & 0x0f) << 12) | (((line[at + 1] as number) & 0x3f) << 6) | ((line[at + 2] as number) & 0x3f),
  );
}

/** A text field parseLedgerRow takes as it is: not empty, no escape, nothing to trim. */
function isPlainText(line: Buffer, s: number, e: number, escaped: boolean): boolean {
  if (e <= s || escaped) return false;
  if (isSpaceAt(line, s, e)) return false;
  let last = e - 1;
  while (last > s && ((line[last] as number) & 0xc0) === 0x80) last--;
  return !isSpaceAt(line, last, e);
}

function isNullField(line: Buffer, s: number, e: number): boolean {
  return e - s === 2 && line[s] === BACKSLASH && line[s + 1] === 78; // \N
}

/** Field `f` of the line being checked is plain text (see isPlainText); `escapes` has a bit per field. */
function isPlainField(line: Buffer, f: number, escapes: number): boolean {
  return isPlainText(line, starts[f] as number, ends[f] as number, (escapes & (1 << f)) !== 0);
}

/** Copies `line` from `s` to `e` to the end of `out` (room reserved); short runs are faster by hand. */
function copyRun(line: Buffer, s: number, e: number, out: ByteWriter): void {
  const bytes = out.bytes;
  let at = out.length;
  if (e - s > 64) line.copy(bytes, at, s, e);
  else for (let k = s; k < e; k++) bytes[at++] = line[k] as number;
  out.length += e - s;
}

/** Two ASCII digits as a number, or -1. */
function twoDigits(line: Buffer, at: number): number {
  const a = (line[at] as number) - ZERO;
  const b = (line[at + 1] as number) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Whether a real calendar date `YYYY-MM-DD` starts at `at` (a year from 1000). */
function isDateAt(line: Buffer, at: number): boolean {
  const century = twoDigits(line, at);
  const years = twoDigits(line, at + 2);
  if (century < 10 || years < 0 || line[at + 4] !== DASH || line[at + 7] !== DASH) return false;
  const month = twoDigits(line, at + 5);
  const day = twoDigits(line, at + 8);
  return day >= 1 && day <= lastDay(century * 100 + years, month);
}

/**
 * An amount as PostgreSQL writes a numeric (`1234.5`, `0.00`), in minor units of a currency with
 * `digits` decimals; -1 when it is in another form, has more decimals than the currency (other than
 * zeros) or more digits than a double holds exactly.
 */
function minorUnits(line: Buffer, s: number, e: number, digits: number): number {
  let at = s;
  let value = 0;
  while (at < e) {
    const d = (line[at] as number) - ZERO;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
    at++;
  }
  const whole = at - s;
  if (whole === 0 || whole + digits > 15) return -1;
  let scaled = 0;
  if (at < e) {
    if (line[at] !== DOT) return -1;
    for (at++; at < e; at++) {
      const d = (line[at] as number) - ZERO;
      if (d < 0 || d > 9) return -1;
      if (scaled < digits) {
        value = value * 10 + d;
        scaled++;
      } else if (d !== 0) return -1;
    }
  }
  for (; scaled < digits; scaled++) value *= 10;
  return value;
}

/** A non-negative integer in decimal digits (room reserved). */
export function writeNumber(out: ByteWriter, value: number): void {
  let digits = 1;
  for (let rest = Math.floor(value / 10); rest > 0; rest = Math.floor(rest / 10)) digits++;
  let at = out.length + digits;
  let rest = value;
  do {
    const next = Math.floor(rest / 10);
    out.bytes[--at] = ZERO + (rest - next * 10);
    rest = next;
  } while (rest > 0);
  out.length += digits;
}

/**
 * Writes a timestamp as PostgreSQL writes a timestamptz in UTC (`2026-11-01 08:00:00[.123456]+00`),
 * or a timestamp without time zone (the same without `+00`, read as UTC like any zone-less timestamp),
 * into `bytes` at `at` (24 bytes of room) as the ISO text Date#toISOString gives for it (milliseconds,
 * `Z`); false (nothing to use) for any other form.
 */
function isoTimestampInto(line: Buffer, s: number, e: number, bytes: Buffer, at: number): boolean {
  const utc = e - s >= 22 && line[e - 3] === 43 && line[e - 2] === ZERO && line[e - 1] === ZERO; // +00
  const fractionEnd = utc ? e - 3 : e;
  const length = fractionEnd - s;
  if (length !== 19 && (length < 21 || length > 26)) return false;
  if (!isDateAt(line, s) || line[s + 10] !== SPACE || line[s + 13] !== COLON || line[s + 16] !== COLON)
    return false;
  const hour = twoDigits(line, s + 11);
  const minute = twoDigits(line, s + 14);
  const second = twoDigits(line, s + 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (length > 19) {
    if (line[s + 19] !== DOT) return false;
    for (let k = s + 20; k < fractionEnd; k++) {
      const d = (line[k] as number) - ZERO;
      if (d < 0 || d > 9) return false;
    }
  }
  for (let k = 0; k < 19; k++) bytes[at + k] = line[s + k] as number;
  bytes[at + 10] = T;
  bytes[at + 19] = DOT;
  for (let k = 0; k < 3; k++) {
    const from = s + 20 + k;
    bytes[at + 20 + k] = from < fractionEnd ? (line[from] as number) : ZERO;
  }
  bytes[at + 23] = Z;
  return true;
}

/** isoTimestampInto at the end of `out` (room reserved). */
function writeIsoTimestamp(line: Buffer, s: number, e: number, out: ByteWriter): boolean {
  if (!isoTimestampInto(line, s, e, out.bytes, out.length)) return false;
  out.length += 24;
  return true;
}

/**
 * Field `f` is a contract rate as parseLedgerPercent keeps it: 1-3 whole digits, up to 12 decimals,
 * at most MAX_RATE (percent a day).
 */
function isPercentAt(line: Buffer, f: number): boolean {
  const s = starts[f] as number;
  const e = ends[f] as number;
  let k = s;
  let whole = 0;
  while (k < e && (line[k] as number) >= ZERO && (line[k] as number) <= ZERO + 9) {
    whole = whole * 10 + (line[k] as number) - ZERO;
    k++;
  }
  if (k === s || k - s > 3) return false;
  let fractionNonZero = false;
  if (k < e) {
    if (line[k] !== DOT || e - k - 1 < 1 || e - k - 1 > 12) return false;
    for (let j = k + 1; j < e; j++) {
      const d = (line[j] as number) - ZERO;
      if (d < 0 || d > 9) return false;
      if (d !== 0) fractionNonZero = true;
    }
  }
  return whole < MAX_RATE || (whole === MAX_RATE && !fractionNonZero);
}

/**
 * Checks one line (`start` to `end`, without its newline) in COPY_COLUMN_ORDER (`fields`: its length;
 * a line of another width goes to the general path). An item parseLedgerRow would accept is written to
 * `out` as the start of its item line, external_id to ledger_updated_at (writeStageTail or a first
 * load ends it), and described in `into` (reused: this runs once per row); false (nothing written)
 * sends the line to the general path.
 */
export function checkLine(
  line: Buffer,
  start: number,
  end: number,
  fields: number,
  out: ByteWriter,
  into: CheckedLine,
): boolean {
  if (fields !== COPY_COLUMN_ORDER.length) return false;
  let field = 0;
  let escapes = 0;
  starts[0] = start;
  for (let at = start; at < end; at++) {
    const b = line[at] as number;
    if (b === TAB) {
      ends[field] = at;
      if (++field >= fields) return false;
      starts[field] = at + 1;
    } else if (b === BACKSLASH) escapes |= 1 << field;
  }
  ends[field] = end;
  if (field !== fields - 1) return false;

  if (!isPlainField(line, 0, escapes) || !isPlainField(line, 1, escapes)) return false;
  if (!isPlainField(line, F.customer, escapes) || !isPlainField(line, F.customer + 1, escapes)) return false;
  for (let f = CUSTOMER_OPTIONAL_FROM; f <= F.locale; f++) {
    if (!isNullField(line, starts[f] as number, ends[f] as number) && !isPlainField(line, f, escapes))
      return false;
  }
  if (!isNullField(line, starts[F.rate] as number, ends[F.rate] as number) && !isPercentAt(line, F.rate))
    return false;
  // PB-24 / PB-15: a time zone Intl knows as written, a calendar date; anything else (which the row
  // parser reads as absent) takes the general path.
  if (!isNullField(line, starts[F.zone] as number, ends[F.zone] as number)) {
    if (!isPlainField(line, F.zone, escapes)) return false;
    const zone = line.toString('utf8', starts[F.zone] as number, ends[F.zone] as number);
    if (ledgerTimeZone(zone) !== zone) return false;
  }
  if (
    !isNullField(line, starts[F.delivery] as number, ends[F.delivery] as number) &&
    (ends[F.delivery] !== (starts[F.delivery] as number) + 10 ||
      !isDateAt(line, starts[F.delivery] as number))
  )
    return false;
  // paid_at: NULL, or a timestamp in the form updated_at takes.
  const paid = !isNullField(line, starts[F.paid] as number, ends[F.paid] as number);
  if (paid && !isoTimestampInto(line, starts[F.paid] as number, ends[F.paid] as number, into.paidIso, 0))
    return false;
  if (escapes & ((1 << F.issue) | (1 << F.due) | (1 << F.total) | (1 << F.open) | (1 << F.currency)))
    return false;
  if (ends[F.issue] !== (starts[F.issue] as number) + 10 || !isDateAt(line, starts[F.issue] as number))
    return false;
  if (ends[F.due] !== (starts[F.due] as number) + 10 || !isDateAt(line, starts[F.due] as number))
    return false;
  if (ends[F.currency] !== (starts[F.currency] as number) + 3) return false;
  const digits = currencyDigitsAt(line, starts[F.currency] as number);
  if (digits < 0) return false;
  const total = minorUnits(line, starts[F.total] as number, ends[F.total] as number, digits);
  const open = minorUnits(line, starts[F.open] as number, ends[F.open] as number, digits);
  if (total < 0 || open < 0 || open > total) return false;
  // PB-18: discount_until a date and discount_amount 0 to total, both or neither (0 alone: none).
  let discountUntilAt = -1;
  if (!isNullField(line, starts[F.discountUntil] as number, ends[F.discountUntil] as number)) {
    discountUntilAt = starts[F.discountUntil] as number;
    if (ends[F.discountUntil] !== discountUntilAt + 10 || !isDateAt(line, discountUntilAt)) return false;
  }
  let discount = -1;
  if (!isNullField(line, starts[F.discount] as number, ends[F.discount] as number)) {
    discount = minorUnits(line, starts[F.discount] as number, ends[F.discount] as number, digits);
    if (discount < 0 || discount > total) return false;
  }
  if (discountUntilAt >= 0 ? discount < 0 : discount > 0) return false;

  // Accepted once the timestamp is: external_id, invoice_number, issue_date, due_date are one slice.
  const mark = out.length;
  const customerStart = starts[F.customer] as number;
  const customerIdEnd = ends[F.customer] as number;
  // Room for the line up to its timestamp: its head, two amounts, currency, timestamp and separators.
  out.reserve((ends[F.due] as number) - start + 32 + 32 + 4 + 24);
  copyRun(line, start, (ends[F.due] as number) + 1, out);
  writeNumber(out, total);
  out.bytes[out.length++] = TAB;
  writeNumber(out, open);
  out.bytes[out.length++] = TAB;
  copyRun(line, starts[F.currency] as number, (ends[F.currency] as number) + 1, out);
  const isoAt = out.length;
  if (!writeIsoTimestamp(line, starts[F.updated] as number, ends[F.updated] as number, out)) {
    out.length = mark;
    return false;
  }
  into.idEnd = ends[0] as number;
  into.open = open;
  into.customerStart = customerStart;
  into.customerEnd = ends[F.customerLast] as number;
  into.customerIdEnd = customerIdEnd;
  into.isoAt = isoAt;
  into.paid = paid;
  into.discountUntilAt = discountUntilAt;
  into.discount = discount;
  return true;
}

/**
 * Ends the item stage line checkLine started: customer_external_id, valid, `n` (the row's number) and
 * the item's optional fields (writeItemExtras).
 */
export function writeStageTail(line: Buffer, checked: CheckedLine, n: number, out: ByteWriter): void {
  out.reserve(checked.customerIdEnd - checked.customerStart + 24 + EXTRAS_ROOM);
  out.bytes[out.length++] = TAB;
  copyRun(line, checked.customerStart, checked.customerIdEnd, out);
  out.bytes[out.length++] = TAB;
  out.bytes[out.length++] = 116; // t: valid
  out.bytes[out.length++] = TAB;
  writeNumber(out, n);
  writeItemExtras(line, checked, out);
}

/** Room writeItemExtras needs at most. */
export const EXTRAS_ROOM = 1 + 24 + 1 + 10 + 1 + 16 + 1;

/**
 * Ends an item line (the stage's or a first load's) with the item's optional fields as checkLine found
 * them, each after a tab: ledger_paid_at, discount_until, discount_minor; then the newline (room reserved).
 */
export function writeItemExtras(line: Buffer, checked: CheckedLine, out: ByteWriter): void {
  const bytes = out.bytes;
  bytes[out.length++] = TAB;
  if (checked.paid) {
    checked.paidIso.copy(bytes, out.length);
    out.length += 24;
  } else writeNull(out);
  bytes[out.length++] = TAB;
  if (checked.discountUntilAt >= 0) copyRun(line, checked.discountUntilAt, checked.discountUntilAt + 10, out);
  else writeNull(out);
  bytes[out.length++] = TAB;
  if (checked.discount >= 0) writeNumber(out, checked.discount);
  else writeNull(out);
  bytes[out.length++] = NEWLINE;
}

function writeNull(out: ByteWriter): void {
  out.bytes[out.length++] = BACKSLASH;
  out.bytes[out.length++] = 78; // N
}
