import { z } from 'zod';
import { isIsoDate } from './collections/dates.ts';
import { parseDailyRate } from './collections/interest.ts';
import { isCurrencyCode } from './collections/money.ts';
import { type JobsConfig, parseJobSettings } from './jobs/settings.ts';
import {
  type LetterConfig,
  letterConfig,
  letterSettings,
  PLACEHOLDER_COMPANY_NAME,
} from './letters/settings.ts';
import { emptyAsUndefined } from './settings-input.ts';

/** Every setting duebot reads, from environment variables. README lists them all. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const databaseUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres:// or postgresql:// URL');

const ledgerUrl = z
  .string()
  .regex(/^(postgres(ql)?|mysql|mariadb):\/\/.+/, 'expected a postgres://, mysql:// or mariadb:// URL');

/** "CNY=100, USD=20" -> { CNY: 100, USD: 20 }; null when malformed. */
export function parseCurrencyList(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m?.[1] || !m[2] || !isCurrencyCode(m[1].toUpperCase())) return null;
    out[m[1].toUpperCase()] = Number(m[2]);
  }
  return out;
}

const currencyList = (example: string) =>
  z
    .string()
    .refine((v) => parseCurrencyList(v) !== null, `expected currency=amount pairs such as ${example}`)
    .transform((v) => parseCurrencyList(v) ?? {});

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected a whole number, 0 or more')
    .default(fallback);

/** "U01, U02" -> ['U01', 'U02']: Slack user ids separated by commas. */
const slackUserIds = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .refine(
    (ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)),
    'expected Slack user ids such as U012AB3CD separated by commas (profile > ... > Copy member ID)',
  )
  .default([]);

/** A Slack channel id, for the channels scheduled posts go to. */
const slackChannel = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel id such as C012AB3CD (channel details > About)');

export {
  defaultLetterConfig,
  LETTER_LOCALES,
  type LetterConfig,
  type LetterLocale,
  parseEarlyDiscount,
} from './letters/settings.ts';

/** Microsoft Entra object ids (GUIDs) separated by commas: Teams users' stable ids. */
const teamsUserIds = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine(
    (ids) => ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)),
    'expected Microsoft Entra object ids (GUIDs) separated by commas (Entra admin center > Users > Object ID)',
  )
  .default([]);

