/**
 * One account assessed as of a day: the input snapshot, the policy combining every threshold, and
 * `assessAccount`, which returns everything a view or the worklist needs (totals, aging, interest,
 * grade, flags, ladder position, priority).
 */
import {
  type AgingPolicy,
  agingBuckets,
  agingByCurrency,
  bucketFor,
  type CurrencyAging,
  daysOverdue,
  defaultAgingPolicy,
  inCollectionProcedure,
  type KeyAccountStatus,
  keyAccountStatus,
  type Marking,
  markingFor,
} from './aging.ts';
import { addDays, defaultWorkingCalendar, type WorkingCalendar } from './dates.ts';
import { defaultLadder } from './default-ladder.ts';
import {
  blacklist,
  creditHold,
  defaultGradePolicy,
  type Flag,
  type GradePolicy,
  type GradeResult,
  gradeCustomer,
  type HistoryItem,
} from './grade.ts';
import { anyTimeContactWindow, type ContactWindowPolicy } from './contact-window.ts';
import { defaultEscalationPolicy, type EscalationPolicy } from './escalation.ts';
import { accountInterest, defaultInterestPolicy, effectiveRate, type InterestPolicy } from './interest.ts';
import { type Ladder, type LadderPosition, ladderPosition, type Pause, pauseActive } from './ladder.ts';
import { sumByCurrency } from './money.ts';
import { defaultSevenSevenSeven, type SevenSevenSevenPolicy } from './seven-seven-seven.ts';
import { defaultPriorityPolicy, type Priority, type PriorityPolicy, priorityOf, toBase } from './priority.ts';

/** Every number the collections rules use (PLAYBOOK: "every number is configuration"). */
export interface Policy {
  aging: AgingPolicy;
  interest: InterestPolicy;
  grade: GradePolicy;
  priority: PriorityPolicy;
  ladder: Ladder;
  /** Per currency (minor units): below this chased balance the ladder does nothing; absent means 0. */
  minBalanceMinor: Readonly<Record<string, number>>;
  calendar: WorkingCalendar;
  /** PB-26: an owned account with no status update for this many working days is named to its owner; 0: never. */
  statusUpdateWorkingDays: number;
  /** PB-14: the delay signals that escalate at once. */
  escalation: EscalationPolicy;
  /** PB-13: the three sevens the card measures an account against. */
  sevenSevenSeven: SevenSevenSevenPolicy;
  /** PB-29: items settled more than this many days past due make up a collector's bonus base. */
  collectorCredit: { bonusAfterDays: number };
  /** PB-24: when letters and reminders may reach a customer, on the customer's clock. */
  contactWindow: ContactWindowPolicy;
}

/** The playbook defaults, with the default ladder file. */
export const defaultPolicy: Policy = {
  aging: defaultAgingPolicy,
  interest: defaultInterestPolicy,
  grade: defaultGradePolicy,
  priority: defaultPriorityPolicy,
  ladder: defaultLadder,
  minBalanceMinor: {},
  calendar: defaultWorkingCalendar,
  statusUpdateWorkingDays: 2,
  escalation: defaultEscalationPolicy,
  sevenSevenSeven: defaultSevenSevenSeven,
  collectorCredit: { bonusAfterDays: 90 },
  // Contexts built without the policy file hold no letter; buildPolicy sets the file's (PB-24) window.
  contactWindow: anyTimeContactWindow,
};

/** PB-01: an open item as the domain sees it. */
export interface OpenItem {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  openMinor: number;
  currency: string;
  /** PB-21: in an open dispute: no interest, no chasing, no grade evidence. */
  disputed: boolean;
  /** Chasing paused on this invoice; it keeps aging. */
  pause: Pause | null;
  /**
   * PB-21: days the item's clock stood still in disputes resolved against the customer; the ladder and the
   * interest pick up from where they stood when the dispute opened. Absent: 0.
   */
  clockStoppedDays?: number;
}

/** A settled invoice of the payment history (PB-02). */
export interface SettledItem {
  number: string;
  dueDate: string;
  paidDate: string;
  totalMinor: number;
  currency: string;
}

/** A promise to pay (PB-20), as recorded. */
export interface PromiseRecord {
  promisedDate: string;
  amountMinor: number;
  currency: string;
  status: 'open' | 'kept' | 'partial' | 'broken' | 'cancelled';
}

