/**
 * The letter log: one row per letter in `letters`, keyed by account + template + day, so a double click,
 * a retry or a second replica finds the row instead of sending again (issue 6, "sent once"). Every
 * change of a row writes an activity in the same transaction, so the account history shows each letter:
 * who, when, which template, to whom, the delivery result and the message id (PB-02, PB-03).
 */
import type { Knex } from 'knex';
import { type ActivityKind, recordActivity } from '../worklist/activity.ts';
import type { Actor } from '../worklist/staff.ts';
import { storeLetterFile } from './letter-files.ts';
import type { RenderedLetter } from './render.ts';

/**
 * Where a letter is. `uncertain`: it was handed to the mail server but the answer was never recorded (the
 * process stopped); only a person moves it on (Mark as sent, Send again), so nothing goes out twice.
 */
export type LetterStatus =
  'awaiting_approval' | 'sending' | 'sent' | 'not_sent' | 'failed' | 'rejected' | 'uncertain';

/** One logged letter. */
export interface LetterRecord {
  id: number;
  customerId: number;
  template: string;
  locale: string;
  status: LetterStatus;
  delivery: 'email' | 'manual';
  requestedBy: { userId: number | null; name: string | null };
  approvedBy: string | null;
  rejectedBy: string | null;
  recipient: string | null;
  subject: string | null;
  messageId: string | null;
  error: string | null;
  /** Times the letter was taken to be sent (a failed one taken again, an uncertain one sent again). */
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** The key that makes a letter once per account, template and business day. */
export function letterKey(customerId: number, template: string, day: string): string {
  return `${customerId}:${template}:${day}`;
}

const columns = [
  'letters.*',
  'req.display_name as requested_name',
  'app.display_name as approved_name',
  'rej.display_name as rejected_name',
];

function toRecord(r: Record<string, unknown>): LetterRecord {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    customerId: Number(r.customer_id),
    template: String(r.template),
    locale: String(r.locale),
    status: r.status as LetterStatus,
    delivery: r.delivery as 'email' | 'manual',
    requestedBy: {
      userId: r.requested_by_user_id === null ? null : Number(r.requested_by_user_id),
      name: s(r.requested_name),
    },
    approvedBy: s(r.approved_name),
    rejectedBy: s(r.rejected_name),
    recipient: s(r.recipient),
    subject: s(r.subject),
    messageId: s(r.message_id),
    error: s(r.error),
    attempts: Number(r.attempts ?? 0),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    sentAt: r.sent_at ? new Date(r.sent_at as string) : null,
  };
}

function select(db: Knex) {
  return db('letters')
    .leftJoin('users as req', 'req.id', 'letters.requested_by_user_id')
    .leftJoin('users as app', 'app.id', 'letters.approved_by_user_id')
    .leftJoin('users as rej', 'rej.id', 'letters.rejected_by_user_id');
}

/** One letter by id. */
export async function findLetter(db: Knex, id: number): Promise<LetterRecord | null> {
  const row = await select(db).where('letters.id', id).first(columns);
  return row ? toRecord(row) : null;
}

/** An account's letters, newest first (the letter log of the customer file). */
export async function accountLetters(db: Knex, customerId: number, limit = 50): Promise<LetterRecord[]> {
  const rows = await select(db)
    .where('letters.customer_id', customerId)
    .orderBy('letters.id', 'desc')
    .limit(limit)
    .select(columns);
  return rows.map(toRecord);
}

/**
 * Takes the key for one letter: a new row, or a failed or rejected one of the same key taken again by a
 * conditional update. Exactly one caller gets `claimed: true` however many try at once; the others get
 * the row as it stands.
 */
