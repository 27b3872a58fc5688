/**
 * PB-22: a letter never misstates facts. What an account's history says about earlier contacts, as data a
 * template can word from: which letters went out and when, which calls were made and whether anybody was
 * reached. Only what is on record counts: a letter counts once it was sent (status `sent`, an e-mail the
 * mail server took or one a person marked as sent), a call once its outcome was logged (PB-03).
 */
import type { Knex } from 'knex';
import { formatLocalTime } from '../clock.ts';

/** The letters that remind a customer of an open balance (every step of the ladder's written chase). */
export const REMINDING_LETTERS = [
  'reminder',
  'polite-reminder',
  'formal-demand',
  'final-notice',
  'lawyer-letter-request',
] as const;

/** Call results that mean nobody was spoken to: "we spoke" may not be written after them. */
const NOT_REACHED = new Set(['no_answer', 'voicemail', 'wrong_contact']);

/** One letter that went out. */
export interface SentLetter {
  template: string;
  date: string;
}

/** One logged call or visit. */
export interface LoggedCall {
  date: string;
  channel: string;
  /** Somebody at the customer was spoken to. */
  reached: boolean;
}

/** One earlier contact in a history list: a letter (`letter` is its template) or a call or visit. */
export interface Contact {
  date: string;
  /** The letter's template, or '' for a call or visit. */
  letter: string;
  /** `letter`, `call` or `visit`. */
  channel: string;
  reached: boolean;
}

/** The account's contact history as letter data (`history.*` in templates). */
export interface LetterHistory {
  /** Letters, calls and visits in date order, for a letter that lists them. */
  contacts: Contact[];
  /** Every letter that went out, oldest first. */
  letters: SentLetter[];
  /** The reminding letters among them (REMINDING_LETTERS), oldest first. */
  reminders: SentLetter[];
  /** At least one reminding letter went out. */
  reminded: boolean;
  /** Two or more reminding letters went out: only then may a letter say "repeated reminders". */
  remindedRepeatedly: boolean;
  /** The latest reminding letter, or null. */
  lastReminder: SentLetter | null;
  /** When the formal demand went, or null. */
  formalDemand: SentLetter | null;
  /** When the final notice went, or null. */
  finalNotice: SentLetter | null;
  /** Logged calls and visits, oldest first. */
  calls: LoggedCall[];
  /** A call or visit reached somebody at the customer. */
  spokeWith: boolean;
  /** E-mails a collector wrote by hand and logged. */
  emails: number;
  /** Letters, calls, visits and logged e-mails: the contact attempts on record (PB-13). */
  attempts: number;
}

/** A history with nothing on record. */
export const EMPTY_HISTORY: LetterHistory = historyOf([], [], 0);

/** Builds the history facts from its letters and calls (each list oldest first). */
export function historyOf(letters: SentLetter[], calls: LoggedCall[], emails: number): LetterHistory {
  const reminders = letters.filter((l) => (REMINDING_LETTERS as readonly string[]).includes(l.template));
  const last = (template: string) => letters.filter((l) => l.template === template).at(-1) ?? null;
  const contacts: Contact[] = [
    ...letters.map((l) => ({ date: l.date, letter: l.template, channel: 'letter', reached: false })),
    ...calls.map((c) => ({ date: c.date, letter: '', channel: c.channel, reached: c.reached })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return {
    contacts,
    letters,
    reminders,
    reminded: reminders.length > 0,
    remindedRepeatedly: reminders.length > 1,
    lastReminder: reminders.at(-1) ?? null,
    formalDemand: last('formal-demand'),
    finalNotice: last('final-notice'),
    calls,
    spokeWith: calls.some((c) => c.reached),
    emails,
    attempts: letters.length + calls.length + emails,
  };
}

const day = (at: unknown, timeZone: string) => formatLocalTime(new Date(at as Date), timeZone).slice(0, 10);

/** Reads an account's history from the letter log and the logged outcomes. */
export async function letterHistory(db: Knex, accountId: number, timeZone: string): Promise<LetterHistory> {
  const letters = await db('letters')
    .where({ customer_id: accountId, status: 'sent' })
    .whereNotNull('sent_at')
    .orderBy('sent_at')
    .orderBy('id')
    .select('template', 'sent_at');
  const outcomes = await db('activities')
    .where({ customer_id: accountId, kind: 'outcome' })
    .orderBy('id')
    .select('details', 'created_at');
  const logged = outcomes.map((r) => ({ d: (r.details ?? {}) as Record<string, unknown>, at: r.created_at }));
  const calls = logged
    .filter(({ d }) => d.channel === 'call' || d.channel === 'visit')
    .map(({ d, at }) => ({
      date: day(at, timeZone),
      channel: String(d.channel),
      reached: !NOT_REACHED.has(String(d.result)),
    }));
  return historyOf(
    letters.map((r) => ({ template: String(r.template), date: day(r.sent_at, timeZone) })),
    calls,
    logged.filter(({ d }) => d.channel === 'email').length,
  );
}
