/**
 * PB-20 promises on the card and the form that marks one kept by hand when the ledger lags: built once,
 * here, for every platform.
 */
import { translator, type Translator } from '../i18n/translate.ts';
import { MAX_KEPT_NOTE, type MarkablePromise } from '../worklist/promises.ts';
import { encodeRef } from './action-ref.ts';
import type { Block, Form } from './model.ts';

/** Most promises listed on a card with their Mark kept button. */
const MAX_ON_CARD = 3;

/** "Promise: CNY 5,000.00 by 20 Dec 2026" (an installment says which; a missed one says so). */
export function promiseLine(p: MarkablePromise, t: Translator = translator('en')): string {
  return t.t('promise.line', {
    kind: p.installment ? 'installment' : 'promise',
    no: p.installment?.no ?? 0,
    planId: p.installment?.planId ?? 0,
    amount: t.money(p.amountMinor, p.currency),
    date: t.date(p.promisedDate),
    status: p.status,
  });
}

/** The card's open and missed promises, each with Mark kept (PB-20). */
export function promiseBlocks(
  accountId: number,
  version: number,
  promises: MarkablePromise[],
  t: Translator = translator('en'),
): Block[] {
  const shown = promises.slice(0, MAX_ON_CARD);
  if (shown.length === 0) return [];
  return [
    { type: 'text', text: shown.map((p) => promiseLine(p, t)).join('\n') },
    {
      type: 'actions',
      buttons: shown.map((p, i) => ({
        label: i === 0 ? t.t('promise.mark_kept') : t.t('promise.mark_kept_nth', { n: i + 1 }),
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
export function promiseKeptForm(
  account: { id: number; name: string },
  p: MarkablePromise,
  t: Translator,
): Form {
  return {
    title: t.t('promise.form.title'),
    submitLabel: t.t('promise.mark_kept'),
    ref: encodeRef({ v: 1, action: 'promise-kept', accountId: account.id, promiseId: p.promiseId }),
    fields: [
      {
        type: 'text',
        id: 'note',
        label: t.t('promise.form.label'),
        required: true,
        multiline: true,
        maxLength: MAX_KEPT_NOTE,
        hint: t.t('promise.form.hint'),
      },
    ],
    intro: {
      blocks: [
        { type: 'text', text: t.t('promise.form.intro', { name: account.name, line: promiseLine(p, t) }) },
      ],
    },
  };
}
