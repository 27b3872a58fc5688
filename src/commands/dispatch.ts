import { ledgerAge } from '../ledger/freshness.ts';
import { timeRequest } from '../metrics.ts';
import type { Message, User } from '../views/model.ts';
import type { Interaction, Reply } from './interaction.ts';
import { candidatesView, helpView, notice } from '../views/notices.ts';
import { overdueListView } from '../views/overdue-list.ts';
import { stateVersion } from '../worklist/activity.ts';
import { currentOwner } from '../worklist/claims.ts';
import { ensureWorklistDay } from '../worklist/day-turn.ts';
import { findAccounts, LIST_COUNT_CAP, listWorklist, type WorklistFilter } from '../worklist/list.ts';
import { logOutcome } from '../worklist/log-outcome.ts';
import { type Actor, resolveActor } from '../worklist/staff.ts';
import {
  accountCard,
  checkLog,
  claim,
  type DispatchContext,
  history,
  openLogForm,
  release,
  showAccount,
  submitLog,
} from './account-actions.ts';
import { type ActionRef, decodeRef, type RefAction } from '../views/action-ref.ts';
import {
  openDisputeForm,
  openPauseForm,
  openResolveForm,
  submitDispute,
  submitPause,
  submitResolve,
  unpause,
} from './dispute-actions.ts';
import { applySegment, decideFromMeeting, openSegmentForm, previewSegment } from './meeting-actions.ts';
import {
  chooseLetter,
  chosenLetter,
  decideLetter,
  type LetterDecision,
  previewCallSummary,
  previewLetter,
  submitLetter,
} from './letter-actions.ts';
import {
  type GrammarError,
  type LetterDecisionVerb,
  listQuery,
  type OverdueFilters,
  parseOverdue,
} from './overdue-grammar.ts';
import { grammarErrorText } from './overdue-help.ts';
import { companyT, privateT, sharedT, speechFor } from '../i18n/speech.ts';
import { matchLocale } from '../i18n/locale.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import {
  agreeToPlan,
  cancelPlanClick,
  cancelPlanCommand,
  choosePlanCurrency,
  openPlanForm,
  submitPlan,
} from './plan-actions.ts';
import { openKeptForm, submitKept } from './promise-actions.ts';
import { openReassignForm, submitReassign } from './reassign.ts';
import { languageCommand } from './language.ts';
import { openTermsForm, submitTerms } from './terms.ts';
import { openAgencyForm, submitAgency } from './agency.ts';
import { creditsCommand } from './credits.ts';
import { roleCommand } from './roles.ts';
import { onceAround, onceInTransaction, submissionKey } from './submit-once.ts';
import { describeUnreadable, findUnreadable, unreadableField } from './text-hygiene.ts';
import { failureText } from '../worklist/outcome.ts';

export type { DispatchContext };

/** The forms (and one-step actions) on one account that a typed verb and a card button open alike. */
const ACCOUNT_STEPS = {
  log: openLogForm,
  reassign: openReassignForm,
  terms: openTermsForm,
  'hand-over': openAgencyForm,
  dispute: openDisputeForm,
  resolve: openResolveForm,
  pause: openPauseForm,
  unpause,
} satisfies Record<string, (ctx: DispatchContext, actor: Actor, accountId: number) => Promise<Reply>>;

/**
 * The staff user behind an interaction. Their row's role counts (the lists are applied to known people at
 * each start); a first use takes the role of the list naming them, else collector.
 */
export function actorFor(ctx: DispatchContext, user: User): Promise<Actor> {
  const listed = ctx.roleLists?.platform === user.platform ? ctx.roleLists.listed(user.id) : null;
  return resolveActor(
    ctx.db,
    { platform: user.platform, platformUserId: user.id, displayName: user.name },
    listed ?? 'collector',
  );
}