/** Everything known about one account on one day; built from the bot database by the caller. */
export interface AccountSnapshot {
  accountId: string;
  customerName: string;
  /** Start of the relationship (PB-09 tenure); null: the oldest known due date. */
  firstInvoiceDate: string | null;
  openItems: readonly OpenItem[];
  settledItems: readonly SettledItem[];
  promises: readonly PromiseRecord[];
  lastContactDate: string | null;
  /** PB-14: broken promises and repeated stalls so far, each one ladder step up. */
  escalations: number;
  escalatedOn?: string | null;
  /** Chasing paused for the whole account. */
  pause: Pause | null;
  /** PB-16: the contract's daily rate ("0.03%"), overriding the policy. */
  interestRatePerDay?: string | null;
  /** PB-06: a manager exempted the account from key-account status (only honoured below 60 days). */
  keyAccountExempt?: boolean;
  /** PB-09: marked a habitual late payer by staff, whatever the grade. */
  habitualLatePayer?: boolean;
}

/** One open item, assessed. */
export interface AssessedItem {
  id: string;
  number: string;
  dueDate: string;
  currency: string;
  openMinor: number;
  daysOverdue: number;
  bucket: string;
  marking: Marking;
  interestMinor: number;
  disputed: boolean;
  paused: boolean;
  /** The last day of the pause on this invoice or on the whole account (null: no end, or not paused). */
  pausedUntil: string | null;
}

/** PB-04: an invoice settled recently, shown green on the card. */
export interface SettledLine {
  number: string;
  dueDate: string;
  paidDate: string;
  totalMinor: number;
  currency: string;
  marking: 'green';
}

/** What a view needs about an account. */
export interface AccountAssessment {
  accountId: string;
  customerName: string;
  assessedOn: string;
  /** All open amounts per currency, disputed included. */
  openByCurrency: Record<string, number>;
  /** Disputed open amounts per currency (PB-21). */
  disputedByCurrency: Record<string, number>;
  /** The currency with the largest balance after conversion for ranking; the worklist sorts by it. */
  mainCurrency: string | null;
  items: AssessedItem[];
  /** PB-04: invoices settled within the policy's settledShownDays, newest first, marked green. */
  settled: SettledLine[];
  aging: CurrencyAging[];
  /** Oldest overdue days among undisputed items (disputes stop the clock, PB-21). */
  maxDaysOverdue: number;
  overdueItems: number;
  interest: { ratePerDay: string; byCurrency: Record<string, number> };
  grade: GradeResult;
  keyAccount: KeyAccountStatus;
  /** PB-05: more than 15 days overdue. */
  inCollection: boolean;
  creditHold: Flag;
  blacklist: Flag;
  brokenPromiseDates: string[];
  ladder: LadderPosition;
  priority: Priority;
}

/** The payment history grade, credit hold and blacklist judge (PB-09/10/11): settled and open invoices. */
export function paymentHistory(snapshot: AccountSnapshot, policy: Policy): HistoryItem[] {
  const base = (minor: number, currency: string) => toBase({ [currency]: minor }, policy.priority);
  return [
    ...snapshot.settledItems.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      paidDate: i.paidDate,
      totalBase: base(i.totalMinor, i.currency),
    })),
    ...snapshot.openItems.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      paidDate: null,
      disputed: i.disputed,
      totalBase: base(i.totalMinor, i.currency),
    })),
  ];
}

/** PB-20: promises marked broken, and open ones whose date has passed (the day after, they are missed). */
export function brokenPromiseDates(promises: readonly PromiseRecord[], today: string): string[] {
  return promises
    .filter((p) => p.status === 'broken' || (p.status === 'open' && p.promisedDate < today))
    .map((p) => p.promisedDate)
    .sort();
}

/** PB-04: settled invoices paid within `days` before `today`, newest first, each marked green. */
export function recentlySettled(settled: readonly SettledItem[], today: string, days: number): SettledLine[] {
  const since = addDays(today, -days);
  return settled
    .filter((s) => s.paidDate >= since && s.paidDate <= today)
    .sort((a, b) => b.paidDate.localeCompare(a.paidDate) || a.number.localeCompare(b.number))
    .map((s) => ({ ...s, marking: 'green' as const }));
}

