/**
 * PB-20 promises on the card and the form that marks one kept by hand when the ledger lags: built once,
 * here, for every platform.
 */
import { formatMoney } from '../collections/money.ts';
import { MAX_KEPT_NOTE, type MarkablePromise } from '../worklist/promises.ts';
import { encodeRef } from './action-ref.ts';
import type { Block, Form } from './model.ts';

/** Most promises listed on a card with their Mark kept button. */
const MAX_ON_CARD = 3;

/** "CNY 5,000.00 by 2026-12-20" (an installment says which). */
export function promiseLine(p: MarkablePromise): string {
  const what = p.installment ? `Installment ${p.installment.no} of plan #${p.installment.planId}` : 'Promise';
  const state = p.status === 'open' ? '' : ` · _${p.status === 'broken' ? 'missed' : 'partly kept'}_`;
  return `${what}: ${formatMoney({ minor: p.amountMinor, currency: p.currency })} by ${p.promisedDate}${state}`;
}

/** The card's open and missed promises, each with Mark kept (PB-20). */
export function promiseBlocks(accountId: number, version: number, promises: MarkablePromise[]): Block[] {
  const shown = promises.slice(0, MAX_ON_CARD);
  if (shown.length === 0) return [];
  return [
    { type: 'text', text: shown.map(promiseLine).join('\n') },
    {
      type: 'actions',
      buttons: shown.map((p, i) => ({
        label: i === 0 ? 'Mark kept' : `Mark kept (${i + 1})`,
        ref: encodeRef({
          v: 1,
          action: 'promise-kept',
          accountId,
          stateVersion: version,
          promiseId: p.promiseId,
        }),
        opens: 'form' as const,
      })),
    },
  ];
}

/** Marking a promise kept by hand: what shows the money came. */
export function promiseKeptForm(account: { id: number; name: string }, p: MarkablePromise): Form {
  return {
    title: 'Promise kept',
    submitLabel: 'Mark kept',
    ref: encodeRef({ v: 1, action: 'promise-kept', accountId: account.id, promiseId: p.promiseId }),
    fields: [
      {
        type: 'text',
        id: 'note',
        label: 'Why it is kept',
        required: true,
        multiline: true,
        maxLength: MAX_KEPT_NOTE,
        hint: 'What shows the money came before the ledger does: a bank slip, a remittance advice',
      },
    ],
    intro: {
      blocks: [{ type: 'text', text: `*${account.name}*: ${promiseLine(p)}. Mark it kept by hand (PB-20)?` }],
    },
  };
}
