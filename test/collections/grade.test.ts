import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import {
  blacklist,
  creditHold,
  defaultGradePolicy,
  gradeCustomer,
  type HistoryItem,
  overdueIncidents,
} from '../../src/collections/grade.ts';

const today = '2026-11-22';
let seq = 0;
/** A settled invoice due `dueAgo` days ago and paid `late` days after its due date. */
const paid = (dueAgo: number, late: number): HistoryItem => {
  const dueDate = addDays(today, -dueAgo);
  return { number: `INV-${++seq}`, dueDate, paidDate: addDays(dueDate, late) };
};
const open = (dueAgo: number, extra: Partial<HistoryItem> = {}): HistoryItem => ({
  number: `INV-${++seq}`,
  dueDate: addDays(today, -dueAgo),
  paidDate: null,
  ...extra,
});
const longAgo = '2024-01-01';

describe('credit grade (PB-09)', () => {
  it('grades C a habitual late payer: "C: 7 of 12 invoices paid more than 10 days late"', () => {
    const history = [
      ...Array.from({ length: 7 }, (_, i) => paid(40 + i * 30, 15)),
      ...Array.from({ length: 5 }, (_, i) => paid(50 + i * 30, 2)),
    ];
    const result = gradeCustomer(history, longAgo, today);
    expect(result.grade).toBe('C');
    expect(result.reason).toBe('C: 7 of 12 invoices paid more than 10 days late');
  });

  it('grades A an established customer who pays on time', () => {
    const history = Array.from({ length: 10 }, (_, i) => paid(30 + i * 30, i % 2));
    expect(gradeCustomer(history, longAgo, today)).toMatchObject({
      grade: 'A',
      reason: 'A: all 10 invoices paid within 10 days of the due date',
    });
  });

  it('grades B a customer who is sometimes late but pays', () => {
    const history = [
      paid(30, 20),
      paid(60, 15),
      ...Array.from({ length: 6 }, (_, i) => paid(90 + i * 30, 0)),
    ];
    expect(gradeCustomer(history, longAgo, today)).toMatchObject({
      grade: 'B',
      reason: 'B: 2 of 8 invoices paid more than 10 days late',
    });
  });

  it('lets an established A customer be late once in a while (up to 10%)', () => {
    const history = [paid(30, 20), ...Array.from({ length: 11 }, (_, i) => paid(60 + i * 30, 0))];
    expect(gradeCustomer(history, longAgo, today).grade).toBe('A');
  });

  it('size: a large customer gets no such tolerance', () => {
    const history = [paid(30, 20), ...Array.from({ length: 11 }, (_, i) => paid(60 + i * 30, 0))].map(
      (i) => ({
        ...i,
        totalBase: 200_000,
      }),
    );
    expect(gradeCustomer(history, longAgo, today).grade).toBe('B');
  });

  it('tenure: a new customer is at best B', () => {
    const history = [paid(20, 0), paid(50, 0), paid(80, 0)];
    expect(gradeCustomer(history, addDays(today, -100), today)).toMatchObject({
      grade: 'B',
      reason: `B: new customer since ${addDays(today, -100)}, no late payments yet`,
    });
  });

  it('counts open items overdue more than 10 days as late, and ignores disputed and not-yet-due ones', () => {
    const history = [open(25), open(15), open(40, { disputed: true }), open(-5), paid(100, 0)];
    expect(gradeCustomer(history, longAgo, today)).toMatchObject({
      grade: 'C',
      reason: 'C: 2 of 3 invoices unpaid more than 10 days past due',
      consideredCount: 3,
    });
  });

  it('grades C after one invoice went 90 days past due', () => {
    const history = [paid(200, 95), ...Array.from({ length: 9 }, (_, i) => paid(30 + i * 10, 0))];
    expect(gradeCustomer(history, longAgo, today).reason).toBe('C: an invoice went 95 days past due');
  });
});

