import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import { refreshWorklist } from '../worklist/assess.ts';
import { currentOwner, reassignAccount } from '../worklist/claims.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, type DispatchContext } from './account-actions.ts';
import { reassignForm } from '../views/reassign-form.ts';

const refuse = (message: string): Reply => ({
  kind: 'ephemeral',
  message: notice(message, { tone: 'danger' }),
});

/** PB-25: a manager moves an account to another collector; the form lists who can own accounts. */
export async function openReassignForm(
  ctx: DispatchContext,
  actor: Actor,
  customerId: number,
): Promise<Reply> {
  const allowed = requireRole(actor, ['manager'], 'Reassigning an account');
  if (!allowed.ok) return refuse(allowed.error.message);
  const customer = await ctx.db('customers').where({ id: customerId }).first('name');
  if (!customer) return refuse(`There is no account #${customerId}.`);
  const owner = await currentOwner(ctx.db, customerId);
  const staff = await ctx
    .db('users')
    .whereIn('role', ['collector', 'manager'])
    .orderBy('display_name')
    .select('id', 'display_name');
  const options = staff
    .filter((s) => Number(s.id) !== owner?.userId)
    .map((s) => ({ value: String(s.id), label: String(s.display_name) }));
  if (options.length === 0)
    return refuse('Nobody else can own accounts yet: collectors appear here after they first use duebot.');
  return {
    kind: 'openForm',
    form: reassignForm({ id: customerId, name: String(customer.name) }, owner, options),
  };
}

/** Applies a submitted reassign form and shows the card with its new owner. */
export async function submitReassign(
  ctx: DispatchContext,
  actor: Actor,
  customerId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const to = Number(values.owner);
  if (!Number.isSafeInteger(to) || to <= 0)
    return { kind: 'formErrors', errors: { owner: 'choose the new owner' } };
  const result = await reassignAccount(ctx.db, actor, customerId, to);
  if (!result.ok) {
    return result.error.code === 'forbidden'
      ? refuse(result.error.message)
      : { kind: 'formErrors', errors: { owner: result.error.message } };
  }
  await refreshWorklist(
    { db: ctx.db, policy: ctx.policy, today: ctx.clock.today(), timeZone: ctx.clock.timeZone },
    [customerId],
  );
  ctx.onWorklistChanged?.();
  const card = await accountCard(ctx, customerId);
  if (!card) return refuse(`There is no account #${customerId}.`);
  const from = result.value.previousOwner ? ` from ${result.value.previousOwner.name}` : '';
  card.blocks.unshift({
    type: 'context',
    text: `${actor.name} reassigned this account${from} to ${result.value.owner.name}.`,
  });
  return { kind: 'ephemeral', message: card };
}
