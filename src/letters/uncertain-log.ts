/**
 * The letter log's changes around a letter that may or may not have gone out (issue 6): a live send's
 * move from `sending` to `uncertain` when the mail server's answer was lost (issue 13), the recovery
 * check's move from `sending` to `uncertain` (or `failed`), and a person's Mark as sent or Send again.
 * Each is one conditional update with its activity, so it takes effect once however often it is tried.
 */
import type { Knex } from 'knex';
import type { Actor } from '../worklist/staff.ts';
import { finish } from './letter-log.ts';
import { LETTER_COLUMNS, type LetterRecord, letterSelect, toRecord } from './letter-record.ts';

/**
 * A letter left in `sending` since before `cutoff` becomes `uncertain` (e-mail) or `failed` (by hand:
 * nothing can have been e-mailed), with its activity; false when it moved on meanwhile.
 */
export function markStuck(db: Knex, letter: LetterRecord, cutoff: Date) {
  if (letter.delivery === 'manual') {
    const error = 'duebot stopped while preparing this letter; nothing was e-mailed. Prepare it again.';
    return finish(
      db,
      letter,
      'sending',
      { status: 'failed', error },
      { actor: null, kind: 'letter_failed', extra: { result: 'failed', error } },
      { updatedBefore: cutoff },
    );
  }
  const outgoing = { recipient: letter.recipient, messageId: letter.messageId, subject: letter.subject };
  return toUncertain(db, letter, null, outgoing, { cause: 'stopped' }, cutoff);
}

/** What the letter log knows went to the mail server. */
interface Outgoing {
  recipient: string | null;
  messageId: string | null;
  subject: string | null;
}

function toUncertain(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  outgoing: Outgoing,
  why: { cause: 'stopped' } | { cause: 'answer_lost'; reason: string },
  updatedBefore?: Date,
) {
  return finish(
    db,
    letter,
    'sending',
    { status: 'uncertain', ...(why.cause === 'answer_lost' ? { error: why.reason } : {}) },
    {
      actor,
      kind: 'letter_uncertain',
      extra: { ...outgoing, result: 'uncertain', requestedBy: letter.requestedBy.name, ...why },
    },
    updatedBefore ? { updatedBefore } : {},
  );
}

/**
 * The mail server got the whole letter but its answer was lost: the letter moves from `sending` to
 * `uncertain` at once, keeping its recorded Message-ID; false when it moved on meanwhile (the recovery
 * check may have made it uncertain already).
 */
export function markAnswerLost(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  outgoing: { recipient: string; messageId: string; subject: string },
  reason: string,
) {
  return toUncertain(db, letter, actor, outgoing, { cause: 'answer_lost', reason });
}

/** Letters in `sending` since before `cutoff`, oldest first. */
export async function stuckLetters(db: Knex, cutoff: Date, limit = 100): Promise<LetterRecord[]> {
  const rows = await letterSelect(db)
    .where('letters.status', 'sending')
    .where('letters.updated_at', '<', cutoff)
    .orderBy('letters.updated_at')
    .limit(limit)
    .select(LETTER_COLUMNS);
  return rows.map(toRecord);
}

/** A person checked the mailbox: the uncertain letter did go out (its recorded recipient and Message-ID). */
export function markSentByHand(db: Knex, letter: LetterRecord, actor: Actor) {
  return finish(
    db,
    letter,
    'uncertain',
    { status: 'sent', sent_at: db.fn.now() },
    {
      actor,
      kind: 'letter_marked_sent',
      extra: { recipient: letter.recipient, messageId: letter.messageId, result: 'sent' },
    },
  );
}

/** A person chose to send an uncertain letter again: it goes back to `sending` (once, however many click). */
export function retakeUncertain(db: Knex, letter: LetterRecord, actor: Actor) {
  return finish(
    db,
    letter,
    'uncertain',
    { status: 'sending', attempts: db.raw('attempts + 1'), error: null },
    {
      actor,
      kind: 'letter_sent_again',
      extra: { recipient: letter.recipient, messageId: letter.messageId },
    },
  );
}
