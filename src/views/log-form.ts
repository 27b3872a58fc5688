import { translator, type Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import { CHANNELS, RESULTS } from '../worklist/log-outcome.ts';
import type { Form } from './model.ts';
import { MAX_CONTACT } from '../worklist/disputes.ts';

/** The log-outcome form (PB-03, PB-19, PB-20): what the customer said and what was agreed. */
export function logOutcomeForm(
  account: {
    accountId: number;
    name: string;
    version: number;
    currencies: string[];
    invoiceNumbers: string[];
  },
  /** The language of the person filling it in (privateT). */
  t: Translator = translator('en'),
): Form {
  const [onlyCurrency] = account.currencies;
  const single = account.currencies.length === 1 && onlyCurrency !== undefined;
  return {
    title: t.t('log.form.title', { name: account.name }).slice(0, 24),
    submitLabel: t.t('log.form.submit'),
    ref: encodeRef({ v: 1, action: 'log', accountId: account.accountId, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'channel',
        label: t.t('log.form.channel'),
        required: true,
        initial: 'call',
        options: CHANNELS.map((c) => ({ value: c, label: t.t('log.channel', { channel: c }) })),
      },
      {
        type: 'select',
        id: 'result',
        label: t.t('log.form.result'),
        required: true,
        options: RESULTS.map((r) => ({ value: r, label: t.t('log.result', { result: r }) })),
      },
      {
        type: 'text',
        id: 'notes',
        label: t.t('log.form.notes'),
        required: false,
        multiline: true,
        maxLength: 4000,
        hint: t.t('log.form.notes_hint'),
      },
      {
        type: 'date',
        id: 'promiseDate',
        label: t.t('log.form.promise_date'),
        required: false,
        hint: t.t('log.form.promise_date_hint'),
      },
      {
        type: 'text',
        id: 'promiseAmount',
        label: t.t('log.form.promise_amount'),
        required: false,
        hint: single
          ? t.t('log.form.amount_hint_currency', { currency: onlyCurrency })
          : t.t('log.form.amount_hint'),
      },
      ...(single
        ? []
        : [
            {
              type: 'select' as const,
              id: 'currency',
              label: t.t('log.form.currency'),
              required: false,
              options: account.currencies.map((c) => ({ value: c, label: c })),
            },
          ]),
      {
        type: 'text',
        id: 'invoices',
        label: t.t('log.form.invoices'),
        required: false,
        hint: t.t('log.form.invoices_hint', {
          examples: account.invoiceNumbers.slice(0, 2).join(', ') || 'INV-1',
        }),
      },
      {
        type: 'text',
        id: 'afterSales',
        label: t.t('log.form.after_sales'),
        required: false,
        maxLength: MAX_CONTACT,
        hint: t.t('log.form.after_sales_hint'),
      },
      { type: 'date', id: 'nextFollowUp', label: t.t('log.form.next_follow_up'), required: false },
    ],
  };
}
