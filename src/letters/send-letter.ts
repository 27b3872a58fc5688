/**
 * Sending a dunning letter, as one use case: prepare (gather data, render), then take the letter's key,
 * then deliver by e-mail (or, without SMTP settings, hand it to the collector as not sent), then log the
 * result. Nothing is half-sent: everything is rendered and the address checked before the mail server is
 * asked, and each outcome (sent, not sent, failed) is written once, with its activity (issue 6).
 */
import { assessOne } from '../worklist/assess.ts';
import type { Actor } from '../worklist/staff.ts';
import { LetterDataError, letterData } from './letter-data.ts';
import {
  callSummaryKey,
  claimLetter,
  findLetter,
  type LetterRecord,
  letterKey,
  planLetterKey,
  logApprovalRequested,
  logQueued,
  markApproved,
  markApprovedQueued,
  markCancelled,
  markFailed,
  markNotSent,
  markRejected,
  recordOutgoing,
} from './letter-log.ts';
import { letterLocale } from './locale.ts';
import { renderLetter } from './render.ts';
import { mailRecorded, reload } from './mail-letter.ts';
import { checkRecipient, letterMessageId } from './smtp.ts';
import { LetterTemplateError } from './templates.ts';
import { type LetterConfig, type LetterLocale, PLACEHOLDER_COMPANY_NAME } from './settings.ts';
import {
  type LetterContext,
  NO_SMTP_REASON,
  type PrepareFailure,
  type PreparedLetter,
  type QueuedFor,
  type SendOutcome,
} from './letter-types.ts';
import { letterWindow } from './contact-time.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { letterName } from '../views/letter-name.ts';

/**
 * PB-24: null when an e-mail may reach the account's customer now; otherwise when it may (the next
 * opening of the contact window on the customer's clock). A letter for the collector to send by hand
 * (no SMTP) reaches nobody by itself, so it is never held.
 */
export async function heldUntil(ctx: LetterContext, accountId: number): Promise<QueuedFor | null> {
  if (!ctx.letters.smtpUrl || !ctx.letters.from) return null;
  const { zone, state } = await letterWindow(ctx.db, accountId, ctx.clock.now(), {
    policy: ctx.policy,
    zones: ctx.letters.customerZones,
    businessZone: ctx.clock.timeZone,
  });
  return state.open ? null : { opensAt: state.opensAt, local: state.local, zone: zone.zone };
}

/** The letter of this account and template already waiting for the customer's window, if any. */
async function queuedLetter(
  ctx: LetterContext,
  accountId: number,
  template: string,
): Promise<LetterRecord | null> {
  const row = await ctx
    .db('letters')
    .where({ customer_id: accountId, template, status: 'queued' })
    .first('id');
  return row ? findLetter(ctx.db, Number(row.id)) : null;
}

/** The letters that need the restricted role and, with LETTER_APPROVAL on, a second person (issue 6). */
export const RESTRICTED_LETTERS: readonly string[] = [
  'formal-demand',
  'final-notice',
  'lawyer-letter-request',
];

