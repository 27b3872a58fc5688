/** PB-30: the hand-over to a collection agency, the one place its form is drawn. */
import { encodeRef } from './action-ref.ts';
import type { Form } from './model.ts';

/** Which agency, and a note for the file; the open balance is what is handed over. */
export function agencyForm(account: { id: number; name: string; version: number }, open: string): Form {
  return {
    title: 'Hand over to agency',
    submitLabel: 'Hand over',
    ref: encodeRef({ v: 1, action: 'hand-over', accountId: account.id, stateVersion: account.version }),
    fields: [
      {
        type: 'text',
        id: 'agency',
        label: 'Agency',
        required: true,
        maxLength: 100,
        hint: `${account.name}: ${open} open is handed over; internal chasing stops (PB-30)`.slice(0, 150),
      },
      { type: 'text', id: 'note', label: 'Note', required: false, multiline: true, maxLength: 1000 },
    ],
  };
}
