import type { MessageKey } from '../i18n/messages/en.ts';
import { type MessageValues, translator, type Translator } from '../i18n/translate.ts';

/** Why a worklist change did not happen: a code for programs and a sentence for people. */
export type FailureCode =
  'already_claimed' | 'not_claimed' | 'forbidden' | 'not_found' | 'invalid_input' | 'conflict' | 'stale';

export interface Failure {
  code: FailureCode;
  message: string;
  /** Field-level messages for forms, keyed by field id. */
  fields?: Record<string, string>;
  /** The catalog message that says it in a reader's language (`message` is its English, for logs). */
  says?: { key: MessageKey; values: MessageValues };
}

/** A failure said from the catalog (its English kept as the message, for logs and programs). */
export const failSaying = <T = never>(
  code: FailureCode,
  key: MessageKey,
  values: MessageValues = {},
  fields?: Record<string, string>,
): Result<T> => {
  const message = translator('en').t(key, values);
  const says = { key, values };
  return { ok: false, error: fields ? { code, message, fields, says } : { code, message, says } };
};

/** A failure in `t`'s reader's language: its catalog message when it has one, else its sentence. */
export const failureText = (t: Translator, failure: Failure): string =>
  failure.says ? t.t(failure.says.key, failure.says.values) : failure.message;

/** Expected failures are values, not exceptions (STYLE.md). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(
  code: FailureCode,
  message: string,
  fields?: Record<string, string>,
): Result<T> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