/** Renders a letter for an account without storing anything: the preview, and the first step of sending. */
export async function prepareLetter(
  ctx: LetterContext,
  accountId: number,
  template: string,
  senderName: string,
  options: {
    /** Overrides the customer's locale (`duebot letter preview --locale`). */
    locale?: LetterLocale;
    /** False for a chat preview: no PDF, so the answer comes within a platform's time limit. */
    pdf?: boolean;
    /** PB-23: the call a call summary sums up (default: the newest logged call). */
    callId?: number | undefined;
    /** PB-17: the payment plan (or proposal) a payment-plan letter is about. */
    planId?: number;
  } = {},
): Promise<{ ok: true; value: PreparedLetter } | PrepareFailure> {
  const today = ctx.clock.today();
  const customer = await ctx.db('customers').where({ id: accountId }).first();
  const missing = { ok: false, kind: 'refusal', message: `There is no account #${accountId}.` } as const;
  if (!customer) return missing;
  const assessment = await assessOne(
    { db: ctx.db, policy: ctx.policy, today, timeZone: ctx.clock.timeZone },
    accountId,
  );
  if (!assessment) return missing;
  const locale = options.locale ?? letterLocale(customer.locale, ctx.letters.defaultLocale);
  try {
    const data = await letterData(ctx.db, {
      accountId,
      template,
      locale,
      assessment,
      senderName,
      config: ctx.letters,
      today,
      callId: options.callId,
      timeZone: ctx.clock.timeZone,
      ...(options.planId === undefined ? {} : { planId: options.planId }),
    });
    const letter = await renderLetter(data, ctx.letters, { pdf: options.pdf !== false });
    return {
      ok: true,
      value: {
        accountId,
        customerName: String(customer.name),
        letter,
        contactName: data.customer.contact,
        recipient: checkRecipient(customer.contact_email),
      },
    };
  } catch (error) {
    if (error instanceof LetterDataError)
      return { ok: false, kind: 'refusal', message: error.message, say: error.say };
    if (error instanceof LetterTemplateError) return { ok: false, kind: 'broken', message: error.message };
    throw error;
  }
}

/**
 * A claimed letter that could not be prepared: recorded as failed (its English in the letter's record),
 * said to the person in their language ("Not sent: ...").
 */
async function failedToPrepare(
  ctx: LetterContext,
  letter: LetterRecord,
  actor: Actor | null,
  prepared: PrepareFailure,
): Promise<SendOutcome> {
  const problem = prepared.say;
  const say = (t: Translator) => t.t('letter.notSent', { problem: problem ? problem(t) : prepared.message });
  const message = say(translator('en'));
  await markFailed(ctx.db, letter, actor, message, null);
  return { kind: 'failed', letter: await reload(ctx.db, letter), message, say };
}

/** Whether this letter waits for a second person before it goes out. */
export function needsApproval(config: LetterConfig, template: string): boolean {
  return config.approval && RESTRICTED_LETTERS.includes(template);
}

/**
 * Delivers a claimed letter (status `sending`): e-mail when SMTP is set, otherwise by hand. Before the
 * mail server is asked, the recipient, the Message-ID and the content are recorded (recordOutgoing), so
 * a crash in between leaves a letter the recovery check can describe (uncertain.ts).
 */
export async function deliverClaimed(
  ctx: LetterContext,
  letter: LetterRecord,
  actor: Actor | null,
  senderName: string,
  already?: PreparedLetter,
): Promise<SendOutcome> {
  const prepared = already
    ? { ok: true as const, value: already }
    : await prepareLetter(ctx, letter.accountId, letter.template, senderName, {
        callId: letter.callId ?? undefined,
      });
  if (!prepared.ok) return failedToPrepare(ctx, letter, actor, prepared);
  const p = prepared.value;
  const email = p.recipient.ok ? p.recipient.email : null;
  const { smtpUrl, from } = ctx.letters;
  if (!smtpUrl || !from) {
    const reason = NO_SMTP_REASON;
    await markNotSent(ctx.db, letter, actor, reason, email, p.letter);
    return { kind: 'not_sent', letter: await reload(ctx.db, letter), prepared: p, reason };
  }
  if (ctx.letters.company.name === PLACEHOLDER_COMPANY_NAME) {
    // Issue 14: a customer never gets a letter headed with the placeholder name (start refuses it too).
    const message = `Not sent: the letterhead says "${PLACEHOLDER_COMPANY_NAME}". Set LETTER_COMPANY_NAME to your company's name, restart duebot, then send again.`;
    await markFailed(ctx.db, letter, actor, message, null);
    return { kind: 'failed', letter: await reload(ctx.db, letter), message };
  }
  if (!p.recipient.ok) {
    const message = `Not sent: ${p.recipient.problem}. Correct the contact in the ledger, then send again.`;
    await markFailed(ctx.db, letter, actor, message, null);
    return { kind: 'failed', letter: await reload(ctx.db, letter), message };
  }
  // A letter that may already have gone out (uncertain, sent again) keeps its Message-ID, so a mailbox
  // that gets both copies shows one; a new or failed one gets the Message-ID of this attempt.
  const messageId = letter.messageId ?? letterMessageId(letter, from);
  if (
    !(await recordOutgoing(ctx.db, letter, { recipient: p.recipient.email, messageId, rendered: p.letter }))
  )
    return { kind: 'exists', letter: await reload(ctx.db, letter) };
  return mailRecorded(ctx, letter, actor, p, { smtpUrl, from }, p.recipient.email, messageId);
}

