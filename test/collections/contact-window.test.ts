/**
 * PB-24: letters and reminders reach a customer on working days around 9:00 or 14:00 on the customer's
 * clock. The window is computed for customers in several zones, across both daylight-saving changes, on a
 * five- and a six-day working week, and the policy file's contactWindow section is checked field by field.
 */
import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/clock.ts';
import {
  contactWindow,
  defaultContactWindow,
  parseClockTime,
  zonedInstant,
} from '../../src/collections/contact-window.ts';
import { defaultWorkingCalendar, type WorkingCalendar } from '../../src/collections/dates.ts';
import { loadPolicyFile, PolicyFileError } from '../../src/collections/policy-file.ts';

const fiveDays = defaultWorkingCalendar;
const sixDays: WorkingCalendar = { weekend: [0], holidays: [] };
const at = (iso: string) => new Date(iso);
const opens = (now: string, zone: string, calendar = fiveDays) => {
  const state = contactWindow(at(now), zone, calendar);
  return state.open ? 'open' : state.opensAt.toISOString();
};

describe('PB-24 contact window', () => {
  it('is open from 9:00 and 14:00 local for the window minutes on a working day', () => {
    // Tue 8 Dec 2026. Shanghai is UTC+8: 9:00 local is 01:00Z.
    expect(opens('2026-12-08T01:00:00Z', 'Asia/Shanghai')).toBe('open');
    expect(opens('2026-12-08T02:59:00Z', 'Asia/Shanghai')).toBe('open');
    expect(opens('2026-12-08T03:00:00Z', 'Asia/Shanghai')).toBe('2026-12-08T06:00:00.000Z'); // 11:00 -> 14:00
    expect(opens('2026-12-08T00:59:00Z', 'Asia/Shanghai')).toBe('2026-12-08T01:00:00.000Z'); // 8:59 -> 9:00
    expect(opens('2026-12-08T06:00:00Z', 'Asia/Shanghai')).toBe('open');
    expect(opens('2026-12-08T08:00:00Z', 'Asia/Shanghai')).toBe('2026-12-09T01:00:00.000Z'); // 16:00 -> 9:00 Wed
  });

  it("reads the customer's clock, not the company's: the same instant is open in Berlin, closed in New York", () => {
    const now = '2026-12-08T08:30:00Z'; // 9:30 Berlin, 3:30 New York, 16:30 Shanghai
    expect(opens(now, 'Europe/Berlin')).toBe('open');
    expect(opens(now, 'America/New_York')).toBe('2026-12-08T14:00:00.000Z'); // 9:00 EST
    expect(opens(now, 'Asia/Shanghai')).toBe('2026-12-09T01:00:00.000Z');
  });

  it("skips the weekend of the customer's own calendar date, and a six-day week keeps Saturday", () => {
    // Fri 11 Dec 2026, 17:00 in Berlin: next window Monday 9:00 (five days) or Saturday 9:00 (six days).
    expect(opens('2026-12-11T16:00:00Z', 'Europe/Berlin')).toBe('2026-12-14T08:00:00.000Z');
    expect(opens('2026-12-11T16:00:00Z', 'Europe/Berlin', sixDays)).toBe('2026-12-12T08:00:00.000Z');
    // Saturday 10:00 Berlin: closed on five days, open on six.
    expect(opens('2026-12-12T09:00:00Z', 'Europe/Berlin')).toBe('2026-12-14T08:00:00.000Z');
    expect(opens('2026-12-12T09:00:00Z', 'Europe/Berlin', sixDays)).toBe('open');
    // Friday 23:30 UTC is already Saturday 8:30 in Tokyo: the weekend of the customer's date counts.
    expect(opens('2026-12-11T23:30:00Z', 'Asia/Tokyo')).toBe('2026-12-14T00:00:00.000Z');
  });

  it('skips the policy holidays', () => {
    const calendar: WorkingCalendar = { weekend: [0, 6], holidays: ['2026-12-14'] };
    expect(opens('2026-12-11T16:00:00Z', 'Europe/Berlin', calendar)).toBe('2026-12-15T08:00:00.000Z');
  });

  it('keeps 9:00 on the wall clock across daylight-saving changes', () => {
    // Europe/Berlin leaves summer time on Sun 25 Oct 2026: Friday 17:00 CEST -> Monday 9:00 CET.
    expect(opens('2026-10-23T15:00:00Z', 'Europe/Berlin')).toBe('2026-10-26T08:00:00.000Z');
    // New York enters summer time on Sun 8 Mar 2026: Friday 17:00 EST -> Monday 9:00 EDT (13:00Z).
    expect(opens('2026-03-06T22:00:00Z', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
    // A zone without daylight saving: Kolkata is UTC+5:30 all year.
    expect(opens('2026-03-06T12:00:00Z', 'Asia/Kolkata')).toBe('2026-03-09T03:30:00.000Z');
  });

  it('turns a local time into an instant, a skipped time to after the gap', () => {
    expect(zonedInstant('2026-03-29', 9 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    const gap = zonedInstant('2026-03-29', 2 * 60 + 30, 'Europe/Berlin'); // 2:30 does not exist that night
    const shown = localParts(gap, 'Europe/Berlin');
    expect(shown.date).toBe('2026-03-29');
    expect(shown.hour).toBeGreaterThanOrEqual(3);
  });

  it('the policy file sets the send times and the window, naming the field of each problem', () => {
    const numbers = loadPolicyFile('contactWindow:\n  sendTimes: ["08:30"]\n  windowMinutes: 60\n');
    expect(numbers.contactWindow).toEqual({ sendTimes: [510], windowMinutes: 60, days: 'working' });
    expect(loadPolicyFile('').contactWindow).toEqual(defaultContactWindow);
    const refused = (yaml: string) => {
      try {
        loadPolicyFile(yaml);
      } catch (error) {
        if (error instanceof PolicyFileError) return error.problems.join('\n');
      }
      return 'accepted';
    };
    expect(refused('contactWindow:\n  sendTimes: ["9 am"]\n')).toMatch(
      /field contactWindow\.sendTimes\[0\] \(line 2\): found "9 am", expected a time of day such as "09:00"/,
    );
    expect(refused('contactWindow:\n  sendTimes: []\n')).toMatch(
      /field contactWindow\.sendTimes \(line 2\): found a list, expected a list of at least one send time/,
    );
    expect(refused('contactWindow:\n  windowMinutes: 0\n')).toMatch(
      /field contactWindow\.windowMinutes \(line 2\): found 0, expected 1 or more minutes/,
    );
    expect(refused('contactWindow:\n  windowMinutes: 400\n')).toMatch(
      /field contactWindow\.windowMinutes \(line 2\): the window after 09:00 \(400 minutes\) runs into the next send time 14:00/,
    );
    expect(refused('contactWindow:\n  opens: "09:00"\n')).toMatch(
      /contactWindow\.opens \(line 2\): not a field of this file/,
    );
    expect(refused('contactWindow:\n  days: weekdays\n')).toMatch(
      /field contactWindow\.days \(line 2\): found "weekdays", expected working/,
    );
    expect(parseClockTime('24:00')).toBeNull();
  });
});
