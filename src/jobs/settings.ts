/**
 * The settings of scheduled posts (README, "Scheduled posts"): when each job runs, the digest's options,
 * the outbox worker's pacing, the large-account alerts (PB-07) and the monthly credit meeting (PB-28). One
 * fragment of the settings src/config.ts composes; jobs get the slice they read (JobSettings), never the
 * whole Config, so nothing under src/jobs/ imports src/config.ts.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { currencyList } from '../collections/settings.ts';
import type { SyncConfig } from '../ledger/settings.ts';
import type { LetterConfig } from '../letters/settings.ts';
import { emptyAsUndefined, expects, settingsFragment, wholeNumber } from '../settings-input.ts';
import { type EscalationMap, parseEscalationMap } from '../worklist/escalation.ts';
import type { JobLanguageSettings } from './speech.ts';

/** DUEBOT_MEETING_REPLIES' default: replies a meeting can review in one sitting. */
export const DEFAULT_MEETING_REPLIES = 50;

/** DUEBOT_REPLAY_GUARD_DAYS' default: a month, far past any platform's retries (Slack's are within minutes). */
export const DEFAULT_REPLAY_GUARD_DAYS = 30;

/** The schedule value that means "after each ledger sync" instead of a cron expression. */
export const AFTER_SYNC = 'after-sync';

const schedule = (fallback: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine(
        (v) => v === AFTER_SYNC || cron.validate(v),
        expects('settings.cron', { example: '0 9 * * *', afterSync: AFTER_SYNC }),
      )
      .default(fallback),
  );

/**
 * The scheduled-post settings by variable name. Default schedules: PB-24 digest at 09:00 on working days,
 * PB-27 aging report on Mondays, PB-28 meeting on the first working day, PB-07 alerts after each sync.
 */
export const jobSettings = settingsFragment({
  DUEBOT_SCHEDULER: z.preprocess(emptyAsUndefined, z.enum(['on', 'off']).default('on')),
  DUEBOT_DIGEST_CRON: schedule('0 9 * * *'),
  DUEBOT_PROMISE_CRON: schedule('30 8 * * *'),
  DUEBOT_AGING_REPORT_CRON: schedule('0 9 * * 1'),
  DUEBOT_MEETING_CRON: schedule('0 10 * * *'),
  DUEBOT_ALERTS_CRON: schedule(AFTER_SYNC),
  DUEBOT_LETTER_CHECK_CRON: schedule('*/5 * * * *'),
  DUEBOT_DISPUTE_CHECK_CRON: schedule('45 8 * * *'),
  DUEBOT_DISPUTE_RAISE_DAYS: wholeNumber({ min: 1, max: 365, fallback: 14 }),
  DUEBOT_HOUSEKEEPING_CRON: schedule('30 3 * * *'),
  DUEBOT_REPLAY_GUARD_DAYS: wholeNumber({ min: 7, max: 3650, fallback: DEFAULT_REPLAY_GUARD_DAYS }),
  DUEBOT_DIGEST_TOP: wholeNumber({ min: 1, max: 40, fallback: 10 }),
  DUEBOT_NUDGE_AFTER_HOURS: wholeNumber({ min: 0, max: 24, fallback: 3 }),
  DUEBOT_OUTBOX_PACING_MS: wholeNumber({ min: 0, max: 60_000, fallback: 1000 }),
  DUEBOT_OUTBOX_MAX_ATTEMPTS: wholeNumber({ min: 1, max: 100, fallback: 12 }),
  DUEBOT_ALERT_THRESHOLDS: z.preprocess(
    (v) => (v === 'none' ? '' : emptyAsUndefined(v)), // `none` turns threshold alerts off
    currencyList('CNY=500000,USD=70000').default({ CNY: 500_000, USD: 70_000, EUR: 60_000 }),
  ),
  DUEBOT_ALERT_MIN_DAYS: wholeNumber({ min: 0, fallback: 1 }),
  DUEBOT_ALERT_JUMP_PERCENT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: expects('settings.percentage', { example: 20 }) })
      .min(0)
      .max(10_000)
      .default(20),
  ),
  DUEBOT_MEETING_MIN_DAYS: wholeNumber({ min: 0, fallback: 30 }),
  DUEBOT_MEETING_MONTHS: wholeNumber({ min: 1, max: 24, fallback: 6 }),
  DUEBOT_MEETING_REPLIES: wholeNumber({ min: 1, max: 500, fallback: DEFAULT_MEETING_REPLIES }),
  // PB-14: who hears of an escalation besides the owner; empty: every manager.
  DUEBOT_ESCALATION_MANAGERS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => parseEscalationMap(v) !== null,
        expects('settings.escalation', { example: 'Ann=Mia, Bob=Max' }),
      )
      .transform((v) => parseEscalationMap(v) ?? {})
      .default({}),
  ),
});

