/**
 * How a typed word names one option of a fixed list (a call result, a channel): case, full-width forms
 * and the separators between words do not matter, so `no-answer`, `No answer`, `no_answer` and
 * `noanswer` all name `no_answer`. The one spelling rule for forms on every platform and the shell.
 */

/** The form of a word that spellings of one option share. */
export function choiceKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

/** The option of `list` the typed text names, or undefined. */
export function readChoice<T extends string>(list: readonly T[], text: string): T | undefined {
  const key = choiceKey(text);
  return key === '' ? undefined : list.find((option) => choiceKey(option) === key);
}
