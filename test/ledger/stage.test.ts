import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerKey, matchesCustomerKey } from '../../src/ledger/stage.ts';
import type { LedgerItem } from '../../src/ledger/types.ts';

const item = (fields: Partial<LedgerItem>): LedgerItem => ({
  invoiceId: 'INV-1',
  invoiceNumber: 'INV-1',
  customerId: 'C1',
  customerName: 'Acme 有限公司',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  totalMinor: 100,
  openMinor: 100,
  currency: 'CNY',
  updatedAt: new Date('2026-11-01T00:00:00Z'),
  contactName: 'Li Wei',
  contactEmail: 'ap@acme.example',
  contactPhone: null,
  salesRep: 'Ann',
  customerLocale: 'zh-CN',
  ...fields,
});

describe('customer keys of the sync stage', () => {
  it('match the same fields and no others, whatever the values', () => {
    const value = fc.option(
      fc.string({ minLength: 1 }).filter((s) => !s.includes('\u0000')),
      { nil: null },
    );
    const fields = fc.record({
      customerName: fc.string({ minLength: 1 }).filter((s) => !s.includes('\u0000')),
      contactName: value,
      contactEmail: value,
      contactPhone: value,
      salesRep: value,
      customerLocale: value,
    });
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        const key = customerKey(item(a));
        expect(matchesCustomerKey(key, item(a))).toBe(true);
        expect(matchesCustomerKey(key, item(b))).toBe(customerKey(item(b)) === key);
      }),
    );
  });

  it('tell a changed, added or removed field apart from the staged one', () => {
    const key = customerKey(item({}));
    expect(matchesCustomerKey(key, item({ salesRep: 'Bob' }))).toBe(false);
    expect(matchesCustomerKey(key, item({ contactPhone: '+86 21 5555 0100' }))).toBe(false);
    expect(matchesCustomerKey(key, item({ customerLocale: null }))).toBe(false);
    expect(matchesCustomerKey(key, item({ customerLocale: 'zh-CN-x' }))).toBe(false);
    expect(matchesCustomerKey(key, item({ customerName: 'Acme' }))).toBe(false);
  });
});
