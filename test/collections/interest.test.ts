import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import {
  accountInterest,
  defaultInterestPolicy,
  effectiveRate,
  itemInterest,
  parseDailyRate,
  rateFromBasisPoints,
  requireDailyRate,
} from '../../src/collections/interest.ts';

const today = '2026-11-22';
const rate = requireDailyRate(defaultInterestPolicy.ratePerDay);

describe('late interest (PB-16)', () => {
  it('defaults to 0.05% a day, written three ways', () => {
    for (const text of ['0.05%', '5bp', '0.0005']) {
      const r = parseDailyRate(text);
      expect(r?.text).toBe('0.05%');
      expect(r && Number(r.numerator) / 10 ** r.scale).toBeCloseTo(0.0005, 12);
    }
    expect(rateFromBasisPoints(3).text).toBe('0.03%');
  });

  it('rejects rates that are not numbers', () => {
    expect(parseDailyRate('five')).toBeNull();
    expect(parseDailyRate('-0.05%')).toBeNull();
    expect(() => requireDailyRate('abc')).toThrow(/"0.05%"/);
  });

  it('accrues on the open amount from the due date: CNY 86,000.00 for 38 days is CNY 1,634.00', () => {
    const result = itemInterest(
      { dueDate: addDays(today, -38), openMinor: 8_600_000, currency: 'CNY' },
      rate,
      today,
    );
    expect(result).toMatchObject({ days: 38, interestMinor: 163_400 });
  });

  it('is zero on and before the due date', () => {
    expect(
      itemInterest({ dueDate: today, openMinor: 100_000, currency: 'CNY' }, rate, today).interestMinor,
    ).toBe(0);
    expect(
      itemInterest({ dueDate: addDays(today, 3), openMinor: 100_000, currency: 'CNY' }, rate, today)
        .interestMinor,
    ).toBe(0);
  });

  it('PB-21: none accrues on disputed items', () => {
    const item = { dueDate: addDays(today, -60), openMinor: 100_000, currency: 'CNY', disputed: true };
    expect(itemInterest(item, rate, today).interestMinor).toBe(0);
  });

  it('rounds half up once per item, not per day', () => {
    // 1,000 fen x 0.05% = 0.5 fen a day: per-day rounding would give 1 fen a day, 3 fen for 3 days.
    expect(
      itemInterest({ dueDate: addDays(today, -3), openMinor: 1_000, currency: 'CNY' }, rate, today)
        .interestMinor,
    ).toBe(2);
    expect(
      itemInterest({ dueDate: addDays(today, -1), openMinor: 1_000, currency: 'CNY' }, rate, today)
        .interestMinor,
    ).toBe(1);
    expect(
      itemInterest({ dueDate: addDays(today, -1), openMinor: 999, currency: 'CNY' }, rate, today)
        .interestMinor,
    ).toBe(0);
  });

  it('uses the customer contract rate over the default', () => {
    expect(effectiveRate(defaultInterestPolicy, '0.1%').text).toBe('0.1%');
    expect(effectiveRate(defaultInterestPolicy, null).text).toBe('0.05%');
    expect(effectiveRate(defaultInterestPolicy, '  ').text).toBe('0.05%');
  });

  it('sums the rounded item amounts per currency for the account', () => {
    const result = accountInterest(
      [
        { id: 'a', dueDate: addDays(today, -10), openMinor: 1_000_000, currency: 'CNY' },
        { id: 'b', dueDate: addDays(today, -20), openMinor: 1_000_000, currency: 'CNY' },
        { id: 'c', dueDate: addDays(today, -10), openMinor: 50_000, currency: 'USD' },
      ],
      rate,
      today,
    );
    expect(result.items.map((i) => [i.id, i.interestMinor])).toEqual([
      ['a', 5_000],
      ['b', 10_000],
      ['c', 250],
    ]);
    expect(result.byCurrency).toEqual({ CNY: 15_000, USD: 250 });
  });

  it('grows with the days overdue and is zero up to the due date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: -100, max: 2000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.constantFrom('0.05%', '0.1%', '3bp', '0.00017'),
        (openMinor, days, more, rateText) => {
          const r = requireDailyRate(rateText);
          const dueDate = '2026-01-01';
          const at = (d: number) =>
            itemInterest({ dueDate, openMinor, currency: 'CNY' }, r, addDays(dueDate, d)).interestMinor;
          expect(at(days + more)).toBeGreaterThanOrEqual(at(days));
          if (days <= 0) expect(at(days)).toBe(0);
          expect(Number.isInteger(at(days))).toBe(true);
        },
      ),
    );
  });
});
