import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMinorUnits } from '../../src/ledger/money-parse.ts';
import { parseLedgerDate, parseLedgerRow, parseLedgerTimestamp } from '../../src/ledger/rows.ts';
import type { RawLedgerRow } from '../../src/ledger/types.ts';

const row = (overrides: RawLedgerRow = {}): RawLedgerRow => ({
  invoice_id: 'INV-1',
  invoice_number: 'SO-2026-001',
  customer_id: 'C1',
  customer_name: '上海远航贸易有限公司',
  issue_date: '2026-10-01',
  due_date: '2026-10-31',
  total: '1200.00',
  open_amount: '450.50',
  currency: 'CNY',
  updated_at: new Date('2026-11-01T08:00:00Z'),
  contact_name: '王芳',
  contact_email: 'wang.fang@example.cn',
  contact_phone: null,
  sales_rep: ' ',
  ...overrides,
});

const skipped = (overrides: RawLedgerRow) => {
  const parsed = parseLedgerRow(row(overrides));
  if (parsed.ok) throw new Error('expected the row to be skipped');
  return parsed;
};

describe('parseLedgerRow', () => {
  it('converts a valid row: minor units, trimmed text, blanks as null, missing locale as null', () => {
    const parsed = parseLedgerRow(row());
    expect(parsed).toEqual({
      ok: true,
      item: {
        invoiceId: 'INV-1',
        invoiceNumber: 'SO-2026-001',
        customerId: 'C1',
        customerName: '上海远航贸易有限公司',
        issueDate: '2026-10-01',
        dueDate: '2026-10-31',
        totalMinor: 120000,
        openMinor: 45050,
        currency: 'CNY',
        updatedAt: new Date('2026-11-01T08:00:00Z'),
        contactName: '王芳',
        contactEmail: 'wang.fang@example.cn',
        contactPhone: null,
        salesRep: null,
        customerLocale: null,
        paidAt: null,
        interestPercent: null,
        discountUntil: null,
        discountMinor: null,
        customerTimeZone: null,
        nextDeliveryDate: null,
      },
    });
  });

  it('PB-24/PB-15: reads the customer time zone and next delivery date, a bad one as absent, never skipping the row', () => {
    const read = (values: Record<string, unknown>) => {
      const parsed = parseLedgerRow(row(values));
      if (!parsed.ok) throw new Error(parsed.detail);
      return [parsed.item.customerTimeZone, parsed.item.nextDeliveryDate];
    };
    expect(read({ customer_time_zone: ' Europe/Berlin ', next_delivery_date: '2026-12-15' })).toEqual([
      'Europe/Berlin',
      '2026-12-15',
    ]);
    expect(read({ customer_time_zone: 'Europe/Berln', next_delivery_date: '2026-02-30' })).toEqual([
      null,
      null,
    ]);
    expect(read({ customer_time_zone: '', next_delivery_date: '' })).toEqual([null, null]);
    expect(read({ next_delivery_date: new Date('2026-12-15T00:00:00Z') })).toEqual([null, '2026-12-15']);
  });

  it('reads paid_at as a timestamp, and skips a row whose paid_at is not one (naming the column)', () => {
    const paid = parseLedgerRow(row({ paid_at: '2026-10-20 09:30:00' }));
    expect(paid.ok && paid.item.paidAt).toEqual(new Date('2026-10-20T09:30:00Z'));
    const blank = parseLedgerRow(row({ paid_at: null }));
    expect(blank.ok && blank.item.paidAt).toBeNull();
    expect(parseLedgerRow(row({ paid_at: '2026-02-30 10:00:00' }))).toEqual({
      ok: false,
      reason: 'unparseable_date',
      invoiceId: 'INV-1',
      detail: "paid_at '2026-02-30 10:00:00' is not a timestamp",
    });
  });

  it('accepts numeric ids, number and bigint amounts, Date dates and MySQL datetime strings', () => {
    const parsed = parseLedgerRow(
      row({
        invoice_id: 42,
        customer_id: 7n,
        total: 1200,
        open_amount: 99.5,
        issue_date: new Date('2026-10-01T00:00:00Z'),
        due_date: '2026-10-31 00:00:00',
        updated_at: '2026-11-01 08:00:00.123456',
        currency: 'usd',
      }),
    );
    expect(parsed.ok && parsed.item).toMatchObject({
      invoiceId: '42',
      customerId: '7',
      totalMinor: 120000,
      openMinor: 9950,
      issueDate: '2026-10-01',
      dueDate: '2026-10-31',
      currency: 'USD',
      updatedAt: new Date('2026-11-01T08:00:00.123Z'),
    });
  });

  it('uses the currency digits: JPY has none, KWD three', () => {
    const jpy = parseLedgerRow(row({ currency: 'JPY', total: '150000', open_amount: '150000.00' }));
    expect(jpy.ok && jpy.item.totalMinor).toBe(150000);
    const kwd = parseLedgerRow(row({ currency: 'KWD', total: '10.125', open_amount: '0.5' }));
    expect(kwd.ok && [kwd.item.totalMinor, kwd.item.openMinor]).toEqual([10125, 500]);
  });

  it('skips a row without a due date as missing_due_date', () => {
    expect(skipped({ due_date: null })).toMatchObject({ reason: 'missing_due_date', invoiceId: 'INV-1' });
  });

  it('skips an impossible issue or due date as unparseable_date', () => {
    expect(skipped({ issue_date: '2026-02-30' })).toMatchObject({ reason: 'unparseable_date' });
    expect(skipped({ due_date: '31/10/2026' }).detail).toBe("due_date '31/10/2026' is not a date");
    expect(skipped({ updated_at: 'yesterday' })).toMatchObject({ reason: 'unparseable_date' });
  });

  it('skips a negative open amount (a credit) as negative_open_amount', () => {
    expect(skipped({ open_amount: '-10.00' })).toMatchObject({ reason: 'negative_open_amount' });
  });

  it('skips an open amount above the total as open_above_total', () => {
    expect(skipped({ total: '100.00', open_amount: '100.01' })).toMatchObject({
      reason: 'open_above_total',
      detail: "open_amount '100.01' is above total '100.00'",
    });
  });

  it('skips a currency that is not ISO 4217 as unknown_currency', () => {
    expect(skipped({ currency: 'RMB' })).toMatchObject({ reason: 'unknown_currency', invoiceId: 'INV-1' });
  });

  it('skips amounts with more decimals than the currency has, or that are not numbers, as bad_amount', () => {
    expect(skipped({ currency: 'JPY', total: '1000.5', open_amount: '0' })).toMatchObject({
      reason: 'bad_amount',
      detail: "total '1000.5' has more than 0 decimals for JPY",
    });
    expect(skipped({ open_amount: '12.345' })).toMatchObject({ reason: 'bad_amount' });
    expect(skipped({ total: 'n/a' })).toMatchObject({ reason: 'bad_amount' });
    expect(skipped({ total: Number.NaN })).toMatchObject({ reason: 'bad_amount' });
  });

  it('skips rows without an invoice id, customer id or name as missing_field', () => {
    expect(skipped({ invoice_id: null })).toMatchObject({ reason: 'missing_field', invoiceId: null });
    expect(skipped({ customer_id: '' })).toMatchObject({ reason: 'missing_field', invoiceId: 'INV-1' });
    expect(skipped({ customer_name: '  ' }).detail).toBe('customer_name is empty');
  });
});

