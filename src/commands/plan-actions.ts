/**
 * PB-17 payment plans through the one dispatcher, the same on every platform: Payment plan (from the
 * card, a cash-flow call or the credit meeting) opens the form, its Preview stores a proposal and shows
 * it with the payment-plan letter, Customer agreed records the plan and sends the letter, Cancel plan asks
 * first. Refusals name the field or the reason and write nothing.
 */
import { defaultLetterConfig } from '../config.ts';
import type { ContactWindowPolicy } from '../collections/contact-window.ts';
import { queuedLetterMessage } from '../views/contact-views.ts';
import { privateT, threadT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import type { LetterContext, SendOutcome } from '../letters/letter-types.ts';
import { prepareLetter, sendLetter } from '../letters/send-letter.ts';
import { letterOutcomeMessage } from '../views/letter-views.ts';
import type { Message } from '../views/model.ts';
import { notice } from '../views/notices.ts';
import {
  planCancelConfirm,
  planCurrencyForm,
  planForm,
  planPreviewForm,
  planRecordedMessage,
} from '../views/plan-views.ts';
import { type Failure, failureText } from '../worklist/outcome.ts';
import {
  agreePlan,
  cancelPlan,
  draftPlan,
  planCurrencies,
  planStates,
  proposePlan,
} from '../worklist/plan-agreement.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import { accountCard, type DispatchContext, refreshAccount } from './account-actions.ts';
import { askFirst } from './confirm-step.ts';
import type { Reply } from './interaction.ts';
import { refuse } from './refuse.ts';

const PLAN_LETTER = 'payment-plan';

/** A worklist failure in the reader's language: a conflict as a plain notice, anything else as a refusal. */
const refusal = (error: Failure, t: Translator): Reply =>
  error.code === 'conflict'
    ? { kind: 'ephemeral', message: notice(failureText(t, error)) }
    : refuse(failureText(t, error));

const letterContext = (ctx: DispatchContext): LetterContext => ({
  db: ctx.db,
  clock: ctx.clock,
  policy: ctx.policy,
  letters: ctx.letters ?? defaultLetterConfig,
});

async function accountOf(ctx: DispatchContext, accountId: number) {
  const row = await ctx.db('customers').where({ id: accountId }).first('id', 'name');
  return row ? { id: Number(row.id), name: String(row.name) } : null;
}

/**
 * Payment plan: the form for the account's currency (the chooser first when it is open in several), pre-
 * filled with the PB-17 default, or with a renegotiation of the active plan in that currency.
 */
export async function openPlanForm(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  currency: string | undefined,
): Promise<Reply> {
  const allowed = requireRole(actor, ['collector', 'manager'], 'planAgree');
  if (!allowed.ok) return refuse(failureText(privateT(ctx), allowed.error));
  const t = privateT(ctx);
  const account = await accountOf(ctx, accountId);
  if (!account) return refuse(t.t('plan.error.no_account', { id: accountId }));
  const currencies = await planCurrencies(ctx.db, accountId);
  if (currencies.length === 0) return refuse(t.t('plan.error.nothing_open', { name: account.name }));
  const chosen = currency ?? (currencies.length === 1 ? currencies[0] : undefined);
  if (chosen === undefined) return { kind: 'openForm', form: planCurrencyForm(account, currencies, t) };
  if (!currencies.includes(chosen))
    return refuse(t.t('plan.error.nothing_in_currency', { name: account.name, currency: chosen }));
  const draft = await draftPlan(ctx.db, accountId, chosen, ctx.clock.today());
  if (!draft.ok) return refusal(draft.error, privateT(ctx));
  return { kind: 'openForm', form: planForm(account, draft.value, t) };
}

/** The currency chooser submitted: the plan form in that currency, or the field's error. */
export async function choosePlanCurrency(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const currency = (values.currency ?? '').trim().toUpperCase();
  const currencies = await planCurrencies(ctx.db, accountId);
  if (!currencies.includes(currency))
    return {
      kind: 'formErrors',
      errors: {
        currency: privateT(ctx).t('plan.error.choose_currency', {
          currencies: currencies.join(', ') || 'none',
        }),
      },
    };
  return openPlanForm(ctx, actor, accountId, currency);
}

/** The plan form submitted: the proposal stored and previewed with its letter, or the fields' errors. */
export async function submitPlan(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  currency: string,
  replacesPlanId: number | null,
  values: Record<string, string>,
): Promise<Reply> {
  const t = privateT(ctx);
  const account = await accountOf(ctx, accountId);
  if (!account) return refuse(t.t('plan.error.no_account', { id: accountId }));
  const proposed = await proposePlan(
    ctx.db,
    actor,
    accountId,
    { currency, replacesPlanId, values },
    ctx.clock.today(),
    privateT(ctx),
  );
  if (!proposed.ok)
    return proposed.error.fields
      ? { kind: 'formErrors', errors: proposed.error.fields }
      : refusal(proposed.error, privateT(ctx));
  const letter = await prepareLetter(letterContext(ctx), accountId, PLAN_LETTER, actor.name, {
    pdf: false,
    planId: proposed.value.proposalId,
  });
  return {
    kind: 'openForm',
    form: planPreviewForm(
      account,
      { ...proposed.value, currency },
      letter.ok ? letter.value : null,
      letter.ok ? null : letter.say ? letter.say(t) : letter.message,
      t,
    ),
  };
}

/** What became of the letter that goes with a recorded plan, as blocks for the thread. */
function letterBlocks(
  outcome: SendOutcome,
  who: string,
  customerName: string,
  window: ContactWindowPolicy,
  t: Translator,
): Message['blocks'] {
  switch (outcome.kind) {
    case 'sent':
    case 'not_sent':
    case 'awaiting_approval':
      return letterOutcomeMessage(outcome, who, t).blocks;
    case 'exists':
      return [{ type: 'context', text: t.t('plan.letter.exists', { id: outcome.letter.id }) }];
    case 'failed':
      return [
        {
          type: 'text',
          text: t.t('plan.letter.failed', { problem: outcome.say ? outcome.say(t) : outcome.message }),
          tone: 'danger',
        },
      ];
    case 'queued':
      // PB-24: outside the customer's contact window; it goes out when the window opens.
      return queuedLetterMessage(
        {
          letter: outcome.letter,
          queued: outcome.queued,
          customerName,
          actorName: who,
          approved: false,
          policy: window,
        },
        t,
      ).blocks;
    case 'uncertain':
      return [
        {
          type: 'text',
          text: t.t('plan.letter.uncertain', { detail: outcome.reason, id: outcome.letter.id }),
          tone: 'danger',
        },
      ];
  }
}

/** Customer agreed: the plan is recorded once and the payment-plan letter goes with it. */
export async function agreeToPlan(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  proposalId: number | undefined,
): Promise<Reply> {
  const t = privateT(ctx);
  if (proposalId === undefined) return refuse(t.t('plan.error.no_plan_named'));
  const account = await accountOf(ctx, accountId);
  if (!account) return refuse(t.t('plan.error.no_account', { id: accountId }));
  const agreed = await agreePlan(ctx.db, actor, accountId, proposalId, ctx.clock.today());
  if (!agreed.ok) return refusal(agreed.error, privateT(ctx));
  await refreshAccount(ctx, accountId);
  const outcome = await sendLetter(letterContext(ctx), actor, accountId, PLAN_LETTER, {
    planId: agreed.value.planId,
  });
  const shared = threadT(ctx);
  const message = planRecordedMessage(
    actor.name,
    account,
    agreed.value,
    shared.t('plan.recorded.letter'),
    shared,
  );
  const extra = letterBlocks(outcome, actor.name, account.name, ctx.policy.contactWindow, shared);
  const files = 'prepared' in outcome ? letterOutcomeMessage(outcome, actor.name, shared).files : undefined;
  const card = await accountCard(ctx, accountId);
  return {
    kind: 'thread',
    accountId,
    message: { ...message, blocks: [...message.blocks, ...extra], ...(files ? { files } : {}) },
    ...(card ? { card } : {}),
  };
}

/** Cancel plan: asked first; the plan ends, recorded, and its open installments are no longer chased. */
export async function cancelPlanClick(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  planId: number | undefined,
  confirmed: boolean | undefined,
): Promise<Reply> {
  const t = privateT(ctx);
  if (planId === undefined) return refuse(t.t('plan.error.no_plan_button'));
  const allowed = requireRole(actor, ['collector', 'manager'], 'planCancel');
  if (!allowed.ok) return refuse(failureText(privateT(ctx), allowed.error));
  const account = await accountOf(ctx, accountId);
  if (!account) return refuse(t.t('plan.error.no_account', { id: accountId }));
  const active = (await planStates(ctx.db, accountId)).some((s) => s.planId === planId);
  if (!active && confirmed === undefined)
    return { kind: 'ephemeral', message: notice(t.t('plan.error.inactive', { planId })) };
  const ask = askFirst(confirmed, planCancelConfirm(account, planId, t), t);
  if (ask) return ask;
  const cancelled = await cancelPlan(ctx.db, actor, accountId, planId);
  if (!cancelled.ok) return refusal(cancelled.error, privateT(ctx));
  await refreshAccount(ctx, accountId);
  const card = await accountCard(ctx, accountId);
  return {
    kind: 'thread',
    accountId,
    message: notice(threadT(ctx).t('plan.cancelled', { who: actor.name, planId, name: account.name })),
    ...(card ? { card } : {}),
  };
}

/** `cancel-plan <customer>`: the account's one active plan is asked about (several: name them). */
export async function cancelPlanCommand(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
): Promise<Reply> {
  const plans = await planStates(ctx.db, accountId);
  const [only] = plans;
  const t = privateT(ctx);
  if (!only) return { kind: 'ephemeral', message: notice(t.t('plan.error.no_active_plan')) };
  if (plans.length > 1)
    return refuse(
      t.t('plan.error.several', {
        count: plans.length,
        currencies: plans.map((p) => p.currency).join(', '),
      }),
    );
  return cancelPlanClick(ctx, actor, accountId, only.planId, undefined);
}
