/** Why a worklist change did not happen: a code for programs and a sentence for people. */
export type FailureCode =
  'already_claimed' | 'not_claimed' | 'forbidden' | 'not_found' | 'invalid_input' | 'conflict' | 'stale';

export interface Failure {
  code: FailureCode;
  message: string;
  /** Field-level messages for forms, keyed by field id. */
  fields?: Record<string, string>;
}

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
