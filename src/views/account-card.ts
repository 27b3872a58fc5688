import type { AccountAssessment } from '../collections/account.ts';
import { daysBetween, shortDate } from '../collections/dates.ts';
import { formatMoney, formatTotals } from '../collections/money.ts';
import {
  defaultSevenSevenSeven,
  sevenSevenSeven,
  type SevenSevenSevenPolicy,
} from '../collections/seven-seven-seven.ts';
import { encodeRef } from './action-ref.ts';
import type { AccountHistory } from '../worklist/account-history.ts';
import type { OpenDispute } from '../worklist/disputes.ts';
import type { ItemState } from '../worklist/item-states.ts';
import type { PaymentRecord } from '../worklist/payment-record.ts';
import { type PlanState, planStateLine } from '../worklist/plan-agreement.ts';
import type { MarkablePromise } from '../worklist/promises.ts';
import { planCancelQuestion } from './plan-views.ts';
import { promiseBlocks } from './promise-views.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import { type Block, type Field, type Message, type Tone, typedText } from './model.ts';
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
  /** PB-13: every business day contact was attempted (worklist/account-history.ts contactAttemptDays). */
  contactDays?: readonly string[];
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
  const paused = item.paused
    ? `paused${item.pausedUntil ? ` until ${shortDate(item.pausedUntil)}` : ''}`
    : null;
  const marks = states?.length
    ? states.map(stateText)
    : [item.disputed ? 'disputed' : null, paused].filter(Boolean);
  return `*${item.number}* · due ${shortDate(item.dueDate)} · ${days} · ${formatMoney({ minor: item.openMinor, currency: item.currency })}${interest}${marks.length ? ` · _${marks.join(', ')}_` : ''}`;
}

function lastContact(file: AccountHistory): string {
  const contact = file.history.find((h) => h.kind === 'outcome');
  if (!contact) return 'none yet';
  const result = String(contact.details.result ?? '').replace(/_/g, ' ');
  return `${contact.at.toISOString().slice(0, 10)} by ${contact.actor ?? 'someone'}: ${String(contact.details.channel ?? '')} ${result}`.trim();
}

/** Kinds of history entries that are contact attempts with the customer (PB-13). */
const ATTEMPTS = new Set(['letter_sent', 'letter_marked_sent']);

/**
 * The days contact was attempted, from the history entries a card holds (PB-13): letters that went out,
 * logged calls, visits and e-mails. A card loaded with its story uses every attempt instead.
 */
export function contactDays(file: AccountHistory): string[] {
  return file.history
    .filter((h) => ATTEMPTS.has(h.kind) || (h.kind === 'outcome' && h.details.channel !== 'note'))
    .map((h) => h.at.toISOString().slice(0, 10));
}

/**
 * PB-04: the card's invoices, each group in its marking: red ones (overdue past the policy's threshold),
 * the other open ones, and those settled recently in green; every platform draws the tone its own way.
 */
function itemBlocks(a: AccountAssessment, story?: AccountStory): Block[] {
  const shown = [...a.items].sort((x, y) => y.daysOverdue - x.daysOverdue).slice(0, MAX_ITEMS);
  const group = (red: boolean, tone?: Tone): Block[] => {
    const lines = shown
      .filter((item) => (item.marking === 'red') === red)
      .map((item) => itemLine(item, a.assessedOn, story?.states.get(Number(item.id))));
    const blocks: Block[] = [];
    for (let i = 0; i < lines.length; i += ITEMS_PER_BLOCK)
      blocks.push({
        type: 'text',
        text: lines.slice(i, i + ITEMS_PER_BLOCK).join('\n'),
        ...(tone ? { tone } : {}),
      });
    return blocks;
  };
  const blocks: Block[] = [...group(true, 'danger'), ...group(false)];
  if (blocks.length === 0) blocks.push({ type: 'text', text: 'No open invoices.' });
  if (a.items.length > MAX_ITEMS)
    blocks.push({ type: 'context', text: `and ${a.items.length - MAX_ITEMS} more invoices` });
  // With the story, the payment history below lists the settled invoices (in green); without it, the
  // recently settled ones are shown here.
  const settled = story ? [] : a.settled.slice(0, MAX_ITEMS);
  if (settled.length > 0) {
    const text = settled
      .map(
        (s) =>
          `*${s.number}* · due ${shortDate(s.dueDate)} · settled ${shortDate(s.paidDate)} · ${formatMoney({ minor: s.totalMinor, currency: s.currency })}`,
      )
      .join('\n');
    blocks.push({ type: 'text', text: `Settled recently:\n${text}`, tone: 'success' });
  }
  if (story) blocks.push(...recordBlocks(story.record));
  return blocks;
}

/** PB-17: each active plan's state, with Renegotiate and Cancel beside it. */
function planBlocks(accountId: number, accountName: string, plans: PlanState[], version: number): Block[] {
  const ref = { v: 1 as const, accountId, stateVersion: version };
  return plans.flatMap((p): Block[] => [
    { type: 'text', text: planStateLine(p), tone: p.missed > 0 ? 'danger' : 'normal' },
    {
      type: 'actions',
      buttons: [
        {
          label: plans.length > 1 ? `Renegotiate ${p.currency} plan` : 'Renegotiate plan',
          ref: encodeRef({ ...ref, action: 'plan', currency: p.currency, planId: p.planId }),
          opens: 'form',
        },
        {
          label: plans.length > 1 ? `Cancel ${p.currency} plan` : 'Cancel plan',
          ref: encodeRef({ ...ref, action: 'plan-cancel', planId: p.planId }),
          confirm: planCancelQuestion(accountName, p.planId),
        },
      ],
    },
  ]);
}