/**
 * Sends (or, for restricted letters with approval on, asks approval for) one letter, once per account,
 * template and day; a call summary once per call (PB-23, `callId`). The caller has checked the actor's role.
 */
export async function sendLetter(
  ctx: LetterContext,
  actor: Actor,
  accountId: number,
  template: string,
  options: { callId?: number | undefined; planId?: number } = {},
): Promise<SendOutcome> {
  const callId = template === 'call-summary' ? options.callId : undefined;
  // An account with nothing true to say for this letter stores nothing; a broken template is recorded
  // as a failed letter (after taking the key, so a double click records it once).
  const prepared = await prepareLetter(ctx, accountId, template, actor.name, {
    callId,
    ...(options.planId === undefined ? {} : { planId: options.planId }),
  });
  if (!prepared.ok && prepared.kind === 'refusal')
    return {
      kind: 'failed',
      letter: null,
      message: prepared.message,
      ...(prepared.say ? { say: prepared.say } : {}),
    };
  const approval = prepared.ok && needsApproval(ctx.letters, template);
  // PB-24: one letter of a kind waits for the customer's window at a time (a queued one of another day's
  // key is the same letter still on its way).
  const waiting =
    callId === undefined && options.planId === undefined
      ? await queuedLetter(ctx, accountId, template)
      : null;
  if (waiting) return { kind: 'exists', letter: waiting };
  const held = prepared.ok && !approval ? await heldUntil(ctx, accountId) : null;
  const customer = await ctx.db('customers').where({ id: accountId }).first('locale');
  const claim = await claimLetter(ctx.db, {
    accountId,
    template,
    locale: prepared.ok
      ? prepared.value.letter.locale
      : letterLocale(customer?.locale, ctx.letters.defaultLocale),
    key:
      callId !== undefined
        ? callSummaryKey(accountId, callId)
        : template === 'payment-plan' && options.planId !== undefined
          ? planLetterKey(accountId, options.planId)
          : letterKey(accountId, template, ctx.clock.today()),
    callId,
    actor,
    status: approval ? 'awaiting_approval' : held ? 'queued' : 'sending',
    delivery: ctx.letters.smtpUrl && ctx.letters.from ? 'email' : 'manual',
    subject: prepared.ok ? prepared.value.letter.subject : '',
    ...(held ? { sendAt: held.opensAt } : {}),
  });
  if (!claim.claimed) return { kind: 'exists', letter: claim.existing };
  const letter = await findLetter(ctx.db, claim.id);
  if (!letter) throw new Error(`letter ${claim.id} vanished after it was claimed`);
  if (!prepared.ok) return failedToPrepare(ctx, letter, actor, prepared);
  if (approval) {
    await logApprovalRequested(ctx.db, letter, actor);
    return { kind: 'awaiting_approval', letter, prepared: prepared.value };
  }
  if (held) {
    await logQueued(ctx.db, letter, actor, { sendAt: held.opensAt, zone: held.zone });
    return { kind: 'queued', letter: await reload(ctx.db, letter), queued: held };
  }
  return deliverClaimed(ctx, letter, actor, actor.name, prepared.value);
}

