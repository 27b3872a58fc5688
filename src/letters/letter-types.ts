/**
 * The shapes of a letter on its way out, shared by the send use case (send-letter.ts) and the e-mail step
 * (mail-letter.ts), so neither imports the other for its types.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Policy } from '../collections/account.ts';
import type { LetterRecord } from './letter-log.ts';
import type { RenderedLetter } from './render.ts';
import type { LetterConfig } from './settings.ts';
import type { Translator } from '../i18n/translate.ts';

/** What sending letters needs. */
/**
 * Why a letter was prepared but not e-mailed, as the letter's record keeps it (in English, PB-03); the
 * account history recognises it and says it in the reader's language.
 */
export const NO_SMTP_REASON = 'e-mail delivery is not configured (SMTP_URL and LETTER_FROM)';

export interface LetterContext {
  db: Knex;
  clock: Clock;
  policy: Policy;
  letters: LetterConfig;
}

/** A prepared letter: rendered, with the address it would go to (or why it cannot go by e-mail). */
export interface PreparedLetter {
  accountId: number;
  customerName: string;
  letter: RenderedLetter;
  contactName: string;
  recipient: { ok: true; email: string } | { ok: false; problem: string };
}

/**
 * Why a letter could not be prepared: `refusal` when the account gives it nothing true to say (no call
 * to summarise, nothing open), `broken` when the template or the letterhead failed to render.
 */
export type PrepareFailure = {
  ok: false;
  kind: 'refusal' | 'broken';
  /** English, for logs and the letter's record. */
  message: string;
  /** A refusal in a reader's language (issue 20); a broken template's error has none. */
  say?: (t: Translator) => string;
};

/** How a send ended. */
export type SendOutcome =
  | { kind: 'sent'; letter: LetterRecord; prepared: PreparedLetter }
  | { kind: 'not_sent'; letter: LetterRecord; prepared: PreparedLetter; reason: string }
  | { kind: 'awaiting_approval'; letter: LetterRecord; prepared: PreparedLetter }
  | { kind: 'failed'; letter: LetterRecord | null; message: string; say?: (t: Translator) => string }
  /** The mail server got the whole letter but its answer was lost: a person decides (issue 13). */
  | { kind: 'uncertain'; letter: LetterRecord; customerName: string; reason: string }
  | { kind: 'exists'; letter: LetterRecord }
  /** PB-24: outside the customer's contact window; it goes out at `opensAt` (the customer's `local` time). */
  | { kind: 'queued'; letter: LetterRecord; queued: QueuedFor };

/** When a queued letter goes out: the instant, and that moment on the customer's clock in its zone. */
export interface QueuedFor {
  opensAt: Date;
  local: { date: string; minutes: number };
  zone: string;
}
