/**
 * PB-17 payment plans on every platform: the currency chooser (accounts open in several currencies), the
 * plan form (installments editable, the default three with the first 30%), the preview the customer agrees
 * to (with the payment-plan letter that goes with it), and the cancel question. Built once, here.
 */
import type { Confirm } from '../commands/interaction.ts';
import { formatAmount } from '../collections/money.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { PreparedLetter } from '../letters/letter-types.ts';
import { MAX_FORM_INSTALLMENTS, type Installment, type PlanDraft } from '../worklist/plan-agreement.ts';
import { encodeRef } from './action-ref.ts';
import type { FormField, Form, Message } from './model.ts';

/** Most characters of the letter shown in the preview. */
const PREVIEW_CHARS = 1500;

interface PlanAccount {
  id: number;
  name: string;
}

/** PB-19: after a call that found cash-flow trouble, the way to the plan form. */
export function planOfferBlocks(accountId: number, t: Translator = translator('en')): Message['blocks'] {
  return [
    { type: 'context', text: t.t('plan.offer.context') },
    {
      type: 'actions',
      buttons: [
        {
          label: t.t('plan.offer.button'),
          ref: encodeRef({ v: 1, action: 'plan', accountId }),
          opens: 'form',
          style: 'primary',
        },
      ],
    },
  ];
}

/** A plan needs its currency first when the account is open in several. */
export function planCurrencyForm(account: PlanAccount, currencies: string[], t: Translator): Form {
  return {
    title: t.t('plan.form.title'),
    submitLabel: t.t('plan.currency.submit'),
    ref: encodeRef({ v: 1, action: 'plan', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'currency',
        label: t.t('plan.currency.label', { name: account.name }).slice(0, 60),
        required: true,
        options: currencies.map((c) => ({ value: c, label: c })),
      },
    ],
  };
}

/** The plan form: one amount and one date per installment, pre-filled with the PB-17 default. */
export function planForm(account: PlanAccount, draft: PlanDraft, t: Translator): Form {
  const fields: FormField[] = [];
  for (let n = 1; n <= MAX_FORM_INSTALLMENTS; n += 1) {
    const part = draft.installments[n - 1];
    fields.push(
      {
        type: 'text',
        id: `amount${n}`,
        label: t.t('plan.form.amount', { no: n }),
        required: false,
        ...(part ? { initial: formatAmount({ minor: part.amountMinor, currency: draft.currency }) } : {}),
        ...(n === 1 ? { hint: t.t('plan.form.amount_hint', { currency: draft.currency }) } : {}),
      },
      {
        type: 'date',
        id: `date${n}`,
        label: t.t('plan.form.date', { no: n }),
        required: false,
        ...(part ? { initial: part.dueDate } : {}),
      },
    );
  }
  const open = t.money(draft.openMinor, draft.currency);
  const renegotiating = draft.replacesPlanId !== null;
  return {
    title: renegotiating ? t.t('plan.form.title_renegotiate') : t.t('plan.form.title'),
    submitLabel: t.t('plan.form.submit'),
    ref: encodeRef({
      v: 1,
      action: 'plan',
      accountId: account.id,
      currency: draft.currency,
      ...(draft.replacesPlanId === null ? {} : { planId: draft.replacesPlanId }),
    }),
    fields,
    intro: {
      blocks: [
        {
          type: 'text',
          text: t.t('plan.form.intro', {
            name: account.name,
            open,
            replaces: draft.replacesPlanId === null ? 'none' : draft.replacesPlanId,
          }),
        },
      ],
    },
  };
}

/** The installments one a line: "1. 14 Dec 2026 · CNY 25,800.00". */
function installmentLines(installments: Installment[], currency: string, t: Translator): string {
  return installments
    .map((p, i) =>
      t.t('plan.installment_line', {
        no: i + 1,
        date: t.date(p.dueDate),
        amount: t.money(p.amountMinor, currency),
      }),
    )
    .join('\n');
}

/** The proposal as the customer hears it, with the payment-plan letter; submitting records it as agreed. */
export function planPreviewForm(
  account: PlanAccount,
  proposal: { proposalId: number; currency: string; totalMinor: number; installments: Installment[] },
  letter: PreparedLetter | null,
  letterProblem: string | null,
  t: Translator,
): Form {
  const total = t.money(proposal.totalMinor, proposal.currency);
  const letterBlocks: Message['blocks'] = letter
    ? [
        { type: 'divider' },
        {
          type: 'context',
          text: t.t('plan.preview.letter_to', {
            recipient: letter.recipient.ok ? letter.recipient.email : 'none',
          }),
        },
        {
          type: 'text',
          text:
            letter.letter.text.length > PREVIEW_CHARS
              ? `${letter.letter.text.slice(0, PREVIEW_CHARS)}…`
              : letter.letter.text,
        },
      ]
    : [
        {
          type: 'context',
          text: t.t('plan.preview.no_letter', {
            problem: letterProblem ?? t.t('plan.preview.unknown_reason'),
          }),
        },
      ];
  return {
    title: t.t('plan.form.title'),
    submitLabel: t.t('plan.preview.submit'),
    ref: encodeRef({ v: 1, action: 'plan-agree', accountId: account.id, planId: proposal.proposalId }),
    fields: [],
    slow: true,
    intro: {
      blocks: [
        { type: 'header', text: t.t('plan.preview.header', { name: account.name }) },
        {
          type: 'text',
          text: `${t.t('plan.preview.total', { total, count: proposal.installments.length })}\n${installmentLines(proposal.installments, proposal.currency, t)}`,
        },
        { type: 'context', text: t.t('plan.preview.context') },
        ...letterBlocks,
      ],
      fallbackText: t.t('plan.preview.fallback', { name: account.name, total }),
    },
  };
}

/** Said in the account's thread once a plan is recorded (or renegotiated). */
export function planRecordedMessage(
  who: string,
  account: PlanAccount,
  plan: {
    planId: number;
    currency: string;
    totalMinor: number;
    installments: Installment[];
    replacedPlanId: number | null;
  },
  letterLine: string,
  t: Translator,
): Message {
  const values = {
    who,
    name: account.name,
    replaced: plan.replacedPlanId === null ? 'none' : plan.replacedPlanId,
  };
  const text = t.t('plan.recorded.text', {
    ...values,
    planId: plan.planId,
    total: t.money(plan.totalMinor, plan.currency),
    count: plan.installments.length,
  });
  return {
    blocks: [
      { type: 'text', text: `${text}\n${installmentLines(plan.installments, plan.currency, t)}` },
      { type: 'context', text: letterLine },
    ],
    fallbackText: t.t('plan.recorded.fallback', values),
  };
}

/** Asked before a plan is cancelled, on the button and in dispatch's confirm step. */
export function planCancelQuestion(
  accountName: string,
  planId: number,
  t: Translator = translator('en'),
): string {
  return t.t('plan.cancel.question', { planId, name: accountName });
}

/** The confirm step of Cancel plan: the same question as on the button, and the click a yes applies. */
export function planCancelConfirm(account: PlanAccount, planId: number, t: Translator): Confirm {
  return {
    title: t.t('plan.cancel.title'),
    question: planCancelQuestion(account.name, planId, t),
    yes: t.t('plan.cancel.yes'),
    ref: encodeRef({ v: 1, action: 'plan-cancel', accountId: account.id, planId }),
  };
}
