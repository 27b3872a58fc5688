/**
 * Every setting duebot reads, from environment variables (README lists them all). Each module owns its
 * fragment, its variables with their messages and the problems of their combinations (ledger/settings.ts,
 * collections/settings.ts, chat/slack-settings.ts, letters/settings.ts, chat/teams-settings.ts,
 * jobs/settings.ts); this file holds the process-wide ones and composes them into one Config, reporting
 * every problem of every fragment at once, one line each.
 */
import { z } from 'zod';
import { type SlackConfig, slackConfig, slackSettings } from './chat/slack-settings.ts';
import { type TeamsConfig, teamsConfig, teamsSettings } from './chat/teams-settings.ts';
import { isIsoDate } from './collections/dates.ts';
import { type CollectionsConfig, collectionsConfig, collectionsSettings } from './collections/settings.ts';
import {
  type AlertSettings,
  type JobsConfig,
  jobSettings,
  jobsConfig,
  type DisputeSettings,
  type MeetingSettings,
} from './jobs/settings.ts';
import { type LedgerConfig, ledgerConfig, ledgerSettings, type SyncConfig } from './ledger/settings.ts';
import { i18nSettings, type LanguageConfig, languageConfig } from './i18n/settings.ts';
import { type LetterConfig, letterConfig, letterSettings } from './letters/settings.ts';
import {
  emptyAsUndefined,
  type Env,
  expects,
  type FragmentRead,
  isTimeZone,
  readFragment,
  type SettingProblem,
  settingsFragment,
  wholeNumber,
} from './settings-input.ts';

export type { AlertSettings, JobsConfig, MeetingSettings } from './jobs/settings.ts';
export type { SlackConfig } from './chat/slack-settings.ts';
export type { TeamsConfig } from './chat/teams-settings.ts';
export { problemText, type SettingProblem } from './settings-input.ts';
export {
  defaultLetterConfig,
  LETTER_LOCALES,
  type LetterConfig,
  type LetterLocale,
  parseEarlyDiscount,
} from './letters/settings.ts';

const databaseUrl = z
  .string()
  .regex(
    /^postgres(ql)?:\/\/.+/,
    expects('settings.databaseUrl', { postgres: 'postgres://', postgresql: 'postgresql://' }),
  );

/** The process-wide settings: the bot database, the business clock, the shell, the HTTP port, logging. */
export const coreSettings = settingsFragment({
  DATABASE_URL: z.preprocess(emptyAsUndefined, databaseUrl.optional()),
  DUEBOT_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.duebot')),
  DUEBOT_TIMEZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(isTimeZone, expects('settings.timeZone', { first: 'Europe/Berlin', second: 'Asia/Shanghai' }))
      .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  ),
  DUEBOT_TODAY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(isIsoDate, expects('settings.date', { format: 'YYYY-MM-DD' }))
      .optional(),
  ),
  DUEBOT_PAGE_SIZE: wholeNumber({
    min: 1,
    max: 40,
    range: expects('settings.pageSize', { min: 1, max: 40 }),
    fallback: 10,
  }),
  DUEBOT_SHELL_USER: z.preprocess(emptyAsUndefined, z.string().max(80).optional()),
  DUEBOT_SHELL_ROLE: z.preprocess(
    emptyAsUndefined,
    z.enum(['collector', 'manager', 'sales', 'viewer']).default('manager'),
  ),
  PORT: wholeNumber({
    min: 1,
    max: 65535,
    whole: expects('settings.port.whole'),
    range: expects('settings.port.range', { min: 1, max: 65535 }),
    fallback: 3000,
  }),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['json', 'pretty']).optional()),
});

/** Every fragment, in the order doctor lists their variables and problems are reported. */
export const SETTINGS_FRAGMENTS = [
  coreSettings,
  ledgerSettings,
  collectionsSettings,
  slackSettings,
  teamsSettings,
  letterSettings,
  jobSettings,
  i18nSettings,
] as const;

/** All variables of all fragments in one schema (doctor lists its keys). */
export const settingsSchema = z.object({
  ...coreSettings.schema.shape,
  ...ledgerSettings.schema.shape,
  ...collectionsSettings.schema.shape,
  ...slackSettings.schema.shape,
  ...teamsSettings.schema.shape,
  ...letterSettings.schema.shape,
  ...jobSettings.schema.shape,
  ...i18nSettings.schema.shape,
});

