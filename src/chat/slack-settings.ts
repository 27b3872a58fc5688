/**
 * The Slack adapter's settings (README, "Settings" and "Slack"). They live in the core, not in
 * adapters/slack/, because the core reads every setting at start (src/config.ts composes the fragments,
 * `duebot doctor` lists them) and the core never imports an adapter (DESIGN.md); the adapter imports
 * `SlackConfig` from here.
 */
import { z } from 'zod';
import {
  emptyAsUndefined,
  expects,
  type SettingProblem,
  settingProblem,
  settingsFragment,
} from '../settings-input.ts';

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
    expects('settings.slack.userIds', { example: 'U012AB3CD' }),
  )
  .default([]);

/** A Slack channel id, for the channels scheduled posts go to. */
const slackChannel = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, expects('settings.slack.channel', { example: 'C012AB3CD' }));

/** Slack's variables by name; a bot token turns Slack on, with a signing secret (HTTP) or an app token (Socket Mode). */
export const slackSettings = settingsFragment(
  {
    SLACK_BOT_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^xoxb-/, expects('settings.slack.botToken', { prefix: 'xoxb-' }))
        .optional(),
    ),
    SLACK_SIGNING_SECRET: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[0-9a-f]{16,}$/i, expects('settings.slack.signingSecret'))
        .optional(),
    ),
    SLACK_APP_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^xapp-/, expects('settings.slack.appToken', { prefix: 'xapp-' }))
        .optional(),
    ),
    SLACK_API_URL: z.preprocess(
      emptyAsUndefined,
      z
        .url({
          protocol: /^https?$/,
          error: expects('settings.httpUrl', { example: 'https://slack.com/api/' }),
        })
        .optional(),
    ),
    SLACK_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
    SLACK_DIGEST_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
    SLACK_ALERTS_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
    SLACK_MEETING_CHANNEL: z.preprocess(emptyAsUndefined, slackChannel.optional()),
    SLACK_MANAGERS: z.preprocess(emptyAsUndefined, slackUserIds),
    SLACK_VIEWERS: z.preprocess(emptyAsUndefined, slackUserIds),
  },
  (s) => {
    const problems: SettingProblem[] = [];
    if (!s.SLACK_BOT_TOKEN) {
      const set = (['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const).filter((name) => s[name]);
      if (set.length > 0) {
        problems.push(
          settingProblem('SLACK_BOT_TOKEN', 'settings.slack.botTokenNeeded', {
            prefix: 'xoxb-',
            both: set.length > 1 ? 'yes' : 'no',
            first: set[0] ?? '',
            second: set[1] ?? '',
          }),
        );
      }
    } else if (!s.SLACK_SIGNING_SECRET && !s.SLACK_APP_TOKEN) {
      problems.push(
        settingProblem('SLACK_SIGNING_SECRET', 'settings.slack.signingSecretNeeded', {
          appToken: 'SLACK_APP_TOKEN',
          prefix: 'xapp-',
        }),
      );
    }
    const both = s.SLACK_MANAGERS.filter((id) => s.SLACK_VIEWERS.includes(id));
    if (both.length > 0)
      problems.push(
        settingProblem('SLACK_VIEWERS', 'settings.bothRoles', {
          ids: both.join(', '),
          managers: 'SLACK_MANAGERS',
        }),
      );
    return problems;
  },
);

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

/** Slack's part of the settings, from its parsed variables and the shared HTTP port; undefined without a bot token. */
export function slackConfig(s: z.output<typeof slackSettings.schema>, port: number): SlackConfig | undefined {
  if (!s.SLACK_BOT_TOKEN) return undefined;
  return {
    botToken: s.SLACK_BOT_TOKEN,
    signingSecret: s.SLACK_SIGNING_SECRET,
    appToken: s.SLACK_APP_TOKEN,
    apiUrl: s.SLACK_API_URL,
    port,
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
  };
}