describe('toMinorUnits', () => {
  it('is exact for any decimal string a NUMERIC column can hold', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 3 }),
        (minor, digits) => {
          const text = minor.toString().padStart(digits + 1, '0');
          const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
          expect(toMinorUnits(major, digits)).toEqual({ ok: true, minor: Number(minor) });
        },
      ),
    );
  });

  it('gives the exact answer on both sides of the 15-digit fast path: signs, leading zeros, huge values', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat({ max: 3 }),
        (minor, digits, zeros) => {
          const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
          const text = '0'.repeat(zeros) + abs;
          const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
          const safe = minor <= BigInt(Number.MAX_SAFE_INTEGER) && minor >= -BigInt(Number.MAX_SAFE_INTEGER);
          expect(toMinorUnits(`${minor < 0n ? '-' : ''}${major}`, digits)).toEqual(
            safe ? { ok: true, minor: Number(minor) } : { ok: false, problem: 'too_large' },
          );
        },
      ),
    );
  });

  it('ignores trailing zeros but refuses anything beyond the safe integer range', () => {
    expect(toMinorUnits('12.3400', 2)).toEqual({ ok: true, minor: 1234 });
    expect(toMinorUnits('-0.00', 2)).toEqual({ ok: true, minor: 0 });
    expect(toMinorUnits('99999999999999999.99', 2)).toEqual({ ok: false, problem: 'too_large' });
    expect(toMinorUnits('1e3', 2)).toEqual({ ok: false, problem: 'not_a_number' });
  });
});

