import { translator } from '../i18n/translate.ts';
import { customerTime, queuedFor } from './contact-views.ts';
import { formatLocalTime } from '../clock.ts';
import { formatMoney } from '../collections/money.ts';
import type { AccountHistory, HistoryEntry } from '../worklist/account-history.ts';
import { encodeRef } from './action-ref.ts';
import { type Block, type Message, typedText } from './model.ts';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(str).join(', ') : '');

function money(minor: unknown, currency: unknown): string {
  return typeof minor === 'number' && typeof currency === 'string' ? formatMoney({ minor, currency }) : '';
}

const article = (role: string) =>
  role === 'sales' ? 'sales' : /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;

/**
 * A role change as a sentence: who gave or took which role, and why (a person by hand, or a settings list
 * naming the person or no longer naming them).
 */
export function describeRoleChange(d: Record<string, unknown>, who: string | null): string {
  const person = `${str(d.name)}${d.platformUserId ? ` (${str(d.platformUserId)})` : ''}`;
  const was = d.from ? ` (was ${str(d.from)})` : '';
  const role = article(str(d.role));
  if (!d.setting) return `${who ?? 'duebot'} made ${person} ${role}${was}`;
  if (d.listed === false) return `${person} is ${role} again${was}: no longer in ${str(d.setting)}`;
  return `${person} is ${role}${was}: listed in ${str(d.setting)}`;
}

