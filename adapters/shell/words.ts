/**
 * What the shell's typed words mean: which account a word names (`#68` a customer id, `2` a row of the
 * last list, never one for the other) and which log-form field a `key=value` fills. Pure, so every
 * refusal can be tested without a terminal.
 */
import { type Translator, translator } from '../../src/i18n/translate.ts';
import { parseRowId } from '../../src/worklist/row-id.ts';
import type { TerminalRow } from './text.ts';

/** Splits `a b="c d" e` into words, keeping quoted parts together. */
export function splitWords(line: string): string[] {
  return [...line.matchAll(/(\w[\w-]*)="([^"]*)"|"([^"]*)"|(\S+)/g)].map((m) =>
    m[1] !== undefined ? `${m[1]}=${m[2]}` : (m[3] ?? m[4] ?? ''),
  );
}

/** The account a word names, or what to say instead. */
export type AccountWord = { ok: true; accountId: number } | { ok: false; message: string };

/** What the last list showed, for a row number that is not on it (the message's select and numbers). */
function listSpan(rows: TerminalRow[]): Record<string, string | number> {
  const first = rows[0]?.rowNumber;
  const last = rows[rows.length - 1]?.rowNumber;
  if (first === undefined || last === undefined) return { span: 'empty', count: 0, first: 0, last: 0 };
  return { span: first === 1 ? 'all' : 'part', count: rows.length, first, last };
}

/**
 * `#68` is customer id 68, always; `2` is row 2 of the last list (`rows`; null before any list). A row
 * the list does not have is refused with the list's length, and the id form is named, so `open 5` after
 * a one-row list never opens customer 5.
 */
export function accountWord(
  verb: string,
  word: string | undefined,
  rows: TerminalRow[] | null,
  t: Translator = translator('en'),
): AccountWord {
  const usage = t.t('shell.row.usage', { verb });
  const typed = word?.normalize('NFKC');
  if (typed === undefined) return { ok: false, message: usage };
  if (typed.startsWith('#')) {
    const digits = typed.slice(1);
    if (!/^\d+$/.test(digits)) return { ok: false, message: usage };
    const id = parseRowId(digits);
    return id === null
      ? { ok: false, message: t.t('shell.row.noId', { id: typed }) }
      : { ok: true, accountId: id };
  }
  if (!/^\d+$/.test(typed)) return { ok: false, message: usage };
  const row = rows?.find((r) => String(r.rowNumber) === typed.replace(/^0+(?=\d)/, ''));
  if (row) return { ok: true, accountId: row.accountId };
  if (rows === null) return { ok: false, message: t.t('shell.row.noList', { typed }) };
  return { ok: false, message: t.t('shell.row.notOnList', { typed, ...listSpan(rows) }) };
}

/**
 * The keys of `log N key=value ...` and the log form's field each fills. The help lists these keys; the
 * form's own field ids are accepted too.
 */
export const LOG_KEYS: Readonly<Record<string, string>> = {
  channel: 'channel',
  result: 'result',
  notes: 'notes',
  date: 'promiseDate',
  amount: 'promiseAmount',
  currency: 'currency',
  invoices: 'invoices',
  followup: 'nextFollowUp',
};
const MORE_SPELLINGS: Record<string, string> = {
  'follow-up': 'nextFollowUp',
  next: 'nextFollowUp',
  promisedate: 'promiseDate',
  promiseamount: 'promiseAmount',
  nextfollowup: 'nextFollowUp',
};

/** The short key shown for a field id (`promiseDate` -> `date`), so errors name what was typed. */
export function logKeyOf(fieldId: string): string {
  return Object.entries(LOG_KEYS).find(([, id]) => id === fieldId)?.[0] ?? fieldId;
}

/**
 * `result=promised date=2026-12-01 notes="..."` as field values. Refused whole (nothing is saved) when a
 * word is not key=value, a key is unknown (the valid keys are named) or given twice.
 */
export function readLogWords(
  words: string[],
  t: Translator = translator('en'),
): { ok: true; values: Record<string, string> } | { ok: false; message: string } {
  const values: Record<string, string> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 1) return { ok: false, message: t.t('shell.log.notKeyValue', { word }) };
    const key = word.slice(0, eq).toLowerCase();
    const field = Object.hasOwn(LOG_KEYS, key)
      ? LOG_KEYS[key]
      : Object.hasOwn(MORE_SPELLINGS, key)
        ? MORE_SPELLINGS[key]
        : undefined;
    if (field === undefined) {
      const keys = Object.keys(LOG_KEYS).join(', ');
      return { ok: false, message: t.t('shell.log.unknownKey', { key: word.slice(0, eq), keys }) };
    }
    if (field in values) return { ok: false, message: t.t('shell.log.twice', { key }) };
    values[field] = word.slice(eq + 1);
  }
  return { ok: true, values };
}
