/**
 * Slack users as staff: the display name from users.info (cached), the role for first use from
 * SLACK_MANAGERS / SLACK_VIEWERS (collector otherwise). The dispatcher creates the staff user on first use.
 */
import type { webApi } from '@slack/bolt';
import type { Knex } from 'knex';
import type { User } from '../../src/views/model.ts';
import type { Role } from '../../src/worklist/staff.ts';

/** How long a looked-up display name is trusted. */
const NAME_TTL_MS = 10 * 60_000;

/** Who people are on Slack. */
export interface SlackIdentity {
  /** The neutral user for a Slack user id; `fallbackName` (from the payload) when users.info fails. */
  user(userId: string, fallbackName?: string): Promise<User>;
  /** The role a Slack user gets when the bot first sees them. */
  roleFor(platform: string, userId: string): Role;
}

/** Role lists from the settings. */
export interface RoleLists {
  managers: readonly string[];
  viewers: readonly string[];
}

/** Looks names up through the Web API, once per user per NAME_TTL_MS. */
export function createIdentity(
  client: webApi.WebClient,
  roles: RoleLists,
  now = () => Date.now(),
): SlackIdentity {
  const cache = new Map<string, { name: string; until: number }>();
  return {
    async user(userId, fallbackName) {
      const cached = cache.get(userId);
      if (cached && cached.until > now()) return { platform: 'slack', id: userId, name: cached.name };
      let name = fallbackName || userId;
      try {
        const info = await client.users.info({ user: userId });
        const found = info.user?.profile?.display_name || info.user?.real_name || info.user?.name;
        if (found) {
          name = found;
          cache.set(userId, { name, until: now() + NAME_TTL_MS });
        }
      } catch {
        // NOTE: a missing users:read scope or a Slack hiccup must not block the click; the payload name will do.
      }
      return { platform: 'slack', id: userId, name };
    },
    roleFor(platform, userId) {
      if (platform !== 'slack') return 'collector';
      if (roles.managers.includes(userId)) return 'manager';
      if (roles.viewers.includes(userId)) return 'viewer';
      return 'collector';
    },
  };
}

/**
 * Applies the role lists to Slack staff users the bot already knows, so moving someone into
 * SLACK_MANAGERS takes effect at the next start. People in neither list keep the role they have.
 */
export async function applyConfiguredRoles(db: Knex, roles: RoleLists): Promise<number> {
  let changed = 0;
  for (const [role, ids] of [
    ['manager', roles.managers],
    ['viewer', roles.viewers],
  ] as const) {
    if (ids.length === 0) continue;
    changed += await db('users')
      .where({ platform: 'slack' })
      .whereIn('platform_user_id', [...ids])
      .whereNot({ role })
      .update({ role });
  }
  return changed;
}
