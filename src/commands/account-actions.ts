import { defaultLetterConfig } from '../letters/settings.ts';
import { zoneOf } from '../letters/contact-time.ts';
import { accountLetters } from '../letters/letter-record.ts';
import { translator } from '../i18n/translate.ts';
import { cancelButton, queuedCardLine } from '../views/contact-views.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Knex } from 'knex';
import type { RoleLists } from '../chat/roles.ts';
import type { Clock } from '../clock.ts';
import type { AccountAssessment, Policy } from '../collections/account.ts';
import type { LetterConfig } from '../config.ts';
import { privateT, sharedT, threadT } from '../i18n/speech.ts';
import { ledgerAge } from '../ledger/freshness.ts';
import { accountCardView } from '../views/account-card.ts';
import { HISTORY_PAGE_SIZE, historyPages, historyView } from '../views/history-view.ts';
import { logOutcomeForm } from '../views/log-form.ts';
import { type Block, type Message, typedText } from '../views/model.ts';
import { callSummaryOffer } from '../views/letter-views.ts';
import { planOfferBlocks } from '../views/plan-views.ts';
import { tellEscalation } from './escalation-notices.ts';
import { type Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import { stateVersion } from '../worklist/activity.ts';
import { assessOne, refreshOne } from '../worklist/assess.ts';
import { claimAccount, currentOwner, releaseAccount } from '../worklist/claims.ts';
import { accountHistory, contactAttemptDays } from '../worklist/account-history.ts';
import { openDisputes } from '../worklist/disputes.ts';
import { itemStates } from '../worklist/item-states.ts';
import { paymentRecord } from '../worklist/payment-record.ts';
import { checkOutcome, logOutcome } from '../worklist/log-outcome.ts';
import { type Failure, failureText } from '../worklist/outcome.ts';
import { planStates } from '../worklist/plan-agreement.ts';
import type { EscalationMap } from '../worklist/escalation.ts';
import { collectableItems, markablePromises } from '../worklist/promises.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';

/** What the dispatcher needs to act: the bot database, the business clock, the collections policy. */
export interface DispatchContext {
  db: Knex;
  clock: Clock;
  policy: Policy;
  pageSize: number;
  /** The role lists of the platform this context serves (SLACK_MANAGERS, ...): they decide first use. */
  roleLists?: RoleLists;
  /** Told after a claim, release or reassignment (scheduled posts redraw the morning digest). */
  onWorklistChanged?: () => void;
  /** Letter settings (letterhead, SMTP, approval); absent: defaults, letters are not e-mailed. */
  letters?: LetterConfig;
  /** Lists and cards say how old the ledger snapshot is when older than this (ledger/freshness.ts); absent or 0: never. */
  ledgerStaleAfterMinutes?: number;
  /** Who reads which language; absent: English for everyone. */
  language?: LanguageConfig;
  /**
   * This interaction's languages, set by dispatch (src/i18n/speech.ts): read them with `privateT(ctx)` for
   * private answers and `sharedT(ctx)` for what the channel sees.
   */
  t?: Translator;
  tShared?: Translator;
  /** PB-20: how many days ahead a promise may be (DUEBOT_PROMISE_HORIZON_DAYS); absent: 90. */
  promiseHorizonDays?: number;
  /** PB-14: collector -> managers an escalation reaches (DUEBOT_ESCALATION_MANAGERS); absent: every manager. */
  escalationManagers?: EscalationMap;
  /**
   * Per platform, the channel an account thread goes to when the interaction names none (a form, a DM):
   * SLACK_CHANNEL, TEAMS_CHANNEL. Its language is the thread's (issue 20).
   */
  threadChannels?: Readonly<Partial<Record<string, string>>>;
}

const assessContext = (ctx: DispatchContext) => ({
  db: ctx.db,
  policy: ctx.policy,
  today: ctx.clock.today(),
  timeZone: ctx.clock.timeZone,
});

/**
 * The current account card with each item's state and the payment record (PB-02), or null when there is no
 * such account. Drawn in `t`: by default the place's language (a redrawn card, a thread); a card only the
 * asker sees is drawn in `privateT(ctx)`.
 */
export async function accountCard(
  ctx: DispatchContext,
  accountId: number,
  assessed?: AccountAssessment | null,
  t: Translator = sharedT(ctx),
): Promise<Message | null> {
  const { timeZone } = ctx.clock;
  // One round of reads, side by side (the letters too): a card is drawn after one database round trip.
  const [file, assessment, ledger, states, record, disputes, plans, promises, attempts, letters] =
    await Promise.all([
      accountHistory(ctx.db, accountId),
      assessed === undefined ? assessOne(assessContext(ctx), accountId) : assessed,
      ledgerAge(ctx),
      itemStates(ctx.db, accountId, ctx.clock.today(), timeZone),
      paymentRecord(ctx.db, accountId, timeZone),
      openDisputes(ctx.db, accountId, timeZone),
      planStates(ctx.db, accountId),
      markablePromises(ctx.db, accountId),
      contactAttemptDays(ctx.db, accountId, timeZone),
      accountLetters(ctx.db, accountId, 10),
    ]);
  if (!file || !assessment) return null;
  const card = accountCardView(
    file,
    assessment,
    file.version,
    ledger,
    { states, record, contactDays: attempts },
    disputes,
    plans,
    promises,
    ctx.policy.sevenSevenSeven,
    t,
  );
  return {
    ...card,
    blocks: [...card.blocks, ...(await queuedLetterBlocks(ctx, accountId, file.customer.name, letters))],
  };
}

/** PB-24: the account's letters waiting for the customer's contact window, each with its Cancel button. */
async function queuedLetterBlocks(
  ctx: DispatchContext,
  accountId: number,
  customerName: string,
  letters: Awaited<ReturnType<typeof accountLetters>>,
): Promise<Block[]> {
  const waiting = letters.filter((l) => l.status === 'queued');
  if (waiting.length === 0) return [];
  const customer = await ctx.db('customers').where({ id: accountId }).first('external_id', 'time_zone');
  const { zone } = zoneOf(
    customer ?? {},
    (ctx.letters ?? defaultLetterConfig).customerZones,
    ctx.clock.timeZone,
  );
  return waiting.flatMap((letter): Block[] => [
    { type: 'context', text: queuedCardLine(letter, zone) },
    cancelButton(letter, customerName, translator('en')),
  ]);
}

/** Keeps the stored worklist row of one account in step after a change; returns its assessment. */
export async function refreshAccount(
  ctx: DispatchContext,
  accountId: number,
): Promise<AccountAssessment | null> {
  return refreshOne(assessContext(ctx), accountId);
}

/** After a change to one account's ownership or terms: its worklist row in step, and the scheduled posts told. */
export async function accountChanged(ctx: DispatchContext, accountId: number): Promise<void> {
  await refreshAccount(ctx, accountId);
  ctx.onWorklistChanged?.();
}

/** A worklist failure, privately, in the reader's language (its catalog message when it has one). */
const refusal = (error: Failure, t: Translator): Reply => ({
  kind: 'ephemeral',
  message: notice(failureText(t, error), { tone: 'danger' }),
});

const refusedWith = (text: string): Reply => ({
  kind: 'ephemeral',
  message: notice(text, { tone: 'danger' }),
});

const missing = (ctx: DispatchContext, accountId: number): Reply =>
  refusedWith(privateT(ctx).t('card.account.missing', { id: String(accountId) }));

/** The translator of a card shown `mode`: only to the asker, or redrawn where it is. */
const cardT = (ctx: DispatchContext, mode: 'ephemeral' | 'replace') =>
  mode === 'ephemeral' ? privateT(ctx) : sharedT(ctx);

/** Shows the account card to the person who asked. */
export async function showAccount(
  ctx: DispatchContext,
  accountId: number,
  mode: 'ephemeral' | 'replace',
): Promise<Reply> {
  const card = await accountCard(ctx, accountId, undefined, cardT(ctx, mode));
  return card ? { kind: mode, message: card } : missing(ctx, accountId);
}

/** PB-25: why a claim or a release did not happen, in the asker's language. */
async function ownershipRefusal(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  doing: 'claim' | 'release',
  error: Failure,
): Promise<Reply> {
  const t = privateT(ctx);
  switch (error.code) {
    case 'not_found':
      return missing(ctx, accountId);
    case 'not_claimed':
      return refusedWith(t.t('card.release.nobody'));
    case 'conflict':
      return refusedWith(t.t(doing === 'claim' ? 'card.claim.changedHands' : 'card.release.conflict'));
    case 'already_claimed': {
      const owner = await currentOwner(ctx.db, accountId);
      return owner
        ? refusedWith(t.t('card.claim.taken', { owner: owner.name }))
        : refusal(error, privateT(ctx));
    }
    case 'forbidden': {
      const owner = doing === 'release' ? await currentOwner(ctx.db, accountId) : null;
      return refusedWith(
        t.t('card.refused.role', {
          doing: doing === 'claim' ? 'claim' : 'release',
          owner: owner?.name ?? '',
          role: actor.role,
          name: actor.name,
        }),
      );
    }
    default:
      return refusal(error, privateT(ctx));
  }
}

/**
 * PB-25: claim; the card is redrawn for everyone with the new owner, a loser is told privately who won.
 * A claim changes nothing the assessment reads, so the stored worklist row stays as it is (lists join
 * the owner in when they are drawn).
 */
export async function claim(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  mode: 'ephemeral' | 'replace',
): Promise<Reply> {
  const result = await claimAccount(ctx.db, actor, accountId);
  if (!result.ok) return ownershipRefusal(ctx, actor, accountId, 'claim', result.error);
  ctx.onWorklistChanged?.();
  const card = await accountCard(ctx, accountId, undefined, cardT(ctx, mode));
  if (!card) return missing(ctx, accountId);
  if (!result.value.alreadyYours) return { kind: mode, message: card };
  const note = privateT(ctx).t('card.claim.alreadyYours');
  if (mode === 'replace') return { kind: 'replace', message: card, note };
  card.blocks.unshift({ type: 'context', text: note });
  return { kind: mode, message: card };
}

/** Gives the account back; owners may, managers may for anyone. */
export async function release(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  mode: 'ephemeral' | 'replace',
): Promise<Reply> {
  const result = await releaseAccount(ctx.db, actor, accountId);
  if (!result.ok) return ownershipRefusal(ctx, actor, accountId, 'release', result.error);
  await accountChanged(ctx, accountId);
  return showAccount(ctx, accountId, mode);
}

/** Opens the log-outcome form, pre-filled with the account's currencies and invoices. */
export async function openLogForm(ctx: DispatchContext, actor: Actor, accountId: number): Promise<Reply> {
  const allowed = requireRole(actor, ['collector', 'manager', 'sales'], 'logContact');
  if (!allowed.ok)
    return refusedWith(
      privateT(ctx).t('card.refused.role', { doing: 'log', owner: '', role: actor.role, name: actor.name }),
    );
  const customer = await ctx.db('customers').where({ id: accountId }).first('id', 'name');
  if (!customer) return missing(ctx, accountId);
  const items = await collectableItems(ctx.db, accountId);
  return {
    kind: 'openForm',
    form: logOutcomeForm({
      accountId,
      name: customer.name,
      version: await stateVersion(ctx.db, accountId),
      currencies: [...new Set(items.map((i) => String(i.currency)))],
      invoiceNumbers: items.map((i) => String(i.invoice_number)),
    }),
  };
}

/** Saves a submitted log-outcome form; errors go back beside the fields, success into the account's thread. */
export async function submitLog(
  ctx: DispatchContext,
  actor: Actor,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const result = await logOutcome(
    ctx.db,
    actor,
    accountId,
    values,
    ctx.clock.today(),
    { promiseHorizonDays: ctx.promiseHorizonDays, inProcessAnswers: ctx.policy.escalation.inProcessAnswers },
    ctx.clock.businessNow(),
  );
  if (!result.ok) {
    if (result.error.fields) return { kind: 'formErrors', errors: result.error.fields };
    return refusal(result.error, privateT(ctx));
  }
  await refreshAccount(ctx, accountId);
  // The call's record goes into the account's thread: that thread channel's language (issue 20).
  const t = threadT(ctx);
  const customer = await ctx.db('customers').where({ id: accountId }).first('name');
  const { channel, result: said } = result.value.form;
  const logged = {
    who: actor.name,
    channel,
    customer: customer?.name ?? '',
    known: customer ? 'yes' : 'no',
    result: said,
    resultText: said.replace(/_/g, ' '),
  };
  let line = t.t('card.log.posted', logged);
  if (said === 'promised' && result.value.promiseId !== null) {
    const row = await ctx
      .db('promises')
      .where({ id: result.value.promiseId })
      .first('amount_minor', 'currency', 'promised_date');
    line = t.t('card.log.postedPromise', {
      ...logged,
      amount: t.money(Number(row.amount_minor), row.currency),
      date: String(row.promised_date),
    });
  }
  const lines = [line];
  if (values.notes) lines.push(`_${typedText(values.notes)}_`);
  if (result.value.escalated) {
    const times = ctx.policy.escalation.inProcessAnswers;
    // What the managers are told is the escalation notices' own (escalation-notices.ts).
    const told = await tellEscalation(ctx, {
      accountId,
      inProcessTimes: times,
      key: `stalled:${result.value.activityId}`,
    });
    lines.push(
      told.length
        ? t.t('card.log.escalatedTold', { times, told: told.join(', ') })
        : t.t('card.log.escalated', { times }),
    );
  }
  if (values.nextFollowUp) lines.push(t.t('card.log.followUp', { date: values.nextFollowUp }));
  const card = await accountCard(ctx, accountId);
  const blocks: Block[] = [{ type: 'text', text: lines.join('\n') }];
  if (offersSummary(result.value.form, actor))
    blocks.push(callSummaryOffer(accountId, result.value.activityId));
  // PB-19: cash-flow trouble is answered with a payment plan, one click from the call's record.
  if (result.value.form.result === 'cash_flow') blocks.push(...planOfferBlocks(accountId));
  return {
    kind: 'thread',
    accountId,
    message: { blocks },
    ...(card ? { card } : {}),
  };
}

/** Answers after which there was nobody to agree anything with. */
const NO_CONVERSATION: readonly string[] = ['no_answer', 'voicemail', 'wrong_contact'];

/**
 * PB-23: after every call (or visit) where the customer was spoken to, duebot offers to send the summary;
 * only to those who may send letters.
 */
function offersSummary(form: { channel: string; result: string }, actor: Actor): boolean {
  if (form.channel !== 'call' && form.channel !== 'visit') return false;
  if (NO_CONVERSATION.includes(form.result)) return false;
  return actor.role === 'collector' || actor.role === 'manager';
}

/**
 * Checks a log form as filled so far and writes nothing: the field errors, or `none` when all is well.
 * The shell asks field by field and checks each answer with it (the same checks as submitLog).
 */
export async function checkLog(
  ctx: DispatchContext,
  accountId: number,
  values: Record<string, string>,
): Promise<Reply> {
  const result = await checkOutcome(ctx.db, accountId, values, ctx.clock.today(), {
    promiseHorizonDays: ctx.promiseHorizonDays,
  });
  if (result.ok) return { kind: 'none' };
  return result.error.fields
    ? { kind: 'formErrors', errors: result.error.fields }
    : refusal(result.error, privateT(ctx));
}

/**
 * The customer file's history (PB-02), a page at a time, newest first. Without a page (the card's
 * History, `/overdue history`) the first page is shown to the person who asked; a page (Newer / Older)
 * replaces the page it was clicked on. A page past the last answers with the last one, saying so.
 */
export async function history(ctx: DispatchContext, accountId: number, page?: number): Promise<Reply> {
  const asked = page ?? 1;
  let file = await accountHistory(ctx.db, accountId, HISTORY_PAGE_SIZE, (asked - 1) * HISTORY_PAGE_SIZE);
  if (!file) return missing(ctx, accountId);
  const pages = historyPages(file.historyTotal);
  let shown = asked;
  if (asked > pages) {
    shown = pages;
    file = await accountHistory(ctx.db, accountId, HISTORY_PAGE_SIZE, (pages - 1) * HISTORY_PAGE_SIZE);
    if (!file) return missing(ctx, accountId);
  }
  const mode = page === undefined ? 'ephemeral' : 'replace';
  const message = historyView(
    file,
    ctx.clock.timeZone,
    cardT(ctx, mode),
    shown,
    asked > pages ? asked : undefined,
  );
  return { kind: mode, message };
}
