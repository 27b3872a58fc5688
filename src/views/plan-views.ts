/**
 * PB-17 payment plans on every platform: the currency chooser (accounts open in several currencies), the
 * plan form (installments editable, the default three with the first 30%), the preview the customer agrees
 * to (with the payment-plan letter that goes with it), and the cancel question. Built once, here.
 */
import type { Confirm } from '../commands/interaction.ts';
import { formatAmount, formatMoney } from '../collections/money.ts';
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
export function planOfferBlocks(accountId: number): Message['blocks'] {
  return [
    { type: 'context', text: 'Cash-flow trouble: offer a payment plan (PB-19, PB-17).' },
    {
      type: 'actions',
      buttons: [
        {
          label: 'Propose a payment plan',
          ref: encodeRef({ v: 1, action: 'plan', accountId }),
          opens: 'form',
          style: 'primary',
        },
      ],
    },
  ];
}

/** A plan needs its currency first when the account is open in several. */
export function planCurrencyForm(account: PlanAccount, currencies: string[]): Form {
  return {
    title: 'Payment plan',
    submitLabel: 'Next',
    ref: encodeRef({ v: 1, action: 'plan', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'currency',
        label: `Plan currency for ${account.name}`.slice(0, 60),
        required: true,
        options: currencies.map((c) => ({ value: c, label: c })),
      },
    ],
  };
}

/** The plan form: one amount and one date per installment, pre-filled with the PB-17 default. */
export function planForm(account: PlanAccount, draft: PlanDraft): Form {
  const fields: FormField[] = [];
  for (let n = 1; n <= MAX_FORM_INSTALLMENTS; n += 1) {
    const part = draft.installments[n - 1];
    fields.push(
      {
        type: 'text',
        id: `amount${n}`,
        label: `Installment ${n} amount`,
        required: false,
        ...(part ? { initial: formatAmount({ minor: part.amountMinor, currency: draft.currency }) } : {}),
        ...(n === 1 ? { hint: `In ${draft.currency}; leave a row blank for fewer installments` } : {}),
      },
      {
        type: 'date',
        id: `date${n}`,
        label: `Installment ${n} date`,
        required: false,
        ...(part ? { initial: part.dueDate } : {}),
      },
    );
  }
  const open = formatMoney({ minor: draft.openMinor, currency: draft.currency });
  const renegotiating = draft.replacesPlanId !== null;
  return {
    title: renegotiating ? 'Renegotiate plan' : 'Payment plan',
    submitLabel: 'Preview',
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
          text: `*${account.name}*: ${open} open and undisputed. The installments must add up to it, dates in order from today on (PB-17: by default three, the first 30%).${renegotiating ? ` The new plan replaces plan #${draft.replacesPlanId}; installments already paid count in the open amount.` : ''}`,
        },
      ],
    },
  };
}

function installmentLines(installments: Installment[], currency: string): string {
  return installments
    .map((p, i) => `${i + 1}. ${p.dueDate} · ${formatMoney({ minor: p.amountMinor, currency })}`)
    .join('\n');
}

/** The proposal as the customer hears it, with the payment-plan letter; submitting records it as agreed. */
export function planPreviewForm(
  account: PlanAccount,
  proposal: { proposalId: number; currency: string; totalMinor: number; installments: Installment[] },
  letter: PreparedLetter | null,
  letterProblem: string | null,
): Form {
  const total = formatMoney({ minor: proposal.totalMinor, currency: proposal.currency });
  const letterBlocks: Message['blocks'] = letter
    ? [
        { type: 'divider' },
        {
          type: 'context',
          text: `With it, the payment-plan letter goes to ${letter.recipient.ok ? letter.recipient.email : 'nobody (no usable AP e-mail: you get it to send by hand)'}:`,
        },
        {
          type: 'text',
          text:
            letter.letter.text.length > PREVIEW_CHARS
              ? `${letter.letter.text.slice(0, PREVIEW_CHARS)}…`
              : letter.letter.text,
        },
      ]
    : [{ type: 'context', text: `No letter can go with it: ${letterProblem ?? 'unknown reason'}.` }];
  return {
    title: 'Payment plan',
    submitLabel: 'Customer agreed',
    ref: encodeRef({ v: 1, action: 'plan-agree', accountId: account.id, planId: proposal.proposalId }),
    fields: [],
    slow: true,
    intro: {
      blocks: [
        { type: 'header', text: `Payment plan for ${account.name}` },
        {
          type: 'text',
          text: `${total} in ${proposal.installments.length} installments:\n${installmentLines(proposal.installments, proposal.currency)}`,
        },
        {
          type: 'context',
          text: 'Submit when the customer agrees: the plan is recorded, each installment is tracked like a promise (PB-17, PB-20).',
        },
        ...letterBlocks,
      ],
      fallbackText: `Payment plan for ${account.name}: ${total}`,
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
): Message {
  const total = formatMoney({ minor: plan.totalMinor, currency: plan.currency });
  const verb = plan.replacedPlanId === null ? 'recorded' : `renegotiated plan #${plan.replacedPlanId} into`;
  return {
    blocks: [
      {
        type: 'text',
        text: `*${who}* ${verb} payment plan #${plan.planId} with ${account.name}: ${total} in ${plan.installments.length} installments (PB-17).\n${installmentLines(plan.installments, plan.currency)}`,
      },
      { type: 'context', text: letterLine },
    ],
    fallbackText: `${who} ${verb} a payment plan with ${account.name}`,
  };
}

/** Asked before a plan is cancelled, on the button and in dispatch's confirm step. */
export function planCancelQuestion(accountName: string, planId: number): string {
  return `Cancel payment plan #${planId} of ${accountName}? Its open installments stop being tracked; the plan stays in the history.`;
}

/** The confirm step of Cancel plan: the same question as on the button, and the click a yes applies. */
export function planCancelConfirm(account: PlanAccount, planId: number): Confirm {
  return {
    title: 'Cancel payment plan',
    question: planCancelQuestion(account.name, planId),
    yes: 'Cancel plan',
    ref: encodeRef({ v: 1, action: 'plan-cancel', accountId: account.id, planId }),
  };
}
