import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RepeatWatch } from '../../src/ledger/repeat-watch.ts';

describe('RepeatWatch', () => {
  it('says an id was repeated exactly when one was, through any number of table growths', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3000 }),
        fc.nat(),
        (ids, pick) => {
          const watch = new RepeatWatch();
          for (const id of ids) watch.addText(id);
          expect(watch.repeated).toBe(false);
          if (ids.length === 0) return;
          watch.addText(ids[pick % ids.length] as string);
          expect(watch.repeated).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('sees an id in COPY bytes and the same id as text as one id', () => {
    const line = Buffer.from('上海-INV-0001\tSO-1\n');
    const watch = new RepeatWatch();
    watch.addBytes(line, 0, line.indexOf(9));
    expect(watch.repeated).toBe(false);
    watch.addText('上海-INV-0001');
    expect(watch.repeated).toBe(true);
  });

  it('tells a million distinct ids apart', () => {
    const watch = new RepeatWatch();
    for (let n = 0; n < 1_000_000; n++) watch.addText(`inv-${n}`);
    expect(watch.repeated).toBe(false);
  });
});
