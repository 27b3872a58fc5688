/** A manager sets an account's terms (PB-06 exemption, PB-09 habitual late payer, PB-16 contract rate). */
import { termsForm } from '../views/terms-form.ts';
import { stateVersion } from '../worklist/activity.ts';
import { contractRate } from '../worklist/snapshots.ts';
import { readTerms, setTerms, type AccountTerms } from '../worklist/account-terms.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';

/** Opens the terms form for a manager; anyone else hears which role it needs. */
export async function openTermsForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const allowed = requireRole(actor, ['manager'], 'Setting account terms');
  if (!allowed.ok) return refuse(allowed.error.message);
  const customer = await ctx
    .db('customers')
    .where({ id: accountId })
    .first('name', 'ledger_interest_percent');
  if (!customer) return refuse(`There is no account #${accountId}.`);
  const [terms, version] = await Promise.all([readTerms(ctx.db, accountId), stateVersion(ctx.db, accountId)]);
  return {
    kind: 'openForm',
    form: termsForm(
      { id: accountId, name: String(customer.name), version },
      terms,
      blankRate(ctx, customer.ledger_interest_percent),
    ),
  };
}

const yes = (v: boolean) => (v ? 'yes' : 'no');

/** PB-16: the rate that applies when a manager sets none: the ledger's for this customer, else the policy's. */
function blankRate(ctx: DispatchContext, ledgerPercent: unknown): string {
  return (
    contractRate(null, typeof ledgerPercent === 'string' ? ledgerPercent : null) ??
    ctx.policy.interest.ratePerDay
  );
}

/** What changed, in one line for the card ("habitual late payer: no -> yes"). */
function changes(before: AccountTerms, after: AccountTerms, defaultRate: string): string {
  const out: string[] = [];
  if (before.keyAccountExempt !== after.keyAccountExempt)
    out.push(`key-account exemption ${yes(before.keyAccountExempt)} → ${yes(after.keyAccountExempt)}`);
  if (before.habitualLatePayer !== after.habitualLatePayer)
    out.push(`habitual late payer ${yes(before.habitualLatePayer)} → ${yes(after.habitualLatePayer)}`);
  if (before.interestRatePerDay !== after.interestRatePerDay)
    out.push(
      `interest ${before.interestRatePerDay ?? defaultRate} → ${after.interestRatePerDay ?? defaultRate} a day`,
    );
  return out.length > 0 ? out.join(', ') : 'nothing changed';
}

/** Applies a submitted terms form and shows the card assessed with the new terms. */
export async function submitTerms(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
  drawnAt: number | undefined,
): Promise<Reply> {
  const result = await setTerms(ctx.db, actor, accountId, values, drawnAt);
  if (!result.ok) {
    if (result.error.code === 'invalid_input' && result.error.fields)
      return { kind: 'formErrors', errors: result.error.fields };
    return refuse(result.error.message);
  }
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  if (!card) return refuse(`There is no account #${accountId}.`);
  const ledger = await ctx.db('customers').where({ id: accountId }).first('ledger_interest_percent');
  const rate = blankRate(ctx, ledger?.ledger_interest_percent);
  card.blocks.unshift({
    type: 'context',
    text: `${actor.name} set the account terms: ${changes(result.value.before, result.value.after, rate)}.`,
  });
  return { kind: 'ephemeral', message: card };
}
