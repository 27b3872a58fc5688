import type { Knex } from 'knex';
import { type Translator, translator } from '../i18n/translate.ts';
import { recordActivity } from './activity.ts';
import { fail, failSaying, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/** The accounts a person owns now (their active claims, PB-25), as a subquery served by the claims' owner index. */
export function ownedAccounts(db: Knex, userId: number): Knex.QueryBuilder {
  return db('claims').where('user_id', userId).whereNull('released_at').select('customer_id');
}

/** Who owns an account now (PB-25), if anyone. */
export interface Owner {
  userId: number;
  name: string;
  since: Date;
}

export async function currentOwner(db: Knex, accountId: number): Promise<Owner | null> {
  const row = await db('claims')
    .join('users', 'users.id', 'claims.user_id')
    .where({ 'claims.customer_id': accountId })
    .whereNull('claims.released_at')
    .first('users.id', 'users.display_name', 'claims.claimed_at');
  return row ? { userId: Number(row.id), name: row.display_name, since: row.claimed_at } : null;
}

async function customerExists(db: Knex, accountId: number): Promise<boolean> {
  return Boolean(await db('customers').where({ id: accountId }).first('id'));
}

/**
 * The claim as one statement (one round trip, atomic on its own): the account must exist; the insert,
 * its activity row (PB-03) and the version bump happen together or not at all. The statement also reads
 * the owner seen before it ran, for the answer to those who lost.
 */
const CLAIM_SQL = `
  WITH target AS (SELECT id FROM customers WHERE id = ?),
  inserted AS (
    INSERT INTO claims (customer_id, user_id)
    SELECT id, ? FROM target
    ON CONFLICT (customer_id) WHERE released_at IS NULL DO NOTHING
    RETURNING customer_id, claimed_at
  ),
  activity AS (
    INSERT INTO activities (customer_id, actor_user_id, platform, kind, details)
    SELECT customer_id, ?, ?, 'claimed', '{}' FROM inserted
  ),
  -- NOTE: data-modifying CTEs run to completion whether or not the final SELECT reads them.
  bumped AS (
    INSERT INTO account_state (customer_id, version) SELECT customer_id, 1 FROM inserted
    ON CONFLICT (customer_id) DO UPDATE SET version = account_state.version + 1
  )
  SELECT i.claimed_at,
         o.user_id AS owner_id, o.display_name AS owner_name, o.claimed_at AS owner_since
  FROM target t
  LEFT JOIN inserted i ON true
  LEFT JOIN LATERAL (
    SELECT cl.user_id, u.display_name, cl.claimed_at FROM claims cl JOIN users u ON u.id = cl.user_id
    WHERE cl.customer_id = t.id AND cl.released_at IS NULL
  ) o ON true`;

interface ClaimRow {
  claimed_at: Date | null;
  owner_id: number | null;
  owner_name: string | null;
  owner_since: Date | null;
}

/**
 * PB-25: one owner per account. The partial unique index decides between concurrent claims:
 * exactly one insert wins; every other caller is told who owns the account.
 */
export async function claimAccount(
  db: Knex,
  actor: Actor,
  accountId: number,
): Promise<Result<{ owner: Owner; alreadyYours: boolean }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'claim');
  if (!allowed.ok) return allowed;
  const result = await db.raw(CLAIM_SQL, [accountId, actor.userId, actor.userId, actor.platform]);
  const row = result.rows[0] as ClaimRow | undefined;
  if (!row) return failSaying('not_found', 'card.account.missing', { id: String(accountId) });
  if (row.claimed_at !== null) {
    return ok({
      owner: { userId: actor.userId, name: actor.name, since: row.claimed_at },
      alreadyYours: false,
    });
  }
  // NOTE: an owner who committed while this statement ran is not in its snapshot: read it again.
  const owner =
    row.owner_id !== null
      ? { userId: Number(row.owner_id), name: String(row.owner_name), since: row.owner_since as Date }
      : await currentOwner(db, accountId);
  if (!owner) return failSaying('conflict', 'card.claim.changedHands');
  if (owner.userId === actor.userId) return ok({ owner, alreadyYours: true });
  return failSaying('already_claimed', 'card.claim.taken', { owner: owner.name });
}

/** Gives an account back to the pool: its owner or a manager may. */
export async function releaseAccount(
  db: Knex,
  actor: Actor,
  accountId: number,
  reason?: string,
): Promise<Result<{ previousOwner: Owner }>> {
  return db.transaction(async (trx) => {
    const owner = await currentOwner(trx, accountId);
    if (!owner) return failSaying('not_claimed', 'card.release.nobody');
    if (owner.userId !== actor.userId) {
      const allowed = requireRole(actor, ['manager'], 'release', { owner: owner.name });
      if (!allowed.ok) return allowed;
    }
    const updated = await trx('claims')
      .where({ customer_id: accountId, user_id: owner.userId })
      .whereNull('released_at')
      .update({
        released_at: trx.fn.now(),
        released_by_user_id: actor.userId,
        release_reason: reason ?? null,
      });
    if (updated === 0) return failSaying('conflict', 'card.release.conflict');
    await recordActivity(trx, { accountId, actor, kind: 'released', details: { from: owner.name, reason } });
    return ok({ previousOwner: owner });
  });
}

/** A manager moves an account to another collector in one step. */
export async function reassignAccount(
  db: Knex,
  actor: Actor,
  accountId: number,
  toUserId: number,
  t: Translator = translator('en'),
): Promise<Result<{ owner: Owner; previousOwner: Owner | null }>> {
  const allowed = requireRole(actor, ['manager'], 'reassign');
  if (!allowed.ok) return allowed;
  const target = await db('users').where({ id: toUserId }).first('id', 'display_name', 'role');
  if (!target) return fail('not_found', t.t('role.noStaff', { id: String(toUserId) }));
  if (!['collector', 'manager'].includes(target.role)) {
    return fail('invalid_input', t.t('reassign.cannotOwn', { name: target.display_name, role: target.role }));
  }
  if (!(await customerExists(db, accountId)))
    return fail('not_found', t.t('reassign.noAccount', { id: String(accountId) }));
  return db.transaction(async (trx) => {
    const previous = await currentOwner(trx, accountId);
    if (previous?.userId === toUserId)
      return fail('conflict', t.t('reassign.alreadyOwns', { name: target.display_name }));
    if (previous) {
      await trx('claims').where({ customer_id: accountId }).whereNull('released_at').update({
        released_at: trx.fn.now(),
        released_by_user_id: actor.userId,
        release_reason: 'reassigned',
      });
    }
    const [row] = await trx('claims')
      .insert({ customer_id: accountId, user_id: toUserId })
      .returning('claimed_at');
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'reassigned',
      details: { from: previous?.name ?? null, to: target.display_name },
    });
    return ok({
      owner: { userId: toUserId, name: target.display_name, since: row.claimed_at },
      previousOwner: previous,
    });
  });
}
