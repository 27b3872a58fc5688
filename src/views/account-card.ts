import { CHANNELS, RESULTS } from '../worklist/log-outcome.ts';
import type { AccountAssessment } from '../collections/account.ts';
import { daysBetween } from '../collections/dates.ts';
import {
  defaultSevenSevenSeven,
  type SevenSevenSeven,
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
import { translator, type Translator } from '../i18n/translate.ts';
import { dayMonth, listOf, totalsIn } from './card-words.ts';
import { ladderLine, nextActionWords } from './ladder-words.ts';

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
export function stateText(state: ItemState, t: Translator = translator('en')): string {
  switch (state.kind) {
    case 'disputed':
      return t.t('card.state.disputed', { since: dayMonth(t, state.since) });
    case 'paused': {
      const scope = state.wholeAccount ? 'account' : 'items';
      return state.until
        ? t.t('card.state.pausedUntil', { scope, until: dayMonth(t, state.until) })
        : t.t('card.state.paused', { scope });
    }
    case 'plan':
      return state.nextDate
        ? t.t('card.state.planNext', { planId: String(state.planId), next: dayMonth(t, state.nextDate) })
        : t.t('card.state.plan', { planId: String(state.planId) });
    case 'promised':
      return t.t('card.state.promised', {
        amount: t.money(state.amountMinor, state.currency),
        date: dayMonth(t, state.date),
      });
  }
}

/** How an item stands against its due date, as of `today` (days overdue are 0 until the due date passes). */
export function dueStatus(
  dueDate: string,
  daysOverdue: number,
  today: string,
  t: Translator = translator('en'),
): string {
  if (daysOverdue > 0) return t.t('card.due.status', { state: 'overdue', days: daysOverdue });
  const ahead = daysBetween(today, dueDate);
  if (ahead <= 0) return t.t('card.due.status', { state: 'today', days: 0 });
  return t.t('card.due.status', { state: ahead === 1 ? 'tomorrow' : 'ahead', days: ahead });
}

function itemLine(
  item: AccountAssessment['items'][number],
  today: string,
  states: readonly ItemState[] | undefined,
  t: Translator,
): string {
  const parts = [
    t.t('card.item.line', {
      number: item.number,
      due: dayMonth(t, item.dueDate),
      status: dueStatus(item.dueDate, item.daysOverdue, today, t),
      amount: t.money(item.openMinor, item.currency),
    }),
  ];
  if (item.interestMinor > 0)
    parts.push(t.t('card.item.interest', { amount: t.money(item.interestMinor, item.currency) }));
  // The stored states say more (since when, until when); the assessment's flags stand in without them.
  const paused = item.paused
    ? item.pausedUntil
      ? t.t('card.state.pausedUntil', { scope: 'items', until: dayMonth(t, item.pausedUntil) })
      : t.t('card.state.paused', { scope: 'items' })
    : null;
  const marks = states?.length
    ? states.map((state) => stateText(state, t))
    : [item.disputed ? t.t('card.state.disputedFlag') : null, paused].filter((m): m is string => !!m);
  if (marks.length) parts.push(`_${listOf(t, marks)}_`);
  return parts.join(' · ');
}

// The words a logged outcome's channel and result may be (log-outcome.ts); anything else reads as 'other'.
const CHANNEL_WORDS: ReadonlySet<string> = new Set(CHANNELS);
const RESULT_WORDS: ReadonlySet<string> = new Set(RESULTS);

function lastContact(file: AccountHistory, t: Translator): string {
  const contact = file.history.find((h) => h.kind === 'outcome');
  if (!contact) return t.t('card.lastContact.none');
  const channel = String(contact.details.channel ?? '');
  const result = String(contact.details.result ?? '');
  return t.t('card.lastContact.value', {
    date: contact.at.toISOString().slice(0, 10),
    who: contact.actor ?? t.t('card.someone'),
    channel: CHANNEL_WORDS.has(channel) ? channel : 'other',
    result: RESULT_WORDS.has(result) ? result : 'other',
  });
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
function itemBlocks(a: AccountAssessment, t: Translator, story?: AccountStory): Block[] {
  const shown = [...a.items].sort((x, y) => y.daysOverdue - x.daysOverdue).slice(0, MAX_ITEMS);
  const group = (red: boolean, tone?: Tone): Block[] => {
    const lines = shown
      .filter((item) => (item.marking === 'red') === red)
      .map((item) => itemLine(item, a.assessedOn, story?.states.get(Number(item.id)), t));
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
  if (blocks.length === 0) blocks.push({ type: 'text', text: t.t('card.items.none') });
  if (a.items.length > MAX_ITEMS)
    blocks.push({ type: 'context', text: t.t('card.items.more', { count: a.items.length - MAX_ITEMS }) });
  // With the story, the payment history below lists the settled invoices (in green); without it, the
  // recently settled ones are shown here.
  const settled = story ? [] : a.settled.slice(0, MAX_ITEMS);
  if (settled.length > 0) {
    const lines = settled.map((s) =>
      t.t('card.settled.line', {
        number: s.number,
        due: dayMonth(t, s.dueDate),
        paid: dayMonth(t, s.paidDate),
        amount: t.money(s.totalMinor, s.currency),
      }),
    );
    blocks.push({
      type: 'text',
      text: `${t.t('card.settled.title')}\n${lines.join('\n')}`,
      tone: 'success',
    });
  }
  if (story) blocks.push(...recordBlocks(story.record, t));
  return blocks;
}

/** PB-17: each active plan's state, with Renegotiate and Cancel beside it. */
function planBlocks(
  accountId: number,
  accountName: string,
  plans: PlanState[],
  version: number,
  t: Translator,
): Block[] {
  const ref = { v: 1 as const, accountId, stateVersion: version };
  const several = plans.length > 1 ? 'yes' : 'no';
  return plans.flatMap((p): Block[] => [
    { type: 'text', text: planStateLine(p), tone: p.missed > 0 ? 'danger' : 'normal' },
    {
      type: 'actions',
      buttons: [
        {
          label: t.t('card.button.renegotiatePlan', { several, currency: p.currency }),
          ref: encodeRef({ ...ref, action: 'plan', currency: p.currency, planId: p.planId }),
          opens: 'form',
        },
        {
          label: t.t('card.button.cancelPlan', { several, currency: p.currency }),
          ref: encodeRef({ ...ref, action: 'plan-cancel', planId: p.planId }),
          confirm: planCancelQuestion(accountName, p.planId),
        },
      ],
    },
  ]);
}

/** PB-09: the grade with why, from the rule that gave it. */
function gradeText(g: AccountAssessment['grade'], t: Translator): string {
  const w = g.why;
  if (!w) {
    const reason = g.reason.startsWith(`${g.grade}:`) ? g.reason.slice(g.grade.length + 1).trim() : g.reason;
    return t.t('card.grade.value', { grade: g.grade, reason });
  }
  return t.t('card.grade.why', {
    grade: g.grade,
    rule: w.rule,
    late: w.rule === 'late' ? w.late : 0,
    considered: 'considered' in w ? w.considered : 0,
    tolerance: 'toleranceDays' in w ? w.toleranceDays : 0,
    open: w.rule === 'late' ? w.open : 'none',
    days: w.rule === 'worst' ? w.days : 0,
    since: w.rule === 'new' ? w.since : '',
  });
}

/** PB-06: a key account, and whether a manager may still exempt it. */
function keyAccountText(a: AccountAssessment, t: Translator): string {
  const k = a.keyAccount;
  return k.exemptable || k.noExceptionDays === undefined
    ? t.t('card.flag.keyAccount', { days: a.maxDaysOverdue })
    : t.t('card.flag.keyAccountNoException', { days: a.maxDaysOverdue, from: k.noExceptionDays });
}

/** PB-10: credit hold, said from its rule. */
function creditHoldText(f: AccountAssessment['creditHold'], t: Translator): string {
  const w = f.why;
  if (w?.rule !== 'hold')
    return t.t('card.flag.creditHold', { reason: (f.reason ?? '').replace(/^credit hold: /, '') });
  return t.t('card.flag.creditHoldWhy', {
    perMonth: w.perMonth,
    monthEnd: w.minDaysInMonth === null ? 'yes' : 'no',
    minDays: w.minDaysInMonth ?? 0,
    months: listOf(t, w.months),
    invoices: listOf(t, w.invoices),
    count: w.invoices.length,
  });
}

/** PB-11: blacklisted, said from its rule. */
function blacklistText(f: AccountAssessment['blacklist'], t: Translator): string {
  const w = f.why;
  if (w?.rule === 'unpaid') return t.t('card.flag.blacklistUnpaid', { invoice: w.invoice, days: w.days });
  if (w?.rule === 'incidents')
    return t.t('card.flag.blacklistIncidents', {
      count: w.invoices.length,
      days: w.days,
      invoices: listOf(t, w.invoices),
    });
  return t.t('card.flag.blacklisted', { reason: (f.reason ?? '').replace(/^blacklisted: /, '') });
}

/** PB-13: where the account stands against 7-7-7, one line from the counts. */
function sevensLine(s: SevenSevenSeven, policy: SevenSevenSevenPolicy, t: Translator): string {
  const first =
    s.firstContactDay === null
      ? t.t('card.sevens.noContact', {
          late: s.firstContactLate ? 'yes' : 'no',
          days: policy.firstContactDays,
        })
      : t.t('card.sevens.firstContact', {
          late: s.firstContactLate ? 'yes' : 'no',
          day: s.firstContactDay,
          days: policy.firstContactDays,
        });
  const windowOver = s.ageDays >= policy.weeks * 7;
  const tries = windowOver
    ? t.t('card.sevens.attemptsDone', {
        attempts: s.attempts,
        wanted: policy.attempts,
        weeks: policy.weeks,
        short: s.attemptsShort ? 'yes' : 'no',
      })
    : t.t('card.sevens.attemptsRunning', {
        attempts: s.attempts,
        wanted: policy.attempts,
        week: Math.min(policy.weeks, Math.floor(s.ageDays / 7) + 1),
        weeks: policy.weeks,
      });
  const resolve =
    s.ageDays > s.allowedDays
      ? t.t('card.sevens.unresolved', {
          days: s.ageDays - s.allowedDays,
          months: policy.months,
          by: s.resolveBy,
        })
      : t.t('card.sevens.resolveBy', {
          day: s.ageDays,
          allowed: s.allowedDays,
          months: policy.months,
          by: s.resolveBy,
        });
  return t.t('card.sevens.line', { first, tries, resolve });
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
  /** The language the card is drawn in: the reader's when private, the channel's when shared. */
  t: Translator = translator('en'),
): Message {
  const c = file.customer;
  const blocks: Block[] = [{ type: 'header', text: c.name }, ...staleBlocksOf(ledger, t)];
  const interest = totalsIn(t, a.interest.byCurrency);
  const fields: Field[] = [
    {
      label: t.t('card.field.open'),
      value: amountLines(a.openByCurrency, a.mainCurrency).join('\n') || t.t('card.nothing'),
    },
    {
      label: t.t('card.field.daysOverdue'),
      value: t.t('card.daysOverdue.value', {
        days: a.maxDaysOverdue,
        overdue: a.overdueItems,
        total: a.items.length,
      }),
      // PB-04: red as the assessment marked the items, by the policy's threshold.
      tone: a.items.some((i) => !i.disputed && i.marking === 'red') ? 'danger' : 'normal',
    },
    {
      label: t.t('card.field.interest'),
      value: t.t('card.interest.value', {
        amounts: interest ?? t.t('card.none'),
        rate: String(a.interest.ratePerDay),
      }),
    },
    { label: t.t('card.field.grade'), value: gradeText(a.grade, t) },
    { label: t.t('card.field.owner'), value: file.owner ? file.owner.name : t.t('card.unclaimed') },
    {
      label: t.t('card.field.ladder'),
      value: ladderLine(t, a.ladder),
    },
  ];
  const next = a.ladder.nextAction;
  if (next) {
    const late = next.due < a.assessedOn;
    fields.push({
      label: t.t('card.field.next'),
      value: t.t('card.next.value', {
        action: nextActionWords(t, next) ?? '',
        late: late ? 'yes' : 'no',
        date: dayMonth(t, next.due),
      }),
      tone: late ? 'danger' : 'normal',
    });
  }
  fields.push({ label: t.t('card.field.lastContact'), value: lastContact(file, t) });
  const contact = [c.contactName, c.contactEmail, c.contactPhone].filter(Boolean).join(' · ');
  fields.push({ label: t.t('card.field.apContact'), value: contact || t.t('card.apContact.missing') });
  if (c.salesRep) fields.push({ label: t.t('card.field.salesRep'), value: c.salesRep });
  blocks.push({ type: 'fields', fields: fields.slice(0, 10) });

  const flags = [
    a.keyAccount.keyAccount ? keyAccountText(a, t) : null,
    a.creditHold.reason ? creditHoldText(a.creditHold, t) : null,
    a.blacklist.reason ? blacklistText(a.blacklist, t) : null,
    a.brokenPromiseDates.length
      ? t.t('card.flag.missedPromises', {
          dates: listOf(
            t,
            a.brokenPromiseDates.map((d) => dayMonth(t, d)),
          ),
        })
      : null,
  ].filter((f): f is string => f !== null);
  for (const flag of flags) blocks.push({ type: 'text', text: flag, tone: 'danger' });
  // PB-30: handed over, the agency works the account; the card says where it went and what went before.
  const handover = file.history.find((h) => h.kind === 'handed_over');
  if (handover) {
    const d = handover.details;
    const amounts = totalsIn(t, (d.amounts ?? {}) as Record<string, number>);
    blocks.push({
      type: 'text',
      text: t.t('card.handedOver', {
        agency: typedText(String(d.agency)),
        on: String(d.handedOverOn),
        amounts: amounts ?? t.t('card.nothing'),
        days: Number(d.daysWorked) || 0,
        attempts: Number(d.contactAttempts) || 0,
      }),
      tone: 'danger',
    });
  }
  // PB-05: past 15 days overdue the account is in the collection procedure; unowned, it needs a collector.
  if (a.inCollection)
    blocks.push({
      type: 'text',
      text: t.t('card.inCollection', { days: a.maxDaysOverdue, owned: file.owner ? 'yes' : 'no' }),
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
    blocks.push({ type: 'text', text: sevensLine(standing, sevens, t), tone: behind ? 'danger' : 'normal' });
  }
  // PB-17: where each agreed plan stands ("2 of 3 paid, next 2026-12-20").
  blocks.push(...planBlocks(c.id, c.name, plans, version, t));
  // PB-20: open and missed promises, each can be marked kept by hand when the ledger lags.
  blocks.push(...promiseBlocks(c.id, version, promises));

  blocks.push({ type: 'divider' });
  blocks.push(...itemBlocks(a, t, story));
  // PB-21: each open dispute, what it is about and who looks into it.
  for (const d of disputes.slice(0, 5)) {
    const values = {
      id: String(d.id),
      since: dayMonth(t, d.openedOn),
      invoices: listOf(t, d.invoices),
      reason: typedText(d.reason),
    };
    blocks.push({
      type: 'context',
      text: d.contact
        ? t.t('card.dispute.lineContact', { ...values, contact: typedText(d.contact) })
        : t.t('card.dispute.line', values),
    });
  }

  const ref = { v: 1 as const, accountId: c.id, stateVersion: version };
  blocks.push({
    type: 'actions',
    buttons: [
      ...(file.owner
        ? []
        : [
            {
              label: t.t('card.button.claim'),
              ref: encodeRef({ ...ref, action: 'claim' }),
              style: 'primary' as const,
            },
          ]),
      { label: t.t('card.button.log'), ref: encodeRef({ ...ref, action: 'log' }), opens: 'form' as const },
      {
        label: t.t('card.button.letter'),
        ref: encodeRef({
          ...ref,
          action: 'letter',
          ...(a.ladder.letter ? { template: a.ladder.letter } : {}),
        }),
        opens: 'form' as const,
      },
      { label: t.t('card.button.history'), ref: encodeRef({ ...ref, action: 'history' }) },
    ],
    menu: [
      ...(file.owner
        ? [{ label: t.t('card.button.release'), ref: encodeRef({ ...ref, action: 'release' }) }]
        : []),
      {
        label: t.t('card.button.reassign'),
        ref: encodeRef({ ...ref, action: 'reassign' }),
        opens: 'form' as const,
      },
    ],
  });
  // What a call can lead to beyond a promise (PB-19, PB-21), and the managers' actions in the menu: a set of
  // their own, as Teams shows six actions a set.
  const paused = a.ladder.status === 'paused' || a.items.some((i) => i.paused);
  blocks.push({
    type: 'actions',
    buttons: [
      {
        label: t.t('card.button.dispute'),
        ref: encodeRef({ ...ref, action: 'dispute' }),
        opens: 'form' as const,
      },
      ...(disputes.length > 0
        ? [
            {
              label: t.t('card.button.resolve'),
              ref: encodeRef({ ...ref, action: 'resolve' }),
              opens: 'form' as const,
            },
          ]
        : []),
      paused
        ? { label: t.t('card.button.unpause'), ref: encodeRef({ ...ref, action: 'unpause' }) }
        : {
            label: t.t('card.button.pause'),
            ref: encodeRef({ ...ref, action: 'pause' }),
            opens: 'form' as const,
          },
    ],
    menu: [
      {
        label: t.t('card.button.terms'),
        ref: encodeRef({ ...ref, action: 'terms' }),
        opens: 'form' as const,
      },
      ...(handover
        ? []
        : [
            {
              label: t.t('card.button.handOver'),
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
        label: t.t('card.button.plan'),
        ref: encodeRef({ v: 1, accountId: c.id, stateVersion: version, action: 'plan' }),
        opens: 'form',
      },
    ],
  });
  blocks.push({
    type: 'context',
    text: file.owner
      ? t.t('card.footer.owned', { id: c.externalId, assessed: a.assessedOn, owner: file.owner.name })
      : t.t('card.footer', { id: c.externalId, assessed: a.assessedOn }),
  });
  const total = amountLines(a.openByCurrency, a.mainCurrency).join(' + ');
  return {
    blocks,
    fallbackText: t.t('card.fallback', { name: c.name, total, days: a.maxDaysOverdue }),
  };
}

/** PB-02: how the account paid so far, and the promises it kept and broke (PB-20). */
function recordBlocks(r: PaymentRecord, t: Translator): Block[] {
  const blocks: Block[] = [{ type: 'divider' }];
  if (r.paidCount === 0) {
    blocks.push({ type: 'text', text: t.t('card.record.none') });
  } else {
    const lines = r.paid.map((p) =>
      t.t('card.record.paidLine', {
        number: p.number,
        amount: t.money(p.totalMinor, p.currency),
        due: dayMonth(t, p.dueDate),
        paid: dayMonth(t, p.paidDate),
        late: Math.max(0, p.daysLate),
      }),
    );
    // PB-04: settled invoices in green.
    blocks.push({
      type: 'text',
      text: `${t.t('card.record.summary', {
        paid: r.paidCount,
        late: r.paidLateCount,
        shown: r.paid.length,
        all: r.paidCount > r.paid.length ? 'no' : 'yes',
      })}\n${lines.join('\n')}`,
      tone: 'success',
    });
  }
  const decided = r.kept + r.partial + r.broken;
  if (decided === 0) {
    blocks.push({ type: 'context', text: t.t('card.promises.none') });
  } else {
    const lines = r.promises.map((p) => {
      const values = {
        what: p.installment ? 'installment' : 'promise',
        amount: t.money(p.amountMinor, p.currency),
        date: dayMonth(t, p.date),
        status: p.status,
      };
      return p.status === 'partial'
        ? t.t('card.promises.linePartial', { ...values, paid: t.money(p.paidMinor, p.currency) })
        : t.t('card.promises.line', values);
    });
    blocks.push({
      type: 'text',
      text: `${t.t('card.promises.summary', { kept: r.kept, partial: r.partial, broken: r.broken })}\n${lines.join('\n')}`,
      tone: r.broken + r.partial > 0 ? 'danger' : 'normal',
    });
  }
  return blocks;
}
