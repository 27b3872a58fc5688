import { describe, expect, it } from 'vitest';
import { COPY_COLUMN_ORDER } from '../../src/ledger/copy-check.ts';
import { decodeCopyLines, encodeCopyField } from '../../src/ledger/copy-text.ts';
import { SyncIntake } from '../../src/ledger/intake.ts';
import type { LedgerColumn } from '../../src/ledger/types.ts';

type Values = Partial<Record<LedgerColumn, string | null>>;

const usual = (n: number, values: Values = {}): Values => ({
  invoice_id: `INV-${n}`,
  invoice_number: `SO-${n}`,
  issue_date: '2026-10-01',
  due_date: '2026-10-31',
  total: '100.00',
  open_amount: '40.5',
  currency: 'CNY',
  updated_at: `2026-11-01 08:00:${String(n % 60).padStart(2, '0')}+00`,
  customer_id: 'C1',
  customer_name: '上海远航贸易有限公司',
  contact_name: null,
  contact_email: 'ap@yuanhang.example',
  contact_phone: null,
  sales_rep: 'Li Wei',
  customer_locale: 'zh-CN',
  ...values,
});

const copyText = (rows: Values[], columns: readonly LedgerColumn[] = COPY_COLUMN_ORDER) =>
  Buffer.from(rows.map((r) => `${columns.map((c) => encodeCopyField(r[c] ?? null)).join('\t')}\n`).join(''));

/** What an intake made of its rows, in comparable form. */
function outcome(intake: SyncIntake) {
  return {
    items: intake.takeItems().toString(),
    customers: [...intake.customerLines(2)].map((b) => b.toString()).join(''),
    latest: intake.latestChange()?.toISOString() ?? null,
    skipped: intake.skipped,
    rowsRead: intake.rowsRead,
    rowsSkipped: intake.rowsSkipped,
  };
}

