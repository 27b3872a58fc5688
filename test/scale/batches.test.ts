import { describe, expect, it } from 'vitest';
import { batches, INSERT_BATCH_ROWS, insertInBatches } from '../../src/batches.ts';

describe('statements over unbounded lists (batches)', () => {
  it('slices in order, the last slice shorter, nothing for nothing', () => {
    expect([...batches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...batches([], 2)]).toEqual([]);
    expect([...batches(Array.from({ length: 2_500 }, (_, i) => i))].map((b) => b.length)).toEqual([
      INSERT_BATCH_ROWS,
      INSERT_BATCH_ROWS,
      500,
    ]);
  });

  it('refuses a batch size that would never end or is not a count', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => [...batches([1], size)]).toThrow(/batch size/);
  });

  it('keeps every batch under the parameter limit and returns what each returned, in order', async () => {
    const seen: number[] = [];
    const out = await insertInBatches(
      Array.from({ length: 14_500 }, (_, i) => i),
      async (batch) => {
        seen.push(batch.length * 5); // five columns a row, as meeting_accounts
        return batch.map((x) => x * 2);
      },
    );
    expect(Math.max(...seen)).toBeLessThan(65_535);
    expect(out).toHaveLength(14_500);
    expect(out[14_499]).toBe(28_998);
  });
});
