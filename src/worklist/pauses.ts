import type { Knex } from 'knex';
import { recordActivity } from './activity.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

/**
 * Pause chasing an account or one invoice (with a reason and an optional end date): paused items keep
 * aging but get no ladder actions.
 */
export async function pauseChasing(
  db: Knex,
  actor: Actor,
  accountId: number,
  input: { reason: string; until?: string | undefined; itemId?: number | undefined },
  today: string,
): Promise<Result<{ pauseId: number }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Pausing follow-up');
  if (!allowed.ok) return allowed;
  const reason = input.reason.trim();
  if (!reason) return fail('invalid_input', 'Say why chasing is paused.', { reason: 'required' });
  if (input.until !== undefined && input.until <= today) {
    return fail('invalid_input', `The pause must end after today (${today}).`, {
      until: `a date after ${today}`,
    });
  }
  return db.transaction(async (trx) => {
    if (input.itemId !== undefined) {
      const item = await trx('open_items').where({ id: input.itemId, customer_id: accountId }).first('id');
      if (!item)
        return fail('invalid_input', 'That invoice is not one of this account.', { invoice: 'not found' });
    }
    const [row] = await trx('pauses')
      .insert({
        customer_id: accountId,
        open_item_id: input.itemId ?? null,
        reason,
        until: input.until ?? null,
        created_by_user_id: actor.userId,
      })
      .returning('id');
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'paused',
      details: { pauseId: Number(row.id), reason, until: input.until ?? null, itemId: input.itemId ?? null },
    });
    return ok({ pauseId: Number(row.id) });
  });
}

/** Ends a pause before its date. */
export async function liftPause(db: Knex, actor: Actor, pauseId: number): Promise<Result<true>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Lifting a pause');
  if (!allowed.ok) return allowed;
  return db.transaction(async (trx) => {
    const [pause] = await trx('pauses')
      .where({ id: pauseId })
      .whereNull('lifted_at')
      .update({ lifted_at: trx.fn.now(), lifted_by_user_id: actor.userId })
      .returning(['customer_id']);
    if (!pause) return fail('not_found', `There is no active pause #${pauseId}.`);
    await recordActivity(trx, {
      accountId: Number(pause.customer_id),
      actor,
      kind: 'pause_lifted',
      details: { pauseId },
    });
    return ok(true as const);
  });
}

/** Pauses in force today: whole-account ones (itemId null) and per-invoice ones. */
export async function activePauses(db: Knex, accountIds: number[], today: string) {
  const rows = await db('pauses')
    .whereIn('customer_id', accountIds)
    .whereNull('lifted_at')
    .where((q) => q.whereNull('until').orWhere('until', '>', today))
    .select('id', 'customer_id', 'open_item_id', 'reason', 'until');
  return rows.map((r) => ({
    id: Number(r.id),
    accountId: Number(r.customer_id),
    itemId: r.open_item_id === null ? null : Number(r.open_item_id),
    reason: String(r.reason),
    until: r.until as string | null,
  }));
}
