/**
 * Send letter through the one dispatcher, the same on every platform: the ladder's suggested letter
 * first, a preview (a form whose submit sends), then the send; restricted letters need their role and,
 * with LETTER_APPROVAL on, a second person's Approve. Refusals name the role and write nothing.
 */
import { defaultLetterConfig, type LetterConfig } from '../config.ts';
import { privateT, threadT } from '../i18n/speech.ts';
import {
  approveLetter,
  cancelLetter,
  type DecisionOutcome,
  needsApproval,
  prepareLetter,
  RESTRICTED_LETTERS,
  rejectLetter,
  sendLetter,
} from '../letters/send-letter.ts';
import type { LetterContext } from '../letters/letter-types.ts';
import { TEMPLATE_NAME } from '../letters/templates.ts';
import { zoneOf } from '../letters/contact-time.ts';
import {
  cancelConfirm,
  cancelledMessage,
  queuedExistsNotice,
  queuedLetterMessage,
} from '../views/contact-views.ts';
import { markLetterSent, sendLetterAgain } from '../letters/uncertain.ts';
import {
  letterChooserForm,
  letterDecisionConfirm,
  letterExistsNotice,
  letterFailedNotice,
  letterName,
  letterOutcomeMessage,
  letterPreviewForm,
} from '../views/letter-views.ts';
import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import { ladderReasonWords } from '../views/ladder-words.ts';
import { letterMarkedSentMessage, uncertainLetterNotice } from '../views/uncertain-letter.ts';
import { assessOne } from '../worklist/assess.ts';
import { type Actor, type Role, type RoleNeededFor } from '../worklist/staff.ts';
import { roleNeeded } from './roles.ts';
import type { DispatchContext } from './account-actions.ts';
import { askFirst } from './confirm-step.ts';
import { LETTER_TEMPLATES } from './overdue-grammar.ts';
import { refuse } from './refuse.ts';

const settingsOf = (ctx: DispatchContext): LetterConfig => ctx.letters ?? defaultLetterConfig;

const letterContext = (ctx: DispatchContext): LetterContext => ({
  db: ctx.db,
  clock: ctx.clock,
  policy: ctx.policy,
  letters: settingsOf(ctx),
});

/** Who may send (or approve) this letter: collectors and managers; the restricted ones the configured role. */
function allowedRoles(config: LetterConfig, template: string): Role[] {
  if (!RESTRICTED_LETTERS.includes(template)) return ['collector', 'manager'];
  return [...new Set<Role>([config.restrictedRole, 'manager'])];
}

/** The refusal, in the reader's language, of someone who may not `doing` this letter; null: allowed. */
function gate(ctx: DispatchContext, actor: Actor, template: string, doing: RoleNeededFor): Reply | null {
  const t = privateT(ctx);
  return roleNeeded(t, actor, allowedRoles(settingsOf(ctx), template), doing, {
    letter: letterName(template, t),
  });
}

/**
 * Send letter's first step: which letter, the one the click suggests (the ladder's when the card was
 * drawn) or else the ladder's of today preselected. People who may not send letters are refused here.
 */
export async function chooseLetter(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  suggested: string | null,
): Promise<Reply> {
  const basic = roleNeeded(privateT(ctx), actor, ['collector', 'manager'], 'letter');
  if (basic) return basic;
  const customer = await ctx.db('customers').where({ id: accountId }).first('id', 'name');
  const t = privateT(ctx);
  if (!customer) return refuse(t.t('letter.error.no_account', { id: accountId }));
  let suggestion = suggested;
  if (suggestion === null) {
    const assessment = await assessOne(
      { db: ctx.db, policy: ctx.policy, today: ctx.clock.today(), timeZone: ctx.clock.timeZone },
      accountId,
    );
    suggestion = assessment?.ladder.letter ?? null;
  }
  return {
    kind: 'openForm',
    form: letterChooserForm(ctx.policy.ladder, { id: accountId, name: String(customer.name) }, suggestion, t),
  };
}

/** The chooser submitted: the chosen letter's preview, or the field's error. */
export function chosenLetter(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const chosen = values.template ?? '';
  const known = ctx.policy.ladder.steps.some((step) => step.letter === chosen);
  if (!known)
    return Promise.resolve({
      kind: 'formErrors',
      errors: { template: privateT(ctx).t('letter.chooser.unknown') },
    });
  return previewLetter(ctx, actor, accountId, chosen);
}

/**
 * The preview of the named letter, or of the one the ladder suggests for the account today. A call summary
 * (PB-23) is of one call: the one named (`callId`, from the offer after the call) or the newest logged.
 */
