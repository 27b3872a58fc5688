/** PB-30: a manager hands an account over to a collection agency (the form and answers: the reader's language). */
import { currencyCode, totalsAsList } from '../collections/money.ts';
import { privateT } from '../i18n/speech.ts';
import { agencyForm } from '../views/agency-form.ts';
import { stateVersion } from '../worklist/activity.ts';
import { handOver } from '../worklist/agency.ts';
import type { Actor } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';
import { roleNeeded } from './roles.ts';
import { failureText } from '../worklist/outcome.ts';

/** Opens the hand-over form for a manager. */
export async function openAgencyForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'handOver');
  if (refused) return refused;
  const customer = await ctx.db('customers').where({ id: accountId }).first('name');
  if (!customer) return refuse(t.t('agency.noAccount', { id: String(accountId) }));
  const earlier = await ctx
    .db('agency_handovers')
    .where({ customer_id: accountId })
    .first('agency', 'handed_over_on');
  if (earlier)
    return refuse(
      t.t('agency.already', { agency: String(earlier.agency), date: String(earlier.handed_over_on) }),
    );
  const rows = await ctx
    .db('open_items')
    .where({ customer_id: accountId, status: 'open' })
    .groupBy('currency')
    .select('currency', ctx.db.raw('sum(open_minor)::text as open'));
  const open = totalsAsList(Object.fromEntries(rows.map((r) => [currencyCode(r.currency), Number(r.open)])))
    .map((m) => t.money(m.minor, m.currency))
    .join(' + ');
  const version = await stateVersion(ctx.db, accountId);
  return {
    kind: 'openForm',
    form: agencyForm({ id: accountId, name: String(customer.name), version }, open, t),
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
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'handOver');
  if (refused) return refused;
  const today = ctx.clock.today();
  const result = await handOver(ctx.db, actor, accountId, values, today, drawnAt, t);
  if (!result.ok) {
    if (result.error.code === 'invalid_input' && result.error.fields)
      return { kind: 'formErrors', errors: result.error.fields };
    return refuse(failureText(privateT(ctx), result.error));
  }
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  if (!card) return refuse(t.t('agency.noAccount', { id: String(accountId) }));
  card.blocks.unshift({
    type: 'context',
    text: t.t('agency.done', { actor: actor.name, agency: result.value.agency }),
  });
  return { kind: 'ephemeral', message: card };
}
