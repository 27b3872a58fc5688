import type { Knex } from 'knex';
import { recordActivity } from './activity.ts';
import { fail, ok, type Result } from './outcome.ts';
import { type Actor, requireRole } from './staff.ts';

export const DISPUTE_OUTCOMES = [
  'upheld_credit_note',
  'rejected_collect',
  'withdrawn',
  'partially_credited',
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/**
 * PB-21 / PB-19: a dispute on chosen invoices stops interest and the ladder for those items only;
 * the rest of the account is still collected. An invoice is in at most one open dispute.
 */
export async function openDispute(
  db: Knex,
  actor: Actor,
  accountId: number,
  /** `at`: when it was raised on the business clock (Clock.businessNow); absent: the database's now. */
  input: { itemIds: number[]; reason: string; at?: Date | undefined },
): Promise<Result<{ disputeId: number }>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Opening a dispute');
  if (!allowed.ok) return allowed;
  const reason = input.reason.trim();
  if (!reason) return fail('invalid_input', 'Say what the customer disputes.', { reason: 'required' });
  if (input.itemIds.length === 0) {
    return fail('invalid_input', 'Choose the invoices in dispute.', {
      invoices: 'choose at least one invoice',
    });
  }
  return db.transaction(async (trx) => {
    const items = await trx('open_items')
      .where({ customer_id: accountId, status: 'open' })
      .whereIn('id', input.itemIds)
      .select('id', 'invoice_number');
    if (items.length !== new Set(input.itemIds).size) {
      return fail('invalid_input', 'Some chosen invoices are not open invoices of this account.', {
        invoices: 'only open invoices of this account can be disputed',
      });
    }
    const busy = await trx('dispute_items')
      .join('open_items', 'open_items.id', 'dispute_items.open_item_id')
      .whereIn('dispute_items.open_item_id', input.itemIds)
      .where('dispute_items.active', true)
      .select('open_items.invoice_number', 'dispute_items.dispute_id')
      .forUpdate();
    if (busy.length > 0) {
      const list = busy.map((b) => `${b.invoice_number} (dispute #${b.dispute_id})`).join(', ');
      return fail('conflict', `Already in an open dispute: ${list}.`, {
        invoices: `already disputed: ${list}`,
      });
    }
    const [row] = await trx('disputes')
      .insert({ customer_id: accountId, reason, opened_by_user_id: actor.userId })
      .returning('id');
    const disputeId = Number(row.id);
    await trx('dispute_items').insert(
      input.itemIds.map((id) => ({ dispute_id: disputeId, open_item_id: id })),
    );
    await recordActivity(trx, {
      accountId,
      actor,
      kind: 'dispute_opened',
      details: { disputeId, reason, invoices: items.map((i) => i.invoice_number) },
      ...(input.at ? { at: input.at } : {}),
    });
    return ok({ disputeId });
  });
}

/** Closes a dispute with its outcome; its items are collected (or credited) again from here on. */
export async function resolveDispute(
  db: Knex,
  actor: Actor,
  disputeId: number,
  outcome: DisputeOutcome,
  note?: string,
): Promise<Result<true>> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'Resolving a dispute');
  if (!allowed.ok) return allowed;
  if (!DISPUTE_OUTCOMES.includes(outcome)) {
    return fail('invalid_input', `Unknown outcome; use one of ${DISPUTE_OUTCOMES.join(', ')}.`, {
      outcome: 'unknown',
    });
  }
  return db.transaction(async (trx) => {
    const [dispute] = await trx('disputes')
      .where({ id: disputeId })
      .whereNull('resolved_at')
      .update({ resolved_at: trx.fn.now(), resolved_by_user_id: actor.userId, outcome })
      .returning(['customer_id']);
    if (!dispute) return fail('not_found', `There is no open dispute #${disputeId}.`);
    await trx('dispute_items').where({ dispute_id: disputeId }).update({ active: false });
    await recordActivity(trx, {
      accountId: Number(dispute.customer_id),
      actor,
      kind: 'dispute_resolved',
      details: { disputeId, outcome, note: note ?? null },
    });
    return ok(true as const);
  });
}
