/** PB-25: the Reassign form, the one place it is drawn (Slack modal, Teams dialog, shell prompt). */
import type { Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

/** Who can own the account next (everyone but the owner), as choices; the current owner in the hint. */
export function reassignForm(
  account: { id: number; name: string },
  owner: { name: string } | null,
  candidates: { value: string; label: string }[],
  t: Translator,
): Form {
  return {
    title: t.t('reassign.form.title'),
    submitLabel: t.t('reassign.form.submit'),
    ref: encodeRef({ v: 1, action: 'reassign', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'owner',
        label: [...t.t('reassign.form.owner', { name: account.name })].slice(0, 48).join(''),
        required: true,
        options: candidates,
        // Searched as the person types (Slack external_select, Teams typeahead): any number of staff.
        search: true,
        hint: owner ? t.t('reassign.form.ownedBy', { owner: owner.name }) : t.t('reassign.form.nobody'),
      },
    ],
  };
}
