/**
 * What people see of letters: the chooser of which letter, the preview with its Send button (a neutral form, so Slack shows it as a
 * modal, Teams as a card and the shell as text with a yes/no question), the copy posted in the account's
 * thread with the PDF, the approval request with Approve / Reject, and the answers when nothing was sent.
 */
import { formatLocalTime } from '../clock.ts';
import type { Ladder } from '../collections/ladder.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { encodeRef } from './action-ref.ts';
import type { LetterRecord } from '../letters/letter-log.ts';
import type { PreparedLetter, SendOutcome } from '../letters/letter-types.ts';
import { letterName, letterTitle } from './letter-name.ts';
import type { Block, FileAttachment, Form, Message } from './model.ts';
import { notice } from './notices.ts';
import { sendAgainQuestion, uncertainActions } from './uncertain-letter.ts';
import type { Confirm } from '../commands/interaction.ts';

export { letterName };

/** Longest letter text shown in a preview; the PDF has all of it. */
const PREVIEW_CHARS = 2800;

const pdfOf = (p: PreparedLetter, letterId: number): FileAttachment => ({
  filename: p.letter.filename,
  mimeType: 'application/pdf',
  data: p.letter.pdf,
  title: p.letter.subject,
  letterId,
});

const to = (p: PreparedLetter, t: Translator) =>
  p.recipient.ok
    ? `${p.contactName} <${p.recipient.email}>`
    : t.t('letter.preview.no_email', { problem: p.recipient.problem });

/** A name or address that may be missing, for a message's `select` (`none` picks "the customer"). */
const orNone = (value: string | null | undefined): string => (value ? value : 'none');

/**
 * The first step of Send letter, the same on every platform: every letter the ladder knows, the one it
 * suggests for this account preselected. Submitting it answers with that letter's preview.
 */
export function letterChooserForm(
  ladder: Ladder,
  account: { id: number; name: string },
  suggested: string | null,
  t: Translator,
): Form {
  const seen = new Set<string>();
  const options: { value: string; label: string }[] = [];
  for (const step of ladder.steps) {
    if (!step.letter || seen.has(step.letter)) continue;
    seen.add(step.letter);
    options.push({
      value: step.letter,
      label: t.t('letter.chooser.option', { template: step.letter, step: step.id, day: step.day }),
    });
  }
  const initial = suggested && seen.has(suggested) ? suggested : undefined;
  return {
    title: t.t('letter.form.title'),
    submitLabel: t.t('letter.chooser.submit'),
    ref: encodeRef({ v: 1, action: 'letter', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'template',
        label: t.t('letter.chooser.label', { name: account.name }).slice(0, 48),
        required: true,
        options,
        ...(initial ? { initial } : {}),
        hint: initial
          ? t.t('letter.chooser.hint_suggested', { template: initial })
          : t.t('letter.chooser.hint_none'),
      },
    ],
  };
}

/** The preview before sending: who gets what, how, and the letter's text; submitting sends it. */
export function letterPreviewForm(
  p: PreparedLetter,
  options: {
    template: string;
    suggested: boolean;
    approval: boolean;
    email: boolean;
    /** PB-23: the call a call summary sums up; its Send sends the summary of that call, once. */
    callId?: number | undefined;
  },
  t: Translator,
): Form {
  const body =
    p.letter.text.length > PREVIEW_CHARS ? `${p.letter.text.slice(0, PREVIEW_CHARS)}…` : p.letter.text;
  const delivery = options.email ? t.t('letter.preview.delivery_email') : t.t('letter.preview.delivery_none');
  const intro: Message = {
    blocks: [
      {
        type: 'header',
        text: t.t('letter.preview.header', {
          name: letterTitle(options.template, t),
          customer: p.customerName,
        }),
      },
      {
        type: 'fields',
        fields: [
          {
            label: t.t('letter.preview.to'),
            value: to(p, t),
            tone: p.recipient.ok ? 'normal' : 'danger',
          },
          { label: t.t('letter.preview.subject'), value: p.letter.subject },
          {
            label: t.t('letter.preview.language'),
            value: t.t('letter.language', { locale: p.letter.locale.replace('-', '_') }),
          },
          {
            label: t.t('letter.preview.delivery'),
            value: delivery,
            tone: options.email ? 'normal' : 'danger',
          },
          ...(options.approval
            ? [{ label: t.t('letter.preview.approval'), value: t.t('letter.preview.approval_needed') }]
            : []),
        ],
      },
      { type: 'divider' },
      { type: 'text', text: body },
      {
        type: 'context',
        text:
          options.callId !== undefined
            ? t.t('letter.preview.call_summary')
            : options.suggested
              ? t.t('letter.preview.suggested')
              : t.t('letter.preview.chosen'),
      },
    ],
    fallbackText: t.t('letter.preview.fallback', { subject: p.letter.subject }),
  };
  return {
    title: t.t('letter.form.title'),
    submitLabel: options.approval
      ? t.t('letter.preview.submit_approval')
      : options.email
        ? t.t('letter.preview.submit_send')
        : t.t('letter.preview.submit_pdf'),
    ref: encodeRef({
      v: 1,
      action: 'letter',
      accountId: p.accountId,
      template: options.template,
      ...(options.callId === undefined ? {} : { callId: options.callId }),
    }),
    fields: [],
    intro,
    slow: true,
  };
}

/**
 * PB-23: after a call, one click to send the customer its summary; the click opens the summary's preview
 * (a form whose Send sends it, once per call), the same on every platform.
 */