/** One history entry as a sentence a colleague (or a lawyer) can follow (PB-02, PB-03). */
export function describeEntry(entry: HistoryEntry): string {
  const d = entry.details;
  const who = entry.actor ?? 'duebot';
  switch (entry.kind) {
    case 'outcome': {
      const result = str(d.result).replace(/_/g, ' ');
      const promise = d.result === 'promised' ? ` ${str(d.promiseAmount)} by ${str(d.promiseDate)}` : '';
      const follow = d.nextFollowUp ? `; follow up ${str(d.nextFollowUp)}` : '';
      const notes = d.notes ? ` — "${typedText(str(d.notes))}"` : '';
      return `${who} logged a ${str(d.channel)}: ${result}${promise}${follow}${notes}`;
    }
    case 'note':
      return `${who} noted: "${typedText(str(d.notes))}"`;
    case 'claimed':
      return `${who} claimed the account`;
    case 'released':
      return `${who} released the account${d.from && d.from !== who ? ` (owned by ${str(d.from)})` : ''}`;
    case 'reassigned':
      return `${who} reassigned the account from ${str(d.from) || 'nobody'} to ${str(d.to)}`;
    case 'promise_kept':
    case 'promise_partial':
    case 'promise_broken':
      return `Promise of ${money(d.amountMinor, d.currency)} ${entry.kind.slice(8)}: ${money(d.paidMinor, d.currency)} paid`;
    case 'escalated':
      return `Escalated: ${str(d.reason)}`;
    case 'dispute_opened':
      return `${who} opened dispute #${str(d.disputeId)} on ${list(d.invoices)}: ${typedText(str(d.reason))}${d.contact ? ` (after-sales: ${typedText(str(d.contact))})` : ''}`;
    case 'dispute_resolved':
      return `${who} resolved dispute #${str(d.disputeId)}${d.invoices ? ` on ${list(d.invoices)}` : ''}: ${str(d.outcome).replace(/_/g, ' ')}${d.note ? `, because ${typedText(str(d.note))}` : ''}`;
    case 'dispute_raised':
      return `Dispute #${str(d.disputeId)} open for ${str(d.days)} days: raised to ${str(d.owner) || 'the team'}`;
    case 'plan_created':
      return `${who} agreed a payment plan of ${money(d.totalMinor, d.currency)} in ${Array.isArray(d.amounts) ? d.amounts.length : '?'} installments`;
    case 'paused':
      return `${who} paused chasing${Array.isArray(d.invoices) && d.invoices.length > 0 ? ` ${list(d.invoices)}` : ''}${d.until ? ` until ${str(d.until)}` : ''}: ${typedText(str(d.reason))}`;
    case 'pause_lifted':
      return `${who} un-paused chasing`;
    case 'pause_ended':
      return `The pause until ${str(d.until)} ended; chasing resumes`;
    case 'letter_requested':
      return `${who} asked for the ${str(d.template)} letter (${str(d.status) || 'requested'})`;
    case 'letter_sent':
      return `${who} sent the ${str(d.template)} letter (${str(d.locale)}) to ${str(d.recipient)}: "${str(d.subject)}", message id ${str(d.messageId)}`;
    case 'letter_prepared':
      return `${who} prepared the ${str(d.template)} letter (${str(d.locale)}), NOT SENT: ${str(d.reason)}`;
    case 'letter_failed':
      return `The ${str(d.template)} letter (${str(d.locale)}) of ${who} FAILED${d.recipient ? ` to ${str(d.recipient)}` : ''}: ${str(d.error)}`;
    case 'letter_approval_requested':
      return `${who} asked for approval of the ${str(d.template)} letter #${str(d.letterId)}`;
    case 'letter_approved':
      return `${who} approved the ${str(d.template)} letter #${str(d.letterId)} asked for by ${str(d.requestedBy)}`;
    case 'letter_rejected':
      return `${who} rejected the ${str(d.template)} letter #${str(d.letterId)} asked for by ${str(d.requestedBy)}`;
    case 'letter_uncertain':
      return `The ${str(d.template)} letter #${str(d.letterId)} (${str(d.locale)}) to ${str(d.recipient) || 'the customer'} MAY OR MAY NOT HAVE GONE OUT: ${d.cause === 'answer_lost' ? str(d.reason) : 'duebot stopped while sending it'}; message id ${str(d.messageId) || 'not recorded'}; ${(d.cause === 'answer_lost' && entry.actor) || str(d.requestedBy) || 'the requester'} was asked to check`;
    case 'letter_marked_sent':
      return `${who} checked the mailbox and marked the ${str(d.template)} letter #${str(d.letterId)} as sent to ${str(d.recipient)}, message id ${str(d.messageId)}`;
    case 'letter_sent_again':
      return `${who} chose to send the ${str(d.template)} letter #${str(d.letterId)} again to ${str(d.recipient) || 'the customer'}`;
    case 'letter_queued': {
      // PB-24: when it goes out, on the customer's clock.
      const zone = str(d.timeZone) || 'UTC';
      const sendAt = new Date(str(d.sendAt));
      const queued = Number.isNaN(sendAt.getTime()) ? null : queuedFor({ sendAt }, zone);
      const t = translator('en');
      return `${who}: ${t.t('contact.history.queued', { letter: str(d.template), id: str(d.letterId), when: queued ? customerTime(t, queued.local) : '?', zone })}`;
    }
    case 'letter_cancelled':
      return `${who}: ${translator('en').t('contact.history.cancelled', { letter: str(d.template), id: str(d.letterId) })}`;
    case 'role_changed':
      return describeRoleChange(d, entry.actor);
    case 'terms_changed': {
      const after = (d.after ?? {}) as Record<string, unknown>;
      const rate = after.interestRatePerDay
        ? `contract interest ${str(after.interestRatePerDay)} a day`
        : 'default interest';
      return `${who} set the account terms: key-account exemption ${after.keyAccountExempt ? 'yes' : 'no'}, habitual late payer ${after.habitualLatePayer ? 'yes' : 'no'}, ${rate} — "${typedText(str(d.reason))}"`;
    }
    case 'handed_over': {
      const amounts = Object.entries((d.amounts ?? {}) as Record<string, number>)
        .map(([currency, minor]) => money(minor, currency))
        .join(' + ');
      return `${who} handed the account over to ${typedText(str(d.agency))}: ${amounts} after ${str(d.daysWorked)} days and ${str(d.contactAttempts)} contact attempts (PB-30)`;
    }
    default:
      return `${who}: ${entry.kind.replace(/_/g, ' ')}`;
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
export function historyView(file: AccountHistory, timeZone: string, page = 1, asked?: number): Message {
  const blocks: Block[] = [{ type: 'header', text: `History: ${file.customer.name}` }];
  const pages = historyPages(file.historyTotal);
  if (asked !== undefined && asked > pages)
    blocks.push({
      type: 'context',
      text: `There is no page ${asked}: the history has ${pages} ${pages === 1 ? 'page' : 'pages'}. Here is the oldest.`,
    });
  if (file.history.length === 0) {
    blocks.push({ type: 'text', text: 'Nothing recorded yet.' });
    return { blocks };
  }
  const lines = file.history.map((e) => {
    const line = `${formatLocalTime(e.at, timeZone)}  ${describeEntry(e)}`;
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
    text: `Entries ${first}-${last} of ${file.historyTotal}, newest first`,
  });
  if (pages > 1) {
    const ref = (p: number) => encodeRef({ v: 1, action: 'history', accountId: file.customer.id, page: p });
    blocks.push({
      type: 'pager',
      page,
      pages,
      ...(page > 1 ? { prevRef: ref(page - 1), prevLabel: 'Newer' } : {}),
      ...(page < pages ? { nextRef: ref(page + 1), nextLabel: 'Older' } : {}),
    });
  }
  return { blocks };
}
