import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  isIsoDate,
  isWorkingDay,
  monthRange,
  nextMonth,
  nextWorkingDay,
  shortDate,
  subtractMonths,
  workingDaysBetween,
} from '../../src/collections/dates.ts';

describe('calendar dates', () => {
  it('counts calendar days between dates, across month, year and DST changes', () => {
    expect(daysBetween('2026-11-01', '2026-11-05')).toBe(4);
    expect(daysBetween('2026-11-05', '2026-11-01')).toBe(-4);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });

  it('adds days forwards and backwards', () => {
    expect(addDays('2026-10-25', 10)).toBe('2026-11-04');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('26-02-01')).toBe(false);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(/YYYY-MM-DD/);
  });

  it('works with months', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(monthRange('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(subtractMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonths('2026-11-22', 24)).toBe('2024-11-22');
    expect(shortDate('2026-11-02')).toBe('2 Nov');
  });
});

describe('working days (PB-24)', () => {
  const calendar = { weekend: [0, 6], holidays: ['2026-10-01', '2026-10-02'] };

  it('skips weekends and listed holidays', () => {
    expect(isWorkingDay('2026-11-07')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-09')).toBe(true); // Monday
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(nextWorkingDay('2026-11-07')).toBe('2026-11-09');
    expect(nextWorkingDay('2026-10-01', calendar)).toBe('2026-10-05');
  });

  it('adds and counts working days', () => {
    expect(addWorkingDays('2026-11-06', 1)).toBe('2026-11-09');
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-05');
    expect(workingDaysBetween('2026-11-06', '2026-11-13')).toBe(5);
  });

  it('supports other weekends, such as Friday and Saturday', () => {
    expect(isWorkingDay('2026-11-08', { weekend: [5, 6], holidays: [] })).toBe(true);
    expect(isWorkingDay('2026-11-06', { weekend: [5, 6], holidays: [] })).toBe(false);
  });
});
