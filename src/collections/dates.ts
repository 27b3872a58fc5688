/**
 * Calendar arithmetic on business dates ('YYYY-MM-DD' in the business time zone). Dates are calendar days,
 * so the arithmetic runs in UTC where every day has 24 hours; no time zone or clock is involved.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_NAME = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' });

/** The English name of month 1-12 ("November"). */
export function monthName(month: number): string {
  return MONTH_NAME.format(new Date(Date.UTC(2000, month - 1, 1)));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The one check of a date as people and settings write it: null for a real calendar date as YYYY-MM-DD,
 * otherwise what is wrong ("2026-11-31 is not a date: November 2026 has 30 days"). Date.parse would read
 * 2026-11-31 as 1 December; every form, typed command and setting checks here instead.
 */
export function calendarDateProblem(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return 'a date as YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `${value} is not a date: the month must be 01 to 12`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${value} is not a date: ${monthName(month)} ${year} has ${days} days`;
  return null;
}

/**
 * A DATE column's value as YYYY-MM-DD: both engines hand dates over as that text (db-engines.ts), longer
 * text is cut to it, and a Date from elsewhere is read as its UTC day.
 */
export function dateColumn(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** True for a real calendar date written as YYYY-MM-DD (see calendarDateProblem). */
export function isIsoDate(value: string): boolean {
  return calendarDateProblem(value) === null;
}

/**
 * Days since 1970-01-01 of a calendar date (Hinnant's days_from_civil), without Date: the worklist's
 * assessment calls this for every item on every date it compares, so it is the hottest path at start.
 */
function toEpochDay(date: string): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  const day = computeEpochDay(date);
  remember(epochDays, date, day);
  return day;
}

/**
 * Memos of the date conversions: a worklist refresh converts the same few thousand dates millions of times
 * (every item's due date, every month's end). Bounded, so a long-running process keeps memory flat.
 */
const MEMO_LIMIT = 50_000;
const epochDays = new Map<string, number>();
const isoDates = new Map<number, string>();
function remember<K, V>(memo: Map<K, V>, key: K, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

function computeEpochDay(date: string): number {
  const m = ISO_DATE.exec(date);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`expected a calendar date as YYYY-MM-DD, got "${date}"`);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromEpochDay(day: number): string {
  const known = isoDates.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
  remember(isoDates, day, date);
  return date;
}

/** Calendar days from `from` to `to`: positive when `to` is later ("2026-11-01" -> "2026-11-05" is 4). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** The later of two dates. */
export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Day of the week, 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toEpochDay(date) * DAY_MS).getUTCDay();
}

/** Which days are not worked: weekdays (0 = Sunday) and dated holidays. */
export interface WorkingCalendar {
  weekend: readonly number[];
  holidays: readonly string[];
}

/** Saturday and Sunday off, no holidays: replace with the company's calendar. */
export const defaultWorkingCalendar: WorkingCalendar = { weekend: [0, 6], holidays: [] };

/** PB-24: reminders go out on working days only. */
export function isWorkingDay(date: string, calendar: WorkingCalendar = defaultWorkingCalendar): boolean {
  return !calendar.weekend.includes(weekday(date)) && !calendar.holidays.includes(date);
}

/** `date` itself when it is a working day, otherwise the next working day. */
export function nextWorkingDay(date: string, calendar: WorkingCalendar = defaultWorkingCalendar): string {
  if (calendar.weekend.length >= 7)
    throw new RangeError('a working calendar needs at least one working weekday');
  let day = date;
  for (let i = 0; i < 3660 && !isWorkingDay(day, calendar); i++) day = addDays(day, 1);
  return day;
}

/** The date `count` working days after `date` (count >= 0; 0 gives the next working day on or after). */
export function addWorkingDays(
  date: string,
  count: number,
  calendar: WorkingCalendar = defaultWorkingCalendar,
): string {
  let day = nextWorkingDay(date, calendar);
  for (let i = 0; i < count; i++) day = nextWorkingDay(addDays(day, 1), calendar);
  return day;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkingCalendar = defaultWorkingCalendar,
): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
  return count;
}

/** The calendar month of a date, 'YYYY-MM'. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month after a 'YYYY-MM' month. */
export function nextMonth(month: string): string {
  const known = nextMonths.get(month);
  if (known !== undefined) return known;
  const next = computeNextMonth(month);
  remember(nextMonths, month, next);
  return next;
}
const nextMonths = new Map<string, string>();

function computeNextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const year = (y ?? 0) + ((m ?? 1) === 12 ? 1 : 0);
  const mon = ((m ?? 1) % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

/** First and last day of a 'YYYY-MM' month. */
export function monthRange(month: string): { first: string; last: string } {
  const known = monthRanges.get(month);
  if (known) return { ...known };
  const range = { first: `${month}-01`, last: addDays(`${nextMonth(month)}-01`, -1) };
  remember(monthRanges, month, range);
  return { ...range };
}
const monthRanges = new Map<string, { first: string; last: string }>();

/** The date `months` calendar months earlier, clamped to the month's end ("2026-03-31" - 1 -> "2026-02-28"). */
export function subtractMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = (y ?? 0) * 12 + ((m ?? 1) - 1) - months;
  const month = `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
  const { last } = monthRange(month);
  const day = Math.min(d ?? 1, Number(last.slice(8)));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** "2 Nov" for one-line explanations (English month abbreviations, no locale data needed). */
export function shortDate(date: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(date.slice(8, 10))} ${months[Number(date.slice(5, 7)) - 1] ?? '?'}`;
}
