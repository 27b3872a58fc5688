/**
 * Validation of one ledger row into a LedgerItem. Runs once per row on every sync (a million rows for
 * a large ledger), so it is plain code rather than a schema library: see test/ledger/rows.test.ts.
 */
import { MAX_RATE_PERCENT_PER_DAY } from '../collections/interest.ts';
import { currencyDigits, isCurrencyCode } from '../collections/money.ts';
import { isTimeZone } from '../settings-input.ts';
import { toMinorUnits } from './money-parse.ts';
import type { LedgerItem, RawLedgerRow, SkipReason } from './types.ts';

/** A row that passed, or why it was skipped (with the invoice id when the row had one). */
export type ParsedLedgerRow =
  | { ok: true; item: LedgerItem }
  | { ok: false; reason: SkipReason; invoiceId: string | null; detail: string };

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Text of an id or name column: numbers become strings, blanks count as missing. */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

/** The last day of a month (1-12) of a year, or 0 for a month that does not exist. */
export function lastDay(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * A calendar date as 'YYYY-MM-DD' from a date string, a datetime string or a Date (read in UTC: the
 * ledger connection runs in UTC); null when it is not a real date.
 */
export function parseLedgerDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return null;
  const match = DATE_PREFIX.exec(value.trim());
  if (!match) return null;
  const day = Number(match[3]);
  if (day < 1 || day > lastDay(Number(match[1]), Number(match[2]))) return null;
  // A plain date is returned as it came (no new string: this runs twice per row).
  return value.length === 10 ? value : `${match[1]}-${match[2]}-${match[3]}`;
}

const ZONE = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
/** The form Postgres and MySQL write timestamps in: 2026-11-01 08:00:00[.123456][+08[:00]]. */
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * The usual timestamp forms by arithmetic (a million rows per full sync); null when the string is in
 * another form or out of range, for the general parser to decide.
 */
function parseCommonTimestamp(value: string): Date | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const offsetHours = Number(m[10] ?? 0);
  const offsetMinutes = Number(m[11] ?? 0);
  // Date.UTC reads years 0-99 as 1900-1999: those go to the general parser.
  if (year < 100 || day < 1 || day > lastDay(year, month) || hour > 23 || minute > 59 || second > 59)
    return null;
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offset = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset);
}

/** The instant a row last changed; a timestamp string without a zone is UTC (the connection's zone). */
export function parseLedgerTimestamp(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const common = parseCommonTimestamp(value);
  if (common) return common;
  // The calendar date must exist: Date would roll 2026-02-29 over to March 1st.
  if (parseLedgerDate(value) === null) return null;
  let iso = value.trim().replace(' ', 'T');
  if (!iso.includes('T')) iso += 'T00:00:00';
  if (!ZONE.test(iso)) iso += 'Z';
  // Postgres writes whole-hour offsets as '+00' or '+08', which Date does not read.
  else if (/[+-]\d{2}$/.test(iso)) iso += ':00';
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** A rate in percent a day as the byte check takes it too: 1-3 whole digits, up to 12 decimals. */
const PLAIN_PERCENT = /^\d{1,3}(\.\d{1,12})?$/;

/**
 * PB-16: the ledger's contract rate in percent a day, as text (a plain decimal is kept as written, a
 * number written out); null when it is not a rate from 0 to MAX_RATE_PERCENT_PER_DAY.
 */
export function parseLedgerPercent(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    text = String(value);
    if (!PLAIN_PERCENT.test(text)) text = value.toFixed(12).replace(/\.?0+$/, '');
  } else if (typeof value === 'string') text = value.trim();
  else return null;
  if (!PLAIN_PERCENT.test(text) || Number(text) > MAX_RATE_PERCENT_PER_DAY) return null;
  return text;
}

const given = (value: unknown) => value !== null && value !== undefined && value !== '';

function skip(reason: SkipReason, invoiceId: string | null, detail: string): ParsedLedgerRow {
  return { ok: false, reason, invoiceId, detail };
}

