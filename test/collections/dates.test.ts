import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateColumn,
  addWorkingDays,
  daysBetween,
  calendarDateProblem,
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
    expect(isIsoDate('2026-11-31')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('says why a written date is not a calendar date', () => {
    expect(calendarDateProblem('2026-11-30')).toBeNull();
    expect(calendarDateProblem('2026-11-31')).toBe('2026-11-31 is not a date: November 2026 has 30 days');
    expect(calendarDateProblem('2027-02-29')).toBe('2027-02-29 is not a date: February 2027 has 28 days');
    expect(calendarDateProblem('2026-00-10')).toBe('2026-00-10 is not a date: the month must be 01 to 12');
    expect(calendarDateProblem('2026-12-00')).toBe('2026-12-00 is not a date: December 2026 has 31 days');
    expect(calendarDateProblem('2026-1-5')).toBe('a date as YYYY-MM-DD');
    expect(calendarDateProblem('2026-11-30 ')).toBe('a date as YYYY-MM-DD');
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

describe('the one date check', () => {
  it('is the only YYYY-MM-DD pattern in the core and the adapters (forms, commands and settings use it)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const copies: string[] = [];
    for (const root of ['src', 'adapters']) {
      for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const path = `${entry.parentPath}/${entry.name}`;
        if (path === 'src/collections/dates.ts') continue;
        if ((await readFile(path, 'utf8')).includes('\\d{4}-\\d{2}-\\d{2}')) copies.push(path);
      }
    }
    expect(copies).toEqual([]);
  });
});

describe('day arithmetic without Date', () => {
  const dates = fc
    .date({
      min: new Date('1600-01-01T00:00:00Z'),
      max: new Date('2400-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('counts the days between any two dates as the UTC calendar does', () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        expect(daysBetween(a, b)).toBe(
          (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000,
        );
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2026-02-29', '2026-11-31', '2026-13-01', '2026-00-10', '2026-1-01', 'x'])
      expect(() => daysBetween(bad, '2026-01-01')).toThrow(RangeError);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
  });
});

describe('a DATE column read back', () => {
  it('keeps the calendar date the database gave, from text or a Date', () => {
    expect(dateColumn('2026-12-08')).toBe('2026-12-08');
    expect(dateColumn('2026-12-08T00:00:00.000Z')).toBe('2026-12-08');
    expect(dateColumn(new Date('2026-12-08T00:00:00Z'))).toBe('2026-12-08');
  });
});