export function callSummaryOffer(accountId: number, callId: number, t: Translator = translator('en')): Block {
  return {
    type: 'actions',
    buttons: [
      {
        label: t.t('letter.summary.offer'),
        ref: encodeRef({ v: 1, action: 'summary', accountId, callId }),
        opens: 'form',
      },
    ],
  };
}

/** Asked before Reject, on the button and in dispatch's confirm step. */
export function rejectQuestion(template: string, customerName: string, t: Translator): string {
  return t.t('letter.reject.question', { name: letterName(template, t), customer: customerName });
}

/**
 * The confirm step of Reject (cannot be taken back) and Send again (may send an e-mail twice): the same
 * question as on the buttons, and the click a yes applies.
 */
export function letterDecisionConfirm(
  decision: 'reject' | 'send-again',
  letter: {
    id: number;
    accountId: number;
    customerName: string;
    template: string;
    recipient: string | null;
  },
  t: Translator,
): Confirm {
  const reject = decision === 'reject';
  return {
    title: reject ? t.t('letter.reject.title') : t.t('letter.resend.title'),
    question: reject
      ? rejectQuestion(letter.template, letter.customerName, t)
      : sendAgainQuestion({ template: letter.template, recipient: letter.recipient }, t),
    yes: reject ? t.t('letter.reject.yes') : t.t('letter.resend.yes'),
    ref: encodeRef({
      v: 1,
      action: reject ? 'letter-reject' : 'letter-resend',
      accountId: letter.accountId,
      letterId: letter.id,
    }),
  };
}

/** The copy in the account's thread after a send: what went where, with the PDF. */
export function letterOutcomeMessage(
  outcome: Extract<SendOutcome, { kind: 'sent' | 'not_sent' | 'awaiting_approval' }>,
  actorName: string,
  t: Translator,
): Message {
  const { letter, prepared: p } = outcome;
  const name = letterName(letter.template, t);
  const files = [pdfOf(p, letter.id)];
  const who = { actor: actorName, name, customer: p.customerName };
  if (outcome.kind === 'sent') {
    return {
      blocks: [
        {
          type: 'text',
          text: t.t('letter.sent.text', { ...who, recipient: letter.recipient ?? '' }),
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
      fallbackText: t.t('letter.sent.fallback', who),
      files,
    };
  }
  if (outcome.kind === 'not_sent') {
    return {
      blocks: [
        {
          type: 'text',
          text: t.t('letter.not_sent.text', {
            ...who,
            email: p.recipient.ok ? p.recipient.email : 'none',
          }),
          tone: 'danger',
        },
        {
          type: 'context',
          text: t.t('letter.subject.context', { subject: p.letter.subject, id: letter.id }),
        },
      ],
      fallbackText: t.t('letter.not_sent.fallback', who),
      files,
    };
  }
  return {
    blocks: [
      { type: 'text', text: t.t('letter.approval.text', { ...who, to: to(p, t) }) },
      {
        type: 'actions',
        buttons: [
          {
            label: t.t('letter.approve.button'),
            style: 'primary',
            ref: encodeRef({ v: 1, action: 'letter-approve', accountId: p.accountId, letterId: letter.id }),
          },
          {
            label: t.t('letter.reject.yes'),
            style: 'danger',
            ref: encodeRef({ v: 1, action: 'letter-reject', accountId: p.accountId, letterId: letter.id }),
            confirm: rejectQuestion(letter.template, p.customerName, t),
          },
        ],
      },
      {
        type: 'context',
        text: t.t('letter.approval.context', { subject: p.letter.subject, id: letter.id }),
      },
    ],
    fallbackText: t.t('letter.approval.fallback', who),
    files,
  };
}

/** Why nothing new happened: the letter of this key already exists today. */
export function letterExistsNotice(letter: LetterRecord, timeZone: string, t: Translator): Message {
  const name = letterName(letter.template, t);
  const who = orNone(letter.requestedBy.name);
  const at = formatLocalTime(letter.sentAt ?? letter.updatedAt, timeZone);
  const recipient = orNone(letter.recipient);
  switch (letter.status) {
    case 'sent':
      return notice(
        letter.callId
          ? t.t('letter.exists.summary_sent', { recipient, at, who })
          : t.t('letter.exists.sent', { name, recipient, at, who }),
        {
          context: t.t('letter.exists.sent_context', { messageId: letter.messageId ?? '', id: letter.id }),
        },
      );
    case 'awaiting_approval':
      return notice(t.t('letter.exists.awaiting', { who, name, id: letter.id }));
    case 'sending':
      return notice(t.t('letter.exists.sending', { name, at, who }));
    case 'uncertain': {
      const told = notice(
        t.t('letter.exists.uncertain', {
          name,
          recipient,
          who,
          at,
          messageId: orNone(letter.messageId),
        }),
        { context: t.t('letter.letter_id', { id: letter.id }) },
      );
      return { ...told, blocks: [...told.blocks, uncertainActions(letter, t)] };
    }
    case 'not_sent':
      return notice(t.t('letter.exists.not_sent', { who, name, at, error: letter.error ?? '' }));
    default:
      return notice(t.t('letter.exists.other', { name, status: letter.status, id: letter.id }));
  }
}

/** A letter that did not go out, with the reason; the failure is in the history. */
export function letterFailedNotice(message: string, recorded: boolean, t: Translator): Message {
  return notice(message, {
    tone: 'danger',
    context: recorded ? t.t('letter.failed.recorded') : t.t('letter.failed.not_stored'),
  });
}
