/**
 * PB-24: reminders and letters reach a customer on working days around 9:00 or 14:00 in the customer's
 * time zone. The window opens at each send time (policy `contactWindow.sendTimes`) and stays open for
 * `windowMinutes`; outside it a letter is queued for the next opening. Working days are the policy's
 * working week and holidays (a six-day week adds Saturday), read as calendar days of the customer's zone.
 *
 * Local times are turned into instants by the zone's own offset at that moment, so a change of daylight
 * saving time between now and the opening moves nothing: 9:00 stays 9:00 on the customer's wall clock.
 */
import { localParts } from '../clock.ts';
import { addDays, isWorkingDay, type WorkingCalendar } from './dates.ts';

/** When customers may be contacted (the policy file's `contactWindow`). */
export interface ContactWindowPolicy {
  /** Minutes after local midnight at which the window opens: 9:00 and 14:00 by default. */
  sendTimes: readonly number[];
  /** How long the window stays open after each send time. */
  windowMinutes: number;
  /** `working`: the policy's working days only (PB-24); `every`: any day. */
  days: 'working' | 'every';
}

/** PB-24's default: 9:00-11:00 and 14:00-16:00 on working days. */
export const defaultContactWindow: ContactWindowPolicy = {
  sendTimes: [9 * 60, 14 * 60],
  windowMinutes: 120,
  days: 'working',
};

/**
 * A window that never closes: `defaultPolicy`'s, for code and tests that build a policy without the
 * policy file. A running duebot always takes the policy file's window (buildPolicy), PB-24's by default.
 */
export const anyTimeContactWindow: ContactWindowPolicy = {
  sendTimes: [0],
  windowMinutes: 24 * 60,
  days: 'every',
};

/** The window right now, or when it opens next (the instant, and that moment on the customer's clock). */
export type WindowState =
  { open: true } | { open: false; opensAt: Date; local: { date: string; minutes: number } };

/** "09:00" for 540 minutes after midnight. */
export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes after midnight of "9:00" / "14:30", or null when it is not a time of day. */
export function parseClockTime(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const [y, mo, d] = p.date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the customer's wall clock shows `minutes` after midnight on `date`. A time that the clock
 * skips (the hour lost when daylight saving time starts) is the first moment after the gap.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, 0, minutes);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  const shown = localParts(new Date(guess), timeZone);
  if (shown.date !== date || shown.hour * 60 + shown.minute !== minutes) {
    // In a gap: the later of the two offsets lands after it.
    const later =
      wall - Math.min(offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone));
    return new Date(later);
  }
  return new Date(guess);
}

/**
 * PB-24: whether a letter may reach a customer in `timeZone` at `now`, or when it may next. The policy's
 * send times must not be empty (the policy file refuses that).
 */
export function contactWindow(
  now: Date,
  timeZone: string,
  calendar: WorkingCalendar,
  policy: ContactWindowPolicy = defaultContactWindow,
): WindowState {
  const times = [...policy.sendTimes].sort((a, b) => a - b);
  if (times.length === 0) throw new RangeError('the contact window needs at least one send time');
  const local = localParts(now, timeZone);
  const minutes = local.hour * 60 + local.minute;
  const working = (date: string) => policy.days === 'every' || isWorkingDay(date, calendar);
  if (working(local.date)) {
    if (times.some((t) => minutes >= t && minutes < t + policy.windowMinutes)) return { open: true };
    const later = times.find((t) => t > minutes);
    if (later !== undefined) return closed(local.date, later, timeZone);
  }
  let day = addDays(local.date, 1);
  for (let i = 0; i < 3660 && !working(day); i++) day = addDays(day, 1);
  if (!working(day)) throw new RangeError('the working calendar has no working day');
  return closed(day, times[0] as number, timeZone);
}

function closed(date: string, minutes: number, timeZone: string): WindowState {
  return { open: false, opensAt: zonedInstant(date, minutes, timeZone), local: { date, minutes } };
}
