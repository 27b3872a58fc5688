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

/** Maps a chat identity to a staff user, creating it on first use with `defaultRole`. */
export async function resolveActor(
  db: Knex,
  identity: ChatIdentity,
  defaultRole: Role = 'collector',
): Promise<Actor> {
  // Known people whose name is unchanged are only read: no write (and no commit to wait for) on each
  // interaction; the upsert below still settles a first use by two requests at once.
  const known = await db('users')
    .where({ platform: identity.platform, platform_user_id: identity.platformUserId })
    .first('id', 'display_name', 'role', 'platform');
  if (known && known.display_name === identity.displayName) {
    return {
      userId: Number(known.id),
      name: known.display_name,
      role: known.role as Role,
      platform: known.platform,
    };
  }
  const [row] = await db('users')
    .insert({
      platform: identity.platform,
      platform_user_id: identity.platformUserId,
      display_name: identity.displayName,
      email: identity.email ?? null,
      role: defaultRole,
    })
    .onConflict(['platform', 'platform_user_id'])
    .merge({ display_name: identity.displayName })
    .returning(['id', 'display_name', 'role', 'platform']);
  return { userId: Number(row.id), name: row.display_name, role: row.role as Role, platform: row.platform };
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

/** A manager changes someone's role; recorded as an activity of no account. */
export async function setRole(db: Knex, actor: Actor, userId: number, role: Role): Promise<Result<true>> {
  const allowed = requireRole(actor, ['manager'], 'Changing roles');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const updated = await trx('users').where({ id: userId }).update({ role }).returning(['id']);
    if (updated.length === 0) return fail('not_found', `There is no staff user #${userId}.`);
    await trx('activities').insert({
      actor_user_id: actor.userId,
      platform: actor.platform,
      kind: 'role_changed',
      details: JSON.stringify({ userId, role }),
    });
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
