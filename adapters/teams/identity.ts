/**
 * Teams users as staff: the stable id is the Entra object id (the same across bots and tenants' apps), the
 * display name comes with every activity, the role on first use from TEAMS_MANAGERS / TEAMS_VIEWERS.
 */
import type { Activity } from 'botbuilder';
import type { Knex } from 'knex';
import type { TeamsConfig } from '../../src/config.ts';
import type { User } from '../../src/views/model.ts';
import type { Role } from '../../src/worklist/staff.ts';
import { userKeyOf } from './conversations.ts';

/** The neutral user behind an activity. */
export function teamsUser(activity: Partial<Activity>): User {
  const id = userKeyOf(activity.from);
  return { platform: 'teams', id, name: activity.from?.name || id };
}

/** The role a Teams user gets when the bot first sees them. */
export function teamsRoleFor(config: Pick<TeamsConfig, 'managers' | 'viewers'>) {
  return (platform: string, userId: string): Role => {
    if (platform !== 'teams') return 'collector';
    if (config.managers.includes(userId.toLowerCase())) return 'manager';
    if (config.viewers.includes(userId.toLowerCase())) return 'viewer';
    return 'collector';
  };
}

/** Applies the role lists to Teams staff the bot already knows, so a change takes effect at the next start. */
export async function applyTeamsRoles(
  db: Knex,
  config: Pick<TeamsConfig, 'managers' | 'viewers'>,
): Promise<number> {
  let changed = 0;
  for (const [role, ids] of [
    ['manager', config.managers],
    ['viewer', config.viewers],
  ] as const) {
    if (ids.length === 0) continue;
    changed += await db('users')
      .where({ platform: 'teams' })
      .whereIn('platform_user_id', [...ids])
      .whereNot({ role })
      .update({ role });
  }
  return changed;
}
