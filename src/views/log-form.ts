import { encodeRef } from './action-ref.ts';
import { CHANNELS, RESULTS } from '../worklist/log-outcome.ts';
import type { Form } from './model.ts';
import { MAX_CONTACT } from '../worklist/disputes.ts';

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');

/** The log-outcome form (PB-03, PB-19, PB-20): what the customer said and what was agreed. */
export function logOutcomeForm(account: {
  accountId: number;
  name: string;
  version: number;
  currencies: string[];
  invoiceNumbers: string[];
}): Form {
  const [onlyCurrency] = account.currencies;
  const single = account.currencies.length === 1 && onlyCurrency !== undefined;
  return {
    title: `Log a contact: ${account.name}`.slice(0, 24),
    submitLabel: 'Save',
    ref: encodeRef({ v: 1, action: 'log', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'channel',
        label: 'Channel',
        required: true,
        initial: 'call',
        options: CHANNELS.map((c) => ({ value: c, label: label(c) })),
      },
      {
        type: 'select',
        id: 'result',
        label: 'What happened',
        required: true,
        options: RESULTS.map((r) => ({
          value: r,
          label:
            r === 'in_process'
              ? 'Says payment is in process'
              : r === 'cash_flow'
                ? 'Cash-flow trouble (offer a plan)'
                : label(r),
        })),
      },
      {
        type: 'text',
        id: 'notes',
        label: 'Notes',
        required: false,
        multiline: true,
        maxLength: 4000,
        hint: 'What the customer said; who does what by when',
      },
      {
        type: 'date',
        id: 'promiseDate',
        label: 'Promised payment date',
        required: false,
        hint: 'Ask for a concrete day: "Wednesday or Friday?" (PB-19)',
      },
      {
        type: 'text',
        id: 'promiseAmount',
        label: 'Promised amount',
        required: false,
        hint: single
          ? `Amount in ${onlyCurrency}, e.g. 12,500.00, 12.5k or 5万`
          : 'Amount, e.g. 12,500.00, 12.5k or 5万',
      },
      ...(single
        ? []
        : [
            {
              type: 'select' as const,
              id: 'currency',
              label: 'Currency of the promise',
              required: false,
              options: account.currencies.map((c) => ({ value: c, label: c })),
            },
          ]),
      {
        type: 'text',
        id: 'invoices',
        label: 'Invoices concerned',
        required: false,
        hint: `For a promise or dispute, e.g. ${account.invoiceNumbers.slice(0, 2).join(', ') || 'INV-1'}`,
      },
      {
        type: 'text',
        id: 'afterSales',
        label: 'After-sales contact',
        required: false,
        maxLength: MAX_CONTACT,
        hint: 'For a dispute: who looks into it (PB-19)',
      },
      { type: 'date', id: 'nextFollowUp', label: 'Next follow-up', required: false },
    ],
  };
}
