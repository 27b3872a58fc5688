import { describe, expect, it } from 'vitest';
import { copyRows, decodeCopyField, encodeCopyField } from '../../src/ledger/copy-text.ts';

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

const collect = async (source: AsyncIterable<(string | null)[][]>) => {
  const batches: (string | null)[][][] = [];
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

  it('decodes the escapes COPY TO writes for control characters', () => {
    expect(decodeCopyField('\\b\\f\\v\\r\\n\\t\\\\')).toBe('\b\f\v\r\n\t\\');
  });

  it('cuts rows into batches across chunk boundaries, even inside a multi-byte character', async () => {
    const text = Buffer.from('inv-1\t客户\t\\N\ninv-2\tx\\ty\t10.50\ninv-3\tz\t0\n', 'utf8');
    const cut = text.indexOf(Buffer.from('户')) + 1; // inside the three bytes of 户
    const batches = await collect(
      copyRows(chunks(text.subarray(0, cut), text.subarray(cut, 20), text.subarray(20)), 2),
    );
    expect(batches).toEqual([
      [
        ['inv-1', '客户', null],
        ['inv-2', 'x\ty', '10.50'],
      ],
      [['inv-3', 'z', '0']],
    ]);
  });

  it('refuses output that ends inside a row, and bytes that are not UTF-8', async () => {
    await expect(collect(copyRows(chunks(Buffer.from('inv-1\tx\ninv-2\t')), 10))).rejects.toThrow(
      /ended inside a row/,
    );
    await expect(collect(copyRows(chunks(Buffer.from([0x61, 0xff, 0x0a])), 10))).rejects.toThrow();
  });
});