/** The settings as the rest of the program sees them. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  ledger: LedgerConfig;
  sync: SyncConfig;
  timeZone: string;
  today: string | undefined;
  collections: CollectionsConfig;
  pageSize: number;
  /** Who the terminal shell acts as at start (`as <name>` switches). */
  shellUser: string | undefined;
  /** The shell's own user's role on first use (people switched to with `as` start as collectors). */
  shellRole: 'collector' | 'manager' | 'sales' | 'viewer';
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    format: 'json' | 'pretty' | undefined;
  };
  /** Slack, when a bot token is set: HTTP mode (signing secret) or Socket Mode (app token). */
  slack: SlackConfig | undefined;
  /** Teams, when MicrosoftAppId is set or TEAMS_ENABLED=1 (local mode without an app id). */
  teams: TeamsConfig | undefined;
  /** Dunning letters: letterhead, payment details, SMTP delivery, approval (src/letters/settings.ts). */
  letters: LetterConfig;
  /** Scheduled posts: the scheduler, the digest and the outbox worker (src/jobs/settings.ts). */
  jobs: JobsConfig;
  /** PB-07: large-account alerts. */
  alerts: AlertSettings;
  /** PB-28: the monthly 30+ day credit meeting. */
  meeting: MeetingSettings;
  /** PB-21: when open disputes are raised to their owner. */
  disputes: DisputeSettings;
  /** Who reads which language (src/i18n/settings.ts). */
  language: LanguageConfig;
}

/**
 * The settings, or what is wrong with them: each problem as an English line (`problems`: logs, tests)
 * and as said (`said`: the variable it names and its catalog message, for the reader's language).
 */
export type ConfigResult =
  { ok: true; config: Config } | { ok: false; problems: string[]; said: SettingProblem[] };

/**
 * Reads the settings from an environment, each fragment once: every variable that does not parse, then
 * every combination that does not fit, of all fragments together, one line each.
 */
export function loadConfig(env: Env): ConfigResult {
  const core = readFragment(coreSettings, env);
  const ledger = readFragment(ledgerSettings, env);
  const collections = readFragment(collectionsSettings, env);
  const slack = readFragment(slackSettings, env);
  const teams = readFragment(teamsSettings, env);
  const letters = readFragment(letterSettings, env);
  const jobs = readFragment(jobSettings, env);
  const i18n = readFragment(i18nSettings, env);
  const reads: FragmentRead<z.ZodRawShape>[] = [core, ledger, collections, slack, teams, letters, jobs, i18n];
  const said = [
    ...reads.flatMap((read) => (read.ok ? [] : read.said)),
    ...reads.flatMap((read) => (read.ok ? read.said : [])),
  ];
  const problems = [
    ...reads.flatMap((read) => (read.ok ? [] : read.problems)),
    ...reads.flatMap((read) => (read.ok ? read.combinationProblems : [])),
  ];
  const allRead =
    core.ok && ledger.ok && collections.ok && slack.ok && teams.ok && letters.ok && jobs.ok && i18n.ok;
  if (!allRead || problems.length > 0) return { ok: false, problems, said };
  const s = core.values;
  return {
    ok: true,
    config: {
      databaseUrl: s.DATABASE_URL,
      dataDir: s.DUEBOT_DATA_DIR,
      ...ledgerConfig(ledger.values),
      timeZone: s.DUEBOT_TIMEZONE,
      today: s.DUEBOT_TODAY,
      collections: collectionsConfig(collections.values),
      pageSize: s.DUEBOT_PAGE_SIZE,
      shellUser: s.DUEBOT_SHELL_USER,
      shellRole: s.DUEBOT_SHELL_ROLE,
      log: { level: s.LOG_LEVEL, format: s.LOG_FORMAT },
      slack: slackConfig(slack.values, s.PORT),
      teams: teamsConfig(teams.values, s.PORT),
      letters: letterConfig(letters.values, teams.values.MicrosoftAppPassword),
      ...jobsConfig(jobs.values),
      language: languageConfig(i18n.values),
    },
  };
}

/** Hides the password of a connection URL, for logs and `duebot doctor`. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
