/**
 * Letters that may or may not have gone out (issue 6). A send whose mail server got the whole letter but
 * whose answer was lost (the line dropped after the final dot, or went quiet) becomes `uncertain` at once
 * and the person who clicked is told (mail-letter.ts, issue 13). A process that stops between handing a
 * letter to the mail server and recording the answer leaves it in `sending`; the recovery check
 * (src/jobs/letter-check.ts) moves such a letter to `uncertain` and tells the person who asked for it.
 * Sending it again on its own could e-mail the customer twice, so it never is: a person marks it sent or
 * sends it again (the same e-mail, same Message-ID), each once however often clicked.
 */
import { letterName } from '../views/letter-name.ts';
import { customerTime } from '../views/contact-views.ts';
import type { Knex } from 'knex';
import type { Actor } from '../worklist/staff.ts';
import { type LetterFile, loadLetterFile } from './letter-files.ts';
import { findLetter, type LetterRecord, markFailed } from './letter-log.ts';
import type { LetterLocale } from './settings.ts';
import { markSentByHand, markStuck, retakeUncertain, stuckLetters } from './uncertain-log.ts';
import { mailRecorded, reload } from './mail-letter.ts';
import type { LetterContext, PreparedLetter } from './letter-types.ts';
import {
  type DecisionOutcome,
  deliverClaimed,
  heldUntil,
  noSuchLetter,
  refusedSaying,
} from './send-letter.ts';

/** A letter the check moved on: `uncertain` (e-mail) or `failed` (by hand, nothing can have gone out). */
export interface StuckLetter {
  letter: LetterRecord;
  customerName: string;
}

/**
 * Moves letters left in `sending` for longer than `afterMinutes` on; returns those this call moved (a
 * second check, or a second replica, finds none of them again). Nothing is sent.
 */
export async function recoverStuckLetters(db: Knex, now: Date, afterMinutes: number): Promise<StuckLetter[]> {
  const cutoff = new Date(now.getTime() - afterMinutes * 60_000);
  const moved: StuckLetter[] = [];
  for (const letter of await stuckLetters(db, cutoff)) {
    if (!(await markStuck(db, letter, cutoff))) continue;
    const customer = await db('customers').where({ id: letter.accountId }).first('name');
    moved.push({
      letter: await reload(db, letter),
      customerName: customer ? String(customer.name) : `account #${letter.accountId}`,
    });
  }
  return moved;
}

function stateOf(letter: LetterRecord): DecisionOutcome {
  return refusedSaying((t) =>
    t.t('letter.refused.notUncertain', {
      letter: letterName(letter.template, t),
      id: letter.id,
      status: letter.status,
      hasRecipient: letter.recipient ? 'yes' : 'no',
      recipient: letter.recipient ?? '',
      messageId: letter.messageId ?? '?',
    }),
  );
}

/**
 * Takes an uncertain letter for one decision: `take` moves it on in the database, and only the call
 * that moved it gets the letter back (a double click finds it decided already and is told its state).
 */
async function decide(
  ctx: LetterContext,
  letterId: number,
  take: (letter: LetterRecord) => Promise<boolean>,
): Promise<{ letter: LetterRecord } | { answer: DecisionOutcome }> {
  const letter = await findLetter(ctx.db, letterId);
  if (!letter) return { answer: noSuchLetter(letterId) };
  if (letter.status !== 'uncertain') return { answer: stateOf(letter) };
  if (!(await take(letter))) return { answer: stateOf((await findLetter(ctx.db, letterId)) ?? letter) };
  return { letter: (await findLetter(ctx.db, letterId)) ?? letter };
}

/** The collector checked the mailbox and found the letter: it is recorded as sent, nothing is e-mailed. */
export async function markLetterSent(
  ctx: LetterContext,
  actor: Actor,
  letterId: number,
): Promise<DecisionOutcome> {
  const unrecorded = (letter: LetterRecord) => !letter.recipient || !letter.messageId;
  const found = await findLetter(ctx.db, letterId);
  if (found?.status === 'uncertain' && unrecorded(found))
    return refusedSaying((t) => t.t('letter.refused.noRecord', { id: letterId }));
  const decided = await decide(ctx, letterId, (letter) => markSentByHand(ctx.db, letter, actor));
  if ('answer' in decided) return decided.answer;
  return { kind: 'marked_sent', letter: decided.letter, by: actor.name };
}

/**
 * The collector chose to send the letter again: the same e-mail (stored content, same Message-ID, so a
 * mailbox that got both shows one) goes to the same address. A double click sends once: only the click
 * that moves the letter from `uncertain` back to `sending` sends.
 */
export async function sendLetterAgain(
  ctx: LetterContext,
  actor: Actor,
  letterId: number,
): Promise<DecisionOutcome> {
  // PB-24: sent again, it reaches the customer now, so only inside the customer's contact window.
  const asked = await findLetter(ctx.db, letterId);
  const held = asked?.status === 'uncertain' ? await heldUntil(ctx, asked.accountId) : null;
  if (held)
    return refusedSaying((t) =>
      t.t('letter.refused.outsideWindow', { time: customerTime(t, held.local), zone: held.zone }),
    );
  const decided = await decide(ctx, letterId, (letter) => retakeUncertain(ctx.db, letter, actor));
  if ('answer' in decided) return decided.answer;
  const sending = decided.letter;
  const stored = await loadLetterFile(ctx.db, letterId);
  const senderName = sending.requestedBy.name ?? actor.name;
  if (!stored || !sending.recipient || !sending.messageId)
    return deliverClaimed(ctx, sending, actor, senderName); // rendered anew; a recorded Message-ID is kept
  return resendStored(ctx, sending, actor, stored, {
    recipient: sending.recipient,
    messageId: sending.messageId,
  });
}

async function resendStored(
  ctx: LetterContext,
  letter: LetterRecord,
  actor: Actor,
  stored: LetterFile,
  to: { recipient: string; messageId: string },
): Promise<DecisionOutcome> {
  const customer = await ctx.db('customers').where({ id: letter.accountId }).first('name', 'contact_name');
  const customerName = customer ? String(customer.name) : `account #${letter.accountId}`;
  const contactName = String(customer?.contact_name ?? '') || customerName;
  const prepared: PreparedLetter = {
    accountId: letter.accountId,
    customerName,
    contactName,
    recipient: { ok: true, email: to.recipient },
    letter: {
      template: letter.template,
      locale: letter.locale as LetterLocale,
      subject: stored.subject,
      text: stored.text,
      html: stored.html,
      pdf: stored.pdf,
      filename: stored.filename,
    },
  };
  const { smtpUrl, from } = ctx.letters;
  if (!smtpUrl || !from) {
    const message =
      'Not sent: e-mail delivery is not configured (SMTP_URL and LETTER_FROM). The letter is marked failed; send the PDF by hand.';
    await markFailed(ctx.db, letter, actor, message, to.recipient);
    return { kind: 'failed', letter: await reload(ctx.db, letter), message };
  }
  return mailRecorded(ctx, letter, actor, prepared, { smtpUrl, from }, to.recipient, to.messageId);
}
