import { describe, expect, it } from 'vitest';
import { defaultInterestPolicy, effectiveRate } from '../../src/collections/interest.ts';
import { contractRate } from '../../src/worklist/snapshots.ts';

describe('PB-16: the contract interest rate, from a manager or from the ledger', () => {
  it("a manager's rate wins over the ledger's; the ledger's over the policy default", () => {
    expect(contractRate('0.08%', '0.03')).toBe('0.08%');
    expect(contractRate(null, '0.03')).toBe('0.03%');
    expect(contractRate(null, null)).toBeNull();
    expect(effectiveRate(defaultInterestPolicy, contractRate(null, '0.03')).text).toBe('0.03%');
    expect(effectiveRate(defaultInterestPolicy, contractRate('5bp', '0.03')).text).toBe('0.05%');
    expect(effectiveRate(defaultInterestPolicy, contractRate(null, null)).text).toBe('0.05%');
  });
});
