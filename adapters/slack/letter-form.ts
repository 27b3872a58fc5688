import type { Ladder } from '../../src/collections/ladder.ts';
import { type ActionRef, encodeRef, safeEncodeRef } from '../../src/views/action-ref.ts';
import type { Form } from '../../src/views/model.ts';

/**
 * The letter chooser behind *Send letter*: every letter the ladder knows, the one it suggests for this
 * account preselected. Submitting it sends a `letter` action naming the chosen template to the dispatcher.
 * (Neutral, so another adapter may reuse it; it lives here until a letters view exists in src/views.)
 */
export function letterForm(ladder: Ladder, ref: ActionRef, customerName?: string): Form {
  const seen = new Set<string>();
  const options: { value: string; label: string }[] = [];
  for (const step of ladder.steps) {
    if (!step.letter || seen.has(step.letter)) continue;
    seen.add(step.letter);
    options.push({ value: step.letter, label: `${step.letter} (${step.id}, day ${step.day})` });
  }
  const suggested = ref.template && seen.has(ref.template) ? ref.template : undefined;
  return {
    title: 'Send a letter',
    submitLabel: 'Send',
    ref: encodeRef({ v: 1, action: 'letter', ...(ref.accountId ? { accountId: ref.accountId } : {}) }),
    fields: [
      {
        type: 'select',
        id: 'template',
        label: customerName ? `Letter to ${customerName}` : 'Letter',
        required: true,
        options,
        ...(suggested ? { initial: suggested } : {}),
        hint: suggested
          ? `The ladder suggests ${suggested} for this account today.`
          : 'The ladder suggests no letter today; choose one to send it anyway.',
      },
    ],
  };
}

/** The `letter` action a submitted chooser stands for, or null when the choice cannot be carried. */
export function chosenLetterRef(formRef: ActionRef, template: string | undefined): string | null {
  if (!formRef.accountId || !template) return null;
  const encoded = safeEncodeRef({ v: 1, action: 'letter', accountId: formRef.accountId, template });
  return encoded.ok ? encoded.value : null;
}
