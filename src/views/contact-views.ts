/**
 * PB-24 in what people see: a letter queued for its customer's contact window (with the local time it
 * goes out and a Cancel button), the answer when it is already queued, its cancellation, and the line on
 * the account card. PB-15's call before the next delivery is in my-work.ts. Every string is a catalog
 * message (i18n/messages/contact-*.ts).
 */
import { localParts } from '../clock.ts';
import { clockTime, type ContactWindowPolicy } from '../collections/contact-window.ts';
import type { Locale } from '../i18n/locale.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import type { LetterRecord } from '../letters/letter-record.ts';
import type { QueuedFor } from '../letters/letter-types.ts';
import type { Confirm } from '../commands/interaction.ts';
import { encodeRef } from './action-ref.ts';
import { letterName } from './letter-name.ts';
import type { Block, Message } from './model.ts';
import { notice } from './notices.ts';

const weekdayFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * A moment on the customer's clock as people say it: "9:00 Tue 8 Dec" (en), "12月8日周二 9:00" (zh).
 * `local` is the customer's calendar date and minutes after midnight; no zone arithmetic happens here.
 */
export function customerTime(t: Translator, local: { date: string; minutes: number }): string {
  let format = weekdayFormats.get(t.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(t.locale === 'en' ? 'en-GB' : t.locale, {
      weekday: 'short',
      day: 'numeric',
      month: t.locale === 'en' ? 'short' : 'long',
      timeZone: 'UTC',
    });
    weekdayFormats.set(t.locale, format);
  }
  const day = format.format(Date.parse(`${local.date}T00:00:00Z`)).replace(',', '');
  const time = clockTime(local.minutes).replace(/^0(\d)/, '$1');
  return t.locale === 'en' ? `${time} ${day}` : `${day} ${time}`;
}

/** When a queued letter goes out, on the customer's clock in `zone`. */
export function queuedFor(letter: Pick<LetterRecord, 'sendAt'>, zone: string): QueuedFor | null {
  if (!letter.sendAt) return null;
  const p = localParts(letter.sendAt, zone);
  return { opensAt: letter.sendAt, local: { date: p.date, minutes: p.hour * 60 + p.minute }, zone };
}

/** The send times of the policy as "09:00 or 14:00". */
export function sendTimes(policy: ContactWindowPolicy, t: Translator): string {
  const times = [...policy.sendTimes].sort((a, b) => a - b).map(clockTime);
  return times.join(t.locale === 'en' ? ' or ' : '或');
}

/** The Cancel button of a queued letter (asked first: it cannot be taken back). */
export function cancelButton(
  letter: { id: number; accountId: number; template: string },
  customerName: string,
  t: Translator,
): Block {
  return {
    type: 'actions',
    buttons: [
      {
        label: t.t('contact.cancel.button'),
        style: 'danger',
        ref: encodeRef({ v: 1, action: 'letter-cancel', accountId: letter.accountId, letterId: letter.id }),
        confirm: t.t('contact.cancel.question', {
          letter: letterName(letter.template, t),
          customer: customerName,
        }),
      },
    ],
  };
}

/** The confirm step of Cancel: the same question as on the button, and the click a yes applies. */
export function cancelConfirm(
  letter: { id: number; accountId: number; customerName: string; template: string },
  t: Translator = translator('en'),
): Confirm {
  return {
    title: t.t('contact.cancel.title'),
    question: t.t('contact.cancel.question', {
      letter: letterName(letter.template, t),
      customer: letter.customerName,
    }),
    yes: t.t('contact.cancel.button'),
    ref: encodeRef({ v: 1, action: 'letter-cancel', accountId: letter.accountId, letterId: letter.id }),
  };
}

/** The account thread's copy of a letter queued for the customer's window, with its Cancel button. */
export function queuedLetterMessage(
  input: {
    letter: LetterRecord;
    queued: QueuedFor;
    customerName: string;
    actorName: string;
    approved: boolean;
    policy: ContactWindowPolicy;
  },
  t: Translator = translator('en'),
): Message {
  const { letter, queued, customerName } = input;
  const values = {
    actor: input.actorName,
    letter: letterName(letter.template, t),
    customer: customerName,
    when: customerTime(t, queued.local),
    zone: queued.zone,
  };
  return {
    blocks: [
      { type: 'text', text: t.t(input.approved ? 'contact.queued.approved' : 'contact.queued.sent', values) },
      {
        type: 'context',
        text: t.t('contact.queued.why', { times: sendTimes(input.policy, t), id: letter.id }),
      },
      cancelButton(letter, customerName, t),
    ],
    fallbackText: t.t('contact.queued.fallback', values),
  };
}

/** Asked to send a letter that is already queued for the customer. */
export function queuedExistsNotice(
  letter: LetterRecord,
  customerName: string,
  zone: string,
  t: Translator = translator('en'),
): Message {
  const queued = queuedFor(letter, zone);
  const told = notice(
    t.t('contact.queued.exists', {
      letter: letterName(letter.template, t),
      when: queued ? customerTime(t, queued.local) : '?',
      zone,
      id: letter.id,
    }),
  );
  return { ...told, blocks: [...told.blocks, cancelButton(letter, customerName, t)] };
}

/** A queued letter was cancelled. */
export function cancelledMessage(
  letter: LetterRecord,
  by: string,
  t: Translator = translator('en'),
): Message {
  return notice(
    t.t('contact.cancelled', { actor: by, letter: letterName(letter.template, t), id: letter.id }),
  );
}

/** The account card's line for a letter waiting for the customer's window. */
export function queuedCardLine(letter: LetterRecord, zone: string, t: Translator = translator('en')): string {
  const queued = queuedFor(letter, zone);
  return t.t('contact.card.queued', {
    letter: letterName(letter.template, t),
    id: letter.id,
    when: queued ? customerTime(t, queued.local) : '?',
    zone,
  });
}