export const settingsSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUndefined, databaseUrl.optional()),
  DUEBOT_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.duebot')),
  LEDGER_URL: z.preprocess(emptyAsUndefined, ledgerUrl.optional()),
  LEDGER_MAPPING: z.preprocess(emptyAsUndefined, z.string().optional()),
  LEDGER_LOOKBACK_SECONDS: z.preprocess(emptyAsUndefined, positiveInt(300)),
  SYNC_INTERVAL_MINUTES: z.preprocess(emptyAsUndefined, positiveInt(15)),
  SYNC_FULL_EVERY_HOURS: z.preprocess(emptyAsUndefined, positiveInt(24)),
  SYNC_RETRY_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a whole number of seconds' })
      .int('expected a whole number of seconds')
      .min(1, 'expected 1 second or more')
      .default(30),
  ),
  LEDGER_STALE_AFTER_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a whole number of minutes' })
      .int('expected a whole number of minutes')
      .min(0, 'expected a whole number of minutes, 0 (never) or more')
      .optional(),
  ),
  SYNC_BATCH_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(1, 'expected 1 to 50,000 rows')
      .max(50_000, 'expected 1 to 50,000 rows')
      .default(2000),
  ),
  DUEBOT_TIMEZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin or Asia/Shanghai')
      .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  ),
  DUEBOT_TODAY: z.preprocess(
    emptyAsUndefined,
    z.string().refine(isIsoDate, 'expected a calendar date as YYYY-MM-DD').optional(),
  ),
  DUEBOT_LADDER_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  DUEBOT_INTEREST_PER_DAY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => parseDailyRate(v) !== null, 'expected a daily rate such as 0.05%, 5bp or 0.0005')
      .default('0.05%'),
  ),
  DUEBOT_MIN_BALANCE: z.preprocess(emptyAsUndefined, currencyList('CNY=100,USD=20').default({})),
  DUEBOT_BASE_CURRENCY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) => v.toUpperCase())
      .refine(isCurrencyCode, 'expected an ISO currency code such as CNY')
      .default('CNY'),
  ),
  DUEBOT_FX_RATES: z.preprocess(emptyAsUndefined, currencyList('USD=7.1,EUR=7.8').default({})),
  DUEBOT_HOLIDAYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean),
      )
      .refine((dates) => dates.every(isIsoDate), 'expected dates as YYYY-MM-DD separated by commas')
      .default([]),
  ),
  DUEBOT_PAGE_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(1, 'expected 1 to 40 accounts a page')
      .max(40, 'expected 1 to 40 accounts a page')
      .default(10),
  ),
  DUEBOT_SHELL_USER: z.preprocess(emptyAsUndefined, z.string().max(80).optional()),
  DUEBOT_SHELL_ROLE: z.preprocess(
    emptyAsUndefined,
    z.enum(['collector', 'manager', 'sales', 'viewer']).default('manager'),
  ),
  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^xoxb-/, 'expected the bot token, which starts with xoxb- (OAuth & Permissions page)')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[0-9a-f]{16,}$/i, 'expected the signing secret from Basic Information (hexadecimal)')
      .optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^xapp-/, 'expected an app-level token, which starts with xapp- (for Socket Mode)')
      .optional(),
  ),
  SLACK_API_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' })
      .optional(),
  ),
  SLACK_CHANNEL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a channel id such as C012AB3CD (channel details > About)')
      .optional(),
  ),
  SLACK_DIGEST_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
  SLACK_ALERTS_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
  SLACK_MEETING_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
  SLACK_MANAGERS: z.preprocess(emptyAsUndefined, slackUserIds),
  SLACK_VIEWERS: z.preprocess(emptyAsUndefined, slackUserIds),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'expected a port number' })
      .int('expected a port number')
      .min(1, 'expected a port number from 1 to 65535')
      .max(65535, 'expected a port number from 1 to 65535')
      .default(3000),
  ),
  ...letterSettings,
  // Microsoft Teams (adapters/teams): the Azure bot registration's names, as Microsoft's samples spell them.
  TEAMS_ENABLED: z.preprocess(
    emptyAsUndefined,
    z.enum(['0', '1'], { error: 'expected 1 (on) or 0 (off)' }).optional(),
  ),
  MicrosoftAppId: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        "expected the bot's Microsoft App ID (a GUID, Azure bot > Configuration)",
      )
      .optional(),
  ),
  MicrosoftAppPassword: z.preprocess(emptyAsUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['SingleTenant', 'MultiTenant'], { error: 'expected SingleTenant or MultiTenant' })
      .default('SingleTenant'),
  ),
  MicrosoftAppTenantId: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TEAMS_CHANNEL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^19:[^;\s]+@thread\.(tacv2|skype)$/,
        'expected a Teams channel id such as 19:abc...@thread.tacv2 (channel > Get link to channel)',
      )
      .optional(),
  ),
  TEAMS_MANAGERS: z.preprocess(emptyAsUndefined, teamsUserIds),
  TEAMS_VIEWERS: z.preprocess(emptyAsUndefined, teamsUserIds),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['json', 'pretty']).optional()),
  // Large-account alerts (PB-07) and the monthly credit meeting (PB-28).
  DUEBOT_ALERT_THRESHOLDS: z.preprocess(
    (v) => (v === 'none' ? '' : emptyAsUndefined(v)), // `none` turns threshold alerts off
    currencyList('CNY=500000,USD=70000').default({ CNY: 500_000, USD: 70_000, EUR: 60_000 }),
  ),
  DUEBOT_ALERT_MIN_DAYS: z.preprocess(emptyAsUndefined, positiveInt(1)),
  DUEBOT_ALERT_JUMP_PERCENT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'expected a percentage such as 20' }).min(0).max(10_000).default(20),
  ),
  DUEBOT_MEETING_MIN_DAYS: z.preprocess(emptyAsUndefined, positiveInt(30)),
  DUEBOT_MEETING_MONTHS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'expected a whole number' }).int().min(1).max(24).default(6),
  ),
});

export type Settings = z.infer<typeof settingsSchema>;

/** The Slack adapter's settings. */
export interface SlackConfig {
  botToken: string;
  /** Verifies HTTP requests; absent in Socket Mode. */
  signingSecret: string | undefined;
  /** Socket Mode when set. */
  appToken: string | undefined;
  /** Web API base URL (a Slack-compatible gateway or proxy). */
  apiUrl: string | undefined;
  /** HTTP port for Slack's requests and /healthz. */
  port: number;
  /** Where account threads are started when a click came from a private place. */
  channel: string | undefined;
  managers: string[];
  viewers: string[];
  /** Channels of scheduled posts by role (ChatOut); each falls back to `channel`. */
  channels?: { digest?: string | undefined; alerts?: string | undefined; meeting?: string | undefined };
}