/** Checks one raw row from the mapping and converts its amounts to minor units of its currency. */
export function parseLedgerRow(raw: RawLedgerRow): ParsedLedgerRow {
  const invoiceId = text(raw.invoice_id);
  if (invoiceId === null) return skip('missing_field', null, 'invoice_id is empty');
  for (const column of ['invoice_number', 'customer_id', 'customer_name', 'currency'] as const) {
    if (text(raw[column]) === null) return skip('missing_field', invoiceId, `${column} is empty`);
  }
  for (const column of ['total', 'open_amount', 'issue_date', 'updated_at'] as const) {
    if (raw[column] === null || raw[column] === undefined) {
      return skip('missing_field', invoiceId, `${column} is empty`);
    }
  }
  if (raw.due_date === null || raw.due_date === undefined || raw.due_date === '') {
    return skip('missing_due_date', invoiceId, 'due_date is empty: the item cannot age');
  }
  const issueDate = parseLedgerDate(raw.issue_date);
  if (issueDate === null)
    return skip('unparseable_date', invoiceId, `issue_date ${show(raw.issue_date)} is not a date`);
  const dueDate = parseLedgerDate(raw.due_date);
  if (dueDate === null)
    return skip('unparseable_date', invoiceId, `due_date ${show(raw.due_date)} is not a date`);
  const updatedAt = parseLedgerTimestamp(raw.updated_at);
  if (updatedAt === null) {
    return skip('unparseable_date', invoiceId, `updated_at ${show(raw.updated_at)} is not a timestamp`);
  }

  let paidAt: Date | null = null;
  if (raw.paid_at !== null && raw.paid_at !== undefined && raw.paid_at !== '') {
    paidAt = parseLedgerTimestamp(raw.paid_at);
    if (paidAt === null)
      return skip('unparseable_date', invoiceId, `paid_at ${show(raw.paid_at)} is not a timestamp`);
  }

  const currency = (text(raw.currency) ?? '').toUpperCase();
  if (!isCurrencyCode(currency)) {
    return skip('unknown_currency', invoiceId, `currency ${show(raw.currency)} is not an ISO 4217 code`);
  }
  const digits = currencyDigits(currency);
  const total = toMinorUnits(raw.total, digits);
  if (!total.ok)
    return skip('bad_amount', invoiceId, amountDetail('total', raw.total, total.problem, currency, digits));
  const open = toMinorUnits(raw.open_amount, digits);
  if (!open.ok) {
    return skip(
      'bad_amount',
      invoiceId,
      amountDetail('open_amount', raw.open_amount, open.problem, currency, digits),
    );
  }
  if (open.minor < 0) {
    return skip(
      'negative_open_amount',
      invoiceId,
      `open_amount ${show(raw.open_amount)} is negative (a credit)`,
    );
  }
  if (total.minor < 0) return skip('bad_amount', invoiceId, `total ${show(raw.total)} is negative`);
  if (open.minor > total.minor) {
    return skip(
      'open_above_total',
      invoiceId,
      `open_amount ${show(raw.open_amount)} is above total ${show(raw.total)}`,
    );
  }

  let interestPercent: string | null = null;
  if (given(raw.interest_percent_per_day)) {
    interestPercent = parseLedgerPercent(raw.interest_percent_per_day);
    if (interestPercent === null) {
      return skip(
        'bad_amount',
        invoiceId,
        `interest_percent_per_day ${show(raw.interest_percent_per_day)} is not a rate from 0 to ${MAX_RATE_PERCENT_PER_DAY} (percent a day)`,
      );
    }
  }

  // PB-18: the discount's last day and what it saves; both or neither (an amount of 0 alone: none).
  let discountUntil: string | null = null;
  let discountMinor: number | null = null;
  if (given(raw.discount_until)) {
    discountUntil = parseLedgerDate(raw.discount_until);
    if (discountUntil === null)
      return skip('unparseable_date', invoiceId, `discount_until ${show(raw.discount_until)} is not a date`);
  }
  if (given(raw.discount_amount)) {
    const discount = toMinorUnits(raw.discount_amount, digits);
    if (!discount.ok) {
      return skip(
        'bad_amount',
        invoiceId,
        amountDetail('discount_amount', raw.discount_amount, discount.problem, currency, digits),
      );
    }
    if (discount.minor < 0 || discount.minor > total.minor) {
      return skip(
        'bad_amount',
        invoiceId,
        `discount_amount ${show(raw.discount_amount)} is not between 0 and total ${show(raw.total)}`,
      );
    }
    discountMinor = discount.minor;
  }
  if (discountUntil !== null && discountMinor === null)
    return skip('missing_field', invoiceId, 'discount_amount is empty but discount_until is set');
  if (discountUntil === null && discountMinor !== null && discountMinor > 0)
    return skip('missing_field', invoiceId, 'discount_until is empty but discount_amount is set');

  return {
    ok: true,
    item: {
      invoiceId,
      invoiceNumber: text(raw.invoice_number) ?? invoiceId,
      customerId: text(raw.customer_id) ?? '',
      customerName: text(raw.customer_name) ?? '',
      issueDate,
      dueDate,
      totalMinor: total.minor,
      openMinor: open.minor,
      currency,
      updatedAt,
      contactName: text(raw.contact_name),
      contactEmail: text(raw.contact_email),
      contactPhone: text(raw.contact_phone),
      salesRep: text(raw.sales_rep),
      customerLocale: text(raw.customer_locale),
      paidAt,
      interestPercent,
      discountUntil,
      discountMinor,
      customerTimeZone: ledgerTimeZone(raw.customer_time_zone),
      nextDeliveryDate: raw.next_delivery_date ? parseLedgerDate(raw.next_delivery_date) : null,
    },
  };
}

/** Zone names seen, and whether Intl knows each (a ledger has few zones and a million rows). */
const zonesSeen = new Map<string, boolean>();

/** PB-24: the customer_time_zone column as an IANA name Intl knows, else null. */
export function ledgerTimeZone(value: unknown): string | null {
  const zone = text(value);
  if (zone === null) return null;
  let known = zonesSeen.get(zone);
  if (known === undefined) {
    known = isTimeZone(zone);
    if (zonesSeen.size < 1000) zonesSeen.set(zone, known);
  }
  return known ? zone : null;
}

function amountDetail(
  column: string,
  value: unknown,
  problem: string,
  currency: string,
  digits: number,
): string {
  if (problem === 'too_many_decimals')
    return `${column} ${show(value)} has more than ${digits} decimals for ${currency}`;
  if (problem === 'too_large') return `${column} ${show(value)} is too large`;
  return `${column} ${show(value)} is not a number`;
}

function show(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? `'${value}'` : String(value);
}
