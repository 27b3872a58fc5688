import { CHANNELS, RESULTS } from '../worklist/log-outcome.ts';
import { customerTime, queuedFor } from './contact-views.ts';
import { formatLocalTime } from '../clock.ts';
import { isIsoDate } from '../collections/dates.ts';
import { NO_SMTP_REASON } from '../letters/letter-types.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { listOf } from './card-words.ts';
import { letterName } from './letter-name.ts';
import { decisionLabel } from './meeting.ts';
import { decisionFromSlug } from '../worklist/meeting-decisions.ts';
import type { AccountHistory, HistoryEntry } from '../worklist/account-history.ts';
import { encodeRef } from './action-ref.ts';
import { type Block, type Message, typedText } from './model.ts';
import { toFallbackText } from './fallback-text.ts';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

const ROLES = new Set(['collector', 'manager', 'sales', 'viewer']);
/** The states a letter request is recorded in (letter-log.ts); another is named as stored. */
const REQUEST_STATUSES = new Set(['requested', 'sending', 'queued', 'awaiting_approval']);
const CHANNEL_WORDS: ReadonlySet<string> = new Set(CHANNELS);
const RESULT_WORDS: ReadonlySet<string> = new Set(RESULTS);
const DISPUTE_OUTCOMES = new Set([
  'upheld_credit_note',
  'rejected_collect',
  'withdrawn',
  'partially_credited',
]);

const TIMES = /^"in process" (once|twice|(\d+) times) with no concrete step( \(PB-14\))?$/;
const PROMISE = /^promise to pay by (\S+) (broken|only partly kept)$/;
const KEY_ACCOUNT = /^key account at (\d+) days overdue \(PB-06\); a manager was told$/;

/**
 * An escalation's cause as recorded: kept by its cause since issue 20; an older entry has the English
 * sentence duebot wrote then (activities are append-only, PB-03, so it is read here, not rewritten).
 * Null: a reason none of those sentences.
 */
function causeOf(d: Record<string, unknown>): Record<string, unknown> | null {
  if (d.cause !== undefined) return d;
  if (d.promiseDate !== undefined) return { ...d, cause: 'promise' };
  const reason = str(d.reason);
  const times = TIMES.exec(reason);
  if (times)
    return { cause: 'stalled', times: times[1] === 'once' ? 1 : times[1] === 'twice' ? 2 : Number(times[2]) };
  const promise = PROMISE.exec(reason);
  if (promise?.[1] && isIsoDate(promise[1]))
    return {
      cause: 'promise',
      promiseDate: promise[1],
      status: promise[2] === 'broken' ? 'broken' : 'partial',
    };
  const key = KEY_ACCOUNT.exec(reason);
  if (key) return { cause: 'key-account', days: Number(key[1]) };
  return null;
}

/**
 * The values of an escalation's cause (PB-06, PB-14, PB-20): "in process" answers without a concrete step,
 * a promise broken or only partly kept (its date), a key account past its days; `none` for no cause known.
 */
function causeValues(c: Record<string, unknown> | null): Record<string, string | number> {
  const cause =
    c === null ? 'none' : c.cause === 'stalled' || c.cause === 'key-account' ? c.cause : 'promise';
  return {
    cause,
    times: Number(c?.times) || 0,
    date: str(c?.promiseDate),
    status: c?.status === 'broken' ? 'broken' : 'partial',
    days: Number(c?.days) || 0,
  };
}

/** A stored code as the catalog's select key: the code itself when known, else `other`. */
const known = (codes: ReadonlySet<string>, v: unknown) => (codes.has(str(v)) ? str(v) : 'other');
const yes = (v: unknown) => (v ? 'yes' : 'no');

/**
 * A role change as a sentence: who gave or took which role, and why (a person by hand, or a settings list
 * naming the person or no longer naming them).
 */
