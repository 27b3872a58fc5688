/**
 * What people see of letters: the chooser of which letter, the preview with its Send button (a neutral form, so Slack shows it as a
 * modal, Teams as a card and the shell as text with a yes/no question), the copy posted in the account's
 * thread with the PDF, the approval request with Approve / Reject, and the answers when nothing was sent.
 */
import { formatLocalTime } from '../clock.ts';
import type { Ladder } from '../collections/ladder.ts';
import { encodeRef } from './action-ref.ts';
import type { LetterRecord } from '../letters/letter-log.ts';
import type { PreparedLetter, SendOutcome } from '../letters/send-letter.ts';
import { letterName } from './letter-name.ts';
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

const to = (p: PreparedLetter) =>
  p.recipient.ok ? `${p.contactName} <${p.recipient.email}>` : `no e-mail: ${p.recipient.problem}`;

/**
 * The first step of Send letter, the same on every platform: every letter the ladder knows, the one it
 * suggests for this account preselected. Submitting it answers with that letter's preview.
 */
export function letterChooserForm(
  ladder: Ladder,
  account: { id: number; name: string },
  suggested: string | null,
): Form {
  const seen = new Set<string>();
  const options: { value: string; label: string }[] = [];
  for (const step of ladder.steps) {
    if (!step.letter || seen.has(step.letter)) continue;
    seen.add(step.letter);
    options.push({ value: step.letter, label: `${step.letter} (${step.id}, day ${step.day})` });
  }
  const initial = suggested && seen.has(suggested) ? suggested : undefined;
  return {
    title: 'Send a letter',
    submitLabel: 'Preview',
    ref: encodeRef({ v: 1, action: 'letter', accountId: account.id }),
    fields: [
      {
        type: 'select',
        id: 'template',
        label: `Letter to ${account.name}`.slice(0, 48),
        required: true,
        options,
        ...(initial ? { initial } : {}),
        hint: initial
          ? `The ladder suggests ${initial} for this account today.`
          : 'The ladder suggests no letter today; choose one to send it anyway.',
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
): Form {
  const body =
    p.letter.text.length > PREVIEW_CHARS ? `${p.letter.text.slice(0, PREVIEW_CHARS)}…` : p.letter.text;
  const delivery = options.email
    ? 'e-mail with the PDF attached; a copy goes to the account thread'
    : 'not configured: nothing is e-mailed, you get the PDF in the account thread to send by hand';
  const intro: Message = {
    blocks: [
      {
        type: 'header',
        text: `${letterName(options.template).replace(/^./, (c) => c.toUpperCase())} letter to ${p.customerName}`,
      },
      {
        type: 'fields',
        fields: [
          { label: 'To', value: to(p), tone: p.recipient.ok ? 'normal' : 'danger' },
          { label: 'Subject', value: p.letter.subject },
          { label: 'Language', value: p.letter.locale },
          { label: 'Delivery', value: delivery, tone: options.email ? 'normal' : 'danger' },
          ...(options.approval
            ? [{ label: 'Approval', value: "needs a second person's approval before it goes out" }]
            : []),
        ],
      },
      { type: 'divider' },
      { type: 'text', text: body },
      {
        type: 'context',
        text:
          options.callId !== undefined
            ? 'PB-23: after every call, the customer gets what was agreed in writing. Sent once per call.'
            : options.suggested
              ? 'The escalation ladder suggests this letter for the account today.'
              : 'You chose this letter; the ladder suggests another one (or none) today.',
      },
    ],
    fallbackText: `Preview: ${p.letter.subject}`,
  };
  return {
    title: 'Send a letter',
    submitLabel: options.approval ? 'Ask for approval' : options.email ? 'Send' : 'Prepare PDF',
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
export function callSummaryOffer(accountId: number, callId: number): Block {
  return {
    type: 'actions',
    buttons: [
      {
        label: 'Send call summary',
        ref: encodeRef({ v: 1, action: 'summary', accountId, callId }),
        opens: 'form',
      },
    ],
  };
}

/** Asked before Reject, on the button and in dispatch's confirm step. */
export function rejectQuestion(template: string, customerName: string): string {
  return `Reject the ${letterName(template)} letter to ${customerName}?`;
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
): Confirm {
  const reject = decision === 'reject';
  return {
    title: reject ? 'Reject the letter' : 'Send the letter again',
    question: reject
      ? rejectQuestion(letter.template, letter.customerName)
      : sendAgainQuestion({ template: letter.template, recipient: letter.recipient }),
    yes: reject ? 'Reject' : 'Send again',
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
): Message {
  const { letter, prepared: p } = outcome;
  const name = letterName(letter.template);
  const files = [pdfOf(p, letter.id)];
  if (outcome.kind === 'sent') {
    const text = `*${actorName}* sent the *${name}* letter to ${p.customerName} by e-mail: ${letter.recipient ?? ''}`;
    return {
      blocks: [
        { type: 'text', text, tone: 'success' },
        {
          type: 'context',
          text: `"${letter.subject ?? ''}" · message id ${letter.messageId ?? ''} · letter #${letter.id}`,
        },
      ],
      fallbackText: `${actorName} sent the ${name} letter to ${p.customerName}`,
      files,
    };
  }
  if (outcome.kind === 'not_sent') {
    return {
      blocks: [
        {
          type: 'text',
          text: `*NOT SENT:* ${actorName} prepared the *${name}* letter for ${p.customerName}, but ${outcome.reason}, so nothing was e-mailed. Send the attached PDF by hand${p.recipient.ok ? ` to ${p.recipient.email}` : ''}.`,
          tone: 'danger',
        },
        { type: 'context', text: `"${p.letter.subject}" · letter #${letter.id}` },
      ],
      fallbackText: `Not sent: the ${name} letter for ${p.customerName} is ready to send by hand`,
      files,
    };
  }
  return {
    blocks: [
      {
        type: 'text',
        text: `*${actorName}* asks to send the *${name}* letter to ${p.customerName} (${to(p)}). It goes out only when someone other than ${actorName} approves it.`,
      },
      {
        type: 'actions',
        buttons: [
          {
            label: 'Approve',
            style: 'primary',
            ref: encodeRef({ v: 1, action: 'letter-approve', accountId: p.accountId, letterId: letter.id }),
          },
          {
            label: 'Reject',
            style: 'danger',
            ref: encodeRef({ v: 1, action: 'letter-reject', accountId: p.accountId, letterId: letter.id }),
            confirm: rejectQuestion(letter.template, p.customerName),
          },
        ],
      },
      {
        type: 'context',
        text: `"${p.letter.subject}" · letter #${letter.id} (in the shell: approve ${letter.id} or reject ${letter.id})`,
      },
    ],
    fallbackText: `${actorName} asks for approval of the ${name} letter to ${p.customerName}`,
    files,
  };
}

/** Why nothing new happened: the letter of this key already exists today. */
export function letterExistsNotice(letter: LetterRecord, timeZone: string): Message {
  const name = letterName(letter.template);
  const who = letter.requestedBy.name ?? 'someone';
  const at = formatLocalTime(letter.sentAt ?? letter.updatedAt, timeZone);
  switch (letter.status) {
    case 'sent':
      return notice(
        letter.callId
          ? `The summary of this call already went to ${letter.recipient ?? 'the customer'} (${at}, by ${who}); it is sent once per call, so nothing was sent again.`
          : `The *${name}* letter already went to ${letter.recipient ?? 'the customer'} today (${at}, by ${who}); it is sent once a day, so nothing was sent again.`,
        {
          context: `message id ${letter.messageId ?? ''} · letter #${letter.id}`,
        },
      );
    case 'awaiting_approval':
      return notice(
        `${who} already asked to send the *${name}* letter today; it is waiting for approval (letter #${letter.id}).`,
      );
    case 'sending':
      return notice(
        `The *${name}* letter is being sent right now (started ${at} by ${who}); nothing was sent twice.`,
      );
    case 'uncertain': {
      const told = notice(
        `The *${name}* letter of today may or may not have gone out to ${letter.recipient ?? 'the customer'} (${who} asked for it at ${at}); it is never sent twice on its own. Check the mailbox for message id ${letter.messageId ?? '(not recorded)'}, then choose.`,
        { context: `letter #${letter.id}` },
      );
      return { ...told, blocks: [...told.blocks, uncertainActions(letter)] };
    }
    case 'not_sent':
      return notice(
        `${who} already prepared the *${name}* letter today (${at}); its PDF is in the account thread, not sent: ${letter.error ?? ''}.`,
      );
    default:
      return notice(
        `The *${name}* letter of today is ${letter.status.replace(/_/g, ' ')} (letter #${letter.id}).`,
      );
  }
}

/** A letter that did not go out, with the reason; the failure is in the history. */
export function letterFailedNotice(message: string, recorded: boolean): Message {
  return notice(message, {
    tone: 'danger',
    ...(recorded
      ? { context: 'Nothing was sent. The failure is recorded in the account history.' }
      : { context: 'Nothing was sent or stored.' }),
  });
}
