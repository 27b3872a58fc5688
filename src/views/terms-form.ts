/** The account terms form (PB-06, PB-09, PB-16), the one place it is drawn (Slack modal, Teams dialog, shell). */
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
): Form {
  return {
    title: 'Account terms',
    submitLabel: 'Save terms',
    ref: encodeRef({ v: 1, action: 'terms', accountId: account.id, stateVersion: account.version }),
    fields: [
      {
        type: 'select',
        id: 'keyAccountExempt',
        label: 'Exempt from key account',
        required: true,
        initial: terms.keyAccountExempt ? 'yes' : 'no',
        options: yesNo('Yes, until 60 days overdue', 'No'),
        hint: `${account.name}: PB-06, from 45 days overdue unless exempted; at 60 days without exception`,
      },
      {
        type: 'select',
        id: 'habitualLatePayer',
        label: 'Habitual late payer',
        required: true,
        initial: terms.habitualLatePayer ? 'yes' : 'no',
        options: yesNo('Yes: remind before due', 'No'),
        hint: 'PB-09: gets the pre-due reminder and calls whatever the grade',
      },
      {
        type: 'text',
        id: 'interestRate',
        label: 'Contract interest per day',
        required: false,
        maxLength: 20,
        ...(terms.interestRatePerDay ? { initial: terms.interestRatePerDay } : {}),
        hint: `PB-16, e.g. 0.03%; blank: ${defaultRate}`,
      },
      {
        type: 'text',
        id: 'reason',
        label: 'Why',
        required: true,
        maxLength: 500,
        hint: 'Kept in the account history',
      },
    ],
  };
}
