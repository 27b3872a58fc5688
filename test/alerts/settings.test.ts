import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('alert and meeting settings', () => {
  it('defaults to the playbook values', () => {
    const result = loadConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.alerts).toEqual({
      thresholds: { CNY: 500_000, USD: 70_000, EUR: 60_000 },
      minDaysOverdue: 1,
      jumpPercent: 20,
    });
    expect(result.config.meeting).toEqual({ minDaysOverdue: 30, months: 6, replies: 50 });
  });

  it('reads thresholds per currency and turns them off with none', () => {
    const set = loadConfig({ DUEBOT_ALERT_THRESHOLDS: 'cny=1000, USD=70000.5' });
    expect(set.ok && set.config.alerts.thresholds).toEqual({ CNY: 1000, USD: 70000.5 });
    const off = loadConfig({ DUEBOT_ALERT_THRESHOLDS: 'none' });
    expect(off.ok && off.config.alerts.thresholds).toEqual({});
  });

  it('names each bad setting with what was found and what was expected', () => {
    const result = loadConfig({
      DUEBOT_ALERT_THRESHOLDS: 'RMB=500000',
      DUEBOT_ALERT_JUMP_PERCENT: 'lots',
      DUEBOT_MEETING_MONTHS: '30',
      DUEBOT_MEETING_REPLIES: '0',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'DUEBOT_ALERT_THRESHOLDS: found "RMB=500000", expected currency=amount pairs such as CNY=500000,USD=70000',
      'DUEBOT_ALERT_JUMP_PERCENT: found "lots", expected a percentage such as 20',
      expect.stringMatching(/^DUEBOT_MEETING_MONTHS: found "30", /),
      'DUEBOT_MEETING_REPLIES: found "0", expected a whole number from 1 to 500',
    ]);
    for (const bad of ['501', '2.5', 'many', '-1']) {
      const r = loadConfig({ DUEBOT_MEETING_REPLIES: bad });
      expect(r.ok ? [] : r.problems).toEqual([expect.stringMatching(/^DUEBOT_MEETING_REPLIES: found /)]);
    }
    const ok = loadConfig({ DUEBOT_MEETING_REPLIES: '200' });
    expect(ok.ok && ok.config.meeting.replies).toBe(200);
  });
});