/** The Microsoft Teams adapter's settings. */
export interface TeamsConfig {
  /** The Azure bot's app id; undefined is local mode (Bot Framework Emulator, tests: loopback only, no tokens). */
  appId: string | undefined;
  appPassword: string | undefined;
  appType: 'SingleTenant' | 'MultiTenant';
  tenantId: string | undefined;
  /** HTTP port for /api/messages and /healthz (shared with Slack when both run). */
  port: number;
  /** Where channel posts (digest, alerts, the monthly thread) go; unset: the team the bot was last added to. */
  channel: string | undefined;
  /** Entra object ids with the manager or viewer role on first use; everyone else is a collector. */
  managers: string[];
  viewers: string[];
}

/** The settings as the rest of the program sees them. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  ledger: {
    url: string | undefined;
    mappingFile: string | undefined;
    lookbackSeconds: number;
    batchSize: number;
  };
  sync: {
    intervalMinutes: number;
    fullEveryHours: number;
    /** The first wait before a failed sync is tried again; it doubles up to the sync interval. */
    retrySeconds: number;
    /** LEDGER_STALE_AFTER_MINUTES when set; unset: two sync intervals and 5 minutes (ledger/freshness.ts). */
    staleAfterMinutes: number | undefined;
  };
  timeZone: string;
  today: string | undefined;
  collections: {
    ladderFile: string | undefined;
    interestPerDay: string;
    /** Major units per currency below which the ladder does nothing. */
    minBalance: Record<string, number>;
    baseCurrency: string;
    /** Base-currency units per unit of each currency, for ranking only. */
    fxRates: Record<string, number>;
    holidays: string[];
  };
  pageSize: number;
  /** Who the terminal shell acts as at start (`as <name>` switches). */
  shellUser: string | undefined;
  /** The shell's own user's role on first use (people switched to with `as` start as collectors). */
  shellRole: 'collector' | 'manager' | 'sales' | 'viewer';
  log: { level: Settings['LOG_LEVEL']; format: 'json' | 'pretty' | undefined };
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
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** Slack settings that only make sense together. */
function slackProblems(s: Settings): string[] {
  const problems: string[] = [];
  if (!s.SLACK_BOT_TOKEN) {
    const set = (['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const).filter((name) => s[name]);
    if (set.length > 0) {
      problems.push(
        `SLACK_BOT_TOKEN: found nothing, expected the bot token (xoxb-...) because ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set; set it too, or unset them to run without Slack`,
      );
    }
  } else if (!s.SLACK_SIGNING_SECRET && !s.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET: found nothing, expected the signing secret (Basic Information) for HTTP mode, or set SLACK_APP_TOKEN (xapp-...) for Socket Mode',
    );
  }
  const both = s.SLACK_MANAGERS.filter((id) => s.SLACK_VIEWERS.includes(id));
  if (both.length > 0)
    problems.push(`SLACK_VIEWERS: ${both.join(', ')} also listed in SLACK_MANAGERS; choose one role`);
  return problems;
}

/** Teams settings that only make sense together. */
function teamsProblems(s: Settings): string[] {
  const problems: string[] = [];
  if (!s.MicrosoftAppId) {
    const set = (['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const).filter((name) => s[name]);
    if (set.length > 0 && s.TEAMS_ENABLED !== '0')
      problems.push(
        `MicrosoftAppId: found nothing, expected the bot's app id because ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set; set it too, or unset them (TEAMS_ENABLED=1 alone runs Teams in local mode)`,
      );
    return problems;
  }
  if (!s.MicrosoftAppPassword)
    problems.push(
      "MicrosoftAppPassword: found nothing, expected the client secret of the bot's app registration (Certificates & secrets)",
    );
  if (s.MicrosoftAppType === 'SingleTenant' && !s.MicrosoftAppTenantId)
    problems.push(
      'MicrosoftAppTenantId: found nothing, expected your directory (tenant) id because MicrosoftAppType is SingleTenant',
    );
  const both = s.TEAMS_MANAGERS.filter((id) => s.TEAMS_VIEWERS.includes(id));
  if (both.length > 0)
    problems.push(`TEAMS_VIEWERS: ${both.join(', ')} also listed in TEAMS_MANAGERS; choose one role`);
  return problems;
}

/** Reads settings from an environment; every problem is reported, one line each. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = settingsSchema.safeParse(env);
  const jobs = parseJobSettings(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'settings');
      const found = /TOKEN|SECRET|Password/.test(name) ? 'a value' : describeFound(env[name]); // never echo secrets
      return `${name}: found ${found}, ${issue.message}`;
    });
    return { ok: false, problems: [...problems, ...(jobs.ok ? [] : jobs.problems)] };
  }
  const s = parsed.data;
  const problems: string[] = [];
  if (s.LEDGER_URL && !s.LEDGER_MAPPING) {
    problems.push(
      'LEDGER_MAPPING: found nothing, expected the path of a mapping SQL file when LEDGER_URL is set (see README, "Connecting your accounting database")',
    );
  }
  problems.push(...slackProblems(s));
  if (!jobs.ok) problems.push(...jobs.problems);
  if (s.SMTP_URL && !s.LETTER_FROM)
    problems.push(
      'LETTER_FROM: found nothing, expected the sender address of letters (e.g. "Acme AR <ar@acme.example>") because SMTP_URL is set',
    );
  if (s.SMTP_URL && !env.LETTER_COMPANY_NAME?.trim())
    problems.push(
      `LETTER_COMPANY_NAME: found nothing, expected your company's name for the letterhead because SMTP_URL is set (letters would reach customers headed "${PLACEHOLDER_COMPANY_NAME}")`,
    );
  problems.push(...teamsProblems(s));
  if (s.DUEBOT_PUBLIC_URL && !s.DUEBOT_LINK_SECRET && !s.MicrosoftAppPassword)
    problems.push(
      'DUEBOT_LINK_SECRET: found nothing, expected a random secret of at least 32 characters (e.g. openssl rand -base64 32) to sign letter links, because DUEBOT_PUBLIC_URL is set and MicrosoftAppPassword is not',
    );
  if (problems.length > 0 || !jobs.ok) return { ok: false, problems };
  return {
    ok: true,
    config: {
      databaseUrl: s.DATABASE_URL,
      dataDir: s.DUEBOT_DATA_DIR,
      ledger: {
        url: s.LEDGER_URL,
        mappingFile: s.LEDGER_MAPPING,
        lookbackSeconds: s.LEDGER_LOOKBACK_SECONDS,
        batchSize: s.SYNC_BATCH_SIZE,
      },
      sync: {
        intervalMinutes: s.SYNC_INTERVAL_MINUTES,
        fullEveryHours: s.SYNC_FULL_EVERY_HOURS,
        retrySeconds: s.SYNC_RETRY_SECONDS,
        staleAfterMinutes: s.LEDGER_STALE_AFTER_MINUTES,
      },
      timeZone: s.DUEBOT_TIMEZONE,
      today: s.DUEBOT_TODAY,
      collections: {
        ladderFile: s.DUEBOT_LADDER_FILE,
        interestPerDay: s.DUEBOT_INTEREST_PER_DAY,
        minBalance: s.DUEBOT_MIN_BALANCE,
        baseCurrency: s.DUEBOT_BASE_CURRENCY,
        fxRates: s.DUEBOT_FX_RATES,
        holidays: s.DUEBOT_HOLIDAYS,
      },
      pageSize: s.DUEBOT_PAGE_SIZE,
      shellUser: s.DUEBOT_SHELL_USER,
      shellRole: s.DUEBOT_SHELL_ROLE,
      log: { level: s.LOG_LEVEL, format: s.LOG_FORMAT },
      slack: s.SLACK_BOT_TOKEN
        ? {
            botToken: s.SLACK_BOT_TOKEN,
            signingSecret: s.SLACK_SIGNING_SECRET,
            appToken: s.SLACK_APP_TOKEN,
            apiUrl: s.SLACK_API_URL,
            port: s.PORT,
            channel: s.SLACK_CHANNEL,
            managers: s.SLACK_MANAGERS,
            viewers: s.SLACK_VIEWERS,
            ...(s.SLACK_DIGEST_CHANNEL || s.SLACK_ALERTS_CHANNEL || s.SLACK_MEETING_CHANNEL
              ? {
                  channels: {
                    digest: s.SLACK_DIGEST_CHANNEL,
                    alerts: s.SLACK_ALERTS_CHANNEL,
                    meeting: s.SLACK_MEETING_CHANNEL,
                  },
                }
              : {}),
          }
        : undefined,
      jobs: jobs.config,
      alerts: {
        thresholds: s.DUEBOT_ALERT_THRESHOLDS,
        minDaysOverdue: s.DUEBOT_ALERT_MIN_DAYS,
        jumpPercent: s.DUEBOT_ALERT_JUMP_PERCENT,
      },
      meeting: { minDaysOverdue: s.DUEBOT_MEETING_MIN_DAYS, months: s.DUEBOT_MEETING_MONTHS },
      letters: letterConfig(s, s.MicrosoftAppPassword),
      teams:
        s.TEAMS_ENABLED === '1' || (s.MicrosoftAppId && s.TEAMS_ENABLED !== '0')
          ? {
              appId: s.MicrosoftAppId,
              appPassword: s.MicrosoftAppPassword,
              appType: s.MicrosoftAppType,
              tenantId: s.MicrosoftAppTenantId,
              port: s.PORT,
              channel: s.TEAMS_CHANNEL,
              managers: s.TEAMS_MANAGERS,
              viewers: s.TEAMS_VIEWERS,
            }
          : undefined,
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
