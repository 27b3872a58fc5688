/**
 * Which language a scheduled post is in (issue 20): a post to a channel role (the digest, alerts, the
 * meeting) in the language of the channel that role's posts go to (DUEBOT_CHANNEL_LOCALES, else the
 * company's DUEBOT_LOCALE); a private post in the person's own choice (`/overdue language`), else the
 * company's. The channel of a role is the one the settings name: Slack's per-role channel, else
 * SLACK_CHANNEL, else TEAMS_CHANNEL (a Teams channel found at delivery is not known to the job: its posts
 * use the company's language).
 */
import type { Knex } from 'knex';
import type { SlackConfig } from '../chat/slack-settings.ts';
import type { TeamsConfig } from '../chat/teams-settings.ts';
import { isLocale } from '../i18n/locale.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import { channelT, companyT } from '../i18n/speech.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { ChannelRole } from '../outbox/chat-out.ts';

/** What the jobs read of the settings to choose a post's language (all of it in the composed Config). */
export interface JobLanguageSettings {
  language?: LanguageConfig | undefined;
  slack?: Pick<SlackConfig, 'channel' | 'channels'> | undefined;
  teams?: Pick<TeamsConfig, 'channel'> | undefined;
}

/** The channel id the settings send `role`'s posts to, when they name one. */
export function roleChannel(settings: JobLanguageSettings, role: ChannelRole): string | undefined {
  return settings.slack?.channels?.[role] ?? settings.slack?.channel ?? settings.teams?.channel ?? undefined;
}

/** The translator of posts to `role`'s channel. */
export function roleT(settings: JobLanguageSettings, role: ChannelRole): Translator {
  return channelT(settings.language, roleChannel(settings, role));
}

/** The translator of a private post to staff user `userId`: their own choice, else the company's language. */
export async function userT(db: Knex, userId: number, settings: JobLanguageSettings): Promise<Translator> {
  const row = await db('users').where({ id: userId }).first('locale');
  const own = typeof row?.locale === 'string' && isLocale(row.locale) ? row.locale : null;
  if (!own) return companyT(settings.language);
  return translator(own, { largeUnits: settings.language?.largeUnits ?? false });
}
