import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agingBuckets,
  agingByCurrency,
  daysOverdue,
  daysPastDue,
  inCollectionProcedure,
  keyAccountStatus,
  markingFor,
} from '../../src/collections/aging.ts';
import { addDays } from '../../src/collections/dates.ts';

const today = '2026-11-22';

describe('days overdue (PB-01)', () => {
  it('counts calendar days since the due date and is zero on or before it', () => {
    expect(daysOverdue('2026-11-17', today)).toBe(5);
    expect(daysOverdue(today, today)).toBe(0);
    expect(daysOverdue('2026-12-01', today)).toBe(0);
    expect(daysPastDue('2026-12-01', today)).toBe(-9);
  });
});

describe('aging buckets (PB-04)', () => {
  it('has current, 1-30, 31-60, 61-90 and 90+ by default', () => {
    expect(agingBuckets().map((b) => b.label)).toEqual(['current', '1-30', '31-60', '61-90', '90+']);
  });

  it('takes other edges from configuration', () => {
    expect(agingBuckets([15, 45]).map((b) => b.id)).toEqual(['current', '1-15', '16-45', '45+']);
    expect(() => agingBuckets([30, 30])).toThrow(/ascending/);
  });

  it('puts each item in its bucket at the edges: 30 days in 1-30, 31 in 31-60, 91 in 90+', () => {
    const item = (days: number, minor: number) => ({
      dueDate: addDays(today, -days),
      openMinor: minor,
      currency: 'CNY',
    });
    const [cny] = agingByCurrency(
      [item(0, 1), item(1, 10), item(30, 100), item(31, 1000), item(90, 10_000), item(91, 100_000)],
      today,
    );
    expect(cny?.buckets).toEqual({ current: 1, '1-30': 110, '31-60': 1000, '61-90': 10_000, '90+': 100_000 });
    expect(cny?.totalMinor).toBe(111_111);
  });

  it('keeps one row per currency and never adds CNY to USD', () => {
    const rows = agingByCurrency(
      [
        { dueDate: '2026-11-01', openMinor: 500, currency: 'USD' },
        { dueDate: '2026-11-01', openMinor: 700, currency: 'CNY' },
      ],
      today,
    );
    expect(rows.map((r) => [r.currency, r.totalMinor, r.buckets['1-30']])).toEqual([
      ['CNY', 700, 700],
      ['USD', 500, 500],
    ]);
  });

  it('bucket totals equal the account total in each currency (property)', () => {
    const item = fc.record({
      dueDate: fc.integer({ min: -400, max: 400 }).map((d) => addDays(today, d)),
      openMinor: fc.integer({ min: 0, max: 1e10 }),
      currency: fc.constantFrom('CNY', 'USD', 'EUR'),
    });
    const edges = fc
      .uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 })
      .map((e) => e.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(item), edges, (items, bucketEdges) => {
        for (const row of agingByCurrency(items, today, bucketEdges)) {
          const own = items.filter((i) => i.currency === row.currency).reduce((s, i) => s + i.openMinor, 0);
          expect(row.totalMinor).toBe(own);
          expect(Object.values(row.buckets).reduce((s, v) => s + v, 0)).toBe(own);
        }
      }),
    );
  });
});

describe('marking (PB-04)', () => {
  it('marks items over 30 days red and settled items green', () => {
    expect(markingFor({ dueDate: addDays(today, -31), openMinor: 1 }, today)).toBe('red');
    expect(markingFor({ dueDate: addDays(today, -30), openMinor: 1 }, today)).toBe('none');
    expect(markingFor({ dueDate: addDays(today, -300), openMinor: 0 }, today)).toBe('green');
  });
});

describe('collection procedure and key accounts (PB-05, PB-06)', () => {
  it('PB-05: enters the procedure when more than 15 days overdue', () => {
    expect(inCollectionProcedure(15)).toBe(false);
    expect(inCollectionProcedure(16)).toBe(true);
  });

  it('PB-06: 45 days makes a key account, which a manager may exempt until 60 days', () => {
    expect(keyAccountStatus(44, false).keyAccount).toBe(false);
    expect(keyAccountStatus(45, false)).toMatchObject({ keyAccount: true, exemptable: true });
    expect(keyAccountStatus(50, true)).toMatchObject({ keyAccount: false, exemptable: true });
  });

  it('PB-06: at 60 days it is a key account without exception', () => {
    expect(keyAccountStatus(60, true)).toMatchObject({ keyAccount: true, exemptable: false });
    expect(keyAccountStatus(60, true).reason).toMatch(/without exception/);
  });
});