describe('credit hold (PB-10)', () => {
  const dueJan30: HistoryItem[] = [
    { number: 'J-1', dueDate: '2026-01-30', paidDate: null },
    { number: 'J-2', dueDate: '2026-01-30', paidDate: null },
  ];
  const days15 = { ...defaultGradePolicy, holdMonthRule: 'days' as const, holdMinDaysInMonth: 15 };

  it('PB-10: two invoices due 30 Jan are not on hold on 1 Mar (January and February only)', () => {
    expect(creditHold(dueJan30, '2026-03-01')).toEqual({ set: false, reason: null });
  });

  it('PB-10: not on 31 Mar either: March is not complete until it ends', () => {
    expect(creditHold(dueJan30, '2026-03-31')).toEqual({ set: false, reason: null });
  });

  it('PB-10: on hold on 1 Apr, overdue at the end of January, February and March, and the reason says so', () => {
    expect(creditHold(dueJan30, '2026-04-01')).toMatchObject({
      set: true,
      reason:
        'credit hold: 2+ invoices overdue at the end of each of 2026-01, 2026-02, 2026-03; until J-1, J-2 are cleared (PB-10)',
    });
  });

  it('PB-10: with the days rule, January (1 overdue day) does not count: hold from 1 May, not 1 Apr', () => {
    expect(creditHold(dueJan30, '2026-04-01', days15).set).toBe(false);
    expect(creditHold(dueJan30, '2026-05-01', days15)).toMatchObject({
      set: true,
      reason:
        'credit hold: 2+ invoices overdue 15+ days in each of 2026-02, 2026-03, 2026-04; until J-1, J-2 are cleared (PB-10)',
    });
  });

  it('PB-10: an invoice paid before a month ends is not overdue at that end', () => {
    const history: HistoryItem[] = [
      { number: 'A-1', dueDate: '2026-07-25', paidDate: '2026-09-10' },
      { number: 'A-2', dueDate: '2026-08-05', paidDate: null },
      { number: 'A-3', dueDate: '2026-09-20', paidDate: '2026-10-15' },
      { number: 'A-4', dueDate: '2026-09-01', paidDate: '2026-11-03' },
    ];
    // Aug end; Sep end; Oct end: A-2, A-4 (A-3 paid 15 Oct).
    const flag = creditHold(history, today);
    expect(flag.set).toBe(true);
    expect(flag.reason).toContain('2026-08, 2026-09, 2026-10');
    expect(flag.reason).toContain('until A-2 is cleared');
    const withoutA4 = history.filter((i) => i.number !== 'A-4');
    expect(creditHold(withoutA4, today).set).toBe(false);
  });

  it('lifts once the old items are cleared', () => {
    const history: HistoryItem[] = dueJan30.map((i) => ({ ...i, paidDate: '2026-04-02' }));
    expect(creditHold(history, '2026-04-03')).toEqual({ set: false, reason: null });
  });

  it('PB-10: the running month never counts, however long the items have been overdue in it', () => {
    const history: HistoryItem[] = [
      { number: 'B-1', dueDate: '2026-09-05', paidDate: null },
      { number: 'B-2', dueDate: '2026-09-06', paidDate: null },
    ];
    expect(creditHold(history, '2026-10-31').set).toBe(false);
    expect(creditHold(history, '2026-11-30').set).toBe(false);
    expect(creditHold(history, '2026-12-01').set).toBe(true);
  });

  it('does not count an invoice paid on its due date as overdue', () => {
    const onTime = (n: number): HistoryItem => ({
      number: `C-${n}`,
      dueDate: '2026-08-10',
      paidDate: '2026-08-10',
    });
    expect(creditHold([onTime(1), onTime(2), open(3)], today).set).toBe(false);
  });
});

describe('blacklist (PB-11)', () => {
  it('blacklists after 3 overdue incidents (invoices that went more than 30 days past due)', () => {
    const history = [paid(300, 45), paid(200, 31), open(35)];
    expect(overdueIncidents(history, today)).toHaveLength(3);
    const flag = blacklist(history, today);
    expect(flag.set).toBe(true);
    expect(flag.reason).toMatch(/^blacklisted: 3 invoices went more than 30 days past due/);
  });

  it('does not count invoices paid within 30 days, or incidents outside the history window', () => {
    const history = [paid(300, 30), paid(200, 31), open(35), paid(30 * 31, 60)];
    expect(overdueIncidents(history, today, defaultGradePolicy)).toHaveLength(2);
    expect(blacklist(history, today).set).toBe(false);
  });

  it('blacklists a single item unpaid for over a year', () => {
    const flag = blacklist([open(366)], today);
    expect(flag).toMatchObject({
      set: true,
      reason: `blacklisted: INV-${seq} unpaid 366 days past due (PB-11)`,
    });
    expect(blacklist([open(365)], today).set).toBe(false);
  });

  it('ignores disputed items (PB-21)', () => {
    expect(blacklist([open(400, { disputed: true })], today).set).toBe(false);
  });
});
