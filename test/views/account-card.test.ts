import { describe, expect, it } from 'vitest';
import { dueStatus } from '../../src/views/account-card.ts';

describe('an open item against its due date on the account card', () => {
  it('counts days overdue once the due date has passed, in the singular for one', () => {
    expect(dueStatus('2026-11-01', 28, '2026-11-29')).toBe('28 days overdue');
    expect(dueStatus('2026-11-28', 1, '2026-11-29')).toBe('1 day overdue');
  });

  it('says due today on the due date, and how far off a future due date is', () => {
    expect(dueStatus('2026-11-29', 0, '2026-11-29')).toBe('due today');
    expect(dueStatus('2026-11-30', 0, '2026-11-29')).toBe('due tomorrow');
    expect(dueStatus('2026-12-17', 0, '2026-11-29')).toBe('due in 18 days');
  });
});
