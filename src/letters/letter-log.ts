/**
 * The letter log: one row per letter in `letters`, keyed by account + template + day, so a double click,
 * a retry or a second replica finds the row instead of sending again (issue 6, "sent once"). Every
 * change of a row writes an activity in the same transaction, so the account history shows each letter:
 * who, when, which template, to whom, the delivery result and the message id (PB-02, PB-03). The row
 * itself is read in letter-record.ts; the changes around an uncertain letter are in uncertain-log.ts.
 */
import type { Knex } from 'knex';
import { type ActivityKind, recordActivity } from '../worklist/activity.ts';
import type { Actor } from '../worklist/staff.ts';
import { storeLetterFile } from './letter-files.ts';
import {
  LETTER_COLUMNS,
  type LetterRecord,
  type LetterStatus,
  letterSelect,
  toRecord,
} from './letter-record.ts';
import type { RenderedLetter } from './render.ts';

export {
  accountLetters,
  findLetter,
  type LetterRecord,
  type LetterStatus,
  letterKey,
  callSummaryKey,
  planLetterKey,
} from './letter-record.ts';

/**
 * Takes the key for one letter: a new row, or a failed, rejected or cancelled one of the same key taken again by a
 * conditional update. Exactly one caller gets `claimed: true` however many try at once; the others get
 * the row as it stands.
 */
export async function claimLetter(
  db: Knex,
  input: {
    accountId: number;
    template: string;
    locale: string;
    key: string;
    actor: Actor;
    status: 'sending' | 'awaiting_approval' | 'queued';
    delivery: 'email' | 'manual';
    subject: string;
    /** PB-24: when a queued letter goes out. */
    sendAt?: Date;
    /** PB-23: the call a call summary sums up. */
    callId?: number | undefined;
  },
): Promise<{ claimed: true; id: number } | { claimed: false; existing: LetterRecord }> {
  const fields = {
    status: input.status,
    delivery: input.delivery,
    locale: input.locale,
    subject: input.subject,
    requested_by_user_id: input.actor.userId,
    send_at: input.status === 'queued' ? (input.sendAt ?? null) : null,
  };
  const inserted = await db('letters')
    .insert({
      ...fields,
      customer_id: input.accountId,
      template: input.template,
      idempotency_key: input.key,
      attempts: 1,
      call_activity_id: input.callId ?? null,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('id');
  if (inserted[0]) return { claimed: true, id: Number(inserted[0].id) };
  const retaken = await db('letters')
    .where({ idempotency_key: input.key })
    .whereIn('status', ['failed', 'rejected', 'cancelled'])
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
  const row = await letterSelect(db).where('letters.idempotency_key', input.key).first(LETTER_COLUMNS);
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
      accountId: letter.accountId,
      actor,
      kind: 'letter_approval_requested',
      details: details(letter, {}),
    }),
  );
}

/**
 * Moves a letter from one of `from` to its next state, with its activity, in one transaction (`also` runs
 * inside it after the move); false when the letter was in none of `from` (someone else moved it first)
 * or, with `updatedBefore`, has changed since.
 */
export async function finish(
  db: Knex,
  letter: LetterRecord,
  from: LetterStatus | readonly LetterStatus[],
  set: Record<string, unknown>,
  activity: {
    actor: Actor | null;
    kind: Extract<ActivityKind, `letter_${string}`>;
    extra: Record<string, unknown>;
  },
  options: {
    also?: (trx: Knex.Transaction) => Promise<void>;
    updatedBefore?: Date;
    /** Only while the letter is still on this attempt (a Send again since then is left alone). */
    attempt?: number;
  } = {},
): Promise<boolean> {
  const { also, updatedBefore, attempt } = options;
  return db.transaction(async (trx) => {
    const move = trx('letters')
      .where({ id: letter.id })
      .whereIn('status', typeof from === 'string' ? [from] : [...from]);
    if (updatedBefore) move.where('updated_at', '<', updatedBefore);
    if (attempt !== undefined) move.where('attempts', attempt);
    const changed = await move.update({ ...set, updated_at: trx.fn.now() }).returning('id');
    if (changed.length === 0) return false;
    if (also) await also(trx);
    await recordActivity(trx, {
      accountId: letter.accountId,
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
    { also: (trx) => storeLetterFile(trx, letter.id, rendered) },
  );
}

/**
 * Nothing went out on the letter's current attempt; the reason is kept for the collector and the history.
 * Also from `uncertain`: when the recovery check gave up waiting on a slow send that then failed for
 * certain, the question it raised is answered. A later attempt (Send again) is never touched.
 */
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
    ['sending', 'uncertain'],
    { status: 'failed', error, recipient, message_id: null },
    { actor, kind: 'letter_failed', extra: { recipient, result: 'failed', error } },
    { attempt: letter.attempts },
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

/** PB-24: records that a letter asked for outside the customer's window waits for it (claimed as queued). */
export async function logQueued(
  db: Knex,
  letter: LetterRecord,
  actor: Actor | null,
  queued: { sendAt: Date; zone: string },
): Promise<void> {
  await db.transaction((trx) =>
    recordActivity(trx, {
      accountId: letter.accountId,
      actor,
      kind: 'letter_queued',
      details: details(letter, { sendAt: queued.sendAt.toISOString(), timeZone: queued.zone }),
    }),
  );
}

/** PB-24: an approved letter outside the customer's window waits for it instead of going out now. */
export function markApprovedQueued(
  db: Knex,
  letter: LetterRecord,
  approver: Actor,
  queued: { sendAt: Date; zone: string },
) {
  return finish(
    db,
    letter,
    'awaiting_approval',
    { status: 'queued', approved_by_user_id: approver.userId, send_at: queued.sendAt },
    {
      actor: approver,
      kind: 'letter_approved',
      extra: {
        requestedBy: letter.requestedBy.name,
        sendAt: queued.sendAt.toISOString(),
        timeZone: queued.zone,
      },
    },
  );
}

/** Someone stops a queued letter; it never goes out (it may be asked for again). */
export function markCancelled(db: Knex, letter: LetterRecord, actor: Actor) {
  return finish(
    db,
    letter,
    'queued',
    { status: 'cancelled' },
    { actor, kind: 'letter_cancelled', extra: { result: 'cancelled' } },
  );
}

/**
 * The delivery takes a queued letter whose time has come: queued -> sending by one conditional update,
 * so of two replicas (or two runs) exactly one gets it; the other gets false. From `sending` on, the
 * letter takes the path of every send (recordOutgoing, the mail server, markSent) and its safeguards.
 */
export async function takeQueued(db: Knex, letter: LetterRecord, now: Date): Promise<boolean> {
  const taken = await db('letters')
    .where({ id: letter.id, status: 'queued' })
    .where('send_at', '<=', now)
    .update({ status: 'sending', updated_at: db.fn.now() })
    .returning('id');
  return taken.length > 0;
}
