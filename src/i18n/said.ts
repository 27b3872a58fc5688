/**
 * A sentence kept as its catalog message and values, so that whoever shows it says it in their reader's
 * language (an error thrown deep down, shown by `duebot doctor` in the company's language); its English
 * is the error's message, for logs and the commands that print it as it is.
 */
import type { MessageKey } from './messages/en.ts';
import { type MessageValues, translator, type Translator } from './translate.ts';

export interface Said {
  key: MessageKey;
  values: MessageValues;
}

/** The catalog message `key` with `values`, to be said later. */
export const said = (key: MessageKey, values: MessageValues = {}): Said => ({ key, values });

/** What was said, in `t`'s language (English when no translator is given). */
export const sayIn = (t: Translator | undefined, what: Said): string =>
  (t ?? translator('en')).t(what.key, what.values);

/** The catalog message a thrown value carries under `field` (`says`, `fixSays`), if any. */
export function saidBy(error: unknown, field: 'says' | 'fixSays' = 'says'): Said | undefined {
  const found = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const value = found[field] as Partial<Said> | undefined;
  return value && typeof value.key === 'string' && typeof value.values === 'object'
    ? (value as Said)
    : undefined;
}
