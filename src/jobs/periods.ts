import { localParts } from '../clock.ts';
import { addDays, weekday } from '../collections/dates.ts';

/** The business date of an instant, YYYY-MM-DD in the time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return localParts(instant, timeZone).date;
}

/** The instant a wall-clock time has in a time zone (in a DST gap: the moment the clocks jumped to). */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.parse(`${p.date}T00:00:00Z`) + (p.hour * 60 + p.minute) * 60_000;
    if (seen === wall) break;
    guess += wall - seen;
  }
  return new Date(guess);
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
  const p = localParts(slot, timeZone);
  return `${p.date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