/**
 * The worklist filter of `/overdue`. The list is titled "Overdue accounts", so it holds only accounts with
 * something overdue (at least 1 day, as the digest counts them), whatever the filters ask.
 */
function toFilter(filters: OverdueFilters, actor: Actor): WorklistFilter {
  return {
    ...(filters.mine ? { ownerUserId: actor.userId } : {}),
    ...(filters.unclaimed ? { unclaimed: true } : {}),
    minDays: Math.max(1, filters.minDays ?? 1),
    ...(filters.minAmountMajor !== undefined ? { minAmountMajor: filters.minAmountMajor } : {}),
    ...(filters.grade ? { grade: filters.grade } : {}),
    ...(filters.customer ? { customer: filters.customer } : {}),
    ...(filters.owner ? { ownerName: filters.owner } : {}),
  };
}

/** `/overdue help` in the person's language, after what was not understood when there was something. */
function helpReply(ctx: DispatchContext, error?: GrammarError): Reply {
  const t = privateT(ctx);
  return { kind: 'ephemeral', message: helpView(error ? grammarErrorText(error, t) : undefined, t) };
}

/** The worklist for `/overdue <query>`, one page. */
async function worklist(
  ctx: DispatchContext,
  actor: Actor,
  user: User,
  query: string,
  page: number,
  t: Translator,
): Promise<Message | Reply> {
  const parsed = parseOverdue(query);
  if (!parsed.ok) return helpReply(ctx, parsed.error);
  if (parsed.command.kind !== 'list') return helpReply(ctx);
  // PB-01: the first list of a new business day reassesses the stored worklist (once, on any replica).
  const today = ctx.clock.today();
  await ensureWorklistDay({ db: ctx.db, policy: ctx.policy, today, timeZone: ctx.clock.timeZone });
  const [result, ledger] = await Promise.all([
    // Counted up to LIST_COUNT_CAP ("more than 1,000 accounts"): the answer costs the same at any ledger size.
    listWorklist(ctx.db, toFilter(parsed.command.filters, actor), {
      today,
      page,
      pageSize: ctx.pageSize,
      countUpTo: LIST_COUNT_CAP,
    }),
    ledgerAge(ctx),
  ]);
  return overdueListView(result, { query, today: ctx.clock.today(), t, ...(ledger ? { ledger } : {}) });
}

/** Finds the one account a typed name or id means, or answers with the candidates. */
async function resolveAccount(ctx: DispatchContext, text: string): Promise<number | Reply> {
  const found = await findAccounts(ctx.db, text);
  if (found.length === 1 && found[0]) return found[0].id;
  const t = privateT(ctx);
  if (found.length === 0)
    return { kind: 'ephemeral', message: notice(t.t('card.account.noMatch', { text })) };
  return { kind: 'ephemeral', message: candidatesView(text, found, t) };
}

async function command(ctx: DispatchContext, actor: Actor, user: User, text: string): Promise<Reply> {
  const parsed = parseOverdue(text);
  if (!parsed.ok) return helpReply(ctx, parsed.error);
  const cmd = parsed.command;
  if (cmd.kind === 'help') return helpReply(ctx);
  if (cmd.kind === 'role') return roleCommand(ctx, actor, cmd);
  if (cmd.kind === 'language') return languageCommand(ctx, actor, user, cmd.tag);
  if (cmd.kind === 'credits') return creditsCommand(ctx, actor, cmd.month);
  if (cmd.kind === 'list') {
    // A list posted to the channel is in the channel's language; one only the asker sees, in theirs.
    const t = cmd.post ? sharedT(ctx) : privateT(ctx);
    const result = await worklist(ctx, actor, user, listQuery(text), cmd.page, t);
    if ('kind' in result) return result;
    return { kind: cmd.post ? 'post' : 'ephemeral', message: result };
  }
  if (cmd.kind === 'letter-decision')
    return decideLetter(ctx, actor, cmd.letterId, LETTER_VERBS_DECIDE[cmd.decision]);
  const id = await resolveAccount(ctx, cmd.customer);
  if (typeof id !== 'number') return id;
  switch (cmd.kind) {
    case 'show':
      return showAccount(ctx, id, 'ephemeral');
    case 'claim':
      return claim(ctx, actor, id, 'ephemeral');
    case 'release':
      return release(ctx, actor, id, 'ephemeral');
    case 'history':
      return history(ctx, id);
    case 'letter':
      return cmd.template ? previewLetter(ctx, actor, id, cmd.template) : chooseLetter(ctx, actor, id, null);
    case 'log':
    case 'reassign':
    case 'terms':
    case 'hand-over':
    case 'dispute':
    case 'resolve':
    case 'pause':
    case 'unpause':
      return ACCOUNT_STEPS[cmd.kind](ctx, actor, id);
    case 'plan':
      return openPlanForm(ctx, actor, id, undefined);
    case 'cancel-plan':
      return cancelPlanCommand(ctx, actor, id);
    case 'kept':
      return openKeptForm(ctx, actor, id, undefined);
  }
}

