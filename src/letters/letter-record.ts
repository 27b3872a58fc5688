/**
 * A letter as the letter log keeps it: one row of `letters` per account + template + day, read with
 * the names of who asked, approved or rejected. The state changes are in letter-log.ts.
 */
import type { Knex } from 'knex';

/**
 * Where a letter is. `uncertain`: it was handed to the mail server but the answer was never recorded (the
 * process stopped); only a person moves it on (Mark as sent, Send again), so nothing goes out twice.
 */
export type LetterStatus =
  | 'awaiting_approval'
  | 'sending'
  | 'sent'
  | 'not_sent'
  | 'failed'
  | 'rejected'
  | 'uncertain'
  /** PB-24: asked for outside the customer's contact window; goes out at `sendAt`, once. */
  | 'queued'
  /** A queued letter someone stopped before it went out. */
  | 'cancelled';

/** One logged letter. */
export interface LetterRecord {
  id: number;
  accountId: number;
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
  /** PB-23: the call (outcome activity) a call summary sums up; null for every other letter. */
  callId?: number | null;
  /** Times the letter was taken to be sent (a failed one taken again, an uncertain one sent again). */
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  /** PB-24: when a queued letter goes out (the customer's contact window opens); null otherwise. */
  sendAt?: Date | null;
}

/** The key that makes a letter once per account, template and business day. */
export function letterKey(accountId: number, template: string, day: string): string {
  return `${accountId}:${template}:${day}`;
}

/** PB-17: the letter of an agreed payment plan is once per plan: a plan renegotiated the same day gets its own. */
export function planLetterKey(accountId: number, planId: number): string {
  return `${accountId}:payment-plan:plan-${planId}`;
}

/** PB-23: a call summary is once per call, however many calls a day has. */
export function callSummaryKey(accountId: number, callId: number): string {
  return `${accountId}:call-summary:call-${callId}`;
}

/** The columns a LetterRecord is read from (with `letterSelect`). */
export const LETTER_COLUMNS = [
  'letters.*',
  'req.display_name as requested_name',
  'app.display_name as approved_name',
  'rej.display_name as rejected_name',
];

/** A row of `letterSelect` as a LetterRecord. */
export function toRecord(r: Record<string, unknown>): LetterRecord {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    accountId: Number(r.customer_id),
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
    callId:
      r.call_activity_id === null || r.call_activity_id === undefined ? null : Number(r.call_activity_id),
    attempts: Number(r.attempts ?? 0),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    sentAt: r.sent_at ? new Date(r.sent_at as string) : null,
    sendAt: r.send_at ? new Date(r.send_at as string) : null,
  };
}

/** `letters` joined with the names of the people on it. */
export function letterSelect(db: Knex) {
  return db('letters')
    .leftJoin('users as req', 'req.id', 'letters.requested_by_user_id')
    .leftJoin('users as app', 'app.id', 'letters.approved_by_user_id')
    .leftJoin('users as rej', 'rej.id', 'letters.rejected_by_user_id');
}

/** One letter by id. */
export async function findLetter(db: Knex, id: number): Promise<LetterRecord | null> {
  const row = await letterSelect(db).where('letters.id', id).first(LETTER_COLUMNS);
  return row ? toRecord(row) : null;
}

/** An account's letters, newest first (the letter log of the customer file). */
export async function accountLetters(db: Knex, accountId: number, limit = 50): Promise<LetterRecord[]> {
  const rows = await letterSelect(db)
    .where('letters.customer_id', accountId)
    .orderBy('letters.id', 'desc')
    .limit(limit)
    .select(LETTER_COLUMNS);
  return rows.map(toRecord);
}
