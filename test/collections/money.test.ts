import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  currencyCode,
  currencyDigits,
  formatAmount,
  formatMoney,
  formatMoneyWhole,
  formatTotals,
  parseMoneyInput,
  sumByCurrency,
} from '../../src/collections/money.ts';

describe('money formatting', () => {
  it('writes the currency code and the exact amount: CNY 86,000.00 (PB-16 messages)', () => {
    expect(formatMoney({ minor: 8_600_000, currency: 'CNY' })).toBe('CNY 86,000.00');
    expect(formatAmount({ minor: 8_600_000, currency: 'CNY' })).toBe('86,000.00');
  });

  it('uses the currency own number of decimals: JPY none, KWD three', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(formatMoney({ minor: 86_000, currency: 'JPY' })).toBe('JPY 86,000');
    expect(formatMoney({ minor: 1_234_567, currency: 'KWD' })).toBe('KWD 1,234.567');
  });

  it('follows the locale for grouping and the decimal mark', () => {
    expect(formatMoney({ minor: 1_250_050, currency: 'EUR' }, 'de-DE')).toBe('EUR 12.500,50');
  });

  it('shows negative amounts and pads small ones', () => {
    expect(formatMoney({ minor: -5, currency: 'USD' })).toBe('USD -0.05');
  });

  it('rounds to whole units half up for one-line summaries', () => {
    expect(formatMoneyWhole({ minor: 8_600_049, currency: 'CNY' })).toBe('CNY 86,000');
    expect(formatMoneyWhole({ minor: 8_600_050, currency: 'CNY' })).toBe('CNY 86,001');
    expect(formatMoneyWhole({ minor: 500, currency: 'JPY' })).toBe('JPY 500');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => formatMoney({ minor: 1.5, currency: 'CNY' })).toThrow(/safe integer/);
  });
});

describe('money totals never mix currencies', () => {
  it('sums per currency, keys in alphabetical order', () => {
    const totals = sumByCurrency([
      { minor: 100, currency: 'USD' },
      { minor: 250, currency: 'CNY' },
      { minor: 50, currency: 'USD' },
    ]);
    expect(totals).toEqual({ CNY: 250, USD: 150 });
    expect(Object.keys(totals)).toEqual(['CNY', 'USD']);
    expect(formatTotals(totals)).toBe('CNY 2.50 + USD 1.50');
    expect(formatTotals({})).toBe('nothing');
  });

  it('throws when asked to add two currencies', () => {
    expect(() => addMoney({ minor: 1, currency: 'CNY' }, { minor: 1, currency: 'USD' })).toThrow(
      /CNY to USD/,
    );
  });

  it('keeps each currency total equal to the sum of its own items (property)', () => {
    const item = fc.record({
      minor: fc.integer({ min: 0, max: 1e9 }),
      currency: fc.constantFrom('CNY', 'USD', 'JPY'),
    });
    fc.assert(
      fc.property(fc.array(item), (items) => {
        const totals = sumByCurrency(items);
        for (const currency of ['CNY', 'USD', 'JPY']) {
          const own = items.filter((i) => i.currency === currency);
          expect(totals[currency]).toBe(own.length === 0 ? undefined : own.reduce((s, i) => s + i.minor, 0));
        }
      }),
    );
  });
});

describe('reading amounts people type (for /overdue >50k and forms)', () => {
  it.each([
    ['50k', 'CNY', 5_000_000],
    ['1.5m', 'CNY', 150_000_000],
    ['50000', 'CNY', 5_000_000],
    ['12,500.50', 'CNY', 1_250_050],
    ['12.5K', 'CNY', 1_250_000],
    ['.5', 'USD', 50],
    ['CNY 86,000.00', 'CNY', 8_600_000],
    ['86000 cny', 'CNY', 8_600_000],
    ['12.5k', 'JPY', 12_500],
    ['1.234', 'KWD', 1_234],
    ['0', 'CNY', 0],
  ])('reads "%s" in %s as %i minor units', (text, currency, minor) => {
    expect(parseMoneyInput(text, currency)).toBe(minor);
  });

  it.each([
    ['', 'nothing'],
    ['abc', 'no number'],
    ['-5', 'a negative amount'],
    ['1.234', 'more decimals than CNY has'],
    ['1,2', 'a comma that is not a thousands separator'],
    ['12.500,50', 'a European decimal comma'],
    ['USD 5', 'another currency'],
    ['5x', 'an unknown suffix'],
    ['99999999999999999999', 'more than a safe integer'],
  ])('rejects "%s" (%s)', (text) => {
    expect(parseMoneyInput(text, 'CNY')).toBeNull();
  });

  it('round-trips: parsing a formatted amount gives the same minor units (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('CNY', 'USD', 'JPY', 'KWD', 'EUR'),
        (minor, currency) => {
          expect(parseMoneyInput(formatMoney({ minor, currency }), currency)).toBe(minor);
          expect(parseMoneyInput(formatAmount({ minor, currency }), currency)).toBe(minor);
        },
      ),
    );
  });
});

describe('a currency column read back', () => {
  it('is its ISO code without the padding char(3) may add', () => {
    expect(currencyCode('CNY')).toBe('CNY');
    expect(currencyCode('EU ')).toBe('EU');
  });
});
