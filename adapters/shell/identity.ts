/**
 * The shell user's role: DUEBOT_SHELL_ROLE, applied at each start like a Slack or Teams role list (so
 * changing the setting takes effect at the next start, and a manager's `role` cannot silently fight it).
 */
import type { Knex } from 'knex';
import { applyRoleListsAtStart, createRoleLists, type RoleLists } from '../../src/chat/roles.ts';
import type { Logger } from '../../src/log.ts';
import type { Role } from '../../src/worklist/staff.ts';

/** The one-person role list of the shell: its user (as typed at start) has DUEBOT_SHELL_ROLE. */
export function shellRoleLists(userId: string, role: Role): RoleLists {
  return createRoleLists('shell', [{ role, setting: 'DUEBOT_SHELL_ROLE', ids: [userId] }]);
}

/** Applies DUEBOT_SHELL_ROLE to the shell user at a start; the lists go into the dispatcher's context. */
export async function startShellRoles(db: Knex, userId: string, role: Role, log: Logger): Promise<RoleLists> {
  const lists = shellRoleLists(userId, role);
  await applyRoleListsAtStart(db, lists, log);
  return lists;
}