/**
 * The account version a click on a claim or release button is judged against, read as the click arrives
 * (beside the actor), so two people clicking one card at once both count as fresh: one wins and the
 * other hears who has it. Null when the click carries no card version.
 */
async function versionAtArrival(ctx: DispatchContext, click: ActionRef | null): Promise<number | null> {
  if (!click) return null;
  const { action: kind, accountId, stateVersion: drawnAt } = click;
  if ((kind !== 'claim' && kind !== 'release') || accountId === undefined || drawnAt === undefined)
    return null;
  return stateVersion(ctx.db, accountId);
}

/**
 * A click on a card drawn before the account last changed is not applied: the person gets the fresh
 * state instead, so a double click or a late click on an old card never takes effect twice. A Claim
 * that lost to someone else's says who has the account (PB-25), as a claim refused later would.
 */
async function staleCard(
  ctx: DispatchContext,
  actor: Actor,
  click: { kind: 'claim' | 'release'; accountId: number; drawnAt: number | undefined },
  versionNow: number | null,
): Promise<Reply | null> {
  const { kind, accountId, drawnAt } = click;
  if (drawnAt === undefined || versionNow === null || drawnAt === versionNow) return null;
  const card = await accountCard(ctx, accountId);
  if (!card) return null;
  const owner = kind === 'claim' ? await currentOwner(ctx.db, accountId) : null;
  // The note is for the person who clicked only: their language; the card is the channel's.
  const t = privateT(ctx);
  return {
    kind: 'replace',
    message: card,
    note:
      owner && owner.userId !== actor.userId
        ? t.t('card.stale.takenNote', { owner: owner.name })
        : t.t('card.stale.note'),
  };
}

/** The letter buttons and the decision each takes. */
const LETTER_BUTTONS: Partial<Record<RefAction, LetterDecision>> = {
  'letter-approve': 'approve',
  'letter-reject': 'reject',
  'letter-mark-sent': 'mark-sent',
  'letter-resend': 'send-again',
  'letter-cancel': 'cancel',
};

/** The same decisions typed (`reject 12`). */
const LETTER_VERBS_DECIDE: Record<LetterDecisionVerb, LetterDecision> = {
  approve: 'approve',
  reject: 'reject',
  'mark-sent': 'mark-sent',
  'send-again': 'send-again',
};

