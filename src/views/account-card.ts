import type { AccountAssessment } from '../collections/account.ts';
import { daysBetween, shortDate } from '../collections/dates.ts';
import { formatMoney, formatTotals } from '../collections/money.ts';
import { encodeRef } from './action-ref.ts';
import type { AccountHistory } from '../worklist/account-history.ts';
import type { ItemState } from '../worklist/item-states.ts';
import type { PaymentRecord } from '../worklist/payment-record.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { Block, Field, Message } from './model.ts';
import { amountLines } from './overdue-list.ts';

/** Most open items listed on a card; the rest are counted. */
const MAX_ITEMS = 15;
/** Open items per text block, so no block comes near a platform's text limit (Slack: 3,000 characters). */
const ITEMS_PER_BLOCK = 5;

/** What the card shows beyond the assessment (PB-02): each item's states and how the account paid so far. */
export interface AccountStory {
  /** Open item id -> its states (src/worklist/item-states.ts). */
  states: ReadonlyMap<number, readonly ItemState[]>;
  record: PaymentRecord;
}

/** One state of an item in a few words: "disputed since 2 Nov", "paused until 20 Dec", ... */
export function stateText(state: ItemState): string {
  switch (state.kind) {
    case 'disputed':
      return `disputed since ${shortDate(state.since)}`;
    case 'paused': {
      const until = state.until ? ` until ${shortDate(state.until)}` : '';
      return `${state.wholeAccount ? 'account paused' : 'paused'}${until}`;
    }
    case 'plan':
      return `in plan #${state.planId}${state.nextDate ? `, next ${shortDate(state.nextDate)}` : ''}`;
    case 'promised':
      return `promised ${formatMoney({ minor: state.amountMinor, currency: state.currency })} by ${shortDate(state.date)}`;
  }
}

/** How an item stands against its due date, as of `today` (days overdue are 0 until the due date passes). */
export function dueStatus(dueDate: string, daysOverdue: number, today: string): string {
  if (daysOverdue > 0) return `${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue`;
  const ahead = daysBetween(today, dueDate);
  if (ahead <= 0) return 'due today';
  return ahead === 1 ? 'due tomorrow' : `due in ${ahead} days`;
}

function itemLine(
  item: AccountAssessment['items'][number],
  today: string,
  states: readonly ItemState[] | undefined,
): string {
  const days = dueStatus(item.dueDate, item.daysOverdue, today);
  const interest =
    item.interestMinor > 0
      ? ` · interest ${formatMoney({ minor: item.interestMinor, currency: item.currency })}`
      : '';
  // The stored states say more (since when, until when); the assessment's flags stand in without them.
  const marks = states?.length
    ? states.map(stateText)
    : [item.disputed ? 'disputed' : null, item.paused ? 'paused' : null].filter(Boolean);
  return `*${item.number}* · due ${shortDate(item.dueDate)} · ${days} · ${formatMoney({ minor: item.openMinor, currency: item.currency })}${interest}${marks.length ? ` · _${marks.join(', ')}_` : ''}`;
}

function lastContact(file: AccountHistory): string {
  const contact = file.history.find((h) => h.kind === 'outcome');
  if (!contact) return 'none yet';
  const result = String(contact.details.result ?? '').replace(/_/g, ' ');
  return `${contact.at.toISOString().slice(0, 10)} by ${contact.actor ?? 'someone'}: ${String(contact.details.channel ?? '')} ${result}`.trim();
}

