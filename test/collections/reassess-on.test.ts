import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountAssessment,
  type AccountSnapshot,
  assessAccount,
  defaultPolicy,
  paymentHistory,
  type Policy,
} from '../../src/collections/account.ts';
import { addDays, daysBetween } from '../../src/collections/dates.ts';
import { nextStepNote } from '../../src/collections/ladder.ts';
import { reassessOn } from '../../src/collections/reassess-on.ts';

const TODAY = '2026-11-22';

/** What the stored worklist row holds of an assessment, days overdue apart (src/worklist/assess.ts). */
function stored(a: AccountAssessment) {
  return {
    open: a.openByCurrency,
    main: a.mainCurrency,
    items: a.items.length,
    overdue: a.maxDaysOverdue > 0,
    score: a.priority.score,
    reasons: a.priority.reasons,
    grade: a.grade.grade,
    key: a.keyAccount.keyAccount,
    red: a.items.some((i) => !i.disputed && i.marking === 'red'),
    hold: a.creditHold.set,
    blacklisted: a.blacklist.set,
    step: a.ladder.step?.id ?? null,
    next: nextStepNote(a.ladder),
    due: a.ladder.nextAction?.due ?? null,
    letter: a.ladder.letter,
  };
}

const item = fc.record({
  due: fc.oneof(fc.integer({ min: -800, max: 60 }), fc.integer({ min: -100, max: 10 })),
  term: fc.integer({ min: 0, max: 60 }),
  total: fc.integer({ min: 1, max: 50_000_000 }),
  part: fc.boolean(),
  currency: fc.constantFrom('CNY', 'USD'),
  disputed: fc.constantFrom(false, false, false, true),
  pause: fc.option(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { nil: undefined }),
  stopped: fc.constantFrom(0, 0, 0, 7),
});
const settled = fc.record({
  due: fc.integer({ min: -760, max: -1 }),
  late: fc.integer({ min: -10, max: 200 }),
  total: fc.integer({ min: 1, max: 50_000_000 }),
});
const snapshot = fc.record({
  items: fc.array(item, { minLength: 1, maxLength: 5 }),
  settled: fc.array(settled, { maxLength: 6 }),
  promises: fc.array(
    fc.record({
      offset: fc.integer({ min: -30, max: 45 }),
      status: fc.constantFrom('open', 'kept', 'broken'),
    }),
    { maxLength: 2 },
  ),
  contact: fc.option(fc.integer({ min: -60, max: 0 }), { nil: null }),
  escalations: fc.constantFrom(0, 0, 1, 3),
  escalatedOn: fc.option(fc.integer({ min: -20, max: 0 }), { nil: null }),
  pause: fc.option(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { nil: undefined }),
  first: fc.option(fc.integer({ min: -900, max: 0 }), { nil: null }),
  habitual: fc.boolean(),
  exempt: fc.boolean(),
});

type Generated = typeof snapshot extends fc.Arbitrary<infer T> ? T : never;

function build(s: Generated): AccountSnapshot {
  const pause = (p: number | null | undefined) =>
    p === undefined ? null : { reason: 'Audit', until: p === null ? null : addDays(TODAY, p) };
  return {
    accountId: '1',
    customerName: 'Customer',
    firstInvoiceDate: s.first === null ? null : addDays(TODAY, s.first),
    openItems: s.items.map((i, n) => ({
      id: String(n),
      number: `INV-${n}`,
      issueDate: addDays(TODAY, i.due - i.term),
      dueDate: addDays(TODAY, i.due),
      totalMinor: i.total,
      openMinor: i.part ? Math.ceil(i.total / 2) : i.total,
      currency: i.currency,
      disputed: i.disputed,
      pause: pause(i.pause),
      ...(i.stopped > 0 ? { clockStoppedDays: i.stopped } : {}),
    })),
    settledItems: s.settled.map((i, n) => ({
      number: `OLD-${n}`,
      dueDate: addDays(TODAY, i.due),
      paidDate: addDays(TODAY, Math.min(0, i.due + i.late)),
      totalMinor: i.total,
      currency: 'CNY',
    })),
    promises: s.promises.map((p) => ({
      promisedDate: addDays(TODAY, p.offset),
      amountMinor: 1000,
      currency: 'CNY',
      status: p.status as 'open' | 'kept' | 'broken',
    })),
    lastContactDate: s.contact === null ? null : addDays(TODAY, s.contact),
    escalations: s.escalations,
    escalatedOn: s.escalatedOn === null ? null : addDays(TODAY, s.escalatedOn),
    pause: pause(s.pause),
    keyAccountExempt: s.exempt,
    habitualLatePayer: s.habitual,
  };
}

const policies: Policy[] = [
  defaultPolicy,
  // PB-10's other month rule, and a minimum balance for the ladder.
  {
    ...defaultPolicy,
    grade: {
      ...defaultPolicy.grade,
      holdMonthRule: 'days',
      holdConsecutiveMonths: 2,
      holdOverduePerMonth: 1,
    },
    minBalanceMinor: { USD: 100_000 },
  },
];

describe('PB-01: the date an account is next reassessed', () => {
  it.each(policies.map((p, i) => [i, p] as const))(
    'policy %i: until that date the stored row changes only by the days overdue, and every day before it gives the same date',
    (_n, policy) => {
      fc.assert(
        fc.property(snapshot, (s) => {
          const snap = build(s);
          const history = paymentHistory(snap, policy);
          const first = assessAccount(snap, policy, TODAY);
          const date = reassessOn(snap, first, history, policy, TODAY);
          if (date !== null) expect(date > TODAY).toBe(true);
          const last = date === null ? addDays(TODAY, 400) : addDays(date, -1);
          for (let day = addDays(TODAY, 1); day <= last; day = addDays(day, 1)) {
            const later = assessAccount(snap, policy, day);
            expect(stored(later)).toEqual(stored(first));
            if (first.maxDaysOverdue > 0)
              expect(later.maxDaysOverdue).toBe(first.maxDaysOverdue + daysBetween(TODAY, day));
            else expect(later.maxDaysOverdue).toBe(0);
            expect(reassessOn(snap, later, history, policy, day)).toBe(date);
          }
        }),
        { numRuns: 400 },
      );
    },
  );
});
