import type { Knex } from 'knex';
import { fail, ok, type Result } from './outcome.ts';

/** Staff roles (PB-25 owners are collectors or managers; sales and viewers follow along). */
export const ROLES = ['collector', 'manager', 'sales', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Someone acting through a chat platform (or the shell), as the worklist knows them. */
export interface Actor {
  userId: number;
  name: string;
  role: Role;
  platform: string;
}

/** A chat identity as an adapter sees it. */
export interface ChatIdentity {
  platform: string;
  platformUserId: string;
  displayName: string;
  email?: string | undefined;
}

const ROLE_WORDS: Record<Role, string> = {
  collector: 'a collector',
  manager: 'a manager',
  sales: 'sales',
  viewer: 'a viewer',
};

/** Where a user's role came from: the default of first use, a role list in the settings, or a manager's hand. */
export type RoleSource = 'default' | 'list' | 'hand';

/** A role a settings list gives, with the setting that names the person (for the history). */
export interface ListedRole {
  role: Role;
  setting: string;
}

/** One change of a user's role, as its `role_changed` activity records it. */
export interface RoleChange {
  userId: number;
  name: string;
  platformUserId: string;
  from: Role | null;
  role: Role;
  /** The setting that gave or took the role; absent when a manager set it by hand. */
  setting?: string;
  /** False when the role ended because the person is named in no list any more. */
  listed?: boolean;
}

/** Appends the history row of a role change: an activity of no account (PB-03). */
export async function recordRoleChange(
  trx: Knex.Transaction,
  change: RoleChange,
  actor: Actor | null = null,
): Promise<void> {
  await trx('activities').insert({
    actor_user_id: actor?.userId ?? null,
    platform: actor?.platform ?? 'system',
    kind: 'role_changed',
    details: JSON.stringify(change),
  });
}

type UserRow = { id: string | number; display_name: string; role: string; platform: string };
const toActor = (row: UserRow): Actor => ({
  userId: Number(row.id),
  name: row.display_name,
  role: row.role as Role,
  platform: row.platform,
});

/**
 * Maps a chat identity to a staff user, creating it on first use with `firstRole`: a plain role is a
 * default; a listed role is recorded as given by its setting. Known people keep the role their row has.
 */
export async function resolveActor(
  db: Knex,
  identity: ChatIdentity,
  firstRole: Role | ListedRole = 'collector',
): Promise<Actor> {
  // Known people whose name is unchanged are only read: no write (and no commit to wait for) on each
  // interaction; the insert below still settles a first use by two requests at once.
  const where = { platform: identity.platform, platform_user_id: identity.platformUserId };
  const known = await db('users').where(where).first('id', 'display_name', 'role', 'platform');
  if (known && known.display_name === identity.displayName) return toActor(known);
  if (!known) {
    const created = await createUser(db, identity, firstRole);
    if (created) return created;
  }
  const [row] = await db('users')
    .where(where)
    .update({ display_name: identity.displayName })
    .returning(['id', 'display_name', 'role', 'platform']);
  return toActor(row);
}

/** Inserts a first-used person, or null when someone else's request inserted them first. */
async function createUser(
  db: Knex,
  identity: ChatIdentity,
  firstRole: Role | ListedRole,
): Promise<Actor | null> {
  const listed = typeof firstRole === 'string' ? null : firstRole;
  const role = typeof firstRole === 'string' ? firstRole : firstRole.role;
  return db.transaction(async (trx) => {
    const [row] = await trx('users')
      .insert({
        platform: identity.platform,
        platform_user_id: identity.platformUserId,
        display_name: identity.displayName,
        email: identity.email ?? null,
        role,
        role_source: listed ? 'list' : 'default',
      })
      .onConflict(['platform', 'platform_user_id'])
      .ignore()
      .returning(['id', 'display_name', 'role', 'platform']);
    if (!row) return null;
    const actor = toActor(row);
    if (listed) {
      await recordRoleChange(trx, {
        userId: actor.userId,
        name: actor.name,
        platformUserId: identity.platformUserId,
        from: null,
        role,
        setting: listed.setting,
        listed: true,
      });
    }
    return actor;
  });
}

/** Refuses unless the actor holds one of `roles`; the refusal names the role needed (issue: roles). */
export function requireRole(actor: Actor, roles: readonly Role[], doing: string): Result<true> {
  if (roles.includes(actor.role)) return ok(true);
  const needed = roles.map((r) => ROLE_WORDS[r]).join(' or ');
  return fail(
    'forbidden',
    `${doing} needs ${needed}; you are ${ROLE_WORDS[actor.role]}. Ask a manager to change your role.`,
  );
}

/**
 * A manager changes someone's role by hand; the role lists leave it alone until they name the person.
 * Recorded as an activity of no account.
 */
export async function setRole(db: Knex, actor: Actor, userId: number, role: Role): Promise<Result<true>> {
  const allowed = requireRole(actor, ['manager'], 'Changing roles');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const before = await trx('users')
      .where({ id: userId })
      .forUpdate()
      .first('display_name', 'platform_user_id', 'role');
    if (!before) return fail('not_found', `There is no staff user #${userId}.`);
    await trx('users').where({ id: userId }).update({ role, role_source: 'hand' });
    const change = { name: before.display_name, platformUserId: before.platform_user_id, from: before.role };
    await recordRoleChange(trx, { userId, ...change, role }, actor);
    return ok(true as const);
  });
}

/** Looks a staff user up by display name (case-insensitive) or platform id. */
export async function findStaff(db: Knex, text: string): Promise<{ id: number; name: string; role: Role }[]> {
  const needle = text.replace(/^@/, '').trim();
  const rows = await db('users')
    .whereRaw('lower(display_name) = lower(?)', [needle])
    .orWhere('platform_user_id', needle)
    .select('id', 'display_name', 'role');
  return rows.map((r) => ({ id: Number(r.id), name: r.display_name, role: r.role as Role }));
}