describe('SyncIntake', () => {
  const rows: Values[] = [
    usual(1),
    usual(2, { customer_name: ' 远航 ' }), // trimmed by the general path
    usual(3, { due_date: null }), // skipped: missing_due_date
    usual(4, { currency: 'usd', customer_id: 'C2', customer_name: 'Acme\tInc' }),
    usual(5, { open_amount: '100.01' }), // skipped: open_above_total
    usual(6, { updated_at: '2026-11-02 09:00:00.5+08', customer_id: 'C2', customer_name: 'Acme Inc' }),
    usual(7, { invoice_id: null }), // skipped without an id
    usual(8, { customer_id: 'C3', contact_phone: '+86 21 5555 0100', customer_locale: null }),
  ];

  it('makes the same of COPY text as of the same rows handed over by a driver', () => {
    for (const columns of [COPY_COLUMN_ORDER, COPY_COLUMN_ORDER.slice(0, -1)]) {
      const text = copyText(rows, columns);
      const fromCopy = new SyncIntake();
      fromCopy.take({ kind: 'copy', text, columns });
      const fromRows = new SyncIntake();
      fromRows.take({ kind: 'rows', rows: decodeCopyLines(text, columns) });
      // Columns in another order than the fast path knows: every line goes the general way.
      const reordered = [...columns].reverse();
      const fromOtherOrder = new SyncIntake();
      fromOtherOrder.take({ kind: 'copy', text: copyText(rows, reordered), columns: reordered });
      const expected = outcome(fromRows);
      expect(outcome(fromCopy)).toEqual(expected);
      expect(outcome(fromOtherOrder)).toEqual(expected);
      expect(expected.rowsRead).toBe(8);
      expect(expected.skipped).toEqual({
        missing_due_date: { count: 1, invoiceIds: ['INV-3'] },
        open_above_total: { count: 1, invoiceIds: ['INV-5'] },
        missing_field: { count: 1, invoiceIds: [] },
      });
      // Skipped rows with an id stay in the stage (valid false) for the reconcile.
      expect(expected.items).toContain(
        'INV-3\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tf\t\\N\t\\N\t\\N\t\\N\n',
      );
      // The +08 row is the latest change, skipped rows count too.
      expect(expected.latest).toBe('2026-11-02T01:00:00.500Z');
    }
  });

  it('writes a first load (open_items and customers with numbered ids) the same from COPY text and from rows', () => {
    const load = { runId: 7, firstCustomerId: 100, firstItemId: 5000 };
    const paid = usual(9, { open_amount: '0.00', updated_at: '2026-11-03 10:00:00.25+00' });
    const text = copyText([...rows, paid]);
    const fromCopy = new SyncIntake(load);
    fromCopy.take({ kind: 'copy', text, columns: COPY_COLUMN_ORDER });
    const fromRows = new SyncIntake(load);
    fromRows.take({ kind: 'rows', rows: decodeCopyLines(text, COPY_COLUMN_ORDER) });
    const expected = outcome(fromRows);
    expect(outcome(fromCopy)).toEqual(expected);
    expect(fromCopy.itemsWritten).toBe(6);
    // Skipped rows are not written; items are numbered from 5000, customers from 100 in the order read.
    const lines = expected.items.trimEnd().split('\n');
    // The last fields (ledger_paid_at, discount_until, discount_minor) are empty: these rows have none.
    expect(lines.map((line) => line.split('\t').slice(-8))).toEqual([
      ['100', 'open', '\\N', '7', '5000', '\\N', '\\N', '\\N'],
      ['100', 'open', '\\N', '7', '5001', '\\N', '\\N', '\\N'],
      ['101', 'open', '\\N', '7', '5002', '\\N', '\\N', '\\N'],
      ['101', 'open', '\\N', '7', '5003', '\\N', '\\N', '\\N'],
      ['102', 'open', '\\N', '7', '5004', '\\N', '\\N', '\\N'],
      ['100', 'settled', '2026-11-03T10:00:00.250Z', '7', '5005', '\\N', '\\N', '\\N'],
    ]);
    // C1's latest row is the paid one, which has the full name again.
    expect(expected.customers.split('\n')[0]).toBe(
      '100\tC1\t上海远航贸易有限公司\t\\N\tap@yuanhang.example\t\\N\tLi Wei\tzh-CN\t\\N\t\\N\t\\N',
    );
  });

  it('writes paid_at, the discount terms (PB-18) and the contract rate (PB-16) the same from COPY text and from rows', () => {
    const terms: Values[] = [
      usual(1, { paid_at: '2026-10-20 12:00:00', open_amount: '0.00' }),
      usual(2, { discount_until: '2026-10-11', discount_amount: '2.00' }),
      usual(3, { discount_amount: '0', interest_percent_per_day: '0.03' }), // C1's latest valid row
      usual(4, { discount_until: '2026-10-11' }), // skipped: missing_field
      usual(5, { customer_id: 'C2', interest_percent_per_day: '9' }), // skipped: bad_amount
    ];
    for (const load of [null, { runId: 7, firstCustomerId: 100, firstItemId: 5000 }]) {
      const text = copyText(terms);
      const fromCopy = new SyncIntake(load);
      fromCopy.take({ kind: 'copy', text, columns: COPY_COLUMN_ORDER });
      const fromRows = new SyncIntake(load);
      fromRows.take({ kind: 'rows', rows: decodeCopyLines(text, COPY_COLUMN_ORDER) });
      const expected = outcome(fromRows);
      expect(outcome(fromCopy)).toEqual(expected);
      const lines = expected.items.trimEnd().split('\n');
      expect(lines.map((line) => line.split('\t').slice(-3))).toEqual([
        ['2026-10-20T12:00:00.000Z', '\\N', '\\N'],
        ['\\N', '2026-10-11', '200'],
        ['\\N', '\\N', '0'],
        // The two skipped rows, kept for the reconcile (not in a first load).
        ...(load ? [] : [1, 2].map(() => ['\\N', '\\N', '\\N'])),
      ]);
      // A first load settles the paid item as of paid_at, not of its last change.
      if (load) expect(lines[0]).toContain('\tsettled\t2026-10-20T12:00:00.000Z\t');
      expect(expected.customers).toContain('\tzh-CN\t0.03\t\\N\t\\N\n');
      expect(expected.skipped).toEqual({
        missing_field: { count: 1, invoiceIds: ['INV-4'] },
        bad_amount: { count: 1, invoiceIds: ['INV-5'] },
      });
    }
  });

  it('stages each customer once, with the fields of its latest row (the later read on a tie)', () => {
    const at = (hour: number) => `2026-11-01 ${String(hour).padStart(2, '0')}:00:00+00`;
    const cases: { rows: [string, number][]; wins: string }[] = [
      {
        rows: [
          ['X', 9],
          ['Y', 5],
          ['Y', 10],
        ],
        wins: 'Y',
      },
      {
        rows: [
          ['X', 5],
          ['X', 9],
          ['Y', 7],
        ],
        wins: 'X',
      },
      {
        rows: [
          ['X', 5],
          ['Y', 5],
        ],
        wins: 'Y',
      },
      {
        rows: [
          ['X', 5],
          ['Y', 4],
          ['X', 3],
        ],
        wins: 'X',
      },
    ];
    for (const { rows: sequence, wins } of cases) {
      const values = sequence.map(([rep, hour], n) => usual(n, { sales_rep: rep, updated_at: at(hour) }));
      for (const kind of ['copy', 'rows'] as const) {
        const intake = new SyncIntake();
        const text = copyText(values);
        if (kind === 'copy') intake.take({ kind, text, columns: COPY_COLUMN_ORDER });
        else intake.take({ kind, rows: decodeCopyLines(text, COPY_COLUMN_ORDER) });
        const lines = [...intake.customerLines(100)].map((b) => b.toString()).join('');
        expect(lines, `${kind} ${JSON.stringify(sequence)}`).toBe(
          `C1\t上海远航贸易有限公司\t\\N\tap@yuanhang.example\t\\N\t${wins}\tzh-CN\t\\N\t\\N\t\\N\n`,
        );
        expect(intake.customerCount).toBe(1);
      }
    }
  });

  it('keeps customers apart whose ids share a hash', () => {
    // Two ids with the same 30-bit FNV-1a hash (the intake's customer table key), found by birthday search.
    const fnv = (text: string) => {
      let h = 0x811c9dc5;
      for (const byte of Buffer.from(text)) h = Math.imul(h ^ byte, 0x01000193);
      return h & 0x3fffffff;
    };
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let n = 0; !pair; n++) {
      const id = `C${n}`;
      const other = seen.get(fnv(id));
      if (other) pair = [other, id];
      else seen.set(fnv(id), id);
    }
    const [a, b] = pair;
    const values = [
      usual(1, { customer_id: a, sales_rep: 'A' }),
      usual(2, { customer_id: b, sales_rep: 'B' }),
      usual(3, { customer_id: a, sales_rep: 'A2' }),
    ];
    for (const kind of ['copy', 'rows'] as const) {
      const intake = new SyncIntake();
      const text = copyText(values);
      if (kind === 'copy') intake.take({ kind, text, columns: COPY_COLUMN_ORDER });
      else intake.take({ kind, rows: decodeCopyLines(text, COPY_COLUMN_ORDER) });
      expect(intake.customerCount).toBe(2);
      const lines = [...intake.customerLines(10)].map((t) => t.toString()).join('');
      const reps = lines
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t').slice(0, 6).join(' '));
      expect(reps.sort()).toEqual(
        [
          `${a} 上海远航贸易有限公司 \\N ap@yuanhang.example \\N A2`,
          `${b} 上海远航贸易有限公司 \\N ap@yuanhang.example \\N B`,
        ].sort(),
      );
    }
  });

  it('hands over the staged text once, and counts what is pending', () => {
    const intake = new SyncIntake();
    intake.take({ kind: 'copy', text: copyText([usual(1), usual(2)]), columns: COPY_COLUMN_ORDER });
    expect(intake.pendingRows).toBe(2);
    expect(intake.takeItems().toString().split('\n')).toHaveLength(3);
    expect(intake.pendingRows).toBe(0);
    expect(intake.takeItems().length).toBe(0);
  });
});
