/**
 * Slack users as staff: the display name from users.info (cached), roles from SLACK_MANAGERS /
 * SLACK_VIEWERS (src/chat/roles.ts applies them). The dispatcher creates the staff user on first use.
 */
import type { webApi } from '@slack/bolt';
import { managersAndViewers, type RoleLists } from '../../src/chat/roles.ts';
import type { SlackConfig } from '../../src/config.ts';
import type { User } from '../../src/views/model.ts';

/** How long a looked-up display name is trusted. */
const NAME_TTL_MS = 10 * 60_000;

/** Who people are on Slack. */
export interface SlackIdentity {
  /** The neutral user for a Slack user id; `fallbackName` (from the payload) when users.info fails. */
  user(userId: string, fallbackName?: string): Promise<User>;
}

/** SLACK_MANAGERS and SLACK_VIEWERS: member ids compare as Slack gives them. */
export function slackRoleLists(config: Pick<SlackConfig, 'managers' | 'viewers'>): RoleLists {
  return managersAndViewers('slack', config);
}

/** Looks names up through the Web API, once per user per NAME_TTL_MS. */
export function createIdentity(client: webApi.WebClient, now = () => Date.now()): SlackIdentity {
  const cache = new Map<string, { name: string; locale?: string; until: number }>();
  const person = (id: string, name: string, locale: string | undefined): User => ({
    platform: 'slack',
    id,
    name,
    ...(locale ? { locale } : {}),
  });
  return {
    async user(userId, fallbackName) {
      const cached = cache.get(userId);
      if (cached && cached.until > now()) return person(userId, cached.name, cached.locale);
      let name = fallbackName || userId;
      let locale: string | undefined;
      try {
        // include_locale: the person's Slack language, which their private answers follow (src/i18n/reader.ts).
        const info = await client.users.info({ user: userId, include_locale: true });
        const found = info.user?.profile?.display_name || info.user?.real_name || info.user?.name;
        locale = info.user?.locale || undefined;
        if (found) {
          name = found;
          cache.set(userId, { name, ...(locale ? { locale } : {}), until: now() + NAME_TTL_MS });
        }
      } catch {
        // NOTE: a missing users:read scope or a Slack hiccup must not block the click; the payload name will do.
      }
      return person(userId, name, locale);
    },
  };
}
