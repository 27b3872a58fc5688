import cron from 'node-cron';
import { z } from 'zod';
import { AFTER_SYNC } from './job.ts';
import { emptyAsUndefined } from '../settings-input.ts';

/**
 * Settings of scheduled posts (README, "Scheduled posts"): when each job runs, the digest's options and
 * the outbox worker's pacing. Parsed apart from the rest so the block stays in one place.
 */
export interface JobsConfig {
  /** Run the scheduler and the outbox worker in `start` (on by default). */
  enabled: boolean;
  /** Job name -> node-cron expression in the business time zone, or 'after-sync'. */
  schedules: Record<string, string>;
  digest: {
    /** Accounts listed in the digest (top by priority, PB-08). */
    top: number;
    /** Hours after the digest when still unclaimed accounts get one nudge; 0 turns nudges off. */
    nudgeAfterHours: number;
  };
  outbox: {
    /** Milliseconds between two messages to one channel (about one a second). */
    pacingMs: number;
    /** Attempts before a delivery is given up and marked failed. */
    maxAttempts: number;
    /** How often the worker looks for work when idle. */
    pollMs: number;
  };
}

/** Default cron expressions (PB-24 digest at 09:00 on working days, PB-27 Mondays, PB-28 first working day). */
export const DEFAULT_SCHEDULES: Record<string, { variable: string; value: string }> = {
  digest: { variable: 'DUEBOT_DIGEST_CRON', value: '0 9 * * *' },
  'promise-follow-up': { variable: 'DUEBOT_PROMISE_CRON', value: '30 8 * * *' },
  'aging-report': { variable: 'DUEBOT_AGING_REPORT_CRON', value: '0 9 * * 1' },
  meeting: { variable: 'DUEBOT_MEETING_CRON', value: '0 10 * * *' },
  alerts: { variable: 'DUEBOT_ALERTS_CRON', value: AFTER_SYNC },
  'letter-check': { variable: 'DUEBOT_LETTER_CHECK_CRON', value: '*/5 * * * *' },
};

const schedule = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine(
        (v) => v === AFTER_SYNC || cron.validate(v),
        `expected a cron expression such as "0 9 * * *" (minute hour day month weekday) or ${AFTER_SYNC}`,
      )
      .default(fallback),
  );

const count = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(min, `expected a whole number from ${min} to ${max}`)
      .max(max, `expected a whole number from ${min} to ${max}`)
      .default(fallback),
  );

/** The scheduled-post settings by variable name (also listed by `duebot doctor`). */
export const jobSettingsSchema = z.object({
  DUEBOT_SCHEDULER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  ...Object.fromEntries(
    Object.values(DEFAULT_SCHEDULES).map(({ variable, value }) => [variable, schedule(value)]),
  ),
  DUEBOT_DIGEST_TOP: count(10, 1, 40),
  DUEBOT_NUDGE_AFTER_HOURS: count(3, 0, 24),
  DUEBOT_OUTBOX_PACING_MS: count(1000, 0, 60_000),
  DUEBOT_OUTBOX_MAX_ATTEMPTS: count(12, 1, 100),
});

/** Reads the scheduled-post settings; problems come one line each, like the rest of the settings. */
export function parseJobSettings(
  env: Record<string, string | undefined>,
): { ok: true; config: JobsConfig } | { ok: false; problems: string[] } {
  const parsed = jobSettingsSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'settings');
        return `${name}: found ${env[name] === undefined ? 'nothing' : JSON.stringify(env[name])}, ${issue.message}`;
      }),
    };
  }
  const s = parsed.data as Record<string, unknown>;
  const schedules = Object.fromEntries(
    Object.entries(DEFAULT_SCHEDULES).map(([job, { variable }]) => [job, String(s[variable])]),
  );
  return {
    ok: true,
    config: {
      enabled: s.DUEBOT_SCHEDULER === 'on',
      schedules,
      digest: { top: Number(s.DUEBOT_DIGEST_TOP), nudgeAfterHours: Number(s.DUEBOT_NUDGE_AFTER_HOURS) },
      outbox: {
        pacingMs: Number(s.DUEBOT_OUTBOX_PACING_MS),
        maxAttempts: Number(s.DUEBOT_OUTBOX_MAX_ATTEMPTS),
        pollMs: 1000,
      },
    },
  };
}

/** A job's schedule from the settings, or its default. */
export function scheduleOf(config: { jobs: JobsConfig }, name: string, fallback: string): string {
  return config.jobs.schedules[name] ?? fallback;
}
