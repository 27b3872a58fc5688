import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ByteWriter,
  checkLine,
  COPY_COLUMN_ORDER,
  newCheckedLine,
  writeStageTail,
} from '../../src/ledger/copy-check.ts';
import { decodeCopyLine, encodeCopyField } from '../../src/ledger/copy-text.ts';
import { customerText, itemLine } from '../../src/ledger/intake.ts';
import { parseLedgerRow } from '../../src/ledger/rows.ts';

/** Field values as a Postgres ledger writes them, with the near misses a real ledger has. */
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
const pad2 = (n: number) => String(n).padStart(2, '0');

const date = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`),
  pick(
    '2026-02-29',
    '2024-02-29',
    '2026-1-01',
    ' 2026-01-01',
    '2026-01-01 BC',
    '2026/01/01',
    '',
    '2026-01-01T00:00:00',
  ),
);

/**
 * A timestamptz as PostgreSQL writes it in UTC, or a timestamp without time zone; `out` lets hours,
 * minutes and seconds go one past their range.
 */
const pgTimestamp = (day: fc.Arbitrary<string>, out: 0 | 1) =>
  fc
    .tuple(
      day,
      fc.integer({ min: 0, max: 23 + out }),
      fc.integer({ min: 0, max: 59 + out }),
      fc.integer({ min: 0, max: 59 + out }),
      digits(0, 6),
      fc.boolean(),
    )
    .map(
      ([d, h, m, s, f, zone]) =>
        `${d} ${pad2(h)}:${pad2(m)}:${pad2(s)}${f ? `.${f}` : ''}${zone ? '+00' : ''}`,
    );

const timestamp = fc.oneof(
  { weight: 6, arbitrary: pgTimestamp(date, 1) },
  fc
    .tuple(date, pick('+08', '-05:30', 'Z', '', '+0000', '+00:00', '+00 '))
    .map(([d, zone]) => `${d} 10:11:12.5${zone}`),
  pick('2026-11-01T08:00:00Z', '2026-11-01 08:00:00', '0999-01-01 00:00:00+00', '2026-11-01 08:00:00.+00'),
);

const amount = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(digits(1, 9), fc.option(digits(0, 5)))
      .map(([w, f]) => (f === null ? w : `${w}.${f}`)),
  },
  fc
    .tuple(pick('-', '+', ' ', ''), digits(1, 18), pick('', '.', '.5', '.50', '.000', '.123', 'e3', ' '))
    .map(([sign, w, tail]) => `${sign}${w}${tail}`),
  pick('.5', '', 'NaN', '0', '0.00', '-0'),
);

const spaces = ['\u3000', '\u00a0', '\ufeff', '\u2003', ' ', '\u200b', '\u0085', '\u00b7'];
const text = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .@+-]{0,12}[A-Za-z0-9]$/) },
  {
    weight: 2,
    arbitrary: pick('上海远航贸易有限公司', '北京星河科技', 'Müller GmbH', '株式会社テスト', '客户（香港）'),
  },
  fc.tuple(pick(...spaces), pick('Acme', '远航'), pick(...spaces, '')).map(([a, b, c]) => `${a}${b}${c}`),
  fc.tuple(pick('Acme', '远航'), pick(...spaces)).map(([a, b]) => `${a}${b}`),
  pick('', ' ', 'a\tb', 'back\\slash', 'line\nbreak', '\\N', 'x'),
  fc.string({ maxLength: 6 }),
);

const nullable = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: fc.constant(null) });

/** Rows in the usual form (most of them valid), to reach the fast path. */
const plain = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .@+-]{0,12}[A-Za-z0-9]$/),
  pick('上海远航贸易有限公司', '北京星河科技', 'Müller GmbH', '株式会社テスト', '客户（香港）', 'X'),
);
const usualDate = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const usualRow = fc
  .record({
    invoice_id: plain,
    invoice_number: plain,
    issue_date: usualDate,
    due_date: usualDate,
    total: fc.tuple(digits(1, 8), digits(0, 2)).map(([w, f]) => (f ? `${w}.${f}` : w)),
    open: pick('same', 'zero', 'less'),
    currency: pick('CNY', 'USD', 'EUR', 'JPY', 'KWD'),
    updated_at: pgTimestamp(usualDate, 0),
    customer_id: plain,
    customer_name: plain,
    contact_name: nullable(plain),
    contact_email: nullable(plain),
    contact_phone: nullable(plain),
    sales_rep: nullable(plain),
    customer_locale: nullable(pick('zh-CN', 'en', 'zh-TW')),
    paid_at: nullable(pgTimestamp(usualDate, 0)),
    interest_percent_per_day: nullable(pick('0.05', '0.03', '5', '0', '1.25', '0.000100')),
    customer_time_zone: nullable(pick('Asia/Shanghai', 'Europe/Berlin', 'UTC')),
    next_delivery_date: nullable(usualDate),
    discount: pick('none', 'none', 'ledger', 'no discount'),
    discount_until: usualDate,
  })
  .map(({ open, discount, discount_until, ...values }) => ({
    ...values,
    open_amount: open === 'same' ? values.total : open === 'zero' ? '0.00' : values.total.slice(1) || '0',
    // PB-18: the ledger's discount (a part of the total), none (0, no date) or not known (both NULL).
    discount_until: discount === 'ledger' ? discount_until : null,
    discount_amount: discount === 'ledger' ? values.total.slice(1) || '0' : discount === 'none' ? null : '0',
  }));

/** Any of a column's values, near misses included. */
const anyValue: Record<string, fc.Arbitrary<string | null>> = {
  invoice_id: text,
  invoice_number: text,
  issue_date: date,
  due_date: date,
  total: amount,
  open_amount: amount,
  currency: pick('CNY', 'usd', 'ABC', 'US', '', ' EUR'),
  updated_at: timestamp,
  customer_id: text,
  customer_name: text,
  contact_name: text,
  contact_email: text,
  contact_phone: text,
  sales_rep: text,
  customer_locale: pick('zh-CN', ' en', ''),
  paid_at: timestamp,
  interest_percent_per_day: pick(
    '0.05',
    ' 0.05',
    '5.01',
    '5.000',
    '1e-3',
    '-0.01',
    '1234',
    '0.',
    '.5',
    '0.0000000000001',
    '',
  ),
  discount_until: date,
  discount_amount: amount,
  // PB-24 / PB-15: a zone Intl does not know and a date that is not one are read as absent.
  customer_time_zone: pick('Asia/Shanghai', 'Mars/Olympus', ' UTC', 'asia/shanghai', ''),
  next_delivery_date: date,
};

/** A usual row with up to three columns set to any value, NULL included. */
const row = fc
  .tuple(
    usualRow,
    fc.array(
      fc
        .constantFrom(...Object.keys(anyValue))
        .chain((column) =>
          fc.tuple(fc.constant(column), nullable(anyValue[column] as fc.Arbitrary<string | null>)),
        ),
      { maxLength: 3 },
    ),
  )
  .map(([values, changes]) => ({ ...values, ...Object.fromEntries(changes) }) as Row);

type Row = Record<(typeof COPY_COLUMN_ORDER)[number], string | null>;

/** Checks one row both ways; returns whether the fast path took it. */
function compare(values: Row, columns: readonly string[]): boolean {
  const line = columns.map((c) => encodeCopyField(values[c as keyof Row])).join('\t');
  const bytes = Buffer.from(`${line}\n`);
  const out = new ByteWriter(16);
  out.write('previous\n');
  const into = newCheckedLine();
  const taken = checkLine(bytes, 0, bytes.length - 1, columns.length, out, into);
  const parsed = parseLedgerRow(decodeCopyLine(line, columns));
  if (!taken) {
    expect(out.take().toString()).toBe('previous\n'); // nothing written
    return false;
  }
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return false;
  const iso = parsed.item.updatedAt.toISOString();
  writeStageTail(bytes, into, 1234, out);
  const written = out.take();
  expect(written.toString()).toBe(`previous\n${itemLine(parsed.item, iso, 1234)}`);
  expect(written.toString('latin1', into.isoAt, into.isoAt + 24)).toBe(iso);
  expect(bytes.toString('utf8', 0, into.idEnd)).toBe(encodeCopyField(parsed.item.invoiceId));
  expect(bytes.toString('utf8', into.customerStart, into.customerEnd)).toBe(customerText(parsed.item));
  expect(bytes.toString('utf8', into.customerStart, into.customerIdEnd)).toBe(
    encodeCopyField(parsed.item.customerId),
  );
  return true;
}

describe('checkLine: the usual ledger row checked on its COPY bytes', () => {
  it('takes exactly the rows parseLedgerRow accepts in the usual form, and writes what the general path writes', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(row, (values) => {
        runs++;
        if (compare(values, COPY_COLUMN_ORDER)) taken++;
      }),
      { numRuns: 5000 },
    );
    // The generators are meant to reach both paths often, not only one of them.
    expect(taken / runs).toBeGreaterThan(0.2);
    expect(taken / runs).toBeLessThan(0.8);
  });

  const usual: Row = {
    invoice_id: 'INV-1',
    invoice_number: 'SO-2026-001',
    issue_date: '2026-10-01',
    due_date: '2026-10-31',
    total: '1200.00',
    open_amount: '450.5',
    currency: 'CNY',
    updated_at: '2026-11-01 08:00:00.123456+00',
    customer_id: 'C1',
    customer_name: '上海远航贸易有限公司',
    contact_name: '王芳',
    contact_email: null,
    contact_phone: null,
    sales_rep: 'Li Wei',
    customer_locale: 'zh-CN',
    interest_percent_per_day: null,
    customer_time_zone: null,
    next_delivery_date: null,
    paid_at: null,
    discount_until: null,
    discount_amount: null,
  };

  it('takes the usual row, with or without customer_locale and paid_at, and timestamps without a zone', () => {
    expect(compare(usual, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, updated_at: '2026-11-01 08:00:00.5' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, updated_at: '2026-11-01 08:00:00' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, customer_locale: null }, COPY_COLUMN_ORDER)).toBe(true);
    // paid_at as the Odoo preset gives it (a date at noon, no zone) and as a timestamptz.
    expect(compare({ ...usual, paid_at: '2026-10-20 12:00:00' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, paid_at: '2026-10-20 09:30:00.25+00' }, COPY_COLUMN_ORDER)).toBe(true);
    // PB-16 / PB-18: the ledger's contract rate and the installment's discount terms.
    expect(compare({ ...usual, interest_percent_per_day: '0.030000' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, interest_percent_per_day: '5' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(
      compare({ ...usual, discount_until: '2026-10-11', discount_amount: '24.00' }, COPY_COLUMN_ORDER),
    ).toBe(true);
    expect(compare({ ...usual, discount_amount: '0' }, COPY_COLUMN_ORDER)).toBe(true);
    expect(compare({ ...usual, currency: 'JPY', total: '1200', open_amount: '0' }, COPY_COLUMN_ORDER)).toBe(
      true,
    );
    expect(
      compare({ ...usual, currency: 'KWD', total: '1.250', open_amount: '1.2500' }, COPY_COLUMN_ORDER),
    ).toBe(true);
  });

  it('leaves every near miss to the general path, which decides (and explains) it', () => {
    for (const near of [
      { invoice_id: ' INV-1' },
      { customer_name: '远航\u3000' },
      { customer_name: '\ufeffAcme' },
      { contact_name: '' },
      { invoice_number: 'a\\b' },
      { currency: 'cny' },
      { total: '-1.00' },
      { open_amount: '1200.01' },
      { total: '12.345' },
      { total: '1234567890123456' },
      { due_date: null },
      { due_date: '2026-02-29' },
      { updated_at: '2026-11-01 08:00:00+08' },
      { updated_at: '2026-11-01 24:00:00+00' },
      { issue_date: '0999-12-31' },
      { paid_at: '2026-10-20' },
      { paid_at: '2026-10-20 12:00:00+08' },
      { paid_at: '2026-02-30 12:00:00' },
      { paid_at: '' },
      { interest_percent_per_day: '5.01' },
      { interest_percent_per_day: '-1' },
      { interest_percent_per_day: ' 0.05' },
      { discount_until: '2026-10-11' },
      { discount_amount: '24.00' },
      { discount_until: '2026-10-11', discount_amount: '1200.01' },
      { discount_until: '2026-10-11 00:00:00', discount_amount: '24.00' },
    ] as Partial<Row>[]) {
      expect(compare({ ...usual, ...near }, COPY_COLUMN_ORDER), JSON.stringify(near)).toBe(false);
    }
  });

  it('sends a line of another width to the general path, which refuses it', () => {
    const out = new ByteWriter();
    const into = newCheckedLine();
    const line = Buffer.from('INV-1\tSO-1\t2026-10-01');
    expect(checkLine(line, 0, line.length, COPY_COLUMN_ORDER.length, out, into)).toBe(false);
    expect(out.length).toBe(0);
    // A mapping's own column list (a subset) is never taken as the known order.
    const usualLine = Buffer.from(COPY_COLUMN_ORDER.map((c) => encodeCopyField(usual[c])).join('\t'));
    expect(checkLine(usualLine, 0, usualLine.length, COPY_COLUMN_ORDER.length - 1, out, into)).toBe(false);
    expect(out.length).toBe(0);
  });
});