export function describeRoleChange(
  d: Record<string, unknown>,
  who: string | null,
  t: Translator = translator('en'),
): string {
  const values = {
    who: who ?? 'duebot',
    person: `${str(d.name)}${d.platformUserId ? ` (${str(d.platformUserId)})` : ''}`,
    role: known(ROLES, d.role),
    roleText: str(d.role),
    hasFrom: yes(d.from),
    from: known(ROLES, d.from),
    fromText: str(d.from),
    setting: str(d.setting),
  };
  if (!d.setting) return t.t('card.history.roleByHand', values);
  if (d.listed === false) return t.t('card.history.roleUnlisted', values);
  return t.t('card.history.roleListed', values);
}

/** One history entry as a sentence a colleague (or a lawyer) can follow (PB-02, PB-03). */
export function describeEntry(entry: HistoryEntry, t: Translator = translator('en')): string {
  const d = entry.details;
  const who = entry.actor ?? 'duebot';
  const money = (minor: unknown, currency: unknown) =>
    typeof minor === 'number' && typeof currency === 'string' ? t.money(minor, currency) : '';
  const list = (v: unknown) => listOf(t, Array.isArray(v) ? v.map(str) : []);
  const letter = {
    who,
    template: letterName(str(d.template), t),
    letterId: str(d.letterId),
    locale: str(d.locale),
    recipient: str(d.recipient),
    hasRecipient: yes(d.recipient),
    requestedBy: str(d.requestedBy),
    messageId: str(d.messageId),
    hasMessageId: yes(d.messageId),
  };
  switch (entry.kind) {
    case 'outcome':
      return t.t('card.history.outcome', {
        who,
        channel: known(CHANNEL_WORDS, d.channel),
        channelText: str(d.channel),
        result: known(RESULT_WORDS, d.result),
        resultText: str(d.result).replace(/_/g, ' '),
        promised: d.result === 'promised' ? 'yes' : 'no',
        amount: str(d.promiseAmount),
        date: str(d.promiseDate),
        hasFollowUp: yes(d.nextFollowUp),
        followUp: str(d.nextFollowUp),
        hasNotes: yes(d.notes),
        notes: typedText(str(d.notes)),
      });
    case 'note':
      return t.t('card.history.note', { who, notes: typedText(str(d.notes)) });
    case 'claimed':
      return t.t('card.history.claimed', { who });
    case 'released':
      return t.t('card.history.released', {
        who,
        hasFrom: d.from && d.from !== who ? 'yes' : 'no',
        from: str(d.from),
      });
    case 'reassigned':
      return t.t('card.history.reassigned', { who, hasFrom: yes(d.from), from: str(d.from), to: str(d.to) });
    case 'promise_kept':
    case 'promise_partial':
    case 'promise_broken':
      return t.t('card.history.promiseOutcome', {
        outcome: entry.kind.slice(8),
        amount: money(d.amountMinor, d.currency),
        paid: money(d.paidMinor, d.currency),
      });
    case 'escalated': {
      // A reason that is none of duebot's sentences (a person's, in an older entry) is shown as written.
      const cause = causeOf(d);
      return cause === null
        ? t.t('card.history.escalated', { reason: str(d.reason) })
        : t.t('card.history.escalatedWhy', causeValues(cause));
    }
    case 'owner_told': {
      const told = [
        ...(d.owner ? [t.t('escalation.told_owner', { name: str(d.owner) })] : []),
        ...(Array.isArray(d.managers) ? d.managers.map(str) : []),
      ];
      return t.t('card.history.ownerTold', {
        who,
        told: told.length > 0 ? listOf(t, told) : t.t('card.history.toldNobody'),
        ...causeValues(causeOf(d)),
      });
    }
    case 'plan_cancelled':
      return t.t('card.history.planCancelled', {
        who,
        planId: str(d.planId),
        count: Number(d.openInstallmentsCancelled) || 0,
      });
    case 'meeting_decision': {
      const decision = decisionFromSlug(str(d.decision));
      const previous = d.previous === undefined ? null : decisionFromSlug(str(d.previous));
      return t.t('card.history.meetingDecision', {
        who,
        meeting: str(d.meeting),
        decision: decision ? decisionLabel(t, decision) : str(d.decision),
        hasPrevious: yes(previous),
        previous: previous ? decisionLabel(t, previous) : '',
      });
    }
    case 'dispute_opened':
      return t.t('card.history.disputeOpened', {
        who,
        id: str(d.disputeId),
        invoices: list(d.invoices),
        reason: typedText(str(d.reason)),
        hasContact: yes(d.contact),
        contact: typedText(str(d.contact)),
      });
    case 'dispute_resolved':
      return t.t('card.history.disputeResolved', {
        who,
        id: str(d.disputeId),
        hasInvoices: yes(d.invoices),
        invoices: list(d.invoices),
        outcome: known(DISPUTE_OUTCOMES, d.outcome),
        outcomeText: str(d.outcome).replace(/_/g, ' '),
        hasNote: yes(d.note),
        note: typedText(str(d.note)),
      });
    case 'dispute_raised':
      return t.t('card.history.disputeRaised', {
        id: str(d.disputeId),
        days: Number(d.days) || 0,
        hasOwner: yes(d.owner),
        owner: str(d.owner),
      });
    case 'plan_created':
      return t.t('card.history.planCreated', {
        who,
        amount: money(d.totalMinor, d.currency),
        count: Array.isArray(d.amounts) ? d.amounts.length : 0,
      });
    case 'paused':
      return t.t('card.history.paused', {
        who,
        hasInvoices: Array.isArray(d.invoices) && d.invoices.length > 0 ? 'yes' : 'no',
        invoices: list(d.invoices),
        hasUntil: yes(d.until),
        until: str(d.until),
        reason: typedText(str(d.reason)),
      });
    case 'pause_lifted':
      return t.t('card.history.pauseLifted', { who });
    case 'pause_ended':
      return t.t('card.history.pauseEnded', { until: str(d.until) });
    case 'letter_requested':
      return t.t('card.history.letterRequested', {
        ...letter,
        status: known(REQUEST_STATUSES, str(d.status) || 'requested'),
        statusText: str(d.status),
      });
    case 'letter_sent':
      return t.t('card.history.letterSent', { ...letter, subject: str(d.subject) });
    case 'letter_prepared':
      return t.t('card.history.letterPrepared', {
        ...letter,
        // The one reason duebot itself gives (send-letter.ts); the record keeps its English (PB-03).
        reason: d.reason === NO_SMTP_REASON ? t.t('card.history.noSmtp') : str(d.reason),
      });
    case 'letter_failed':
      return t.t('card.history.letterFailed', { ...letter, error: str(d.error) });
    case 'letter_approval_requested':
      return t.t('card.history.letterApprovalRequested', letter);
    case 'letter_approved':
      return t.t('card.history.letterApproved', letter);
    case 'letter_rejected':
      return t.t('card.history.letterRejected', letter);
    case 'letter_uncertain':
      return t.t('card.history.letterUncertain', {
        ...letter,
        cause: d.cause === 'answer_lost' ? 'lost' : 'stopped',
        reason: str(d.reason),
        checker: (d.cause === 'answer_lost' && entry.actor) || str(d.requestedBy),
        hasChecker: yes((d.cause === 'answer_lost' && entry.actor) || str(d.requestedBy)),
      });
    case 'letter_marked_sent':
      return t.t('card.history.letterMarkedSent', letter);
    case 'letter_sent_again':
      return t.t('card.history.letterSentAgain', letter);
    case 'letter_queued': {
      // PB-24: when it goes out, on the customer's clock.
      const zone = str(d.timeZone) || 'UTC';
      const sendAt = new Date(str(d.sendAt));
      const queued = Number.isNaN(sendAt.getTime()) ? null : queuedFor({ sendAt }, zone);
      return `${who}: ${t.t('contact.history.queued', { letter: letter.template, id: letter.letterId, when: queued ? customerTime(t, queued.local) : '?', zone })}`;
    }
    case 'letter_cancelled':
      return `${who}: ${t.t('contact.history.cancelled', { letter: letter.template, id: letter.letterId })}`;
    case 'role_changed':
      return describeRoleChange(d, entry.actor, t);
    case 'terms_changed': {
      const after = (d.after ?? {}) as Record<string, unknown>;
      return t.t('card.history.termsChanged', {
        who,
        exempt: yes(after.keyAccountExempt),
        habitual: yes(after.habitualLatePayer),
        hasRate: yes(after.interestRatePerDay),
        rate: str(after.interestRatePerDay),
        reason: typedText(str(d.reason)),
      });
    }
    case 'handed_over': {
      const amounts = Object.entries((d.amounts ?? {}) as Record<string, number>)
        .map(([currency, minor]) => money(minor, currency))
        .join(' + ');
      return t.t('card.history.handedOver', {
        who,
        agency: typedText(str(d.agency)),
        amounts,
        days: Number(d.daysWorked) || 0,
        attempts: Number(d.contactAttempts) || 0,
      });
    }
    default:
      return t.t('card.history.other', { who, kind: entry.kind.replace(/_/g, ' ') });
  }
}