async function action(
  ctx: DispatchContext,
  actor: Actor,
  user: User,
  r: ActionRef,
  versionNow: number | null,
  confirmed: boolean | undefined,
): Promise<Reply> {
  if (r.action === 'page' || r.action === 'refresh') {
    const result = await worklist(ctx, actor, user, r.query ?? '', r.page ?? 1, sharedT(ctx));
    return 'kind' in result ? result : { kind: 'replace', message: result };
  }
  if (r.action === 'help') return helpReply(ctx);
  const letterDecision = LETTER_BUTTONS[r.action];
  if (letterDecision) return decideLetter(ctx, actor, r.letterId, letterDecision, confirmed);
  // PB-28: the meeting's segment decisions are about many accounts, not one.
  if (r.action === 'decide-segment') return openSegmentForm(ctx, actor, r);
  if (r.action === 'segment-apply') return applySegment(ctx, actor, r, confirmed);
  const id = r.accountId;
  if (id === undefined) return refused(privateT(ctx).t('card.button.noAccount'));
  switch (r.action) {
    case 'claim':
    case 'release': {
      const click = { kind: r.action, accountId: id, drawnAt: r.stateVersion };
      const stale = await staleCard(ctx, actor, click, versionNow);
      if (stale) return stale;
      return r.action === 'claim' ? claim(ctx, actor, id, 'replace') : release(ctx, actor, id, 'replace');
    }
    case 'open':
      return showAccount(ctx, id, 'ephemeral');
    case 'history':
      return history(ctx, id, r.page);
    case 'letter':
      return chooseLetter(ctx, actor, id, r.template ?? null);
    case 'log':
    case 'reassign':
    case 'terms':
    case 'hand-over':
    case 'dispute':
    case 'resolve':
    case 'pause':
    case 'unpause':
      return ACCOUNT_STEPS[r.action](ctx, actor, id);
    case 'decide':
      return decideFromMeeting(ctx, actor, r, confirmed);
    case 'summary':
      return previewCallSummary(ctx, actor, id, r.callId);
    case 'plan':
      return openPlanForm(ctx, actor, id, r.currency);
    case 'plan-cancel':
      return cancelPlanClick(ctx, actor, id, r.planId, confirmed);
    case 'promise-kept':
      return openKeptForm(ctx, actor, id, r.promiseId);
    case 'promise':
      // A promise is recorded with the call it was made in (PB-20): the Log call form.
      return openLogForm(ctx, actor, id);
    case 'plan-agree':
      return openPlanForm(ctx, actor, id, r.currency);
    default:
      // Letter buttons, paging and help were answered above; anything else is a button of an older card.
      return { kind: 'ephemeral', message: notice(privateT(ctx).t('card.button.older')) };
  }
}

/**
 * A submitted form. Named by the adapter (`submission`), it takes effect once (submit-once.ts): Log call and
 * Reassign in one transaction with the key; a letter outside one, its SMTP conversation kept out of a
 * transaction, once a day per account and template by the letter log.
 */
