import { describe, expect, it } from 'vitest';
import { parseInlineMarkup, stripInlineMarkup } from '../../src/views/model.ts';

describe('markdown-ish inline markup', () => {
  it('splits *bold* and _italic_ runs', () => {
    expect(parseInlineMarkup('pay *86,000.00* by _Friday_ please')).toEqual([
      { text: 'pay ', bold: false, italic: false },
      { text: '86,000.00', bold: true, italic: false },
      { text: ' by ', bold: false, italic: false },
      { text: 'Friday', bold: false, italic: true },
      { text: ' please', bold: false, italic: false },
    ]);
  });

  it('leaves snake_case words, lone asterisks and unclosed markers as typed', () => {
    expect(stripInlineMarkup('see file_name_here and 5 * 3')).toBe('see file_name_here and 5 * 3');
    expect(stripInlineMarkup('*unclosed and _open')).toBe('*unclosed and _open');
  });

  it('works with Chinese text around and inside markers', () => {
    expect(stripInlineMarkup('客户*上海华联*逾期')).toBe('客户上海华联逾期');
    expect(parseInlineMarkup('*逾期*')).toEqual([{ text: '逾期', bold: true, italic: false }]);
  });

  it('returns no segments for empty text', () => {
    expect(parseInlineMarkup('')).toEqual([]);
  });
});
