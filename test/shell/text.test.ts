import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  formToPrompts,
  renderTerminal,
  toTerminalText,
  truncateToWidth,
} from '../../adapters/shell/text.ts';
import type { AccountRowBlock, Form, Message } from '../../src/views/model.ts';

const ESC = '\u001b[';
const RED = `${ESC}31m`;
const GREEN = `${ESC}32m`;
const SGR_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripAnsi = (text: string) => text.replaceAll(SGR_SEQUENCE, '');

function row(over: Partial<AccountRowBlock> = {}): AccountRowBlock {
  return {
    type: 'accountRow',
    accountId: 1042,
    customerName: '上海华联',
    amountLines: ['CNY 86,000.00'],
    daysOverdue: 45,
    tone: 'danger',
    owner: null,
    explanation: 'Key account: 45 days overdue (PB-06)',
    actions: [
      { label: 'Claim', ref: 'd1:claim:a=1042:s=3', style: 'primary' },
      { label: 'Log call', ref: 'd1:log:a=1042:s=3' },
    ],
    ...over,
  };
}

const worklist: Message = {
  blocks: [
    { type: 'header', text: 'Overdue accounts' },
    row(),
    row({
      accountId: 7,
      customerName: 'Acme Trading',
      amountLines: ['EUR 120.00'],
      daysOverdue: 0,
      tone: 'success',
      owner: 'Li Wei',
      explanation: '',
      actions: [],
    }),
    { type: 'pager', page: 1, pages: 3, nextRef: 'd1:page:p=2:q=unclaimed' },
  ],
};

