/** The account terms form (PB-06, PB-09, PB-16), the one place it is drawn (Slack modal, Teams dialog, shell). */
import type { Translator } from '../i18n/translate.ts';
import type { AccountTerms } from '../worklist/account-terms.ts';
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

const yesNo = (yes: string, no: string) => [
  { value: 'no', label: no },
  { value: 'yes', label: yes },
];

/** The form, pre-filled with the terms as they are; `defaultRate` is what applies when the rate is blank. */
export function termsForm(
  account: { id: number; name: string; version: number },
  terms: AccountTerms,
  defaultRate: string,
  t: Translator,
): Form {
  return {
    title: t.t('terms.form.title'),
    submitLabel: t.t('terms.form.submit'),
    ref: encodeRef({ v: 1, action: 'terms', accountId: account.id, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'keyAccountExempt',
        label: t.t('terms.form.exempt'),
        required: true,
        initial: terms.keyAccountExempt ? 'yes' : 'no',
        options: yesNo(t.t('terms.form.exemptYes'), t.t('terms.form.no')),
        hint: t.t('terms.form.exemptHint', { name: account.name }),
      },
      {
        type: 'select',
        id: 'habitualLatePayer',
        label: t.t('terms.form.habitual'),
        required: true,
        initial: terms.habitualLatePayer ? 'yes' : 'no',
        options: yesNo(t.t('terms.form.habitualYes'), t.t('terms.form.no')),
        hint: t.t('terms.form.habitualHint'),
      },
      {
        type: 'text',
        id: 'interestRate',
        label: t.t('terms.form.rate'),
        required: false,
        maxLength: 20,
        ...(terms.interestRatePerDay ? { initial: terms.interestRatePerDay } : {}),
        hint: t.t('terms.form.rateHint', { rate: defaultRate }),
      },
      {
        type: 'text',
        id: 'reason',
        label: t.t('terms.form.reason'),
        required: true,
        maxLength: 500,
        hint: t.t('terms.form.reasonHint'),
      },
    ],
  };
}