async function submit(
  ctx: DispatchContext,
  actor: Actor,
  form: Extract<Interaction, { kind: 'submit' }>,
  decoded: ActionRef,
): Promise<Reply> {
  const { action: kind, accountId, template, callId, currency, planId, promiseId } = decoded;
  const { values } = form;
  if (form.checkOnly) {
    // Only the log form has checks beyond its fields' own; other forms are checked when submitted.
    return kind === 'log' && accountId !== undefined ? checkLog(ctx, accountId, values) : { kind: 'none' };
  }
  // The letter chooser's answer is the chosen letter's preview: nothing is written, so no once-key.
  if (kind === 'letter' && accountId !== undefined && template === undefined)
    return chosenLetter(ctx, actor, accountId, values);
  // PB-17: the plan's currency chooser likewise answers with the plan form.
  if (kind === 'plan' && accountId !== undefined && currency === undefined)
    return choosePlanCurrency(ctx, actor, accountId, values);
  // PB-28: a segment decision's form answers with what it would do; the decision is a button after it.
  if (kind === 'decide-segment') return previewSegment(ctx, actor, decoded, values);
  let run: ((ctx: DispatchContext) => Promise<Reply>) | null = null;
  if (kind === 'letter' && accountId !== undefined)
    run = (c) => submitLetter(c, actor, accountId, template, callId);
  if (kind === 'log' && accountId !== undefined) run = (c) => submitLog(c, actor, accountId, values);
  if (kind === 'reassign' && accountId !== undefined)
    run = (c) => submitReassign(c, actor, accountId, values);
  if (kind === 'terms' && accountId !== undefined)
    run = (c) => submitTerms(c, actor, accountId, values, decoded.stateVersion);
  if (kind === 'hand-over' && accountId !== undefined)
    run = (c) => submitAgency(c, actor, accountId, values, decoded.stateVersion);
  if (kind === 'dispute' && accountId !== undefined) run = (c) => submitDispute(c, actor, accountId, values);
  if (kind === 'resolve' && accountId !== undefined) run = (c) => submitResolve(c, actor, accountId, values);
  if (kind === 'pause' && accountId !== undefined) run = (c) => submitPause(c, actor, accountId, values);
  if (kind === 'plan' && accountId !== undefined && currency !== undefined)
    run = (c) => submitPlan(c, actor, accountId, currency, planId ?? null, values);
  if (kind === 'plan-agree' && accountId !== undefined) run = (c) => agreeToPlan(c, actor, accountId, planId);
  if (kind === 'promise-kept' && accountId !== undefined)
    run = (c) => submitKept(c, actor, accountId, promiseId, values);
  if (!run) return refused(privateT(ctx).t('card.form.gone'));
  if (form.submission === undefined) return run(ctx);
  const once = {
    key: submissionKey(form.user.platform, form.submission),
    ref: form.ref,
    userId: form.user.id,
  };
  // A letter's (and an agreed plan's letter's) SMTP conversation stays out of a transaction.
  return kind === 'letter' || kind === 'plan-agree'
    ? onceAround(ctx, once, run)
    : onceInTransaction(ctx, once, run);
}

/**
 * PB-03: a reply in an account's chat thread goes into its history as a note, so the conversation and
 * the customer file never drift apart. Answers `none` when saved (adapters confirm quietly, e.g. with a
 * reaction) and a private refusal otherwise.
 */
async function note(ctx: DispatchContext, actor: Actor, accountId: number, text: string): Promise<Reply> {
  const saved = await logOutcome(
    ctx.db,
    actor,
    accountId,
    { channel: 'note', result: 'reached', notes: text.slice(0, 4000) },
    ctx.clock.today(),
    {},
    ctx.clock.businessNow(),
  );
  if (saved.ok) return { kind: 'none' };
  const why = saved.error.fields
    ? Object.values(saved.error.fields).join('; ')
    : failureText(privateT(ctx), saved.error);
  return refused(privateT(ctx).t('card.note.notSaved', { why }));
}

const refused = (text: string): Reply => ({ kind: 'ephemeral', message: notice(text, { tone: 'danger' }) });

/**
 * Text no platform should send and no table can hold (text-hygiene.ts) is answered before anything is
 * read or written: which text, which character, and that nothing changed. Nothing is read yet, so the
 * answer is in the language the platform says the person uses (else the company's).
 */
function unreadable(ctx: DispatchContext, interaction: Interaction): Reply | null {
  const platform = matchLocale(interaction.user.locale);
  const t: Translator = platform
    ? translator(platform, { largeUnits: ctx.language?.largeUnits ?? false })
    : companyT(ctx.language);
  const say = (text: string) => {
    const found = findUnreadable(text);
    return found ? describeUnreadable(found, t) : null;
  };
  const name = say(interaction.user.id) ?? say(interaction.user.name);
  if (name) return refused(t.t('card.unreadable.name', { what: name }));
  switch (interaction.kind) {
    case 'command': {
      const bad = say(interaction.text);
      return bad ? refused(t.t('card.unreadable.command', { what: bad })) : null;
    }
    case 'note': {
      const bad = say(interaction.text);
      return bad ? refused(t.t('card.unreadable.note', { what: bad })) : null;
    }
    case 'action': {
      const bad = say(interaction.ref);
      return bad ? refused(t.t('card.unreadable.button', { what: bad })) : null;
    }
    case 'submit': {
      const bad = say(interaction.ref);
      if (bad) return refused(t.t('card.unreadable.form', { what: bad }));
      const field = unreadableField(interaction.values);
      return field
        ? {
            kind: 'formErrors',
            errors: {
              [field.field]: t.t('card.unreadable.field', { what: describeUnreadable(field.found, t) }),
            },
          }
        : null;
    }
  }
}

