/**
 * What people see of a letter that may or may not have gone out (issue 6): the notice to the person who
 * asked for it (or who clicked, when the mail server's answer was lost during the send), with the Message-ID to search the mailbox for and the two choices (Mark as sent, Send
 * again), and the answer after marking it sent. Sending again answers with the usual letter copy.
 */
import { formatLocalTime } from '../clock.ts';
import { encodeRef } from './action-ref.ts';
import type { LetterRecord } from '../letters/letter-log.ts';
import { letterName } from './letter-name.ts';
import type { ActionsBlock, Message } from './model.ts';

/** Asked before Send again, on the button and in dispatch's confirm step: the e-mail may be there already. */
export function sendAgainQuestion(letter: Pick<LetterRecord, 'template' | 'recipient'>): string {
  return `Send the ${letterName(letter.template)} letter to ${letter.recipient ?? 'the customer'} again? Do this only if it is not in the mailbox.`;
}

/** The two choices on an uncertain letter (in the shell: `mark-sent L`, `send-again L`). */
export function uncertainActions(letter: LetterRecord): ActionsBlock {
  const ref = (action: 'letter-mark-sent' | 'letter-resend') =>
    encodeRef({ v: 1, action, accountId: letter.accountId, letterId: letter.id });
  return {
    type: 'actions',
    buttons: [
      { label: 'Mark as sent', style: 'primary', ref: ref('letter-mark-sent') },
      {
        label: 'Send again',
        ref: ref('letter-resend'),
        confirm: sendAgainQuestion(letter),
      },
    ],
  };
}

/**
 * Tells the requester (recovery check) or the person who clicked (a live send whose answer was lost,
 * `answerLost` saying how) that a letter may or may not have gone out, and what to do about it.
 */
export function uncertainLetterNotice(
  letter: LetterRecord,
  customerName: string,
  timeZone: string,
  answerLost?: string,
): Message {
  const name = letterName(letter.template);
  const since = formatLocalTime(letter.createdAt, timeZone);
  const cause = answerLost
    ? `${answerLost.replace(/^./, (c) => c.toUpperCase())}, so duebot does not know whether it took the letter.`
    : `duebot stopped while handing it to the mail server (asked for ${since}), so it does not know the answer.`;
  const messageId = letter.messageId
    ? `Search the sent mail (or ask the mail administrator) for the Message-ID ${letter.messageId}.`
    : 'No Message-ID was recorded for it; search the sent mail for its subject.';
  return {
    blocks: [
      {
        type: 'text',
        text: `*The ${name} letter to ${customerName} may or may not have gone out.* ${cause} It was not sent again on its own.`,
        tone: 'danger',
      },
      {
        type: 'fields',
        fields: [
          { label: 'To', value: letter.recipient ?? 'not recorded' },
          { label: 'Subject', value: letter.subject ?? '' },
          { label: 'Message-ID', value: letter.messageId ?? 'not recorded' },
          { label: 'Letter', value: `#${letter.id}` },
        ],
      },
      {
        type: 'text',
        text: `${messageId} Found it: *Mark as sent*. Not there: *Send again* (the same e-mail, once).`,
      },
      uncertainActions(letter),
      {
        type: 'context',
        text: `In the shell: mark-sent ${letter.id} or send-again ${letter.id}.`,
      },
    ],
    fallbackText: `The ${name} letter to ${customerName} may or may not have gone out: check and decide`,
  };
}

/** The answer after someone marked an uncertain letter as sent (posted in the account thread). */
export function letterMarkedSentMessage(letter: LetterRecord, by: string): Message {
  const name = letterName(letter.template);
  return {
    blocks: [
      {
        type: 'text',
        text: `*${by}* found the *${name}* letter in the mailbox and marked it as sent to ${letter.recipient ?? 'the customer'}; nothing was e-mailed again.`,
        tone: 'success',
      },
      {
        type: 'context',
        text: `"${letter.subject ?? ''}" · message id ${letter.messageId ?? ''} · letter #${letter.id}`,
      },
    ],
    fallbackText: `${by} marked the ${name} letter as sent`,
  };
}