describe('ledger dates', () => {
  it('reads dates from strings and Dates, leap days included', () => {
    expect(parseLedgerDate('2028-02-29')).toBe('2028-02-29');
    expect(parseLedgerDate('2026-02-29')).toBeNull();
    expect(parseLedgerDate('2026-11-01T23:00:00+08:00')).toBe('2026-11-01');
    expect(parseLedgerDate(new Date('invalid'))).toBeNull();
  });

  it('reads timestamps without a zone as UTC, the ledger connection zone', () => {
    expect(parseLedgerTimestamp('2026-11-01 08:00:00')?.toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(parseLedgerTimestamp('2026-11-01T08:00:00+08:00')?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it("reads Postgres's text form of timestamptz, whole-hour offsets and microseconds included", () => {
    expect(parseLedgerTimestamp('2026-11-01 08:00:00.123456+00')?.toISOString()).toBe(
      '2026-11-01T08:00:00.123Z',
    );
    expect(parseLedgerTimestamp('2026-11-01 08:00:00+08')?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseLedgerTimestamp('2026-11-01 08:00:00-0330')?.toISOString()).toBe('2026-11-01T11:30:00.000Z');
    expect(parseLedgerTimestamp('2026-11-01 08:00:00+99')).toBeNull();
    expect(parseLedgerTimestamp('2026-02-29 08:00:00+00')).toBeNull();
    expect(parseLedgerTimestamp('0099-03-01 00:00:00Z')?.toISOString()).toBe('0099-03-01T00:00:00.000Z');
  });

  it("reads every valid timestamp in the drivers' forms as the ISO parser does", () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom('', 'Z', '+00', '+08', '-05', '+05:30', '-0330', '+00:00'),
        fc.constantFrom(' ', 'T'),
        (date, micros, zone, separator) => {
          const wall = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
          const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
          const fraction = micros % 7 === 0 ? '' : `.${pad(micros, 6)}`;
          const text = `${wall}${separator}${time}${fraction}${zone}`;
          const isoZone =
            zone === ''
              ? 'Z'
              : /^[+-]\d{2}$/.test(zone)
                ? `${zone}:00`
                : zone.replace(/(\d{2})(\d{2})$/, '$1:$2');
          const expected = new Date(`${wall}T${time}${fraction.slice(0, 4)}${isoZone}`);
          expect(parseLedgerTimestamp(text)?.getTime()).toBe(expected.getTime());
        },
      ),
    );
  });
});

describe('parseLedgerRow: terms the ledger keeps (issue 18)', () => {
  it('PB-16: reads the contract rate in percent a day as written, and skips a row whose rate is not one', () => {
    const rate = (value: unknown) => {
      const parsed = parseLedgerRow(row({ interest_percent_per_day: value }));
      return parsed.ok ? parsed.item.interestPercent : parsed.detail;
    };
    expect(rate(null)).toBeNull();
    expect(rate('')).toBeNull();
    expect(rate('0.030000')).toBe('0.030000');
    expect(rate(' 0.03 ')).toBe('0.03');
    expect(rate(0.03)).toBe('0.03');
    expect(rate(1e-7)).toBe('0.0000001');
    expect(rate('5')).toBe('5');
    for (const bad of ['5.01', '-0.01', '3bp', '0.03%', 'abc', '1234'])
      expect(rate(bad)).toBe(`interest_percent_per_day '${bad}' is not a rate from 0 to 5 (percent a day)`);
    expect(skipped({ interest_percent_per_day: '6' }).reason).toBe('bad_amount');
  });

  it('PB-18: reads the discount terms per invoice, both or neither, and names what is wrong', () => {
    const terms = (values: RawLedgerRow) => {
      const parsed = parseLedgerRow(row(values));
      return parsed.ok
        ? { until: parsed.item.discountUntil, minor: parsed.item.discountMinor }
        : `${parsed.reason}: ${parsed.detail}`;
    };
    expect(terms({})).toEqual({ until: null, minor: null });
    expect(terms({ discount_until: '2026-10-11', discount_amount: '24.00' })).toEqual({
      until: '2026-10-11',
      minor: 2400,
    });
    // No discount on this invoice, said by the ledger: 0 and no date.
    expect(terms({ discount_amount: '0' })).toEqual({ until: null, minor: 0 });
    expect(terms({ discount_until: '2026-10-11' })).toBe(
      'missing_field: discount_amount is empty but discount_until is set',
    );
    expect(terms({ discount_amount: '24' })).toBe(
      'missing_field: discount_until is empty but discount_amount is set',
    );
    expect(terms({ discount_until: '2026-02-30', discount_amount: '24' })).toBe(
      "unparseable_date: discount_until '2026-02-30' is not a date",
    );
    expect(terms({ discount_until: '2026-10-11', discount_amount: '1200.01' })).toBe(
      "bad_amount: discount_amount '1200.01' is not between 0 and total '1200.00'",
    );
    expect(terms({ discount_until: '2026-10-11', discount_amount: '-1' })).toBe(
      "bad_amount: discount_amount '-1' is not between 0 and total '1200.00'",
    );
    expect(terms({ discount_until: '2026-10-11', discount_amount: '1.005' })).toBe(
      "bad_amount: discount_amount '1.005' has more than 2 decimals for CNY",
    );
  });
});