describe('terminal text without colour', () => {
  it('contains no escape codes and drops markup characters', () => {
    const text = toTerminalText(
      { blocks: [...worklist.blocks, { type: 'text', text: 'pay *now*', tone: 'danger' }] },
      { color: false },
    );
    expect(text).not.toContain(ESC);
    expect(text).toContain('pay now');
    expect(text).not.toContain('*now*');
  });

  it('underlines the header and numbers account rows from 1', () => {
    const lines = toTerminalText(worklist, { color: false }).split('\n');
    expect(lines.slice(0, 2)).toEqual(['Overdue accounts', '================']);
    expect(lines.some((l) => l.startsWith('1. 上海华联 (#1042)'))).toBe(true);
    expect(lines.some((l) => l.startsWith('2. Acme Trading (#7)'))).toBe(true);
  });

  it('shows days overdue, owner or unclaimed, the explanation and the buttons of each row', () => {
    const text = toTerminalText(worklist, { color: false });
    expect(text).toContain('45 days overdue · unclaimed');
    expect(text).toContain('0 days overdue · owner Li Wei');
    expect(text).toContain('Key account: 45 days overdue (PB-06)');
    expect(text).toContain('[Claim] [Log call]');
    expect(text).toContain('Page 1 of 3  [Next]');
  });

  it('right-aligns amounts to the width, counting Chinese characters as two columns', () => {
    const lines = toTerminalText(worklist, { color: false, width: 60 }).split('\n');
    const chinese = lines.find((l) => l.startsWith('1. '));
    const latin = lines.find((l) => l.startsWith('2. '));
    expect(chinese?.endsWith('CNY 86,000.00')).toBe(true);
    expect(latin?.endsWith('EUR 120.00')).toBe(true);
    expect(displayWidth(chinese ?? '')).toBe(60);
    expect(displayWidth(latin ?? '')).toBe(60);
  });

  it('puts further currencies on their own right-aligned lines', () => {
    const text = toTerminalText(
      { blocks: [row({ amountLines: ['CNY 86,000.00', 'USD 1,200.00'] })] },
      { color: false, width: 50 },
    );
    const lines = text.split('\n');
    expect(lines[1]).toBe(`${' '.repeat(50 - 'USD 1,200.00'.length)}USD 1,200.00`);
  });

  it('keeps long names within the width by cutting them with an ellipsis', () => {
    const long = row({ customerName: '非常长的客户名称'.repeat(10) });
    const first = toTerminalText({ blocks: [long] }, { color: false, width: 50 }).split('\n')[0] ?? '';
    expect(displayWidth(first)).toBeLessThanOrEqual(50);
    expect(first).toContain('…');
    expect(first.endsWith('CNY 86,000.00')).toBe(true);
  });

  it('wraps long text to the width, breaking Chinese between characters', () => {
    const text = toTerminalText(
      { blocks: [{ type: 'text', text: `Call them today. ${'请在本周内付款'.repeat(10)}` }] },
      { color: false, width: 40 },
    );
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    expect(lines.join('').replaceAll(' ', '')).toBe(`Callthemtoday.${'请在本周内付款'.repeat(10)}`);
  });

  it('keeps a word wider than the line, such as a link, whole on a line of its own', () => {
    const url = `https://erp.example.test/customers/1042/${'x'.repeat(40)}`;
    const lines = toTerminalText(
      { blocks: [{ type: 'text', text: `Statement: ${url} sent` }] },
      { color: false, width: 40 },
    ).split('\n');
    expect(lines).toEqual(['Statement:', url, 'sent']);
  });

  it('aligns field values after labels of mixed widths', () => {
    const text = toTerminalText(
      {
        blocks: [
          {
            type: 'fields',
            fields: [
              { label: 'Open', value: 'CNY 1.00' },
              { label: '负责人', value: 'Li Wei' },
            ],
          },
        ],
      },
      { color: false },
    );
    const [a, b] = text.split('\n');
    expect(displayWidth(a?.slice(0, a.indexOf('CNY')) ?? '')).toBe(
      displayWidth(b?.slice(0, b.indexOf('Li')) ?? ''),
    );
  });

  it('lines up the later lines of a multi-line value (one amount per currency) under the first', () => {
    const text = toTerminalText(
      {
        blocks: [
          { type: 'fields', fields: [{ label: 'Open', value: 'USD 13,509,437.56\nEUR 4,408,507.67' }] },
        ],
      },
      { color: false },
    );
    expect(text.split('\n')).toEqual(['Open:  USD 13,509,437.56', '       EUR 4,408,507.67']);
  });

  it('keeps the spaces an author typed, so indented help columns stay aligned', () => {
    const help = 'Filters:\n  mine        accounts you own\n  30+  60+    at least that many days';
    const lines = toTerminalText(
      { blocks: [{ type: 'text', text: help }] },
      { color: false, width: 80 },
    ).split('\n');
    expect(lines).toEqual([
      'Filters:',
      '  mine        accounts you own',
      '  30+  60+    at least that many days',
    ]);
  });

  it('drops the spaces at a break made by wrapping, not typed ones', () => {
    const lines = toTerminalText(
      { blocks: [{ type: 'text', text: 'alpha beta gamma delta epsilon zeta' }] },
      { color: false, width: 30 },
    ).split('\n');
    expect(lines).toEqual(['alpha beta gamma delta epsilon', 'zeta']);
  });

  it('shows images by alt text and location, dividers across the width, context and menus', () => {
    const text = toTerminalText(
      {
        blocks: [
          { type: 'image', source: { kind: 'file', path: 'charts/aging.png' }, alt: 'Aging chart' },
          { type: 'divider' },
          { type: 'context', text: 'Updated 09:00' },
          {
            type: 'actions',
            buttons: [{ label: 'Refresh', ref: 'd1:refresh' }],
            menu: [{ label: 'Help', ref: 'd1:help' }],
          },
        ],
      },
      { color: false, width: 40 },
    );
    expect(text).toContain('[image: Aging chart] charts/aging.png');
    expect(text).toContain('-'.repeat(40));
    expect(text).toContain('Updated 09:00');
    expect(text).toContain('[Refresh]  more: [Help]');
  });
});

describe('terminal text with colour', () => {
  it('marks accounts over 30 days overdue red and settled ones green (PB-04)', () => {
    const text = toTerminalText(worklist, { color: true });
    expect(text).toContain(`${RED}CNY 86,000.00`);
    expect(text).toContain(`${RED}45 days overdue`);
    expect(text).toContain(`${GREEN}EUR 120.00`);
    expect(text).toContain(`${GREEN}0 days overdue`);
  });

  it('renders *bold* and _italic_ as styles and danger text in red', () => {
    const text = toTerminalText(
      { blocks: [{ type: 'text', text: 'pay *now* or _soon_', tone: 'danger' }] },
      { color: true },
    );
    expect(text).toContain(`${ESC}31;1mnow`);
    expect(text).toContain(`${ESC}31;3msoon`);
    expect(text).not.toContain('*');
  });

  it('says the same words as the plain rendering', () => {
    expect(stripAnsi(toTerminalText(worklist, { color: true, width: 60 }))).toBe(
      toTerminalText(worklist, { color: false, width: 60 }).replace('\n================', ''),
    );
  });
});

