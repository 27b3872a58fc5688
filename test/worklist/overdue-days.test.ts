import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/collections/dates.ts';
import { overdueCutoff, rowDaysOverdue } from '../../src/worklist/overdue-days.ts';

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));

describe('days overdue counted from a row’s oldest due date (PB-01)', () => {
  it('counts calendar days past the oldest due date, 0 on or before it and with none', () => {
    expect(rowDaysOverdue('2026-11-30', '2026-12-07')).toBe(7);
    expect(rowDaysOverdue('2026-12-07', '2026-12-07')).toBe(0);
    expect(rowDaysOverdue('2026-12-20', '2026-12-07')).toBe(0);
    expect(rowDaysOverdue(null, '2026-12-07')).toBe(0);
  });

  it('filters on the date exactly as on the count: at least n days overdue is oldest_due <= the cutoff', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 400 }), (oldest, today, n) => {
        expect(rowDaysOverdue(oldest, today) >= n).toBe(oldest <= overdueCutoff(today, n));
        expect(daysBetween(overdueCutoff(today, n), today)).toBe(n);
      }),
    );
  });
});
