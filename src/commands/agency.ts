/** PB-30: a manager hands an account over to a collection agency. */
import { formatTotals } from '../collections/money.ts';
import { agencyForm } from '../views/agency-form.ts';
import { stateVersion } from '../worklist/activity.ts';
import { handOver } from '../worklist/agency.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';

/** Opens the hand-over form for a manager. */
export async function openAgencyForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const allowed = requireRole(actor, ['manager'], 'Handing an account over to an agency');
  if (!allowed.ok) return refuse(allowed.error.message);
  const customer = await ctx.db('customers').where({ id: accountId }).first('name');
  if (!customer) return refuse(`There is no account #${accountId}.`);
  const earlier = await ctx
    .db('agency_handovers')
    .where({ customer_id: accountId })
    .first('agency', 'handed_over_on');
  if (earlier)
    return refuse(
      `This account was already handed over to ${String(earlier.agency)} on ${String(earlier.handed_over_on)}.`,
    );
  const rows = await ctx
    .db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    .groupBy('currency')
    .select('currency', ctx.db.raw('sum(open_minor)::text as open'));
  const open = formatTotals(Object.fromEntries(rows.map((r) => [String(r.currency).trim(), Number(r.open)])));
  const version = await stateVersion(ctx.db, accountId);
  return {
    kind: 'openForm',
    form: agencyForm({ id: accountId, name: String(customer.name), version }, open || 'nothing'),
  };
}

/** Records the hand-over and shows the card, which says where the account went. */
export async function submitAgency(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
  drawnAt: number | undefined,
): Promise<Reply> {
  const today = ctx.clock.today();
  const result = await handOver(ctx.db, actor, accountId, values, today, drawnAt);
  if (!result.ok) {
    if (result.error.code === 'invalid_input' && result.error.fields)
      return { kind: 'formErrors', errors: result.error.fields };
    return refuse(result.error.message);
  }
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  if (!card) return refuse(`There is no account #${accountId}.`);
  card.blocks.unshift({
    type: 'context',
    text: `${actor.name} handed this account over to ${result.value.agency}.`,
  });
  return { kind: 'ephemeral', message: card };
}