describe('renderTerminal row mapping', () => {
  it('returns which row number is which account, with its actions, so `claim 1` can be resolved', () => {
    const result = renderTerminal(worklist, { color: false });
    expect(result.rows.map((r) => [r.rowNumber, r.accountId, r.customerName])).toEqual([
      [1, 1042, '上海华联'],
      [2, 7, 'Acme Trading'],
    ]);
    expect(result.rows[0]?.actions.map((a) => a.ref)).toEqual(['d1:claim:a=1042:s=3', 'd1:log:a=1042:s=3']);
    expect(result.pager).toEqual({ nextRef: 'd1:page:p=2:q=unclaimed' });
  });

  it('keeps row numbers the builder set, e.g. on page 2', () => {
    const result = renderTerminal(
      { blocks: [row({ rowNumber: 11 }), row({ accountId: 8, rowNumber: 12 })] },
      { color: false },
    );
    expect(result.rows.map((r) => r.rowNumber)).toEqual([11, 12]);
    expect(result.text).toContain('11. 上海华联');
  });

  it('collects buttons and menu items of action blocks in order', () => {
    const result = renderTerminal(
      {
        blocks: [
          {
            type: 'actions',
            buttons: [{ label: 'A', ref: 'd1:open' }],
            menu: [{ label: 'B', ref: 'd1:help' }],
          },
        ],
      },
      { color: false },
    );
    expect(result.buttons.map((b) => b.label)).toEqual(['A', 'B']);
  });
});

describe('display width', () => {
  it('counts CJK and full-width characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('上海华联')).toBe(8);
    expect(displayWidth('６０')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(truncateToWidth('上海华联商贸', 7)).toBe('上海华…');
    expect(truncateToWidth('short', 10)).toBe('short');
  });
});

describe('formToPrompts', () => {
  const form: Form = {
    title: 'Log a call',
    submitLabel: 'Save',
    ref: 'd1:log:a=1042:s=3',
    fields: [
      {
        type: 'select',
        id: 'outcome',
        label: 'Outcome',
        required: true,
        options: [
          { value: 'promise', label: 'Promise to pay' },
          { value: 'dispute', label: 'Dispute' },
        ],
      },
      { type: 'date', id: 'date', label: 'Promised date', required: false, hint: 'When they will pay' },
      { type: 'number', id: 'amount', label: 'Amount', required: false, initial: '5000.00', min: 0 },
      { type: 'text', id: 'note', label: 'Note', required: true, multiline: true, maxLength: 20 },
    ],
    errors: { date: 'The date is in the past' },
  };
  const [outcome, date, amount, note] = formToPrompts(form);

  it('asks one question per field with options, hints, defaults and earlier errors', () => {
    expect(formToPrompts(form).map((p) => p.id)).toEqual(['outcome', 'date', 'amount', 'note']);
    expect(outcome?.question).toContain('1) Promise to pay');
    expect(outcome?.question).toContain('2) Dispute');
    expect(date?.question).toContain('(optional)');
    expect(date?.question).toContain('When they will pay');
    expect(date?.question).toContain('! The date is in the past');
    expect(amount?.question).toContain('[5000.00]');
  });

  it('accepts a select option by number, value or label', () => {
    expect(outcome?.read('2')).toEqual({ ok: true, value: 'dispute' });
    expect(outcome?.read('promise')).toEqual({ ok: true, value: 'promise' });
    expect(outcome?.read('promise to pay')).toEqual({ ok: true, value: 'promise' });
    expect(outcome?.read('3')).toMatchObject({ ok: false, message: expect.stringContaining('1-2') });
  });

  it('checks dates, numbers, lengths and required fields, saying what was expected', () => {
    expect(date?.read('2026-12-01')).toEqual({ ok: true, value: '2026-12-01' });
    expect(date?.read('2026-02-30')).toMatchObject({
      ok: false,
      message: expect.stringContaining('2026-12-01'),
    });
    expect(date?.read('')).toEqual({ ok: true, value: '' });
    expect(amount?.read('')).toEqual({ ok: true, value: '5000.00' });
    expect(amount?.read('12,500.50')).toEqual({ ok: true, value: '12,500.50' });
    expect(amount?.read('-1')).toMatchObject({ ok: false, message: expect.stringContaining('at least 0') });
    expect(amount?.read('lots')).toMatchObject({ ok: false });
    expect(note?.read('')).toEqual({ ok: false, message: 'Note is required.' });
    expect(note?.read('x'.repeat(21))).toMatchObject({ ok: false, message: expect.stringContaining('20') });
    expect(note?.read('line one\\nline two')).toEqual({ ok: true, value: 'line one\nline two' });
  });
});
