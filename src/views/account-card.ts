import type { AccountAssessment } from '../collections/account.ts';
import { daysBetween, shortDate } from '../collections/dates.ts';
import { formatMoney, formatTotals } from '../collections/money.ts';
import { encodeRef } from './action-ref.ts';
import type { AccountHistory } from '../worklist/account-history.ts';
import { type PlanState, planStateLine } from '../worklist/plan-agreement.ts';
import type { MarkablePromise } from '../worklist/promises.ts';
import { planCancelQuestion } from './plan-views.ts';
import { promiseBlocks } from './promise-views.ts';
import { type LedgerAge, staleBlocksOf } from './freshness.ts';
import type { Block, Field, Message } from './model.ts';
import { amountLines } from './overdue-list.ts';

/** Most open items listed on a card; the rest are counted. */
const MAX_ITEMS = 15;

/** How an item stands against its due date, as of `today` (days overdue are 0 until the due date passes). */
export function dueStatus(dueDate: string, daysOverdue: number, today: string): string {
  if (daysOverdue > 0) return `${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'} overdue`;
  const ahead = daysBetween(today, dueDate);
  if (ahead <= 0) return 'due today';
  return ahead === 1 ? 'due tomorrow' : `due in ${ahead} days`;
}

function itemLine(item: AccountAssessment['items'][number], today: string): string {
  const days = dueStatus(item.dueDate, item.daysOverdue, today);
  const interest =
    item.interestMinor > 0
      ? ` · interest ${formatMoney({ minor: item.interestMinor, currency: item.currency })}`
      : '';
  const marks = [item.disputed ? 'disputed' : null, item.paused ? 'paused' : null].filter(Boolean);
  return `*${item.number}* · due ${shortDate(item.dueDate)} · ${days} · ${formatMoney({ minor: item.openMinor, currency: item.currency })}${interest}${marks.length ? ` · _${marks.join(', ')}_` : ''}`;
}

function lastContact(file: AccountHistory): string {
  const contact = file.history.find((h) => h.kind === 'outcome');
  if (!contact) return 'none yet';
  const result = String(contact.details.result ?? '').replace(/_/g, ' ');
  return `${contact.at.toISOString().slice(0, 10)} by ${contact.actor ?? 'someone'}: ${String(contact.details.channel ?? '')} ${result}`.trim();
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
  plans: PlanState[] = [],
  promises: MarkablePromise[] = [],
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
  // PB-17: where each agreed plan stands ("2 of 3 paid, next 2026-12-20").
  blocks.push(...planBlocks(c.id, c.name, plans, version));
  // PB-20: open and missed promises, each can be marked kept by hand when the ledger lags.
  blocks.push(...promiseBlocks(c.id, version, promises));
  // PB-17: a row of its own, so the main row stays within Teams' five actions.
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

  blocks.push({ type: 'divider' });
  const items = [...a.items].sort((x, y) => y.daysOverdue - x.daysOverdue);
  blocks.push({
    type: 'text',
    text:
      items
        .slice(0, MAX_ITEMS)
        .map((item) => itemLine(item, a.assessedOn))
        .join('\n') || 'No open invoices.',
  });
  if (items.length > MAX_ITEMS)
    blocks.push({ type: 'context', text: `and ${items.length - MAX_ITEMS} more invoices` });

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