/** The account card: open items with interest, ladder step and next action, owner, last contact, buttons. */
export function accountCardView(
  file: AccountHistory,
  a: AccountAssessment,
  version: number,
  ledger?: LedgerAge,
  story?: AccountStory,
): Message {
  const c = file.customer;
  const blocks: Block[] = [{ type: 'header', text: c.name }, ...staleBlocksOf(ledger)];
  const interest = formatTotals(a.interest.byCurrency);
  const fields: Field[] = [
    { label: 'Open', value: amountLines(a.openByCurrency, a.mainCurrency).join('\n') || 'nothing' },
    {
      label: 'Days overdue',
      value: `${a.maxDaysOverdue} (${a.overdueItems} of ${a.items.length} invoices overdue)`,
      tone: a.maxDaysOverdue > 30 ? 'danger' : 'normal',
    },
    { label: 'Late interest', value: `${interest || 'none'} at ${a.interest.ratePerDay} a day (PB-16)` },
    {
      label: 'Grade',
      value: a.grade.reason.startsWith(`${a.grade.grade}:`)
        ? a.grade.reason
        : `${a.grade.grade}: ${a.grade.reason}`,
    },
    { label: 'Owner', value: file.owner ? file.owner.name : 'unclaimed' },
    {
      label: 'Ladder',
      value: a.ladder.step ? `${a.ladder.step.id}: ${a.ladder.step.action}` : a.ladder.reason,
    },
  ];
  const next = a.ladder.nextAction;
  if (next) {
    const when = next.due < a.assessedOn ? `late since ${shortDate(next.due)}` : `by ${shortDate(next.due)}`;
    fields.push({
      label: 'Next action',
      value: `${next.action}, ${when}`,
      tone: next.due < a.assessedOn ? 'danger' : 'normal',
    });
  }
  fields.push({ label: 'Last contact', value: lastContact(file) });
  const contact = [c.contactName, c.contactEmail, c.contactPhone].filter(Boolean).join(' · ');
  fields.push({ label: 'AP contact', value: contact || 'missing: add one in the ledger' });
  if (c.salesRep) fields.push({ label: 'Sales rep', value: c.salesRep });
  blocks.push({ type: 'fields', fields: fields.slice(0, 10) });

  const flags = [
    // The reasons name the flag themselves ("credit hold: 2+ overdue invoices ..."): lead with it in bold.
    a.keyAccount.keyAccount ? `*Key account*: ${a.keyAccount.reason}` : null,
    a.creditHold.reason ? `*Credit hold*: ${a.creditHold.reason.replace(/^credit hold: /, '')}` : null,
    a.blacklist.reason ? `*Blacklisted*: ${a.blacklist.reason.replace(/^blacklisted: /, '')}` : null,
    a.brokenPromiseDates.length ? `Missed promises: ${a.brokenPromiseDates.map(shortDate).join(', ')}` : null,
  ].filter((f): f is string => f !== null);
  for (const flag of flags) blocks.push({ type: 'text', text: flag, tone: 'danger' });

  blocks.push({ type: 'divider' });
  const items = [...a.items].sort((x, y) => y.daysOverdue - x.daysOverdue);
  const shown = items
    .slice(0, MAX_ITEMS)
    .map((item) => itemLine(item, a.assessedOn, story?.states.get(Number(item.id))));
  if (shown.length === 0) blocks.push({ type: 'text', text: 'No open invoices.' });
  for (let i = 0; i < shown.length; i += ITEMS_PER_BLOCK)
    blocks.push({ type: 'text', text: shown.slice(i, i + ITEMS_PER_BLOCK).join('\n') });
  if (items.length > MAX_ITEMS)
    blocks.push({ type: 'context', text: `and ${items.length - MAX_ITEMS} more invoices` });
  if (story) blocks.push(...recordBlocks(story.record));

  const ref = { v: 1 as const, accountId: c.id, stateVersion: version };
  blocks.push({
    type: 'actions',
    buttons: [
      ...(file.owner
        ? []
        : [{ label: 'Claim', ref: encodeRef({ ...ref, action: 'claim' }), style: 'primary' as const }]),
      { label: 'Log call', ref: encodeRef({ ...ref, action: 'log' }), opens: 'form' as const },
      {
        label: 'Send letter',
        ref: encodeRef({
          ...ref,
          action: 'letter',
          ...(a.ladder.letter ? { template: a.ladder.letter } : {}),
        }),
        opens: 'form' as const,
      },
      { label: 'History', ref: encodeRef({ ...ref, action: 'history' }) },
    ],
    menu: [
      ...(file.owner ? [{ label: 'Release', ref: encodeRef({ ...ref, action: 'release' }) }] : []),
      { label: 'Reassign', ref: encodeRef({ ...ref, action: 'reassign' }), opens: 'form' as const },
    ],
  });
  blocks.push({
    type: 'context',
    text: `Customer ${c.externalId} · assessed ${a.assessedOn}${file.owner ? ` · claimed by ${file.owner.name}` : ''}`,
  });
  const total = amountLines(a.openByCurrency, a.mainCurrency).join(' + ');
  return { blocks, fallbackText: `${c.name}: ${total} open, ${a.maxDaysOverdue} days overdue` };
}

/** PB-02: how the account paid so far, and the promises it kept and broke (PB-20). */
function recordBlocks(r: PaymentRecord): Block[] {
  const blocks: Block[] = [{ type: 'divider' }];
  if (r.paidCount === 0) {
    blocks.push({ type: 'text', text: '*Payment history*: no paid invoices on record yet.' });
  } else {
    const lines = r.paid.map((p) => {
      const late = p.daysLate > 0 ? `${p.daysLate} ${p.daysLate === 1 ? 'day' : 'days'} late` : 'on time';
      return `${p.number} · ${formatMoney({ minor: p.totalMinor, currency: p.currency })} · due ${shortDate(p.dueDate)} · paid ${shortDate(p.paidDate)} · ${late}`;
    });
    const more = r.paidCount > r.paid.length ? `, newest ${r.paid.length} shown` : '';
    blocks.push({
      type: 'text',
      text: `*Payment history*: ${r.paidCount} paid, ${r.paidLateCount} of them late${more}\n${lines.join('\n')}`,
    });
  }
  const decided = r.kept + r.partial + r.broken;
  if (decided === 0) {
    blocks.push({ type: 'context', text: 'Promises to pay: none decided yet.' });
  } else {
    const lines = r.promises.map((p) => {
      const amount = formatMoney({ minor: p.amountMinor, currency: p.currency });
      const what = p.installment ? 'installment' : 'promise';
      const paid =
        p.status === 'partial' ? ` (${formatMoney({ minor: p.paidMinor, currency: p.currency })} paid)` : '';
      return `${what} of ${amount} by ${shortDate(p.date)}: ${p.status === 'partial' ? 'partly kept' : p.status}${paid}`;
    });
    blocks.push({
      type: 'text',
      text: `*Promises*: ${r.kept} kept, ${r.partial} partly kept, ${r.broken} broken\n${lines.join('\n')}`,
      tone: r.broken + r.partial > 0 ? 'danger' : 'normal',
    });
  }
  return blocks;
}