/** History entries on one page: a page fits any platform (Slack 50 blocks, Teams' card budget). */
export const HISTORY_PAGE_SIZE = 20;
/** Longest text of one entry on a page; the stored entry keeps every word (PB-03). */
const ENTRY_CHARS = 1000;
/** Text per block, under Slack's 3,000 characters for a section. */
const BLOCK_CHARS = 2800;

/** How many pages a history of `total` entries has (at least one). */
export function historyPages(total: number): number {
  return Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
}

/**
 * One page of the customer file's history, newest first (PB-02), with Newer / Older to move through all
 * of it. `file.history` holds the page's entries; `asked` is the page the click asked for when it was
 * past the last one (the answer is the last page, and says so).
 */
export function historyView(
  file: AccountHistory,
  timeZone: string,
  t: Translator,
  page = 1,
  asked?: number,
): Message {
  const blocks: Block[] = [{ type: 'header', text: t.t('card.history.title', { name: file.customer.name }) }];
  const pages = historyPages(file.historyTotal);
  if (asked !== undefined && asked > pages)
    blocks.push({
      type: 'context',
      text: t.t('card.history.pastLast', { asked, pages }),
    });
  if (file.history.length === 0) {
    blocks.push({ type: 'text', text: t.t('card.history.empty') });
    return withFallback({ blocks }, t);
  }
  const lines = file.history.map((e) => {
    const line = `${formatLocalTime(e.at, timeZone)}  ${describeEntry(e, t)}`;
    return line.length > ENTRY_CHARS ? `${line.slice(0, ENTRY_CHARS - 1)}…` : line;
  });
  let chunk: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (chunk.length > 0 && size + line.length + 1 > BLOCK_CHARS) {
      blocks.push({ type: 'text', text: chunk.join('\n') });
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  blocks.push({ type: 'text', text: chunk.join('\n') });
  const first = (page - 1) * HISTORY_PAGE_SIZE + 1;
  const last = first + file.history.length - 1;
  blocks.push({
    type: 'context',
    text: t.t('card.history.entries', { first, last, total: file.historyTotal }),
  });
  if (pages > 1) {
    const ref = (p: number) => encodeRef({ v: 1, action: 'history', accountId: file.customer.id, page: p });
    blocks.push({
      type: 'pager',
      page,
      pages,
      ...(page > 1 ? { prevRef: ref(page - 1), prevLabel: t.t('card.history.newer') } : {}),
      ...(page < pages ? { nextRef: ref(page + 1), nextLabel: t.t('card.history.older') } : {}),
    });
  }
  return withFallback({ blocks }, t);
}

/** The notification text in the view's language (the generated one would say "Page 1 of 2" in English). */
const withFallback = (message: Message, t: Translator): Message => ({
  ...message,
  fallbackText: toFallbackText(message, { t }),
});
