/**
 * The dispute and pause forms (PB-21, PB-19, issue 16), drawn once here for every platform (Slack modal,
 * Teams dialog, shell prompts): open a dispute on chosen invoices, resolve one, pause chasing until a date.
 */
import { DISPUTE_OUTCOMES, MAX_CONTACT, MAX_REASON, OUTCOME_LABELS } from '../worklist/disputes.ts';
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

/** PB-21 / PB-19: which invoices are disputed and why; the rest of the account is still collected. */
export function disputeForm(account: FormAccount): Form {
  return {
    title: `Open a dispute: ${account.name}`.slice(0, 24),
    submitLabel: 'Open dispute',
    ref: encodeRef({ v: 1, action: 'dispute', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'text',
        id: 'invoices',
        label: 'Disputed invoices',
        required: true,
        hint: `Only these leave the ladder (PB-21); open: ${example(account.invoiceNumbers)}${account.invoiceNumbers.length > 3 ? ', ...' : ''}`,
      },
      {
        type: 'text',
        id: 'reason',
        label: 'What the customer disputes',
        required: true,
        multiline: true,
        maxLength: MAX_REASON,
      },
      {
        type: 'text',
        id: 'contact',
        label: 'After-sales contact',
        required: false,
        maxLength: MAX_CONTACT,
        hint: 'Who looks into it (PB-19: route it to after-sales within an hour)',
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
): Form {
  const [only] = disputes;
  return {
    title: `Resolve a dispute: ${account.name}`.slice(0, 24),
    submitLabel: 'Resolve',
    ref: encodeRef({ v: 1, action: 'resolve', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'dispute',
        label: 'Dispute',
        required: true,
        options: disputes.map((d) => ({ value: String(d.id), label: disputeChoiceLabel(d) })),
        ...(disputes.length === 1 && only ? { initial: String(only.id) } : {}),
      },
      {
        type: 'select',
        id: 'outcome',
        label: 'Outcome',
        required: true,
        options: DISPUTE_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })),
      },
      {
        type: 'text',
        id: 'note',
        label: 'Why',
        required: true,
        multiline: true,
        maxLength: MAX_REASON,
        hint: 'What was found or agreed, e.g. "credit note CN-12 for the damaged pallet"',
      },
    ],
  };
}

/** Pause chasing the account, or some of its invoices, until a date with a reason. */
export function pauseForm(account: FormAccount, today: string): Form {
  return {
    title: `Pause chasing: ${account.name}`.slice(0, 24),
    submitLabel: 'Pause',
    ref: encodeRef({ v: 1, action: 'pause', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'date',
        id: 'until',
        label: 'Paused until',
        required: true,
        hint: `The last day of the pause (${today} or later); chasing resumes the day after`,
      },
      {
        type: 'text',
        id: 'reason',
        label: 'Why',
        required: true,
        maxLength: MAX_REASON,
        hint: 'e.g. "AP closed for the ERP migration, call back after"',
      },
      {
        type: 'text',
        id: 'invoices',
        label: 'Only these invoices',
        required: false,
        hint: `Leave empty to pause the whole account; e.g. ${example(account.invoiceNumbers)}`,
      },
    ],
  };
}
