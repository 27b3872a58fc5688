import type { Knex } from 'knex';
import type { MessageValues } from '../i18n/translate.ts';
import { translator } from '../i18n/translate.ts';
import { failSaying, ok, type Result } from './outcome.ts';
import { readPerson } from './person-row.ts';

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

/** Each role with its article, for sentences ("you are a viewer"). */
export const ROLE_WORDS: Record<Role, string> = {
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
  const known = await readPerson(db, identity.platform, identity.platformUserId);
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

/** Refuses unless the actor holds one of `roles`; the refusal names the role needed and how to get it. */
export function requireRole(
  actor: Actor,
  roles: readonly Role[],
  doing: RoleNeededFor,
  names: { owner?: string; letter?: string } = {},
): Result<true> {
  if (roles.includes(actor.role)) return ok(true);
  const values = roleNeededValues(actor, roles, doing, names);
  return {
    ok: false,
    error: {
      code: 'forbidden',
      message: translator('en').t('role.needed', values),
      says: { key: 'role.needed', values },
    },
  };
}

/** What a role is needed for, as the catalog's `role.needed` says it (in the reader's language). */
export type RoleNeededFor =
  | 'dispute'
  | 'resolve'
  | 'pause'
  | 'unpause'
  | 'reassign'
  | 'terms'
  | 'handOver'
  | 'credits'
  | 'role'
  | 'claim'
  | 'release'
  | 'meeting'
  | 'planAgree'
  | 'planCancel'
  | 'logContact'
  | 'note'
  | 'promiseKept'
  | 'letter'
  | 'letterSend'
  | 'letterApprove'
  | 'letterReject'
  | 'letterMarkSent'
  | 'letterSendAgain'
  | 'letterCancel';

/**
 * The values of `role.needed`: what was tried (with the owner released from, the letter's name in the
 * reader's language), the roles that may, the actor's, and the role a manager would give.
 */
export function roleNeededValues(
  actor: Actor,
  roles: readonly Role[],
  doing: RoleNeededFor,
  names: { owner?: string; letter?: string } = {},
): MessageValues {
  const needed =
    roles.includes('collector') && roles.includes('sales')
      ? 'anyStaff'
      : roles.includes('collector')
        ? 'collectorOrManager'
        : roles.includes('sales')
          ? 'salesOrManager'
          : 'manager';
  return {
    doing,
    needed,
    role: actor.role,
    name: actor.name,
    wanted: roles[0] ?? 'manager',
    owner: names.owner ?? '',
    letter: names.letter ?? '',
  };
}

/** What a role change did: `changed` is false when the person already had the role (nothing recorded). */
export interface RoleSet {
  name: string;
  from: Role;
  role: Role;
  changed: boolean;
}

/**
 * A manager changes someone's role by hand; the role lists leave it alone until they name the person.
 * Recorded as an activity of no account; setting the role a person already has records nothing. The
 * last manager cannot stop being one: nobody could then change a role from chat again.
 */
export async function setRole(db: Knex, actor: Actor, userId: number, role: Role): Promise<Result<RoleSet>> {
  const allowed = requireRole(actor, ['manager'], 'role');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const before = await trx('users')
      .where({ id: userId })
      .forUpdate()
      .first('display_name', 'platform_user_id', 'role');
    if (!before) return failSaying('not_found', 'role.noStaff', { id: String(userId) });
    const from = before.role as Role;
    const name = String(before.display_name);
    if (from === role) return ok({ name, from, role, changed: false });
    if (from === 'manager') {
      // Locks every manager row, so two managers demoting each other at once cannot leave none.
      const managers = await trx('users').where({ role: 'manager' }).forUpdate().select('id');
      if (!managers.some((m) => Number(m.id) !== userId)) {
        return failSaying('conflict', 'role.lastManager', {
          self: userId === actor.userId ? 'yes' : 'no',
          name,
        });
      }
    }
    await trx('users').where({ id: userId }).update({ role, role_source: 'hand' });
    const change = { name, platformUserId: before.platform_user_id, from };
    await recordRoleChange(trx, { userId, ...change, role }, actor);
    return ok({ name, from, role, changed: true });
  });
}

/** Where a user's role came from: its source and, for a list, the setting that named them last. */
export async function roleOrigin(
  db: Knex,
  userId: number,
): Promise<{ role: Role; source: RoleSource; setting?: string; by?: string } | null> {
  const user = await db('users').where({ id: userId }).first('role', 'role_source');
  if (!user) return null;
  const last = await db('activities as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .where('a.kind', 'role_changed')
    .whereRaw("a.details->>'userId' = ?", [String(userId)])
    .orderBy('a.id', 'desc')
    .first('a.details', 'u.display_name');
  const details = (typeof last?.details === 'string' ? JSON.parse(last.details) : last?.details) as
    Partial<RoleChange> | undefined;
  return {
    role: user.role as Role,
    source: user.role_source as RoleSource,
    ...(details?.setting ? { setting: details.setting } : {}),
    ...(last?.display_name ? { by: String(last.display_name) } : {}),
  };
}

/** Looks a staff user up by display name (case-insensitive) or platform id. */
export async function findStaff(
  db: Knex,
  text: string,
): Promise<{ id: number; name: string; role: Role; platform: string; platformUserId: string }[]> {
  const needle = text.replace(/^@/, '').trim();
  const rows = await db('users')
    .whereRaw('lower(display_name) = lower(?)', [needle])
    .orWhere('platform_user_id', needle)
    .orderBy('id')
    .select('id', 'display_name', 'role', 'platform', 'platform_user_id');
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.display_name,
    role: r.role as Role,
    platform: String(r.platform),
    platformUserId: String(r.platform_user_id),
  }));
}
