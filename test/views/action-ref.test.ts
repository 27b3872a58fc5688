import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ActionRef,
  decodeRef,
  encodeRef,
  MAX_QUERY_LENGTH,
  MAX_REF_LENGTH,
  actionRefSchema,
  REF_ACTIONS,
  safeEncodeRef,
} from '../../src/views/action-ref.ts';

const refArbitrary: fc.Arbitrary<ActionRef> = fc.record(
  {
    v: fc.constant(1 as const),
    action: fc.constantFrom(...REF_ACTIONS),
    accountId: fc.integer({ min: 1, max: 2_147_483_647 }),
    stateVersion: fc.integer({ min: 0, max: 2_147_483_647 }),
    page: fc.integer({ min: 1, max: 2_147_483_647 }),
    template: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/),
    query: fc
      .string({ maxLength: MAX_QUERY_LENGTH, unit: 'grapheme' })
      .filter((q) => q.length <= MAX_QUERY_LENGTH),
  },
  { requiredKeys: ['v', 'action'] },
);

describe('action refs', () => {
  it('encodes a claim compactly', () => {
    expect(encodeRef({ v: 1, action: 'claim', accountId: 42, stateVersion: 7 })).toBe('d1:claim:a=42:s=7');
  });

  it('round-trips a pager ref whose query holds separators and Chinese text', () => {
    const ref: ActionRef = { v: 1, action: 'page', page: 2, query: 'customer "上海:华联" >10k a=b' };
    expect(decodeRef(encodeRef(ref))).toEqual({ ok: true, value: ref });
  });

  it('round-trips a letter ref with its template', () => {
    const ref: ActionRef = {
      v: 1,
      action: 'letter',
      accountId: 9,
      stateVersion: 0,
      template: 'formal-demand',
    };
    expect(decodeRef(encodeRef(ref))).toEqual({ ok: true, value: ref });
  });

  it('round-trips every valid ref and stays within Slack limits (property)', () => {
    fc.assert(
      fc.property(refArbitrary, (ref) => {
        const text = encodeRef(ref);
        expect(text.length).toBeLessThanOrEqual(MAX_REF_LENGTH);
        expect(decodeRef(text)).toEqual({ ok: true, value: ref });
      }),
    );
  });

  it('keeps typical refs under 100 characters', () => {
    const longest = encodeRef({
      v: 1,
      action: 'letter',
      accountId: 2_147_483_647,
      stateVersion: 2_147_483_647,
      template: 'lawyer-letter-request',
    });
    expect(longest.length).toBeLessThan(100);
  });

  it('never throws on arbitrary input and answers with a typed error (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string().map((s) => `d1:${s}`),
        ),
        (text) => {
          const result = decodeRef(text);
          if (!result.ok)
            expect(['garbage', 'too_long', 'unsupported_version', 'invalid']).toContain(result.error.code);
        },
      ),
    );
  });

  it('rejects garbage with a sentence a person can read', () => {
    for (const text of [
      '',
      'hello',
      'd1',
      'd1:',
      'D1:claim',
      'd1:claim:a=',
      'd1:claim:a=x',
      'd1:claim:z=1',
      'd1:claim;a=1',
    ]) {
      const result = decodeRef(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(decodeRef(undefined)).toMatchObject({ ok: false, error: { code: 'garbage' } });
    expect(decodeRef(42)).toMatchObject({ ok: false, error: { code: 'garbage' } });
  });

  it('rejects keys out of order or repeated, and numbers with leading zeros', () => {
    expect(decodeRef('d1:claim:s=1:a=2')).toMatchObject({ ok: false, error: { code: 'garbage' } });
    expect(decodeRef('d1:claim:a=1:a=2')).toMatchObject({ ok: false, error: { code: 'garbage' } });
    expect(decodeRef('d1:claim:a=007')).toMatchObject({ ok: false, error: { code: 'garbage' } });
  });

  it('rejects unknown actions and out-of-range values as invalid', () => {
    expect(decodeRef('d1:explode:a=1')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(decodeRef('d1:claim:a=0')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(decodeRef('d1:claim:a=9999999999')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(decodeRef('d1:letter:t=Formal')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('rejects refs longer than Slack allows before reading them', () => {
    expect(decodeRef(`d1:page:q=${'x'.repeat(MAX_REF_LENGTH)}`)).toMatchObject({
      ok: false,
      error: { code: 'too_long' },
    });
  });

  it('answers a ref from another version with unsupported_version, not a guess', () => {
    expect(decodeRef('d2:claim:a=42:s=7')).toMatchObject({
      ok: false,
      error: { code: 'unsupported_version' },
    });
    expect(decodeRef('d0:claim')).toMatchObject({ ok: false, error: { code: 'unsupported_version' } });
  });

  it('refuses to encode a query over the limit, and encodeRef treats it as a bug', () => {
    const ref: ActionRef = { v: 1, action: 'page', page: 2, query: 'x'.repeat(MAX_QUERY_LENGTH + 1) };
    expect(safeEncodeRef(ref)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(() => encodeRef(ref)).toThrow(RangeError);
  });

  it('refuses to encode fields that would not decode', () => {
    expect(safeEncodeRef({ v: 1, action: 'claim', accountId: 1.5 })).toMatchObject({ ok: false });
    expect(safeEncodeRef({ v: 1, action: 'letter', template: 'a:b' })).toMatchObject({ ok: false });
  });

  it('encodes exactly the refs the schema accepts, one field at a time near its bounds (property)', () => {
    const ids = ['accountId', 'page', 'letterId', 'meetingId', 'callId', 'planId', 'promiseId'] as const;
    const validIds = Object.fromEntries(ids.map((f) => [f, fc.integer({ min: 1, max: 2_147_483_647 })]));
    const valid = fc.record(
      {
        ...validIds,
        stateVersion: fc.integer({ min: 0, max: 2_147_483_647 }),
        template: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,31}$/),
        decision: fc.stringMatching(/^[a-z][a-z-]{0,23}$/),
        currency: fc.stringMatching(/^[A-Z]{3}$/),
        query: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    );
    const odd = [0, -1, 1, 2_147_483_647, 2_147_483_648, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '7'];
    const probe = fc.oneof(
      fc.record({ field: fc.constantFrom(...ids, 'stateVersion'), value: fc.constantFrom(...odd) }),
      fc.record({
        field: fc.constantFrom('template', 'decision', 'currency', 'query'),
        value: fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('', 'a', 'A', 'ABC', 'abc', 'x'.repeat(MAX_QUERY_LENGTH + 1), 3),
        ),
      }),
      fc.record({
        field: fc.constantFrom('v', 'action', 'stray'),
        value: fc.constantFrom(1, 2, 'claim', 'nope'),
      }),
    );
    fc.assert(
      fc.property(valid, fc.constantFrom(...REF_ACTIONS), probe, (base, action, { field, value }) => {
        const ref = { v: 1, action, ...base, [field]: value };
        const encoded = safeEncodeRef(ref as unknown as ActionRef);
        if (actionRefSchema.safeParse(ref).success)
          expect(encoded.ok || encoded.error.code === 'too_long').toBe(true);
        else expect(encoded.ok ? 'encoded' : encoded.error.code).toBe('invalid');
      }),
      { numRuns: 3000 },
    );
  });
});
