import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountSnapshot,
  assessAccount,
  brokenPromiseDates,
  defaultPolicy,
  type OpenItem,
  type Policy,
} from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';

const today = '2026-11-22';
let seq = 0;
const openItem = (dueAgo: number, openMinor: number, extra: Partial<OpenItem> = {}): OpenItem => {
  const dueDate = addDays(today, -dueAgo);
  seq += 1;
  return {
    id: String(seq),
    number: `INV-${seq}`,
    issueDate: addDays(dueDate, -30),
    dueDate,
    totalMinor: openMinor,
    openMinor,
    currency: 'CNY',
    disputed: false,
    pause: null,
    ...extra,
  };
};
const snapshot = (extra: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  accountId: '42',
  customerName: 'Shanghai Widgets Ltd',
  firstInvoiceDate: '2023-01-10',
  openItems: [],
  settledItems: [],
  promises: [],
  lastContactDate: null,
  escalations: 0,
  pause: null,
  ...extra,
});

describe('assessing an account', () => {
  it('PB-16 example: 3 invoices totalling 86,000.00 open, 2 of them 5 days overdue', () => {
    const a = assessAccount(
      snapshot({ openItems: [openItem(5, 3_000_000), openItem(5, 2_600_000), openItem(-10, 3_000_000)] }),
      defaultPolicy,
      today,
    );
    expect(a.openByCurrency).toEqual({ CNY: 8_600_000 });
    expect(a.overdueItems).toBe(2);
    expect(a.maxDaysOverdue).toBe(5);
    expect(a.interest).toEqual({ ratePerDay: '0.05%', byCurrency: { CNY: 14_000 } });
    expect(a.aging[0]?.buckets).toMatchObject({ current: 3_000_000, '1-30': 5_600_000 });
    expect(a.inCollection).toBe(false);
  });

  it('puts together grade, key account, flags, ladder and priority for a 48-day account', () => {
    const settledItems = Array.from({ length: 6 }, (_, i) => {
      const dueDate = addDays(today, -(90 + i * 30));
      return {
        number: `OLD-${i}`,
        dueDate,
        paidDate: addDays(dueDate, 20),
        totalMinor: 100_000,
        currency: 'CNY',
      };
    });
    const a = assessAccount(
      snapshot({
        openItems: [openItem(48, 8_600_000), openItem(20, 1_000_000, { disputed: true })],
        settledItems,
        promises: [{ promisedDate: '2026-11-02', amountMinor: 8_600_000, currency: 'CNY', status: 'broken' }],
        lastContactDate: addDays(today, -3),
      }),
      defaultPolicy,
      today,
    );
    expect(a.grade.grade).toBe('C');
    expect(a.grade.reason).toBe('C: 7 of 7 invoices paid more than 10 days late or still unpaid');
    expect(a.keyAccount.keyAccount).toBe(true);
    expect(a.inCollection).toBe(true);
    expect(a.disputedByCurrency).toEqual({ CNY: 1_000_000 });
    expect(a.items.find((i) => i.disputed)?.interestMinor).toBe(0);
    expect(a.items.find((i) => !i.disputed)?.marking).toBe('red');
    expect(a.ladder.step?.id).toBe('L6');
    expect(a.ladder.letter).toBe('lawyer-letter-request');
    expect(a.brokenPromiseDates).toEqual(['2026-11-02']);
    expect(a.priority.explanation).toBe(
      'CNY 86,000 open, 48 days, grade C, missed promise 2 Nov, key account',
    );
    expect(a.mainCurrency).toBe('CNY');
  });

  it('PB-21: disputes stop the clock, so a disputed old item neither sets the days overdue nor the ladder', () => {
    const a = assessAccount(
      snapshot({ openItems: [openItem(80, 500_000, { disputed: true }), openItem(3, 500_000)] }),
      defaultPolicy,
      today,
    );
    expect(a.maxDaysOverdue).toBe(3);
    expect(a.ladder.anchorDueDate).toBe(addDays(today, -3));
    expect(a.aging[0]?.buckets['61-90']).toBe(500_000);
  });

  it('a paused account keeps aging and accruing interest but gets no ladder action', () => {
    const a = assessAccount(
      snapshot({ openItems: [openItem(40, 1_000_000)], pause: { reason: 'owner on leave', until: null } }),
      defaultPolicy,
      today,
    );
    expect(a.maxDaysOverdue).toBe(40);
    expect(a.interest.byCurrency.CNY).toBe(20_000);
    expect(a.ladder).toMatchObject({ status: 'paused', nextAction: null });
  });

  it('uses the customer contract rate (PB-16) and a configured minimum balance', () => {
    const policy: Policy = { ...defaultPolicy, minBalanceMinor: { CNY: 2_000_000 } };
    const a = assessAccount(
      snapshot({ openItems: [openItem(10, 1_000_000)], interestRatePerDay: '0.1%' }),
      policy,
      today,
    );
    expect(a.interest).toEqual({ ratePerDay: '0.1%', byCurrency: { CNY: 10_000 } });
    expect(a.ladder.status).toBe('below-minimum');
  });

  it('PB-20: a promise still open after its date counts as missed', () => {
    expect(
      brokenPromiseDates(
        [
          { promisedDate: '2026-11-21', amountMinor: 1, currency: 'CNY', status: 'open' },
          { promisedDate: today, amountMinor: 1, currency: 'CNY', status: 'open' },
          { promisedDate: '2026-11-01', amountMinor: 1, currency: 'CNY', status: 'kept' },
          { promisedDate: '2026-10-01', amountMinor: 1, currency: 'CNY', status: 'broken' },
        ],
        today,
      ),
    ).toEqual(['2026-10-01', '2026-11-21']);
  });

  it('never mixes currencies in any total (property)', () => {
    const item = fc.record({
      dueAgo: fc.integer({ min: -60, max: 500 }),
      openMinor: fc.integer({ min: 0, max: 1e10 }),
      currency: fc.constantFrom('CNY', 'USD', 'JPY'),
      disputed: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (rows) => {
        const openItems = rows.map((r) =>
          openItem(r.dueAgo, r.openMinor, { currency: r.currency, disputed: r.disputed }),
        );
        const a = assessAccount(snapshot({ openItems }), defaultPolicy, today);
        for (const currency of ['CNY', 'USD', 'JPY']) {
          const own = openItems.filter((i) => i.currency === currency && i.openMinor > 0);
          const sum = (list: OpenItem[]) => list.reduce((s, i) => s + i.openMinor, 0);
          expect(a.openByCurrency[currency] ?? 0).toBe(sum(own));
          expect(a.disputedByCurrency[currency] ?? 0).toBe(sum(own.filter((i) => i.disputed)));
          const aging = a.aging.find((r) => r.currency === currency);
          expect(aging?.totalMinor ?? 0).toBe(sum(own));
          const interest = a.items
            .filter((i) => i.currency === currency)
            .reduce((s, i) => s + i.interestMinor, 0);
          expect(a.interest.byCurrency[currency] ?? 0).toBe(interest);
        }
      }),
    );
  });
});