/** The one dispatcher: a neutral interaction in (command, click, form), a neutral reply out; counted and timed. */
export function dispatch(ctx: DispatchContext, interaction: Interaction): Promise<Reply> {
  return timeRequest(interaction.user.platform, interaction.kind, () => dispatchOnce(ctx, interaction));
}

async function dispatchOnce(ctx: DispatchContext, interaction: Interaction): Promise<Reply> {
  const refusal = unreadable(ctx, interaction);
  if (refusal) return refusal;
  const place = interaction.kind === 'note' ? undefined : interaction.channel;
  // An account thread is in the interaction's channel, else (a form, a direct message) the platform's
  // default channel: what is posted there is in that channel's language, not the clicker's.
  const threadPlace =
    place && !place.startsWith('D') ? place : ctx.threadChannels?.[interaction.user.platform];
  // A click or a form carries a ref: it is read here, once, and the decoded action is passed down. One
  // that cannot be read is refused in the person's language before anything is written.
  const decoded =
    interaction.kind === 'action' || interaction.kind === 'submit' ? decodeRef(interaction.ref) : null;
  if (decoded && !decoded.ok) {
    const { t } = await speechFor(ctx.db, interaction.user, ctx.language, place);
    return refused(t.t(decoded.error.key));
  }
  const click = interaction.kind === 'action' && decoded?.ok ? decoded.value : null;
  const [actor, versionNow, speech] = await Promise.all([
    actorFor(ctx, interaction.user),
    versionAtArrival(ctx, click),
    speechFor(ctx.db, interaction.user, ctx.language, place, threadPlace),
  ]);
  ctx = { ...ctx, ...speech };
  const reply = await answer(ctx, actor, interaction, decoded?.ok ? decoded.value : null, click, versionNow);
  // A confirm step's no, in the asker's language, when the command did not name it.
  if (reply.kind === 'confirm' && reply.confirm.no === undefined)
    return { kind: 'confirm', confirm: { ...reply.confirm, no: speech.t.t('card.confirm.no') } };
  return inLocale(reply, speech);
}

/** The reply's message marked with the language it was drawn in, for the adapters' own words. */
function inLocale(reply: Reply, speech: { t: Translator; tShared: Translator; tThread: Translator }): Reply {
  if (!('message' in reply)) return reply;
  const shared = reply.kind === 'replace' || reply.kind === 'post';
  const locale = (reply.kind === 'thread' ? speech.tThread : shared ? speech.tShared : speech.t).locale;
  return { ...reply, message: { ...reply.message, locale: reply.message.locale ?? locale } };
}

function answer(
  ctx: DispatchContext,
  actor: Actor,
  interaction: Interaction,
  decoded: ActionRef | null,
  click: ActionRef | null,
  versionNow: number | null,
): Promise<Reply> {
  const t = privateT(ctx);
  switch (interaction.kind) {
    case 'command':
      return command(ctx, actor, interaction.user, interaction.text);
    case 'action':
      return click
        ? action(ctx, actor, interaction.user, click, versionNow, interaction.confirmed)
        : Promise.resolve(refused(t.t('card.button.noAction')));
    case 'submit':
      return decoded
        ? submit(ctx, actor, interaction, decoded)
        : Promise.resolve(refused(t.t('card.form.gone')));
    case 'note':
      return note(ctx, actor, interaction.accountId, interaction.text);
  }
}
