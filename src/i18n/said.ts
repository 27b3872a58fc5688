/**
 * A sentence kept as its catalog message and values, so that whoever shows it says it in their reader's
 * language (an error thrown deep down, shown by `duebot doctor` in the company's language); its English
 * is the error's message, for logs and the commands that print it as it is. A value may itself be said
 * (a problem inside a file's problem line), or be a list of sentences, each said in the same language.
 */
import type { MessageKey } from './messages/en.ts';
import { type MessageValues, translator, type Translator } from './translate.ts';

/** A placeholder's value: data as it is, or a sentence (or list of them) said in the reader's language. */
export type SaidValue = string | number | Said | readonly Said[];

export interface Said {
  key: MessageKey;
  values: Readonly<Record<string, SaidValue>>;
}

/** The catalog message `key` with `values`, to be said later. */
export const said = (key: MessageKey, values: Readonly<Record<string, SaidValue>> = {}): Said => ({
  key,
  values,
});

/** What was said, in `t`'s language (English when no translator is given). */
export function sayIn(t: Translator | undefined, what: Said): string {
  const reader = t ?? translator('en');
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(what.values)) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (Array.isArray(value))
      values[name] = (value as readonly Said[]).map((s) => sayIn(reader, s)).join(reader.t('said.separator'));
    else values[name] = sayIn(reader, value as Said);
  }
  return reader.t(what.key, values);
}

/** The catalog message a thrown value carries under `field` (`says`, `fixSays`), if any. */
export function saidBy(error: unknown, field: 'says' | 'fixSays' = 'says'): Said | undefined {
  const found = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const value = found[field] as Partial<Said> | undefined;
  return value && typeof value.key === 'string' && typeof value.values === 'object'
    ? (value as Said)
    : undefined;
}
