/**
 * The Microsoft Teams adapter's settings (README, "Settings" and "Microsoft Teams"): the Azure bot
 * registration's names, as Microsoft's samples spell them. In the core for the reason slack-settings.ts
 * gives: the core reads every setting and never imports an adapter.
 */
import { z } from 'zod';
import {
  emptyAsUndefined,
  expects,
  type SettingProblem,
  settingProblem,
  settingsFragment,
} from '../settings-input.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Microsoft Entra object ids (GUIDs) separated by commas: Teams users' stable ids. */
const teamsUserIds = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((ids) => ids.every((id) => GUID.test(id)), expects('settings.teams.userIds'))
  .default([]);

/** Teams' variables by name; an app id (or TEAMS_ENABLED=1 alone, for local mode) turns Teams on. */
export const teamsSettings = settingsFragment(
  {
    TEAMS_ENABLED: z.preprocess(
      emptyAsUndefined,
      z.enum(['0', '1'], { error: expects('settings.teams.enabled', { on: '1', off: '0' }) }).optional(),
    ),
    MicrosoftAppId: z.preprocess(
      emptyAsUndefined,
      z.string().regex(GUID, expects('settings.teams.appId')).optional(),
    ),
    MicrosoftAppPassword: z.preprocess(emptyAsUndefined, z.string().optional()),
    MicrosoftAppType: z.preprocess(
      emptyAsUndefined,
      z
        .enum(['SingleTenant', 'MultiTenant'], {
          error: expects('settings.teams.appType', { single: 'SingleTenant', multi: 'MultiTenant' }),
        })
        .default('SingleTenant'),
    ),
    MicrosoftAppTenantId: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    TEAMS_CHANNEL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(
          /^19:[^;\s]+@thread\.(tacv2|skype)$/,
          expects('settings.teams.channel', { example: '19:abc...@thread.tacv2' }),
        )
        .optional(),
    ),
    TEAMS_MANAGERS: z.preprocess(emptyAsUndefined, teamsUserIds),
    TEAMS_VIEWERS: z.preprocess(emptyAsUndefined, teamsUserIds),
  },
  (s) => {
    const problems: SettingProblem[] = [];
    if (!s.MicrosoftAppId) {
      const set = (['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const).filter((name) => s[name]);
      if (set.length > 0 && s.TEAMS_ENABLED !== '0')
        problems.push(
          settingProblem('MicrosoftAppId', 'settings.teams.appIdNeeded', {
            both: set.length > 1 ? 'yes' : 'no',
            first: set[0] ?? '',
            second: set[1] ?? '',
            local: 'TEAMS_ENABLED=1',
          }),
        );
      return problems;
    }
    if (!s.MicrosoftAppPassword)
      problems.push(settingProblem('MicrosoftAppPassword', 'settings.teams.passwordNeeded'));
    if (s.MicrosoftAppType === 'SingleTenant' && !s.MicrosoftAppTenantId)
      problems.push(
        settingProblem('MicrosoftAppTenantId', 'settings.teams.tenantNeeded', {
          type: 'MicrosoftAppType',
          single: 'SingleTenant',
        }),
      );
    const both = s.TEAMS_MANAGERS.filter((id) => s.TEAMS_VIEWERS.includes(id));
    if (both.length > 0)
      problems.push(
        settingProblem('TEAMS_VIEWERS', 'settings.bothRoles', {
          ids: both.join(', '),
          managers: 'TEAMS_MANAGERS',
        }),
      );
    return problems;
  },
);

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

/** Teams' part of the settings and the shared HTTP port; undefined unless an app id is set or TEAMS_ENABLED=1. */
export function teamsConfig(s: z.output<typeof teamsSettings.schema>, port: number): TeamsConfig | undefined {
  const on = s.TEAMS_ENABLED === '1' || (s.MicrosoftAppId && s.TEAMS_ENABLED !== '0');
  if (!on) return undefined;
  return {
    appId: s.MicrosoftAppId,
    appPassword: s.MicrosoftAppPassword,
    appType: s.MicrosoftAppType,
    tenantId: s.MicrosoftAppTenantId,
    port,
    channel: s.TEAMS_CHANNEL,
    managers: s.TEAMS_MANAGERS,
    viewers: s.TEAMS_VIEWERS,
  };
}
