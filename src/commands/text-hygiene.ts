/**
 * Characters no typed text may carry, checked once where every platform's input enters the core
 * (dispatch): a NUL byte (PostgreSQL cannot store it), a lone UTF-16 surrogate (not text at all; drivers
 * turn it into something else), and other control characters (terminal escapes that would repaint the
 * shell of whoever reads the history; bells, form feeds). Tab, line feed and carriage return are text.
 * Notes are refused rather than cleaned: a note is the record of what a customer said (PB-03, never
 * edited), so duebot never changes one silently; the person is told which character and can resend.
 */

// NOTE: without the u flag, so each half of a surrogate pair is seen on its own. Control characters are
// what this pattern is for.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const NAMES: Record<string, string> = {
  '0000': 'a NUL byte',
  '001B': 'an escape character',
  '0007': 'a bell character',
};

/** The first character text may not carry, described ("U+0000 (a NUL byte) at position 6"), or null. */
export function unreadableCharacter(text: string): string | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const surrogate = /^D[89A-F]/.test(code) ? 'half of a character pair' : 'a control character';
  const name = Object.hasOwn(NAMES, code) ? NAMES[code] : surrogate;
  return `U+${code} (${name}) at position ${match.index + 1}`;
}

/** The first of several named texts (form fields) with a character it may not carry: field and why. */
export function unreadableField(values: Record<string, string>): { field: string; why: string } | null {
  for (const [field, value] of Object.entries(values)) {
    const bad = unreadableCharacter(field) ?? (typeof value === 'string' ? unreadableCharacter(value) : null);
    if (bad) return { field: unreadableCharacter(field) ? 'form' : field, why: bad };
  }
  return null;
}
