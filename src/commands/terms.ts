/**
 * A manager sets an account's terms (PB-06 exemption, PB-09 habitual late payer, PB-16 contract rate). The
 * form, its field messages and the card it answers with are private: in the reader's language.
 */
import { privateT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import { termsForm } from '../views/terms-form.ts';
import { stateVersion } from '../worklist/activity.ts';
import { contractRate } from '../worklist/snapshots.ts';
import { readTerms, setTerms, type AccountTerms } from '../worklist/account-terms.ts';
import type { Actor } from '../worklist/staff.ts';
import { accountCard, accountChanged, type DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';
import { roleNeeded } from './roles.ts';
import { failureText } from '../worklist/outcome.ts';

/** Opens the terms form for a manager; anyone else hears which role it needs. */
export async function openTermsForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'terms');
  if (refused) return refused;
  const customer = await ctx
    .db('customers')
    .where({ id: accountId })
    .first('name', 'ledger_interest_percent');
  if (!customer) return refuse(t.t('terms.noAccount', { id: String(accountId) }));
  const [terms, version] = await Promise.all([readTerms(ctx.db, accountId), stateVersion(ctx.db, accountId)]);
  return {
    kind: 'openForm',
    form: termsForm(
      { id: accountId, name: String(customer.name), version },
      terms,
      blankRate(ctx, customer.ledger_interest_percent),
      t,
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

/** What changed, each a whole phrase ("habitual late payer no → yes"), listed as the locale lists them. */
function changes(t: Translator, before: AccountTerms, after: AccountTerms, defaultRate: string): string[] {
  const out: string[] = [];
  if (before.keyAccountExempt !== after.keyAccountExempt)
    out.push(
      t.t('terms.change.exempt', { from: yes(before.keyAccountExempt), to: yes(after.keyAccountExempt) }),
    );
  if (before.habitualLatePayer !== after.habitualLatePayer)
    out.push(
      t.t('terms.change.habitual', { from: yes(before.habitualLatePayer), to: yes(after.habitualLatePayer) }),
    );
  if (before.interestRatePerDay !== after.interestRatePerDay)
    out.push(
      t.t('terms.change.rate', {
        from: before.interestRatePerDay ?? defaultRate,
        to: after.interestRatePerDay ?? defaultRate,
      }),
    );
  return out;
}

/** Applies a submitted terms form and shows the card assessed with the new terms. */
export async function submitTerms(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
  drawnAt: number | undefined,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'terms');
  if (refused) return refused;
  const result = await setTerms(ctx.db, actor, accountId, values, drawnAt, t);
  if (!result.ok) {
    if (result.error.code === 'invalid_input' && result.error.fields)
      return { kind: 'formErrors', errors: result.error.fields };
    return refuse(failureText(privateT(ctx), result.error));
  }
  await accountChanged(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  if (!card) return refuse(t.t('terms.noAccount', { id: String(accountId) }));
  const ledger = await ctx.db('customers').where({ id: accountId }).first('ledger_interest_percent');
  const changed = changes(
    t,
    result.value.before,
    result.value.after,
    blankRate(ctx, ledger?.ledger_interest_percent),
  );
  card.blocks.unshift({
    type: 'context',
    text: t.t('terms.set', {
      actor: actor.name,
      changed: changed.length > 0 ? 'yes' : 'no',
      changes: changed.join(t.t('terms.listSeparator')),
    }),
  });
  return { kind: 'ephemeral', message: card };
}
