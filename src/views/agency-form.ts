/** PB-30: the hand-over to a collection agency, the one place its form is drawn. */
import type { Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

/** Which agency, and a note for the file; `open` (the open balance, "" when none) is what is handed over. */
export function agencyForm(
  account: { id: number; name: string; version: number },
  open: string,
  t: Translator,
): Form {
  const hint = t.t('agency.form.agencyHint', { name: account.name, open, hasOpen: open ? 'yes' : 'no' });
  return {
    title: t.t('agency.form.title'),
    submitLabel: t.t('agency.form.submit'),
    ref: encodeRef({ v: 1, action: 'hand-over', accountId: account.id, stateVersion: account.version }),
    fields: [
      {
        type: 'text',
        id: 'agency',
        label: t.t('agency.form.agency'),
        required: true,
        maxLength: 100,
        hint: [...hint].slice(0, 150).join(''),
      },
      {
        type: 'text',
        id: 'note',
        label: t.t('agency.form.note'),
        required: false,
        multiline: true,
        maxLength: 1000,
      },
    ],
  };
}
