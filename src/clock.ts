import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** "Now" and "today" for the business: injected everywhere so tests and demos can fix the date. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** The business date (YYYY-MM-DD) in the business time zone. */
  today(): string;
  /**
   * The instant business facts are recorded at (a contact, a call's follow-up): always on `today()`. The
   * same as `now()` unless the business date is fixed (DUEBOT_TODAY); then that date at the current time
   * of day, so a call logged on a fixed date is a contact of that date. `now()` stays the real instant for
   * timing (leases, retries, pacing).
   */
  businessNow(): Date;
  readonly timeZone: string;
}

/** How long a computed business date is reused: time-zone arithmetic costs more than a request's SQL. */
const TODAY_TTL_MS = 1000;

/** The wall clock in a time zone; `today` fixes the business date (DUEBOT_TODAY) while time still runs. */
export function createClock(options: { timeZone: string; today?: string | undefined }): Clock {
  const { timeZone, today } = options;
  let cached = { day: '', until: 0 };
  return {
    timeZone,
    now: () => new Date(),
    businessNow: () => {
      const now = new Date();
      if (!today) return now;
      const timeOfDay = dayjs(now).tz(timeZone).format('HH:mm:ss.SSS');
      return dayjs.tz(`${today}T${timeOfDay}`, timeZone).toDate();
    },
    today: () => {
      if (today) return today;
      const now = Date.now();
      if (now >= cached.until) {
        cached = { day: dayjs(now).tz(timeZone).format('YYYY-MM-DD'), until: now + TODAY_TTL_MS };
      }
      return cached.day;
    },
  };
}

/** A clock stopped at one instant, for tests; `set` moves it. */
export function createFixedClock(
  instant: string | Date,
  timeZone = 'UTC',
): Clock & { set(instant: string | Date): void } {
  let current = new Date(instant);
  // The business date of the instant, worked out when the clock is set, not on each call (time-zone
  // arithmetic costs more than a request's SQL, and a request asks several times).
  const dayOf = (at: Date) => dayjs(at).tz(timeZone).format('YYYY-MM-DD');
  let day = dayOf(current);
  return {
    timeZone,
    now: () => new Date(current),
    businessNow: () => new Date(current),
    today: () => day,
    set(next) {
      current = new Date(next);
      day = dayOf(current);
    },
  };
}

/** "2026-11-23 09:41" in the business time zone, for histories and notes. */
export function formatLocalTime(instant: Date, timeZone: string): string {
  return dayjs(instant).tz(timeZone).format('YYYY-MM-DD HH:mm');
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * Wall-clock parts of an instant in a time zone, through one cached Intl formatter per zone (the scheduler
 * asks every minute, a ledger sync once per hour of timestamps).
 */
export function localParts(
  instant: Date,
  timeZone: string,
): { date: string; hour: number; minute: number; second: number } {
  const parts: Record<string, string> = {};
  for (const p of partFormatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}