/** When the jobs run and how their posts go out. */
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
  /** PB-14: collector -> managers an escalation reaches (empty: every manager). */
  escalationManagers: EscalationMap;
  housekeeping: {
    /**
     * Days a handled event or form submission is remembered, so that a redelivery in that time is refused;
     * older ones are deleted by the daily housekeeping (housekeeping.ts).
     */
    replayGuardDays: number;
  };
}

/** PB-07: when an account or invoice is large enough to announce, and when a rise is sudden. */
export interface AlertSettings {
  /** Major units per currency at or above which an overdue account or invoice is announced. */
  thresholds: Record<string, number>;
  /** Only amounts at least this many days overdue count. */
  minDaysOverdue: number;
  /** A month-over-month rise of total receivables above this percentage is announced; 0 turns it off. */
  jumpPercent: number;
}

/** PB-28: which accounts the meeting reviews and how far back its DSO/CEI trend goes. */
export interface MeetingSettings {
  minDaysOverdue: number;
  months: number;
  /**
   * Above this many accounts, only the ones worth most (by expected recovery, PB-08) get a reply with
   * decision buttons; the others are listed in an attached file. Default DEFAULT_MEETING_REPLIES.
   */
  replies?: number;
}

/** PB-21: when an open dispute is raised to the account's owner. */
export interface DisputeSettings {
  /** An open dispute this many days old is raised to the owner, once. */
  raiseAfterDays: number;
}

/** The jobs' part of the settings, from their parsed variables. */
export function jobsConfig(s: z.output<typeof jobSettings.schema>): {
  jobs: JobsConfig;
  alerts: AlertSettings;
  meeting: MeetingSettings;
  disputes: DisputeSettings;
} {
  return {
    jobs: {
      enabled: s.DUEBOT_SCHEDULER === 'on',
      schedules: {
        digest: s.DUEBOT_DIGEST_CRON,
        'promise-follow-up': s.DUEBOT_PROMISE_CRON,
        'aging-report': s.DUEBOT_AGING_REPORT_CRON,
        meeting: s.DUEBOT_MEETING_CRON,
        alerts: s.DUEBOT_ALERTS_CRON,
        'letter-check': s.DUEBOT_LETTER_CHECK_CRON,
        'dispute-check': s.DUEBOT_DISPUTE_CHECK_CRON,
        housekeeping: s.DUEBOT_HOUSEKEEPING_CRON,
      },
      digest: { top: s.DUEBOT_DIGEST_TOP, nudgeAfterHours: s.DUEBOT_NUDGE_AFTER_HOURS },
      outbox: {
        pacingMs: s.DUEBOT_OUTBOX_PACING_MS,
        maxAttempts: s.DUEBOT_OUTBOX_MAX_ATTEMPTS,
        pollMs: 1000,
      },
      escalationManagers: s.DUEBOT_ESCALATION_MANAGERS,
      housekeeping: { replayGuardDays: s.DUEBOT_REPLAY_GUARD_DAYS },
    },
    alerts: {
      thresholds: s.DUEBOT_ALERT_THRESHOLDS,
      minDaysOverdue: s.DUEBOT_ALERT_MIN_DAYS,
      jumpPercent: s.DUEBOT_ALERT_JUMP_PERCENT,
    },
    meeting: {
      minDaysOverdue: s.DUEBOT_MEETING_MIN_DAYS,
      months: s.DUEBOT_MEETING_MONTHS,
      replies: s.DUEBOT_MEETING_REPLIES,
    },
    disputes: { raiseAfterDays: s.DUEBOT_DISPUTE_RAISE_DAYS },
  };
}

/**
 * Everything scheduled jobs read of the settings, and nothing more: each job factory takes the part it
 * reads (`Pick<JobSettings, ...>`); the composed Config of src/config.ts has all of it.
 */
export interface JobSettings extends JobLanguageSettings {
  /** DUEBOT_TODAY: fixes the business date of every run. */
  today: string | undefined;
  jobs: JobsConfig;
  alerts: AlertSettings;
  meeting: MeetingSettings;
  disputes: DisputeSettings;
  /** How old the ledger may be before the digest says so (ledger/freshness.ts). */
  sync: Pick<SyncConfig, 'intervalMinutes' | 'staleAfterMinutes'>;
  /** When the letter check calls a letter uncertain. */
  letters: Pick<LetterConfig, 'uncertainAfterMinutes'>;
}

/** A job's schedule from the settings, or its default. */
export function scheduleOf(settings: Pick<JobSettings, 'jobs'>, name: string, fallback: string): string {
  return settings.jobs.schedules[name] ?? fallback;
}
