import { describe, expect, it } from 'vitest';
import {
  copyLines,
  decodeCopyField,
  decodeCopyLines,
  detached,
  encodeCopyField,
} from '../../src/ledger/copy-text.ts';

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

const collect = async <T>(source: AsyncIterable<T>) => {
  const batches: T[] = [];
  for await (const batch of source) batches.push(batch);
  return batches;
};

describe('COPY text format', () => {
  it('round-trips tabs, newlines, carriage returns, backslashes, NULL and the empty string', () => {
    for (const value of [
      'plain',
      'a\tb',
      'line\nnext',
      'cr\rlf',
      'C:\\path\\file',
      '\\N',
      '',
      '客户 12 有限公司',
    ]) {
      expect(decodeCopyField(encodeCopyField(value))).toBe(value);
    }
    expect(encodeCopyField(null)).toBe('\\N');
    expect(decodeCopyField('\\N')).toBeNull();
    expect(encodeCopyField(-1250)).toBe('-1250');
  });

  it('detaches a string from the text it was cut from, keeping its value', () => {
    const long = `${'x'.repeat(100)}\t客户-0123456789-abcdef\t`.split('\t')[1] as string;
    expect(detached(long)).toBe('客户-0123456789-abcdef');
  });

  it('decodes the escapes COPY TO writes for control characters', () => {
    expect(decodeCopyField('\\b\\f\\v\\r\\n\\t\\\\')).toBe('\b\f\v\r\n\t\\');
  });

  it('cuts chunks into runs of whole lines, even when a chunk ends inside a multi-byte character', async () => {
    const text = Buffer.from('inv-1\t客户\t\\N\ninv-2\tx\\ty\t10.50\ninv-3\tz\t0\n', 'utf8');
    const cut = text.indexOf(Buffer.from('户')) + 1; // inside the three bytes of 户
    const parts = chunks(text.subarray(0, cut), text.subarray(cut, 20), text.subarray(20));
    const runs = await collect(copyLines(parts));
    expect(runs.every((run) => run.at(-1) === 10)).toBe(true);
    expect(Buffer.concat(runs).equals(text)).toBe(true);
    const columns = ['id', 'name', 'open'];
    expect(runs.flatMap((run) => decodeCopyLines(run, columns))).toEqual([
      { id: 'inv-1', name: '客户', open: null },
      { id: 'inv-2', name: 'x\ty', open: '10.50' },
      { id: 'inv-3', name: 'z', open: '0' },
    ]);
  });

  it('refuses output that ends inside a row, bytes that are not UTF-8 and rows of another width', async () => {
    const columns = ['id', 'name'];
    await expect(collect(copyLines(chunks(Buffer.from('inv-1\tx\ninv-2\t'))))).rejects.toThrow(
      /ended inside a row/,
    );
    expect(() => decodeCopyLines(Buffer.from([0x61, 0x09, 0xff, 0x0a]), columns)).toThrow();
    expect(() => decodeCopyLines(Buffer.from('a\tb\tc\n'), columns)).toThrow(/3 fields, expected 2/);
  });
});
