import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { addDays, weekday } from '../collections/dates.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The business date of an instant, YYYY-MM-DD in the time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD');
}

/** One run a day: the period is the business date. */
export function dailyPeriod(slot: Date, timeZone: string): string {
  return localDate(slot, timeZone);
}

/** One run a week: the period is the ISO week ("2026-W49"), Monday to Sunday. */
export function weeklyPeriod(slot: Date, timeZone: string): string {
  const date = localDate(slot, timeZone);
  const thursday = addDays(date, 3 - ((weekday(date) + 6) % 7));
  const year = thursday.slice(0, 4);
  const week = Math.floor((Date.parse(thursday) - Date.parse(`${year}-01-01`)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** One run a month: the period is the month ("2026-12"). */
export function monthlyPeriod(slot: Date, timeZone: string): string {
  return localDate(slot, timeZone).slice(0, 7);
}

/** One run per minute slot (jobs that run after each sync and dedupe their posts by key). */
export function minutePeriod(slot: Date, timeZone: string): string {
  return dayjs(slot).tz(timeZone).format('YYYY-MM-DDTHH:mm');
}
