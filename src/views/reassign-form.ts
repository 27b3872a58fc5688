/** PB-25: the Reassign form, the one place it is drawn (Slack modal, Teams dialog, shell prompt). */
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

/** Who can own the account next (everyone but the owner), as choices; the current owner in the hint. */
export function reassignForm(
  account: { id: number; name: string },
  owner: { name: string } | null,
  candidates: { value: string; label: string }[],
): Form {
  return {
    title: 'Reassign account',
    submitLabel: 'Reassign',
    ref: encodeRef({ v: 1, action: 'reassign', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'owner',
        label: `New owner of ${account.name}`.slice(0, 48),
        required: true,
        options: candidates,
        // Searched as the person types (Slack external_select, Teams typeahead): any number of staff.
        search: true,
        hint: owner ? `Now owned by ${owner.name}` : 'Nobody owns it now',
      },
    ],
  };
}
