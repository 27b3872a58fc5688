/**
 * What people see of a letter that may or may not have gone out (issue 6): the notice to the person who
 * asked for it (or who clicked, when the mail server's answer was lost during the send), with the Message-ID to search the mailbox for and the two choices (Mark as sent, Send
 * again), and the answer after marking it sent. Sending again answers with the usual letter copy.
 */
import { formatLocalTime } from '../clock.ts';
import type { Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import type { LetterRecord } from '../letters/letter-log.ts';
import { letterName } from './letter-name.ts';
import type { ActionsBlock, Message } from './model.ts';

/** Asked before Send again, on the button and in dispatch's confirm step: the e-mail may be there already. */
export function sendAgainQuestion(
  letter: Pick<LetterRecord, 'template' | 'recipient'>,
  t: Translator,
): string {
  return t.t('letter.resend.question', {
    name: letterName(letter.template, t),
    recipient: letter.recipient ?? 'none',
  });
}

/** The two choices on an uncertain letter (in the shell: `mark-sent L`, `send-again L`). */
export function uncertainActions(letter: LetterRecord, t: Translator): ActionsBlock {
  const ref = (action: 'letter-mark-sent' | 'letter-resend') =>
    encodeRef({ v: 1, action, accountId: letter.accountId, letterId: letter.id });
  return {
    type: 'actions',
    buttons: [
      { label: t.t('letter.mark_sent.button'), style: 'primary', ref: ref('letter-mark-sent') },
      {
        label: t.t('letter.resend.yes'),
        ref: ref('letter-resend'),
        confirm: sendAgainQuestion(letter, t),
      },
    ],
  };
}

/**
 * Tells the requester (recovery check) or the person who clicked (a live send whose answer was lost,
 * `answerLost` saying how, in the mail server's terms) that a letter may or may not have gone out, and what
 * to do about it.
 */
export function uncertainLetterNotice(
  letter: LetterRecord,
  customerName: string,
  timeZone: string,
  t: Translator,
  answerLost?: string,
): Message {
  const name = letterName(letter.template, t);
  const since = formatLocalTime(letter.createdAt, timeZone);
  const cause = answerLost
    ? t.t('letter.uncertain.cause_lost', { detail: answerLost.replace(/^./, (c) => c.toUpperCase()) })
    : t.t('letter.uncertain.cause_stopped', { since });
  const notRecorded = t.t('letter.uncertain.not_recorded');
  return {
    blocks: [
      {
        type: 'text',
        text: t.t('letter.uncertain.headline', { name, customer: customerName, cause }),
        tone: 'danger',
      },
      {
        type: 'fields',
        fields: [
          { label: t.t('letter.preview.to'), value: letter.recipient ?? notRecorded },
          { label: t.t('letter.preview.subject'), value: letter.subject ?? '' },
          { label: 'Message-ID', value: letter.messageId ?? notRecorded },
          { label: t.t('letter.uncertain.letter'), value: `#${letter.id}` },
        ],
      },
      {
        type: 'text',
        text: letter.messageId
          ? t.t('letter.uncertain.search_id', { messageId: letter.messageId })
          : t.t('letter.uncertain.search_subject'),
      },
      uncertainActions(letter, t),
      { type: 'context', text: t.t('letter.uncertain.shell', { id: letter.id }) },
    ],
    fallbackText: t.t('letter.uncertain.fallback', { name, customer: customerName }),
  };
}

/** The answer after someone marked an uncertain letter as sent (posted in the account thread). */
export function letterMarkedSentMessage(letter: LetterRecord, by: string, t: Translator): Message {
  const name = letterName(letter.template, t);
  return {
    blocks: [
      {
        type: 'text',
        text: t.t('letter.marked_sent.text', { by, name, recipient: letter.recipient ?? 'none' }),
        tone: 'success',
      },
      {
        type: 'context',
        text: t.t('letter.sent.context', {
          subject: letter.subject ?? '',
          messageId: letter.messageId ?? '',
          id: letter.id,
        }),
      },
    ],
    fallbackText: t.t('letter.marked_sent.fallback', { by, name }),
  };
}
