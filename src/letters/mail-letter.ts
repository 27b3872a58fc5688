/**
 * The e-mail step of a send: a letter whose recipient, Message-ID and content are already recorded goes
 * to the mail server, and what happened is written once: sent, failed (nothing went out) or uncertain
 * (the whole letter went out and the answer was lost, issue 13), never "failed" when it may have gone.
 */
import type { Knex } from 'knex';
import type { Actor } from '../worklist/staff.ts';
import { findLetter, type LetterRecord, markFailed, markSent } from './letter-log.ts';
import type { LetterContext, PreparedLetter, SendOutcome } from './letter-types.ts';
import { AnswerLostError, DeliveryError, sendLetterMail } from './smtp.ts';
import { markAnswerLost } from './uncertain-log.ts';

/** The letter as stored now (after a change), or as it was if it is gone. */
export async function reload(db: Knex, letter: LetterRecord): Promise<LetterRecord> {
  return (await findLetter(db, letter.id)) ?? letter;
}

/**
 * E-mails a letter whose Message-ID is already recorded (`prepared.letter` is what goes out) and
 * records what happened: sent; failed with why (nothing reached the mail server whole, or it refused the
 * letter); or uncertain, with the same Message-ID kept, when the mail server got all of it but its answer
 * was lost, so that only a person's Send again can e-mail it a second time.
 */
export async function mailRecorded(
  ctx: LetterContext,
  letter: LetterRecord,
  actor: Actor | null,
  prepared: PreparedLetter,
  smtp: { smtpUrl: string; from: string },
  email: string,
  messageId: string,
): Promise<SendOutcome> {
  try {
    const receipt = await sendLetterMail(
      { ...smtp, timeoutMs: ctx.letters.smtpTimeoutMs },
      { name: prepared.contactName, email },
      prepared.letter,
      messageId,
    );
    await markSent(ctx.db, letter, actor, { ...receipt, subject: prepared.letter.subject });
    return { kind: 'sent', letter: await reload(ctx.db, letter), prepared };
  } catch (error) {
    if (error instanceof AnswerLostError) {
      const outgoing = { recipient: email, messageId, subject: prepared.letter.subject };
      await markAnswerLost(ctx.db, letter, actor, outgoing, error.message);
      // Moved here, or already by the recovery check (which told the requester): either way uncertain.
      const now = await reload(ctx.db, letter);
      if (now.status !== 'uncertain') return { kind: 'exists', letter: now };
      return { kind: 'uncertain', letter: now, customerName: prepared.customerName, reason: error.message };
    }
    if (!(error instanceof DeliveryError)) throw error;
    const message = `Not sent: ${error.message}. Nothing went to ${email}; try again later or send the PDF by hand.`;
    // Moved on meanwhile (a Send again under way, or found sent): say what it is now, not "failed".
    if (!(await markFailed(ctx.db, letter, actor, message, email)))
      return { kind: 'exists', letter: await reload(ctx.db, letter) };
    return { kind: 'failed', letter: await reload(ctx.db, letter), message };
  }
}
