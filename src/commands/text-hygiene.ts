/**
 * Characters no typed text may carry, checked once where every platform's input enters the core
 * (dispatch): a NUL byte (PostgreSQL cannot store it), a lone UTF-16 surrogate (not text at all; drivers
 * turn it into something else), and other control characters (terminal escapes that would repaint the
 * shell of whoever reads the history; bells, form feeds). Tab, line feed and carriage return are text.
 * Notes are refused rather than cleaned: a note is the record of what a customer said (PB-03, never
 * edited), so duebot never changes one silently; the person is told which character and can resend.
 */

import { translator, type Translator } from '../i18n/translate.ts';

// NOTE: without the u flag, so each half of a surrogate pair is seen on its own. Control characters are
// what this pattern is for.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A character text may not carry: its code point (hex), what it is, and where (1-based). */
export interface Unreadable {
  code: string;
  kind: 'nul' | 'escape' | 'bell' | 'surrogate' | 'control';
  position: number;
}

const KINDS: Record<string, Unreadable['kind']> = { '0000': 'nul', '001B': 'escape', '0007': 'bell' };

/** The first character text may not carry, or null. */
export function findUnreadable(text: string): Unreadable | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const kind = Object.hasOwn(KINDS, code)
    ? (KINDS[code] as Unreadable['kind'])
    : /^D[89A-F]/.test(code)
      ? 'surrogate'
      : 'control';
  return { code, kind, position: match.index + 1 };
}

/** The character described for the reader: "U+0000 (a NUL byte) at position 6". */
export function describeUnreadable(found: Unreadable, t: Translator = translator('en')): string {
  return t.t('card.unreadable.character', { ...found });
}

/** The first character text may not carry, described in English ("U+0000 (a NUL byte) at position 6"), or null. */
export function unreadableCharacter(text: string): string | null {
  const found = findUnreadable(text);
  return found ? describeUnreadable(found) : null;
}

/** The first of several named texts (form fields) with a character it may not carry: field and what. */
export function unreadableField(values: Record<string, string>): { field: string; found: Unreadable } | null {
  for (const [field, value] of Object.entries(values)) {
    const bad = findUnreadable(field) ?? (typeof value === 'string' ? findUnreadable(value) : null);
    if (bad) return { field: findUnreadable(field) ? 'form' : field, found: bad };
  }
  return null;
}