export async function previewLetter(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  template: string | null,
  callId?: number,
): Promise<Reply> {
  const basic = roleNeeded(privateT(ctx), actor, ['collector', 'manager'], 'letter');
  if (basic) return basic;
  const assessment = await assessOne(
    { db: ctx.db, policy: ctx.policy, today: ctx.clock.today(), timeZone: ctx.clock.timeZone },
    accountId,
  );
  const t = privateT(ctx);
  if (!assessment) return refuse(t.t('letter.error.no_account', { id: accountId }));
  const chosen = template ?? assessment.ladder.letter;
  if (!chosen) {
    return {
      kind: 'ephemeral',
      message: notice(
        t.t('letter.error.no_letter_today', {
          reason: ladderReasonWords(t, assessment.ladder.reason),
          templates: LETTER_TEMPLATES.join(', '),
        }),
      ),
    };
  }
  if (!TEMPLATE_NAME.test(chosen)) return refuse(t.t('letter.error.not_a_template', { template: chosen }));
  const refused = gate(ctx, actor, chosen, 'letterSend');
  if (refused) return refused;
  const config = settingsOf(ctx);
  const call = chosen === 'call-summary' ? (callId ?? (await newestCall(ctx, accountId))) : undefined;
  const prepared = await prepareLetter(letterContext(ctx), accountId, chosen, actor.name, {
    pdf: false,
    callId: call,
  });
  if (!prepared.ok) return refuse(prepared.say ? prepared.say(privateT(ctx)) : prepared.message);
  return {
    kind: 'openForm',
    form: letterPreviewForm(
      prepared.value,
      {
        template: chosen,
        suggested: chosen === assessment.ladder.letter,
        approval: needsApproval(config, chosen),
        email: Boolean(config.smtpUrl && config.from),
        callId: call,
      },
      t,
    ),
  };
}

/** PB-23: the newest call logged on the account (its outcome activity), if any. */
async function newestCall(ctx: DispatchContext, accountId: number): Promise<number | undefined> {
  const row = await ctx
    .db('activities')
    .where({ customer_id: accountId, kind: 'outcome' })
    .orderBy('id', 'desc')
    .first('id');
  return row ? Number(row.id) : undefined;
}

/**
 * PB-23: the offer after a call, clicked: the summary of that call, previewed (its Send sends it, once per
 * call). A call that is not one logged on this account (a stale or forged button) is refused.
 */
export async function previewCallSummary(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  callId: number | undefined,
): Promise<Reply> {
  const t = privateT(ctx);
  if (callId === undefined) return refuse(t.t('letter.error.no_call'));
  const call = await ctx
    .db('activities')
    .where({ id: callId, customer_id: accountId, kind: 'outcome' })
    .first('id');
  if (!call) return refuse(t.t('letter.error.not_a_call', { call: callId, id: accountId }));
  return previewLetter(ctx, actor, accountId, 'call-summary', callId);
}

async function outcomeReply(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  outcome: DecisionOutcome,
  approved = false,
): Promise<Reply> {
  const t = privateT(ctx);
  const shared = threadT(ctx);
  switch (outcome.kind) {
    case 'queued': {
      const customer = await ctx.db('customers').where({ id: accountId }).first('name');
      return {
        kind: 'thread',
        accountId,
        message: queuedLetterMessage(
          {
            letter: outcome.letter,
            queued: outcome.queued,
            customerName: String(customer?.name ?? `account #${accountId}`),
            actorName: actor.name,
            approved,
            policy: ctx.policy.contactWindow,
          },
          threadT(ctx),
        ),
      };
    }
    case 'cancelled':
      return {
        kind: 'thread',
        accountId,
        message: cancelledMessage(outcome.letter, outcome.by, threadT(ctx)),
      };
    case 'sent':
    case 'not_sent':
    case 'awaiting_approval':
      return {
        kind: 'thread',
        accountId,
        message: letterOutcomeMessage(outcome, outcome.letter.requestedBy.name ?? actor.name, shared),
      };
    case 'exists': {
      if (outcome.letter.status === 'queued') {
        const customer = await ctx
          .db('customers')
          .where({ id: accountId })
          .first('name', 'external_id', 'time_zone');
        const { zone } = zoneOf(customer ?? {}, settingsOf(ctx).customerZones, ctx.clock.timeZone);
        return {
          kind: 'ephemeral',
          message: queuedExistsNotice(outcome.letter, String(customer?.name ?? ''), zone, t),
        };
      }
      return { kind: 'ephemeral', message: letterExistsNotice(outcome.letter, ctx.clock.timeZone, t) };
    }
    case 'failed':
      return {
        kind: 'ephemeral',
        message: letterFailedNotice(
          outcome.say ? outcome.say(t) : outcome.message,
          outcome.letter !== null,
          t,
        ),
      };
    case 'uncertain':
      return {
        kind: 'ephemeral',
        message: uncertainLetterNotice(
          outcome.letter,
          outcome.customerName,
          ctx.clock.timeZone,
          t,
          outcome.reason,
        ),
      };
    case 'rejected':
      return {
        kind: 'thread',
        accountId,
        message: notice(
          shared.t('letter.rejected', {
            actor: actor.name,
            name: letterName(outcome.letter.template, shared),
            id: outcome.letter.id,
            requester: outcome.letter.requestedBy.name ?? 'none',
          }),
        ),
      };
    case 'marked_sent':
      return {
        kind: 'thread',
        accountId,
        message: letterMarkedSentMessage(outcome.letter, outcome.by, shared),
      };
    case 'refused':
      return refuse(outcome.say ? outcome.say(privateT(ctx)) : outcome.message);
  }
}

