/**
 * Money as integer minor units plus an ISO 4217 currency: never floats, never mixed currencies.
 * Used by every amount the bot shows or reads from people ("50k", "12,500.50").
 */

/** A currency column's value as its ISO code: char(3) may come back padded, so it is trimmed. */
export const currencyCode = (value: unknown): string => String(value).trim();

/** An amount in integer minor units (cents, fen) of one currency. */
export interface Money {
  minor: number;
  currency: string;
}

const digitsCache = new Map<string, number>();

/** ISO 4217 codes the platform knows; Intl.NumberFormat alone formats any three letters, known or not. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** True for an ISO 4217 currency code (CNY, USD, EUR ...); 'RMB' or 'XXY' are not. */
export function isCurrencyCode(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

/** How many minor-unit digits a currency has (CNY 2, JPY 0, KWD 3), from the platform's ISO 4217 data. */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const value = digits ?? 2;
  digitsCache.set(currency, value);
  return value;
}

/** Currencies whose minor units are not 2 digits, grouped by their digits (JPY 0, KWD 3 ...). */
export function unusualCurrencyDigits(): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const code of KNOWN_CURRENCIES) {
    const digits = currencyDigits(code);
    if (digits !== 2) groups.set(digits, [...(groups.get(digits) ?? []), code]);
  }
  return groups;
}

/** The amount in major units as an exact decimal text (CNY 4999999 -> "49999.99"), for SQL numeric. */
export function majorUnitsText(money: Money): string {
  const digits = currencyDigits(money.currency);
  const { negative, major, fraction } = splitMinor(money.minor, digits);
  return `${negative ? '-' : ''}${major}${digits > 0 ? `.${fraction}` : ''}`;
}

// NOTE: building an Intl.NumberFormat costs far more than formatting with one; a list formats hundreds.
const separators = new Map<string, string>();
const groupers = new Map<string, Intl.NumberFormat>();

function decimalSeparator(locale: string): string {
  let separator = separators.get(locale);
  if (separator === undefined) {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
    separator = part?.value ?? '.';
    separators.set(locale, separator);
  }
  return separator;
}

function grouping(locale: string): Intl.NumberFormat {
  let format = groupers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: true });
    groupers.set(locale, format);
  }
  return format;
}

function splitMinor(minor: number, digits: number): { negative: boolean; major: bigint; fraction: string } {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`money must be a safe integer of minor units, got ${minor}`);
  const abs = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  return {
    negative: minor < 0,
    major: abs / scale,
    fraction: (abs % scale).toString().padStart(digits, '0'),
  };
}

/** The amount without the currency code, grouped for the locale: "86,000.00". */
export function formatAmount(money: Money, locale = 'en-US'): string {
  const digits = currencyDigits(money.currency);
  const { negative, major, fraction } = splitMinor(money.minor, digits);
  const grouped = grouping(locale).format(major);
  const body = digits > 0 ? `${grouped}${decimalSeparator(locale)}${fraction}` : grouped;
  return negative ? `-${body}` : body;
}

/** Code and amount, exact to the minor unit: "CNY 86,000.00". */
export function formatMoney(money: Money, locale = 'en-US'): string {
  return `${money.currency} ${formatAmount(money, locale)}`;
}

/** Code and amount rounded half up to whole units, for one-line summaries: "CNY 86,000". */
export function formatMoneyWhole(money: Money, locale = 'en-US'): string {
  const { negative, major, fraction } = splitMinor(money.minor, currencyDigits(money.currency));
  const roundUp = fraction.length > 0 && Number(fraction[0]) >= 5;
  const whole = grouping(locale).format(major + (roundUp ? 1n : 0n));
  return `${money.currency} ${negative && whole !== '0' ? '-' : ''}${whole}`;
}

/** Adds two amounts of the same currency; mixing currencies is a bug and throws. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`cannot add ${a.currency} to ${b.currency}`);
  return { minor: a.minor + b.minor, currency: a.currency };
}

/** Totals per currency, keys in alphabetical order; amounts of different currencies are never added. */
export function sumByCurrency(items: Iterable<{ minor: number; currency: string }>): Record<string, number> {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0) + item.minor);
  const sorted: Record<string, number> = {};
  for (const currency of [...totals.keys()].sort()) sorted[currency] = totals.get(currency) ?? 0;
  return sorted;
}

/** The per-currency totals as a list of Money, alphabetical by currency. */
export function totalsAsList(totals: Record<string, number>): Money[] {
  return Object.keys(totals)
    .sort()
    .map((currency) => ({ currency, minor: totals[currency] ?? 0 }));
}

/** "CNY 86,000.00 + USD 1,200.00"; "nothing" when there are no totals. */
export function formatTotals(totals: Record<string, number>, locale = 'en-US'): string {
  const list = totalsAsList(totals);
  return list.length === 0 ? 'nothing' : list.map((m) => formatMoney(m, locale)).join(' + ');
}

/**
 * The words people write after an amount, as powers of ten: k thousand, m million, b billion,
 * 万 (萬) ten thousand, 亿 (億) hundred million. The one amount grammar: `/overdue >5万` and a promised `amount=5万`
 * read the same way.
 */
export const AMOUNT_SUFFIXES: Readonly<Record<string, number>> = {
  k: 3,
  m: 6,
  b: 9,
  万: 4,
  亿: 8,
  萬: 4,
  億: 8,
};
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*(k|m|b|万|亿|萬|億)?$/u;

/**
 * An amount a person typed ("50k", "1.5m", "5万", "12,500.50"; full-width digits too) in units of
 * 10^-digits: digits 2 gives cents of a 2-digit currency, 0 whole major units. Null when it is not a
 * non-negative amount, needs more decimals than `digits` (no silent rounding) or is beyond a safe integer.
 */
export function parseTypedAmount(text: string, digits: number): number | null {
  const match = AMOUNT.exec(text.normalize('NFKC').trim().toLowerCase());
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const intDigits = (match[1] ?? '0').replace(/,/g, '');
  const fracDigits = match[2] ?? '';
  const exponent = AMOUNT_SUFFIXES[match[3] ?? ''] ?? 0;
  let value = BigInt(intDigits + fracDigits);
  const shift = digits + exponent - fracDigits.length;
  if (shift >= 0) value *= 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    if (value % divisor !== 0n) return null;
    value /= divisor;
  }
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

/**
 * Reads an amount a person typed ("50k", "1.5m", "5万", "12,500.50", "CNY 12,500.50") into minor units
 * of `currency` (parseTypedAmount's grammar). Returns null when it is not a non-negative amount of that
 * currency, or needs more decimals than the currency has (no silent rounding).
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  let s = text.normalize('NFKC').trim();
  const coded = /^([A-Za-z]{3})\s*(\S.*)$/.exec(s) ?? /^(.*\S)\s*([A-Za-z]{3})$/.exec(s);
  if (coded) {
    const [codeText, rest] = /^[A-Za-z]{3}$/.test(coded[1] ?? '')
      ? [coded[1], coded[2]]
      : [coded[2], coded[1]];
    if ((codeText ?? '').toUpperCase() !== currency) return null;
    s = (rest ?? '').trim();
  }
  return parseTypedAmount(s, currencyDigits(currency));
}
