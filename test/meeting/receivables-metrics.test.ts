import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceAt,
  collectionEffectiveness,
  countbackDso,
  monthlyMetrics,
  monthsBefore,
  openAt,
  type ReceivableItem,
} from '../../src/collections/receivables-metrics.ts';

const item = (
  p: Partial<ReceivableItem> & Pick<ReceivableItem, 'issueDate' | 'totalMinor'>,
): ReceivableItem => ({
  dueDate: p.issueDate,
  openMinor: p.totalMinor,
  settledOn: null,
  changedOn: p.issueDate,
  ...p,
});

// The worked example, computed by hand (amounts in fen):
//   A issued 2026-08-10 due 09-09, 300.00, settled 10-05
//   B issued 2026-09-15 due 10-15, 600.00, open
//   C issued 2026-10-20 due 11-19, 900.00, open
//   D issued 2026-10-01 due 10-31, 300.00, settled 10-25
// October: sales C + D = 1,200.00; balance at 10-31 = B + C = 1,500.00, of which current (C) 900.00;
// balance at 09-30 = A + B = 900.00.
// CEI = (900 + 1,200 - 1,500) / (900 + 1,200 - 900) x 100 = 600 / 1,200 x 100 = 50 %.
// DSO: 1,500 > October's 1,200 -> 31 days, 300 left; 300 of September's 600 -> 0.5 x 30 = 15 -> 46 days.
const example: ReceivableItem[] = [
  item({
    issueDate: '2026-08-10',
    dueDate: '2026-09-09',
    totalMinor: 300_00,
    openMinor: 0,
    settledOn: '2026-10-05',
  }),
  item({ issueDate: '2026-09-15', dueDate: '2026-10-15', totalMinor: 600_00 }),
  item({ issueDate: '2026-10-20', dueDate: '2026-11-19', totalMinor: 900_00 }),
  item({
    issueDate: '2026-10-01',
    dueDate: '2026-10-31',
    totalMinor: 300_00,
    openMinor: 0,
    settledOn: '2026-10-25',
  }),
];

describe('receivables metrics (PB-28)', () => {
  it('matches the worked example computed by hand', () => {
    const [october] = monthlyMetrics(example, ['2026-10']);
    expect(october).toMatchObject({
      month: '2026-10',
      salesMinor: 1200_00,
      endingMinor: 1500_00,
      endingCurrentMinor: 900_00,
      dso: { days: 46, complete: true },
    });
    expect(october?.cei).toBe(50);
  });

  it('dates a part payment by the ledger change and a settlement by its day', () => {
    const part = item({ issueDate: '2026-09-01', totalMinor: 1000, openMinor: 400, changedOn: '2026-09-20' });
    expect(openAt(part, '2026-08-31')).toBe(0);
    expect(openAt(part, '2026-09-19')).toBe(1000);
    expect(openAt(part, '2026-09-20')).toBe(400);
    const paid = item({ issueDate: '2026-09-01', totalMinor: 1000, openMinor: 0, settledOn: '2026-09-10' });
    expect(openAt(paid, '2026-09-09')).toBe(1000);
    expect(openAt(paid, '2026-09-10')).toBe(0);
  });

  it('says "more than" when the lookback runs out before the balance is used up', () => {
    expect(
      countbackDso(500, [
        { salesMinor: 100, days: 30 },
        { salesMinor: 100, days: 31 },
      ]),
    ).toEqual({
      days: 61,
      complete: false,
    });
    expect(countbackDso(0, [])).toEqual({ days: 0, complete: true });
  });

  it('has no CEI when nothing was collectable', () => {
    expect(
      collectionEffectiveness({
        beginningMinor: 0,
        salesMinor: 100,
        endingMinor: 100,
        endingCurrentMinor: 100,
      }),
    ).toBeNull();
  });

  it('lists the finished months before the meeting month, oldest first', () => {
    expect(monthsBefore('2026-03', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  const monthSales = fc.array(
    fc.record({ salesMinor: fc.integer({ min: 1, max: 1e9 }), days: fc.integer({ min: 28, max: 31 }) }),
    { minLength: 1, maxLength: 24 },
  );

  it('never gives more DSO for a smaller balance, nor more than the months looked at', () => {
    fc.assert(
      fc.property(monthSales, fc.nat(5e9), fc.nat(5e9), (months, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const dLo = countbackDso(lo, months);
        const dHi = countbackDso(hi, months);
        const span = months.reduce((s, m) => s + m.days, 0);
        expect(dLo.days).toBeLessThanOrEqual(dHi.days + 1e-9);
        expect(dHi.days).toBeLessThanOrEqual(span + 1e-9);
        expect(dHi.days).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('gives exactly the newest month`s days when the balance equals that month`s sales', () => {
    fc.assert(
      fc.property(monthSales, (months) => {
        const first = months[0];
        if (!first) return;
        expect(countbackDso(first.salesMinor, months).days).toBeCloseTo(first.days, 9);
      }),
    );
  });

  it('keeps CEI between 0 and 100 whenever the balance did not grow past what was sold', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (begin, sales, endRaw, currentRaw) => {
        const ending = endRaw % (begin + sales + 1);
        const current = currentRaw % (ending + 1);
        const cei = collectionEffectiveness({
          beginningMinor: begin,
          salesMinor: sales,
          endingMinor: ending,
          endingCurrentMinor: current,
        });
        if (cei === null) return;
        expect(cei).toBeGreaterThanOrEqual(0);
        expect(cei).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('rebuilds a balance no larger than what was issued by then and never negative', () => {
    const date = fc
      .integer({ min: 0, max: 365 })
      .map((d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
    const arbItem = fc
      .record({
        issue: date,
        total: fc.integer({ min: 1, max: 1e8 }),
        pay: fc.option(date),
        part: fc.nat(100),
      })
      .map(({ issue, total, pay, part }) =>
        item({
          issueDate: issue,
          totalMinor: total,
          openMinor: pay !== null ? 0 : Math.floor((total * part) / 100) || total,
          settledOn: pay !== null && pay >= issue ? pay : null,
          changedOn: pay !== null && pay >= issue ? pay : issue,
        }),
      );
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 30 }), date, (items, at) => {
        const { totalMinor, currentMinor } = balanceAt(items, at);
        const issued = items.filter((i) => i.issueDate <= at).reduce((s, i) => s + i.totalMinor, 0);
        expect(totalMinor).toBeGreaterThanOrEqual(0);
        expect(totalMinor).toBeLessThanOrEqual(issued);
        expect(currentMinor).toBeLessThanOrEqual(totalMinor);
      }),
    );
  });
});
