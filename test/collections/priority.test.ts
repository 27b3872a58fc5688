import { describe, expect, it } from 'vitest';
import {
  defaultPriorityPolicy,
  type PriorityInput,
  priorityOf,
  recoveryLikelihood,
  toBase,
} from '../../src/collections/priority.ts';

const input = (extra: Partial<PriorityInput> = {}): PriorityInput => ({
  openByCurrency: { CNY: 8_600_000 },
  maxDaysOverdue: 20,
  grade: 'B',
  keyAccount: false,
  brokenPromiseDates: [],
  ...extra,
});

describe('priority by expected recovery (PB-08)', () => {
  it('explains itself in one line: "CNY 86,000 open, 38 days, grade C, missed promise 2 Nov"', () => {
    const p = priorityOf(input({ maxDaysOverdue: 38, grade: 'C', brokenPromiseDates: ['2026-11-02'] }));
    expect(p.explanation).toBe('CNY 86,000 open, 38 days, grade C, missed promise 2 Nov, best-odds window');
  });

  it('is balance x likelihood minus the cost of working the account', () => {
    const p = priorityOf(input());
    expect(p.likelihood).toBeCloseTo(0.9 * 0.9, 10);
    expect(p.score).toBeCloseTo(86_000 * 0.81 - defaultPriorityPolicy.costOfWorkingMajor, 2);
  });

  it('ranks a larger balance above a smaller one of the same age and grade', () => {
    expect(priorityOf(input({ openByCurrency: { CNY: 9_000_000 } })).score).toBeGreaterThan(
      priorityOf(input()).score,
    );
  });

  it('PB-06: ranks the 30-45 day window up and recovery odds fall sharply after 90 days', () => {
    const at = (days: number) => priorityOf(input({ maxDaysOverdue: days })).score;
    expect(at(35)).toBeGreaterThan(at(25));
    expect(at(35)).toBeGreaterThan(at(50));
    expect(at(100)).toBeLessThan(at(80) * 0.7);
  });

  it('PB-06: ranks key accounts up', () => {
    expect(priorityOf(input({ maxDaysOverdue: 50, keyAccount: true })).score).toBeGreaterThan(
      priorityOf(input({ maxDaysOverdue: 50 })).score,
    );
    expect(priorityOf(input({ keyAccount: true })).explanation).toContain('key account');
  });

  it('lowers the likelihood for a worse grade and for each broken promise, down to a floor', () => {
    const base = { maxDaysOverdue: 20, grade: 'A' as const, brokenPromiseDates: [] };
    expect(recoveryLikelihood({ ...base, grade: 'C' })).toBeLessThan(recoveryLikelihood(base));
    const one = recoveryLikelihood({ ...base, brokenPromiseDates: ['2026-11-02'] });
    const many = recoveryLikelihood({ ...base, brokenPromiseDates: Array(20).fill('2026-11-02') });
    expect(one).toBeLessThan(recoveryLikelihood(base));
    expect(many).toBeCloseTo(0.9 * defaultPriorityPolicy.brokenPromiseFloor, 10);
  });

  it('ranks tiny balances down below the cost of working them', () => {
    const tiny = priorityOf(input({ openByCurrency: { CNY: 50_000 } }));
    expect(tiny.score).toBeLessThan(0);
    expect(tiny.explanation).toContain('small balance');
  });

  it('converts other currencies with the rate table for ranking only, 1:1 when a rate is missing', () => {
    const policy = { ...defaultPriorityPolicy, rates: { USD: 7.1 } };
    expect(toBase({ USD: 100_000, CNY: 100_000 }, policy)).toBeCloseTo(7_100 + 1_000, 6);
    expect(toBase({ EUR: 100_000 }, policy)).toBe(1_000);
    expect(toBase({ JPY: 100_000 }, policy)).toBe(100_000);
    const p = priorityOf(input({ openByCurrency: { CNY: 8_600_000, USD: 120_000 } }), policy);
    expect(p.explanation.startsWith('CNY 86,000 + USD 1,200 open')).toBe(true);
  });

  it('mentions the latest missed promise and how many came before', () => {
    const p = priorityOf(input({ brokenPromiseDates: ['2026-11-02', '2026-10-15'] }));
    expect(p.explanation).toContain('missed promise 2 Nov (+1 earlier)');
  });
});
