/**
 * The dispute and pause forms (PB-21, PB-19, issue 16), drawn once here for every platform (Slack modal,
 * Teams dialog, shell prompts): open a dispute on chosen invoices, resolve one, pause chasing until a date.
 */
import type { Translator } from '../i18n/translate.ts';
import { DISPUTE_OUTCOMES, MAX_CONTACT, MAX_REASON } from '../worklist/disputes.ts';
import type { OpenDispute } from '../worklist/disputes.ts';
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

/** What the forms say about the account. */
export interface FormAccount {
  accountId: number;
  name: string;
  version: number;
  /** Invoice numbers that may be chosen (open, not in a dispute), oldest due first. */
  invoiceNumbers: string[];
}

const example = (numbers: string[]) => numbers.slice(0, 3).join(', ') || 'INV-1';

/** A form title as the platforms show it: at most 24 characters. */
const title = (text: string) => [...text].slice(0, 24).join('');

/** PB-21 / PB-19: which invoices are disputed and why; the rest of the account is still collected. */
export function disputeForm(account: FormAccount, t: Translator): Form {
  return {
    title: title(t.t('dispute.form.title', { name: account.name })),
    submitLabel: t.t('dispute.form.submit'),
    ref: encodeRef({ v: 1, action: 'dispute', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'text',
        id: 'invoices',
        label: t.t('dispute.form.invoices'),
        required: true,
        hint: t.t('dispute.form.invoicesHint', {
          examples: example(account.invoiceNumbers),
          more: account.invoiceNumbers.length > 3 ? 'yes' : 'no',
        }),
      },
      {
        type: 'text',
        id: 'reason',
        label: t.t('dispute.form.reason'),
        required: true,
        multiline: true,
        maxLength: MAX_REASON,
      },
      {
        type: 'text',
        id: 'contact',
        label: t.t('dispute.form.contact'),
        required: false,
        maxLength: MAX_CONTACT,
        hint: t.t('dispute.form.contactHint'),
      },
    ],
  };
}

/** The label a dispute has in the resolve form's list. */
export function disputeChoiceLabel(d: OpenDispute): string {
  return `#${d.id} ${d.invoices.join(', ')}: ${d.reason}`.slice(0, 75);
}

/** Resolve one of the account's open disputes: how it ended and why (who: the person submitting). */
export function resolveDisputeForm(
  account: Pick<FormAccount, 'accountId' | 'name' | 'version'>,
  disputes: OpenDispute[],
  t: Translator,
): Form {
  const [only] = disputes;
  return {
    title: title(t.t('dispute.resolve.title', { name: account.name })),
    submitLabel: t.t('dispute.resolve.submit'),
    ref: encodeRef({ v: 1, action: 'resolve', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'dispute',
        label: t.t('dispute.resolve.dispute'),
        required: true,
        options: disputes.map((d) => ({ value: String(d.id), label: disputeChoiceLabel(d) })),
        ...(disputes.length === 1 && only ? { initial: String(only.id) } : {}),
      },
      {
        type: 'select',
        id: 'outcome',
        label: t.t('dispute.resolve.outcome'),
        required: true,
        options: DISPUTE_OUTCOMES.map((o) => ({ value: o, label: t.t('dispute.outcome', { outcome: o }) })),
      },
      {
        type: 'text',
        id: 'note',
        label: t.t('dispute.resolve.note'),
        required: true,
        multiline: true,
        maxLength: MAX_REASON,
        hint: t.t('dispute.resolve.noteHint'),
      },
    ],
  };
}

/** Pause chasing the account, or some of its invoices, until a date with a reason. */
export function pauseForm(account: FormAccount, today: string, t: Translator): Form {
  return {
    title: title(t.t('pause.form.title', { name: account.name })),
    submitLabel: t.t('pause.form.submit'),
    ref: encodeRef({ v: 1, action: 'pause', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'date',
        id: 'until',
        label: t.t('pause.form.until'),
        required: true,
        hint: t.t('pause.form.untilHint', { today }),
      },
      {
        type: 'text',
        id: 'reason',
        label: t.t('pause.form.reason'),
        required: true,
        maxLength: MAX_REASON,
        hint: t.t('pause.form.reasonHint'),
      },
      {
        type: 'text',
        id: 'invoices',
        label: t.t('pause.form.invoices'),
        required: false,
        hint: t.t('pause.form.invoicesHint', { examples: example(account.invoiceNumbers) }),
      },
    ],
  };
}