/** The end of the pause that holds an item today: its own or the account's, whichever ends later. */
function pausedUntil(item: Pause | null, account: Pause | null, today: string): string | null {
  const ends = [item, account].filter((p) => pauseActive(p, today)).map((p) => p?.until ?? null);
  if (ends.length === 0 || ends.includes(null)) return null;
  return ends.sort().at(-1) ?? null;
}

/** Assesses an account as of `today` under `policy`: pure, the same inputs always give the same answer. */
export function assessAccount(snapshot: AccountSnapshot, policy: Policy, today: string): AccountAssessment {
  const open = snapshot.openItems.filter((i) => i.openMinor > 0);
  const buckets = agingBuckets(policy.aging.bucketEdges);
  const rate = effectiveRate(policy.interest, snapshot.interestRatePerDay);
  const interest = accountInterest(open, rate, today);
  const items: AssessedItem[] = open.map((item, n) => {
    const days = daysOverdue(item.dueDate, today);
    return {
      id: item.id,
      number: item.number,
      dueDate: item.dueDate,
      currency: item.currency,
      openMinor: item.openMinor,
      daysOverdue: days,
      bucket: bucketFor(days, buckets).id,
      marking: markingFor(item, today, policy.aging.redAfterDays),
      interestMinor: interest.items[n]?.interestMinor ?? 0,
      disputed: item.disputed,
      paused: pauseActive(item.pause, today) || pauseActive(snapshot.pause, today),
      pausedUntil: pausedUntil(item.pause, snapshot.pause, today),
    };
  });
  const undisputed = items.filter((i) => !i.disputed);
  const maxDaysOverdue = undisputed.reduce((max, i) => Math.max(max, i.daysOverdue), 0);
  const collectable = sumByCurrency(undisputed.map((i) => ({ minor: i.openMinor, currency: i.currency })));
  const hist = paymentHistory(snapshot, policy);
  const grade = gradeCustomer(hist, snapshot.firstInvoiceDate, today, policy.grade);
  const keyAccount = keyAccountStatus(maxDaysOverdue, snapshot.keyAccountExempt === true, policy.aging);
  const broken = brokenPromiseDates(snapshot.promises, today);
  const ladder = ladderPosition(
    {
      grade: grade.grade,
      habitualLatePayer: snapshot.habitualLatePayer === true,
      items: open,
      pause: snapshot.pause,
      escalations: snapshot.escalations,
      escalatedOn: snapshot.escalatedOn ?? null,
      lastContactDate: snapshot.lastContactDate,
    },
    policy.ladder,
    today,
    { minBalanceMinor: policy.minBalanceMinor, calendar: policy.calendar },
  );
  const priority = priorityOf(
    {
      openByCurrency: collectable,
      maxDaysOverdue,
      grade: grade.grade,
      keyAccount: keyAccount.keyAccount,
      brokenPromiseDates: broken,
    },
    policy.priority,
  );
  const all = sumByCurrency(items.map((i) => ({ minor: i.openMinor, currency: i.currency })));
  const ranked = Object.keys(all).sort(
    (a, b) => toBase({ [b]: all[b] ?? 0 }, policy.priority) - toBase({ [a]: all[a] ?? 0 }, policy.priority),
  );
  return {
    accountId: snapshot.accountId,
    customerName: snapshot.customerName,
    assessedOn: today,
    openByCurrency: all,
    disputedByCurrency: sumByCurrency(
      items.filter((i) => i.disputed).map((i) => ({ minor: i.openMinor, currency: i.currency })),
    ),
    mainCurrency: ranked[0] ?? null,
    items,
    settled: recentlySettled(snapshot.settledItems, today, policy.aging.settledShownDays),
    aging: agingByCurrency(open, today, policy.aging.bucketEdges),
    maxDaysOverdue,
    overdueItems: undisputed.filter((i) => i.daysOverdue > 0).length,
    interest: { ratePerDay: rate.text, byCurrency: interest.byCurrency },
    grade,
    keyAccount,
    inCollection: inCollectionProcedure(maxDaysOverdue, policy.aging.procedureAfterDays),
    creditHold: creditHold(hist, today, policy.grade),
    blacklist: blacklist(hist, today, policy.grade),
    brokenPromiseDates: broken,
    ladder,
    priority,
  };
}