/** How an approval, a rejection or a decision on an uncertain letter ended. */
export type DecisionOutcome =
  | SendOutcome
  | { kind: 'rejected'; letter: LetterRecord }
  | { kind: 'marked_sent'; letter: LetterRecord; by: string }
  | { kind: 'cancelled'; letter: LetterRecord; by: string }
  /** `say`: the refusal in a reader's language; `message` is its English (logs, programs). */
  | { kind: 'refused'; message: string; say?: (t: Translator) => string };

/** A refusal said from the catalog in the reader's language (issue 20), with its English for the log. */
export function refusedSaying(say: (t: Translator) => string): DecisionOutcome {
  return { kind: 'refused', message: say(translator('en')), say };
}

/** There is no such letter. */
export const noSuchLetter = (id: number): DecisionOutcome =>
  refusedSaying((t) => t.t('letter.error.no_letter', { id }));

function undecidable(letter: LetterRecord): DecisionOutcome {
  const by = letter.approvedBy ?? letter.rejectedBy;
  return refusedSaying((t) =>
    t.t('letter.refused.notAwaiting', {
      letter: letterName(letter.template, t),
      id: letter.id,
      status: letter.status,
      hasBy: by ? 'yes' : 'no',
      by: by ?? '',
    }),
  );
}

/** A second person approves a waiting letter, which is then sent; the requester cannot approve their own. */
export async function approveLetter(
  ctx: LetterContext,
  approver: Actor,
  letterId: number,
): Promise<DecisionOutcome> {
  const letter = await findLetter(ctx.db, letterId);
  if (!letter) return noSuchLetter(letterId);
  if (letter.status !== 'awaiting_approval') return undecidable(letter);
  if (letter.requestedBy.userId === approver.userId)
    return refusedSaying((t) => t.t('letter.refused.ownApproval'));
  // PB-24: approved outside the customer's window, it waits for the window like any letter.
  const held = await heldUntil(ctx, letter.accountId);
  if (held) {
    const queued = { sendAt: held.opensAt, zone: held.zone };
    if (!(await markApprovedQueued(ctx.db, letter, approver, queued)))
      return undecidable((await findLetter(ctx.db, letterId)) ?? letter);
    return { kind: 'queued', letter: await reload(ctx.db, letter), queued: held };
  }
  if (!(await markApproved(ctx.db, letter, approver)))
    return undecidable((await findLetter(ctx.db, letterId)) ?? letter);
  const sending = (await findLetter(ctx.db, letterId)) ?? letter;
  return deliverClaimed(ctx, sending, approver, letter.requestedBy.name ?? approver.name);
}

/** Stops a waiting letter; it is never sent (it may be asked for again). */
export async function rejectLetter(
  ctx: LetterContext,
  rejecter: Actor,
  letterId: number,
): Promise<DecisionOutcome> {
  const letter = await findLetter(ctx.db, letterId);
  if (!letter) return noSuchLetter(letterId);
  if (letter.status !== 'awaiting_approval') return undecidable(letter);
  if (!(await markRejected(ctx.db, letter, rejecter)))
    return undecidable((await findLetter(ctx.db, letterId)) ?? letter);
  return { kind: 'rejected', letter: (await findLetter(ctx.db, letterId)) ?? letter };
}

/** PB-24: stops a queued letter before its time; it never goes out (it may be asked for again). */
export async function cancelLetter(
  ctx: LetterContext,
  actor: Actor,
  letterId: number,
): Promise<DecisionOutcome> {
  const letter = await findLetter(ctx.db, letterId);
  if (!letter) return noSuchLetter(letterId);
  const notQueued = (now: LetterRecord): DecisionOutcome =>
    refusedSaying((t) =>
      t.t('letter.refused.notQueued', {
        letter: letterName(now.template, t),
        id: now.id,
        status: now.status,
      }),
    );
  if (letter.status !== 'queued') return notQueued(letter);
  if (!(await markCancelled(ctx.db, letter, actor)))
    return notQueued((await findLetter(ctx.db, letterId)) ?? letter);
  return { kind: 'cancelled', letter: await reload(ctx.db, letter), by: actor.name };
}