export async function claimLetter(
  db: Knex,
  input: {
    customerId: number;
    template: string;
    locale: string;
    key: string;
    actor: Actor;
    status: 'sending' | 'awaiting_approval';
    delivery: 'email' | 'manual';
    subject: string;
  },
): Promise<{ claimed: true; id: number } | { claimed: false; existing: LetterRecord }> {
  const fields = {
    status: input.status,
    delivery: input.delivery,
    locale: input.locale,
    subject: input.subject,
    requested_by_user_id: input.actor.userId,
  };
  const inserted = await db('letters')
    .insert({
      ...fields,
      customer_id: input.customerId,
      template: input.template,
      idempotency_key: input.key,
      attempts: 1,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('id');
  if (inserted[0]) return { claimed: true, id: Number(inserted[0].id) };
  const retaken = await db('letters')
    .where({ idempotency_key: input.key })
    .whereIn('status', ['failed', 'rejected'])
    .update({
      ...fields,
      attempts: db.raw('attempts + 1'),
      error: null,
      approved_by_user_id: null,
      rejected_by_user_id: null,
      updated_at: db.fn.now(),
    })
    .returning('id');
  if (retaken[0]) return { claimed: true, id: Number(retaken[0].id) };
  const row = await select(db).where('letters.idempotency_key', input.key).first(columns);
  return { claimed: false, existing: toRecord(row) };
}

/** The activity details every letter entry carries, so the history alone tells the story (PB-02). */
function details(letter: { id: number; template: string; locale: string }, extra: Record<string, unknown>) {
  return { letterId: letter.id, template: letter.template, locale: letter.locale, ...extra };
}

/** Records the request for approval (the row was claimed as awaiting_approval). */
export async function logApprovalRequested(db: Knex, letter: LetterRecord, actor: Actor): Promise<void> {
  await db.transaction((trx) =>
    recordActivity(trx, {
      customerId: letter.customerId,
      actor,
      kind: 'letter_approval_requested',
      details: details(letter, {}),
    }),
  );
}

/**
 * Moves a letter from one of `from` to its next state, with its activity, in one transaction (`also` runs
 * inside it after the move); false when the letter was in none of `from` (someone else moved it first).
 */
async function finish(
  db: Knex,
  letter: LetterRecord,
  from: LetterStatus | readonly LetterStatus[],
  set: Record<string, unknown>,
  activity: {
    actor: Actor | null;
    kind: Extract<ActivityKind, `letter_${string}`>;
    extra: Record<string, unknown>;
  },
  also?: (trx: Knex.Transaction) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const changed = await trx('letters')
      .where({ id: letter.id })
      .whereIn('status', typeof from === 'string' ? [from] : [...from])
      .update({ ...set, updated_at: trx.fn.now() })
      .returning('id');
    if (changed.length === 0) return false;
    if (also) await also(trx);
    await recordActivity(trx, {
      customerId: letter.customerId,
      actor: activity.actor,
      kind: activity.kind,
      details: details(letter, activity.extra),
    });
    return true;
  });
}

/**
 * Records, before the mail server is asked, what is about to go out: recipient, subject, the Message-ID
 * the e-mail will carry and its content. A process that dies after this leaves a letter whose Message-ID
 * the collector can search for (see uncertain.ts). False when the letter is no longer `sending`.
 */
export async function recordOutgoing(
  db: Knex,
  letter: LetterRecord,
  outgoing: { recipient: string; messageId: string; rendered: RenderedLetter },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const changed = await trx('letters')
      .where({ id: letter.id, status: 'sending' })
      .update({
        recipient: outgoing.recipient,
        message_id: outgoing.messageId,
        subject: outgoing.rendered.subject,
        updated_at: trx.fn.now(),
      })
      .returning('id');
    if (changed.length === 0) return false;
    await storeLetterFile(trx, letter.id, outgoing.rendered);
    return true;
  });
}

/**
 * The mail server accepted the letter. Also from `uncertain`: a send that outlived the recovery check's
 * threshold and then succeeded settles the question.
 */