/**
 * The preview's Send: sends once a day per account and template (a call summary once per call), or asks
 * for approval.
 */
export async function submitLetter(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  template: string | undefined,
  callId?: number,
): Promise<Reply> {
  const t = privateT(ctx);
  if (!template) return refuse(t.t('letter.error.no_template'));
  const basic = roleNeeded(privateT(ctx), actor, ['collector', 'manager'], 'letter');
  if (basic) return basic;
  const refused = gate(ctx, actor, template, 'letterSend');
  if (refused) return refused;
  if (template === 'call-summary' && callId !== undefined) {
    // A forged form naming another account's call sends nothing (the call must be this account's).
    const call = await ctx
      .db('activities')
      .where({ id: callId, customer_id: accountId, kind: 'outcome' })
      .first('id');
    if (!call) return refuse(t.t('letter.error.not_a_call_sent', { call: callId, id: accountId }));
  }
  const outcome = await sendLetter(letterContext(ctx), actor, accountId, template, { callId });
  return outcomeReply(ctx, actor, accountId, outcome);
}

/**
 * The decisions a button can take on an existing letter: Approve / Reject on a letter waiting for a
 * second person, Mark as sent / Send again on one that may or may not have gone out (issue 6). Each is
 * named for a refusal and takes effect once (the letter log decides).
 */
const LETTER_DECISIONS = {
  approve: { doing: 'letterApprove', run: approveLetter },
  reject: { doing: 'letterReject', run: rejectLetter },
  'mark-sent': { doing: 'letterMarkSent', run: markLetterSent },
  'send-again': { doing: 'letterSendAgain', run: sendLetterAgain },
  cancel: { doing: 'letterCancel', run: cancelLetter },
} satisfies Record<
  string,
  {
    doing: RoleNeededFor;
    run: (ctx: LetterContext, actor: Actor, letterId: number) => Promise<DecisionOutcome>;
  }
>;

export type LetterDecision = keyof typeof LETTER_DECISIONS;

/** The decisions asked about first, and the letter state in which the question still stands. */
const ASKED_WHILE: Record<'reject' | 'send-again' | 'cancel', string> = {
  reject: 'awaiting_approval',
  'send-again': 'uncertain',
  cancel: 'queued',
};

/**
 * A decision on a letter by button (or typed `reject L` ...): whoever may send that kind of letter may take
 * it; Reject and Send again are asked about first (`confirmed` is the answer).
 */
export async function decideLetter(
  ctx: DispatchContext,
  actor: Actor,
  letterId: number | undefined,
  decision: LetterDecision,
  confirmed?: boolean,
): Promise<Reply> {
  const t = privateT(ctx);
  if (letterId === undefined) return refuse(t.t('letter.error.no_letter_named'));
  const row = await ctx
    .db('letters as l')
    .join('customers as c', 'c.id', 'l.customer_id')
    .where('l.id', letterId)
    .first('l.template', 'l.customer_id', 'l.recipient', 'l.status', 'c.name');
  if (!row) return refuse(t.t('letter.error.no_letter', { id: letterId }));
  const template = String(row.template);
  const { doing, run } = LETTER_DECISIONS[decision];
  const refused = gate(ctx, actor, template, doing);
  if (refused) return refused;
  // Asked only while the question still stands: a letter someone already sent, marked or rejected gets
  // its current state at once (the run below answers it and changes nothing), not a question first.
  if (
    (decision === 'reject' || decision === 'send-again' || decision === 'cancel') &&
    row.status === ASKED_WHILE[decision]
  ) {
    const letter = {
      id: letterId,
      accountId: Number(row.customer_id),
      customerName: String(row.name),
      template,
      recipient: row.recipient === null ? null : String(row.recipient),
    };
    const ask = askFirst(
      confirmed,
      decision === 'cancel' ? cancelConfirm(letter, t) : letterDecisionConfirm(decision, letter, t),
      t,
    );
    if (ask) return ask;
  }
  const outcome = await run(letterContext(ctx), actor, letterId);
  return outcomeReply(ctx, actor, Number(row.customer_id), outcome, decision === 'approve');
}
