import { describe, expect, it } from 'vitest';
import { mb, median, percentile } from '../../bench/stats.ts';

describe('the numbers benchmarks report', () => {
  it('prints memory in whole mebibytes', () => {
    expect(mb(0)).toBe(0);
    expect(mb(300 * 1024 * 1024 + 600 * 1024)).toBe(301);
  });

  it('takes the upper middle value as the median, unsorted input left as it was', () => {
    const values = [5, 1, 4, 2];
    expect(median(values)).toBe(4);
    expect(values).toEqual([5, 1, 4, 2]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBe(0);
  });

  it('gives the nearest-rank percentile of sorted values', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});