export function markSent(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  receipt: { recipient: string; messageId: string; subject: string },
) {
  return finish(
    db,
    letter,
    ['sending', 'uncertain'],
    { status: 'sent', recipient: receipt.recipient, message_id: receipt.messageId, sent_at: db.fn.now() },
    {
      actor,
      kind: 'letter_sent',
      extra: {
        recipient: receipt.recipient,
        messageId: receipt.messageId,
        subject: receipt.subject,
        result: 'sent',
      },
    },
  );
}

/** Rendered and posted for the collector to send by hand: no e-mail went out; the PDF is kept. */
export function markNotSent(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  reason: string,
  recipient: string | null,
  rendered: RenderedLetter,
) {
  return finish(
    db,
    letter,
    'sending',
    { status: 'not_sent', delivery: 'manual', recipient, error: reason, subject: rendered.subject },
    { actor, kind: 'letter_prepared', extra: { recipient, result: 'not sent', reason } },
    (trx) => storeLetterFile(trx, letter.id, rendered),
  );
}

/** Nothing went out; the reason is kept for the collector and the history. */
export function markFailed(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  error: string,
  recipient: string | null,
) {
  return finish(
    db,
    letter,
    'sending',
    { status: 'failed', error, recipient, message_id: null },
    { actor, kind: 'letter_failed', extra: { recipient, result: 'failed', error } },
  );
}

/** A second person approves: the letter moves on to sending (the caller sends it). */
export function markApproved(db: Knex, letter: LetterRecord, approver: Actor) {
  return finish(
    db,
    letter,
    'awaiting_approval',
    { status: 'sending', approved_by_user_id: approver.userId },
    { actor: approver, kind: 'letter_approved', extra: { requestedBy: letter.requestedBy.name } },
  );
}

/** Someone stops the letter before it goes out. */
export function markRejected(db: Knex, letter: LetterRecord, rejecter: Actor) {
  return finish(
    db,
    letter,
    'awaiting_approval',
    { status: 'rejected', rejected_by_user_id: rejecter.userId },
    {
      actor: rejecter,
      kind: 'letter_rejected',
      extra: { requestedBy: letter.requestedBy.name, result: 'rejected' },
    },
  );
}

/**
 * A letter left in `sending` since before `cutoff` becomes `uncertain` (e-mail) or `failed` (by hand:
 * nothing can have been e-mailed), with its activity; false when it moved on meanwhile.
 */
export function markStuck(db: Knex, letter: LetterRecord, cutoff: Date) {
  if (letter.delivery === 'manual') {
    const error = 'duebot stopped while preparing this letter; nothing was e-mailed. Prepare it again.';
    return finishIfStale(db, letter, cutoff, { status: 'failed', error }, 'letter_failed', {
      result: 'failed',
      error,
    });
  }
  return finishIfStale(db, letter, cutoff, { status: 'uncertain' }, 'letter_uncertain', {
    recipient: letter.recipient,
    messageId: letter.messageId,
    subject: letter.subject,
    result: 'uncertain',
    requestedBy: letter.requestedBy.name,
  });
}

async function finishIfStale(
  db: Knex,
  letter: LetterRecord,
  cutoff: Date,
  set: Record<string, unknown>,
  kind: 'letter_failed' | 'letter_uncertain',
  extra: Record<string, unknown>,
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const changed = await trx('letters')
      .where({ id: letter.id, status: 'sending' })
      .where('updated_at', '<', cutoff)
      .update({ ...set, updated_at: trx.fn.now() })
      .returning('id');
    if (changed.length === 0) return false;
    await recordActivity(trx, {
      customerId: letter.customerId,
      actor: null,
      kind,
      details: details(letter, extra),
    });
    return true;
  });
}

/** Letters in `sending` since before `cutoff`, oldest first. */
export async function stuckLetters(db: Knex, cutoff: Date, limit = 100): Promise<LetterRecord[]> {
  const rows = await select(db)
    .where('letters.status', 'sending')
    .where('letters.updated_at', '<', cutoff)
    .orderBy('letters.updated_at')
    .limit(limit)
    .select(columns);
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
