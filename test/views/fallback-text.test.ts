import { describe, expect, it } from 'vitest';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message } from '../../src/views/model.ts';

const worklist: Message = {
  blocks: [
    { type: 'header', text: 'Overdue accounts' },
    {
      type: 'text',
      text: '*3 invoices* totalling 86,000.00 are open; _late interest_ accrues at 0.05% a day.',
    },
    {
      type: 'fields',
      fields: [
        { label: 'Owner', value: 'Li Wei' },
        { label: 'Grade', value: '*C*' },
      ],
    },
    {
      type: 'accountRow',
      accountId: 1042,
      customerName: '上海华联',
      amountLines: ['CNY 86,000.00', 'USD 1,200.00'],
      daysOverdue: 45,
      tone: 'danger',
      owner: null,
      explanation: 'Key account (PB-06)',
      actions: [{ label: 'Claim', ref: 'd1:claim:a=1042:s=3' }],
    },
    { type: 'actions', buttons: [{ label: 'Refresh', ref: 'd1:refresh' }] },
    { type: 'divider' },
    { type: 'context', text: 'Updated at 09:00' },
    { type: 'image', source: { kind: 'url', url: 'https://example.test/aging.png' }, alt: 'Aging by bucket' },
    { type: 'pager', page: 1, pages: 4, nextRef: 'd1:page:p=2' },
  ],
};

describe('toFallbackText', () => {
  it('gives one plain line per block, without markup characters', () => {
    expect(toFallbackText(worklist).split('\n')).toEqual([
      'Overdue accounts',
      '3 invoices totalling 86,000.00 are open; late interest accrues at 0.05% a day.',
      'Owner: Li Wei',
      'Grade: C',
      '上海华联 (#1042), CNY 86,000.00 + USD 1,200.00, 45 days overdue, unclaimed - Key account (PB-06)',
      'Updated at 09:00',
      '[image: Aging by bucket]',
      'Page 1 of 4',
    ]);
  });

  it('leaves out buttons, refs and dividers, which mean nothing in a notification', () => {
    const text = toFallbackText(worklist);
    expect(text).not.toContain('Refresh');
    expect(text).not.toContain('d1:');
    expect(text).not.toContain('---');
  });

  it('names the owner of a claimed account (PB-25)', () => {
    const text = toFallbackText({
      blocks: [
        {
          type: 'accountRow',
          accountId: 7,
          customerName: 'Acme',
          amountLines: ['EUR 10.00'],
          daysOverdue: 3,
          tone: 'normal',
          owner: 'Wang Fang',
          explanation: '',
          actions: [],
        },
      ],
    });
    expect(text).toBe('Acme (#7), EUR 10.00, 3 days overdue, owner Wang Fang');
  });

  it('uses the message fallbackText when one is given', () => {
    expect(toFallbackText({ ...worklist, fallbackText: '5 accounts need attention' })).toBe(
      '5 accounts need attention',
    );
  });

  it('ignores a blank fallbackText and an empty message gives empty text', () => {
    expect(toFallbackText({ blocks: [{ type: 'header', text: 'Hi' }], fallbackText: '  ' })).toBe('Hi');
    expect(toFallbackText({ blocks: [] })).toBe('');
  });
});
