import { describe, expect, it } from 'vitest';
import { csvCell, csvFile, csvFromLines, csvLine } from '../../src/reports/csv.ts';

describe('CSV files of long lists', () => {
  it('quotes what needs quoting and keeps any script as UTF-8 with a byte order mark', () => {
    const bytes = csvFile(
      ['Account', 'Amount'],
      [
        ['苏州永信, "A" Ltd\nBranch', 1500.5],
        ['Plain', null],
      ],
    );
    const text = Buffer.from(bytes).toString('utf8');
    expect(text).toBe('\ufeffAccount,Amount\r\n"苏州永信, ""A"" Ltd\nBranch",1500.5\r\nPlain,\r\n');
  });

  it('writes ledger text that looks like a formula as text (CSV injection)', () => {
    for (const hostile of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])
      expect(csvCell(hostile).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(-5)).toBe('-5'); // numbers are ours, written as they are
  });

  it('writes the same file from lines as from rows', () => {
    const rows = [
      ['=x', 1],
      ['a"b', null],
    ] as const;
    expect(
      csvFromLines(
        ['A', 'B'],
        rows.map((r) => csvLine(r)),
      ),
    ).toEqual(csvFile(['A', 'B'], rows));
  });

  it('refuses a row of the wrong width and a number that is not one', () => {
    expect(() => csvFile(['a', 'b'], [['only one']])).toThrow(/1 cells for 2 columns/);
    expect(() => csvCell(Number.NaN)).toThrow(/finite/);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});
