import { formatLocalTime } from '../clock.ts';
import { formatMoney } from '../collections/money.ts';
import type { AccountHistory, HistoryEntry } from '../worklist/account-history.ts';
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
    case 'role_changed':
      return describeRoleChange(d, entry.actor);
    default:
      return `${who}: ${entry.kind.replace(/_/g, ' ')}`;
  }
}

/** The customer file's history, newest first. */
export function historyView(file: AccountHistory, timeZone: string, limit = 30): Message {
  const blocks: Block[] = [{ type: 'header', text: `History: ${file.customer.name}` }];
  if (file.history.length === 0) {
    blocks.push({ type: 'text', text: 'Nothing recorded yet.' });
  } else {
    const lines = file.history
      .slice(0, limit)
      .map((e) => `${formatLocalTime(e.at, timeZone)}  ${describeEntry(e)}`);
    blocks.push({ type: 'text', text: lines.join('\n') });
    if (file.history.length > limit) {
      blocks.push({ type: 'context', text: `${file.history.length - limit} older entries not shown` });
    }
  }
  return { blocks };
}
