/**
 * When a job's runs fall: the latest cron slot at or before an instant, in the business time zone, on the
 * days the job runs (working days, a month's first working day). Used to catch up a run missed while the
 * bot was down and to decide whether it is still worth running.
 */
import cron from 'node-cron';
import {
  addDays,
  isWorkingDay,
  nextWorkingDay,
  type WorkingCalendar,
  weekday,
} from '../collections/dates.ts';
import type { JobDays } from './job.ts';
import { localDate, zonedInstant } from './periods.ts';

/** How far back a slot is looked for (a monthly job's slot can be a month and a week ago). */
const LOOKBACK_DAYS = 40;

/** Whether `date` is a day the job runs on. */
export function runsOn(date: string, days: JobDays, calendar: WorkingCalendar): boolean {
  if (days === 'every') return true;
  if (days === 'working') return isWorkingDay(date, calendar);
  return date === nextWorkingDay(`${date.slice(0, 7)}-01`, calendar);
}

/** A cron expression read once: its hours and minutes, and node-cron's own matcher for the rest. */
export interface CronSlots {
  readonly expression: string;
  latestAtOrBefore(now: Date, days: JobDays, calendar: WorkingCalendar): Date | null;
  /** The first slot after `now` (within about a month and a week), for saying when a job runs next. */
  nextAfter(now: Date, days: JobDays, calendar: WorkingCalendar): Date | null;
}

/** Parses a (valid) cron expression for a time zone. */
export function cronSlots(expression: string, timeZone: string): CronSlots {
  const fields = cron.parse(expression);
  const task = cron.createTask(expression, () => undefined, { timezone: timeZone });
  const times: { hour: number; minute: number }[] = [];
  for (const hour of fields.hour) for (const minute of fields.minute) times.push({ hour, minute });
  times.sort((a, b) => b.hour - a.hour || b.minute - a.minute);
  // Plain numbers can be checked without a time zone conversion; anything else ('L', '1#2') by node-cron.
  const numeric = (values: (number | string)[]) =>
    values.every((v) => typeof v === 'number') ? new Set(values as number[]) : null;
  const months = new Set(fields.month);
  const monthDays = numeric(fields.dayOfMonth);
  const weekDays = numeric(fields.dayOfWeek.map((d) => (d === 7 ? 0 : d)));
  const dayMatches = (date: string) =>
    months.has(Number(date.slice(5, 7))) &&
    (!monthDays || monthDays.has(Number(date.slice(8, 10)))) &&
    (!weekDays || weekDays.has(weekday(date)));
  /** The slots of a date the job runs on, in the order of `order` (latest first or earliest first). */
  function* slotsOf(date: string, days: JobDays, calendar: WorkingCalendar, order: typeof times) {
    if (!dayMatches(date) || !runsOn(date, days, calendar)) return;
    for (const { hour, minute } of order) {
      const slot = zonedInstant(date, hour, minute, timeZone);
      if (localDate(slot, timeZone) !== date) continue; // a DST gap moved it to another day
      if (task.match(slot)) yield slot;
    }
  }
  const ascending = [...times].reverse();
  return {
    expression,
    latestAtOrBefore(now, days, calendar) {
      const today = localDate(now, timeZone);
      for (let back = 0; back <= LOOKBACK_DAYS; back++) {
        for (const slot of slotsOf(addDays(today, -back), days, calendar, times)) {
          if (slot.getTime() <= now.getTime()) return slot;
        }
      }
      return null;
    },
    nextAfter(now, days, calendar) {
      const today = localDate(now, timeZone);
      for (let ahead = 0; ahead <= LOOKBACK_DAYS; ahead++) {
        for (const slot of slotsOf(addDays(today, ahead), days, calendar, ascending)) {
          if (slot.getTime() > now.getTime()) return slot;
        }
      }
      return null;
    },
  };
}