/** The account card: open items with interest, ladder step and next action, owner, last contact, buttons. */
export function accountCardView(
  file: AccountHistory,
  a: AccountAssessment,
  version: number,
  ledger?: LedgerAge,
  story?: AccountStory,
  disputes: readonly OpenDispute[] = [],
  plans: PlanState[] = [],
  promises: MarkablePromise[] = [],
  /** PB-13: the policy file's 7-7-7. */
  sevens: SevenSevenSevenPolicy = defaultSevenSevenSeven,
): Message {
  const c = file.customer;
  const blocks: Block[] = [{ type: 'header', text: c.name }, ...staleBlocksOf(ledger)];
  const interest = formatTotals(a.interest.byCurrency);
  const fields: Field[] = [
    { label: 'Open', value: amountLines(a.openByCurrency, a.mainCurrency).join('\n') || 'nothing' },
    {
      label: 'Days overdue',
      value: `${a.maxDaysOverdue} (${a.overdueItems} of ${a.items.length} invoices overdue)`,
      // PB-04: red as the assessment marked the items, by the policy's threshold.
      tone: a.items.some((i) => !i.disputed && i.marking === 'red') ? 'danger' : 'normal',
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
  // PB-30: handed over, the agency works the account; the card says where it went and what went before.
  const handover = file.history.find((h) => h.kind === 'handed_over');
  if (handover) {
    const d = handover.details;
    const amounts = formatTotals((d.amounts ?? {}) as Record<string, number>);
    blocks.push({
      type: 'text',
      text: `*Handed over to ${String(d.agency)}* on ${String(d.handedOverOn)} (PB-30): ${amounts || 'nothing'} handed over after ${String(d.daysWorked)} days and ${String(d.contactAttempts)} contact attempts; internal chasing stopped`,
      tone: 'danger',
    });
  }
  // PB-05: past 15 days overdue the account is in the collection procedure; unowned, it needs a collector.
  if (a.inCollection)
    blocks.push({
      type: 'text',
      text: `*In the collection procedure* (PB-05): ${a.maxDaysOverdue} days overdue${file.owner ? '' : '; nobody owns it yet: claim it'}`,
      tone: file.owner ? 'normal' : 'danger',
    });
  const overdueSince = a.items
    .filter((i) => !i.disputed && i.daysOverdue > 0)
    .map((i) => i.dueDate)
    .sort()[0];
  const standing = sevenSevenSeven(
    overdueSince ?? null,
    [...(story?.contactDays ?? contactDays(file))],
    a.assessedOn,
    sevens,
  );
  if (standing) {
    const behind = standing.firstContactLate || standing.attemptsShort || a.assessedOn > standing.resolveBy;
    blocks.push({ type: 'text', text: standing.text, tone: behind ? 'danger' : 'normal' });
  }
  // PB-17: where each agreed plan stands ("2 of 3 paid, next 2026-12-20").
  blocks.push(...planBlocks(c.id, c.name, plans, version));
  // PB-20: open and missed promises, each can be marked kept by hand when the ledger lags.
  blocks.push(...promiseBlocks(c.id, version, promises));

  blocks.push({ type: 'divider' });
  blocks.push(...itemBlocks(a, story));
  // PB-21: each open dispute, what it is about and who looks into it.
  for (const d of disputes.slice(0, 5)) {
    const contact = d.contact ? ` · after-sales: ${typedText(d.contact)}` : '';
    blocks.push({
      type: 'context',
      text: `Dispute #${d.id} since ${shortDate(d.openedOn)} on ${d.invoices.join(', ')}: ${typedText(d.reason)}${contact}`,
    });
  }

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
  // What a call can lead to beyond a promise (PB-19, PB-21), and the managers' actions in the menu: a set of
  // their own, as Teams shows six actions a set.
  const paused = a.ladder.status === 'paused' || a.items.some((i) => i.paused);
  blocks.push({
    type: 'actions',
    buttons: [
      { label: 'Dispute', ref: encodeRef({ ...ref, action: 'dispute' }), opens: 'form' as const },
      ...(disputes.length > 0
        ? [
            {
              label: 'Resolve dispute',
              ref: encodeRef({ ...ref, action: 'resolve' }),
              opens: 'form' as const,
            },
          ]
        : []),
      paused
        ? { label: 'Un-pause', ref: encodeRef({ ...ref, action: 'unpause' }) }
        : { label: 'Pause', ref: encodeRef({ ...ref, action: 'pause' }), opens: 'form' as const },
    ],
    menu: [
      { label: 'Account terms', ref: encodeRef({ ...ref, action: 'terms' }), opens: 'form' as const },
      ...(handover
        ? []
        : [
            {
              label: 'Hand over to agency',
              ref: encodeRef({ ...ref, action: 'hand-over' }),
              opens: 'form' as const,
            },
          ]),
    ],
  });
  // PB-17: a row of its own after the main one, which stays within Teams' five actions.
  blocks.push({
    type: 'actions',
    buttons: [
      {
        label: 'Payment plan',
        ref: encodeRef({ v: 1, accountId: c.id, stateVersion: version, action: 'plan' }),
        opens: 'form',
      },
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
    // PB-04: settled invoices in green.
    blocks.push({
      type: 'text',
      text: `*Payment history*: ${r.paidCount} paid, ${r.paidLateCount} of them late${more}\n${lines.join('\n')}`,
      tone: 'success',
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
