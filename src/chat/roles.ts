/**
 * The role lists of the settings (SLACK_MANAGERS, TEAMS_VIEWERS, ...), the same on every chat platform:
 * a person named in a list has that list's role; a role a list gave ends when the person leaves the list;
 * a role a manager set by hand is the lists' business only while a list names the person. Adapters give
 * only their platform's specifics (the setting names, how ids compare).
 */
import type { Knex } from 'knex';
import type { Logger } from '../log.ts';
import { describeRoleChange } from '../views/history-view.ts';
import {
  type ListedRole,
  type Role,
  type RoleChange,
  type RoleSource,
  recordRoleChange,
} from '../worklist/staff.ts';

/** One list of one platform: everyone in `ids` gets `role`. */
export interface RoleList {
  role: Role;
  setting: string;
  ids: readonly string[];
}

/** One platform's role lists, ready to answer who is named where. */
export interface RoleLists {
  platform: string;
  /** The list naming this person (managers before viewers), or null when none does. */
  listed(platformUserId: string): ListedRole | null;
  /** The setting that gives `role`, to name the list a person left. */
  settingOf(role: Role): string | undefined;
}

/** A person not named in any list has this role (and leaves a list with it). */
export const DEFAULT_ROLE: Role = 'collector';

/**
 * The lists of one platform, checked in order, so a person named in two gets the first list's role
 * (managers are listed first). `key` says how the platform compares ids (Teams: in any case).
 */
export function createRoleLists(
  platform: string,
  lists: readonly RoleList[],
  key: (id: string) => string = (id) => id,
): RoleLists {
  const byId = new Map<string, ListedRole>();
  for (const list of lists) {
    for (const id of list.ids) {
      if (!byId.has(key(id))) byId.set(key(id), { role: list.role, setting: list.setting });
    }
  }
  return {
    platform,
    listed: (platformUserId) => byId.get(key(platformUserId)) ?? null,
    settingOf: (role) => lists.find((l) => l.role === role)?.setting,
  };
}

/**
 * A chat platform's pair of lists, `<PLATFORM>_MANAGERS` and `<PLATFORM>_VIEWERS` (managers first): the
 * same two settings on Slack and Teams; `key` is how the platform compares ids.
 */
export function managersAndViewers(
  platform: 'slack' | 'teams',
  config: { managers: readonly string[]; viewers: readonly string[] },
  key?: (id: string) => string,
): RoleLists {
  const prefix = platform.toUpperCase();
  return createRoleLists(
    platform,
    [
      { role: 'manager', setting: `${prefix}_MANAGERS`, ids: config.managers },
      { role: 'viewer', setting: `${prefix}_VIEWERS`, ids: config.viewers },
    ],
    key,
  );
}

interface StaffRow {
  id: string | number;
  platform_user_id: string;
  display_name: string;
  role: Role;
  role_source: RoleSource;
}

/** What the lists make of one user now, or null when the row already agrees. */
function decide(lists: RoleLists, row: StaffRow) {
  const listed = lists.listed(row.platform_user_id);
  if (listed) {
    if (row.role === listed.role && row.role_source === 'list') return null;
    return { role: listed.role, source: 'list' as const, setting: listed.setting, listed: true };
  }
  if (row.role_source !== 'list') return null;
  const setting = lists.settingOf(row.role) ?? `the ${lists.platform} role lists`;
  return { role: DEFAULT_ROLE, source: 'default' as const, setting, listed: false };
}

/**
 * Makes the users of one platform agree with its lists, both ways (at each start): each role changed
 * leaves a `role_changed` activity naming the setting. Each row changes only from the state it was read
 * in, so two processes starting at once record each change once; applying again changes nothing.
 */
export async function applyRoleLists(db: Knex, lists: RoleLists): Promise<RoleChange[]> {
  const rows: StaffRow[] = await db('users')
    .where({ platform: lists.platform })
    .orderBy('id')
    .select('id', 'platform_user_id', 'display_name', 'role', 'role_source');
  const applied: RoleChange[] = [];
  for (const row of rows) {
    const next = decide(lists, row);
    if (!next) continue;
    const userId = Number(row.id);
    const change: RoleChange = {
      userId,
      name: row.display_name,
      platformUserId: row.platform_user_id,
      from: row.role,
      role: next.role,
      setting: next.setting,
      listed: next.listed,
    };
    const changed = await db.transaction(async (trx) => {
      const updated = await trx('users')
        .where({ id: userId, role: row.role, role_source: row.role_source })
        .update({ role: next.role, role_source: next.source })
        .returning('id');
      if (updated.length === 0 || next.role === row.role) return false;
      await recordRoleChange(trx, change);
      return true;
    });
    if (changed) applied.push(change);
  }
  return applied;
}

/** Applies one platform's lists at a start and logs each change in words: who got or lost which role, why. */
export async function applyRoleListsAtStart(db: Knex, lists: RoleLists, log: Logger): Promise<RoleChange[]> {
  const changes = await applyRoleLists(db, lists);
  for (const change of changes) log.info({ roleChange: change }, describeRoleChange({ ...change }, null));
  return changes;
}
