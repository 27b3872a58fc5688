/**
 * When each scheduled job runs next, in words for a person: the start-up greeting says what was scheduled,
 * and a dry run that would post nothing says when the job will post again.
 */
import type { Clock } from '../clock.ts';
import { addDays, type WorkingCalendar } from '../collections/dates.ts';
import type { Job } from './job.ts';
import { AFTER_SYNC } from './settings.ts';
import { localParts } from '../clock.ts';
import { cronSlots } from './slots.ts';
import type { Translator } from '../i18n/translate.ts';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * When `instant` is, seen from `now` in the business time zone, in `t`'s language: "10:00 today", "09:00 Mon
 * 14 Dec", "明天 09:00", "12月14日 周一 09:00".
 */
export function whenSaid(t: Translator, instant: Date, now: Date, timeZone: string): string {
  const at = localParts(instant, timeZone);
  const today = localParts(now, timeZone).date;
  const time = `${two(at.hour)}:${two(at.minute)}`;
  const day = at.date === today ? 'today' : at.date === addDays(today, 1) ? 'tomorrow' : 'other';
  const noon = new Date(`${at.date}T12:00:00Z`);
  const locale = t.locale === 'en' ? 'en-GB' : t.locale;
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(noon);
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    noon,
  );
  return t.t('jobs.when', { day, time, weekday: weekdayName, date });
}

/** The next run of a cron job after `now` (its delay included), or null (after-sync, or none in reach). */
export function nextRun(job: Job, now: Date, timeZone: string, calendar: WorkingCalendar): Date | null {
  if (job.schedule === AFTER_SYNC) return null;
  const delayMs = (job.delayMinutes ?? 0) * 60_000;
  const slot = cronSlots(job.schedule, timeZone).nextAfter(
    new Date(now.getTime() - delayMs),
    job.days,
    calendar,
  );
  return slot ? new Date(slot.getTime() + delayMs) : null;
}

/** One line for the start-up greeting, in `t`'s language: each job and when it runs next. */
export function scheduleLine(jobs: Job[], clock: Clock, calendar: WorkingCalendar, t: Translator): string {
  const now = clock.now();
  const parts = jobs.map((job) => {
    const next = job.schedule === AFTER_SYNC ? null : nextRun(job, now, clock.timeZone, calendar);
    return t.t('cli.schedule.job', {
      job: job.name.replace(/-/g, '_'),
      jobText: job.name,
      next: job.schedule === AFTER_SYNC ? 'afterSync' : next ? 'at' : 'none',
      at: next ? whenSaid(t, next, now, clock.timeZone) : '',
    });
  });
  const jobsSaid = new Intl.ListFormat(t.locale, { type: 'conjunction' }).format(parts);
  return t.t('cli.schedule', { timeZone: clock.timeZone, jobs: jobsSaid });
}
