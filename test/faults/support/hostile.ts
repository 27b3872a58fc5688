/**
 * Generators of hostile Slack input for the signed fuzzer: `/overdue` texts from the grammar's own words
 * mixed with strings that broke things before (issue 13), action refs well-formed and garbled, modal
 * submissions with wrong, repeated and missing fields, and bodies that are not what Slack sends at all.
 */
import fc from 'fast-check';
import { REF_ACTIONS, safeEncodeRef } from '../../../src/views/action-ref.ts';
import { LETTER_TEMPLATES } from '../../../src/commands/overdue-grammar.ts';
import { CHANNELS, RESULTS } from '../../../src/worklist/log-outcome.ts';

/** Strings each of which once ended in an error, a crash or a bad write somewhere. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202e\u200fevil',
  '\u200b',
  'x'.repeat(10_000),
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '99999999999999999999',
  '1e308',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '<!channel>',
  '<!here>',
  '<@UMIA>',
  '<https://evil.example|x>',
  '%00',
  '{{constructor.constructor}}',
  "'; drop table users; --",
  '\r\n',
  '"',
  '「',
  '９９９９９９９９９＋',
  '＞５０k',
  '>1e309k',
  '>99999999999999999999m',
  '999999999+',
  '🧾'.repeat(500),
] as const;

/** Words of the `/overdue` grammar (src/commands/overdue-grammar.ts), with values right and wrong. */
const GRAMMAR_WORDS = [
  'help',
  '?',
  'mine',
  'unclaimed',
  '30+',
  '60+',
  '>50k',
  '>',
  '>1.5m',
  '>5万',
  'grade',
  'A',
  'C',
  'Z',
  'customer',
  'Northwind',
  '"Dual Currency"',
  '"unclosed',
  '@ann',
  '@',
  'page',
  '2',
  'post',
  'show',
  'claim',
  'release',
  'log',
  'history',
  'letter',
  ...LETTER_TEMPLATES,
  '1',
  '2',
];

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...GRAMMAR_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Slack user ids: the harness's known staff (Mia manager, Vic viewer) and ids no Slack ever sends. */
export const STAFF = ['UANN', 'UBOB', 'UMIA', 'UVIC'] as const;
const HOSTILE_USERS = ['U'.repeat(5000), 'U\u0000X', '__proto__', '', 'UANN,UBOB', '\ud800'];

/** One `/overdue` as sent: text, user, and whether a form field is sent twice (user_id or text). */
export interface SlashCase {
  text: string;
  user: string;
  /** A field repeated with a second value, as a hand-made request can. */
  repeat?: 'user_id' | 'text' | 'command';
}

const slashText = fc.array(word, { maxLength: 6 }).map((w) => w.join(' '));

/** Hostile texts from the staff, each field once. */
export const slashCase = (): fc.Arbitrary<SlashCase> =>
  fc.record({ text: slashText, user: fc.constantFrom(...STAFF) });

/** Hostile user ids and fields sent twice. */
export const forgedSlashCase = (): fc.Arbitrary<SlashCase> =>
  fc.record(
    {
      text: slashText,
      user: fc.oneof(fc.constantFrom(...STAFF), fc.constantFrom(...HOSTILE_USERS)),
      repeat: fc.constantFrom('user_id' as const, 'text' as const, 'command' as const),
    },
    { requiredKeys: ['text', 'user'] },
  );

/** A click: a ref (well-formed for a known or unknown account, or garbled) by one of the staff. */
export interface ClickCase {
  ref: string;
  user: string;
  overflow: boolean;
  fromHome: boolean;
}

const wellFormedRef = (accounts: number[]) =>
  fc
    .record(
      {
        action: fc.constantFrom(...REF_ACTIONS),
        accountId: fc.oneof(fc.constantFrom(...accounts), fc.integer({ min: 1, max: 2_147_483_647 })),
        stateVersion: fc.oneof(fc.nat(5), fc.integer({ min: 0, max: 2_147_483_647 })),
        page: fc.integer({ min: 1, max: 100_000 }),
        template: fc.constantFrom(...LETTER_TEMPLATES, 'x-x'),
        letterId: fc.integer({ min: 1, max: 2_147_483_647 }),
        meetingId: fc.integer({ min: 1, max: 2_147_483_647 }),
        decision: fc.constantFrom('approve', 'hold', 'write-off', 'z'),
        query: fc.constantFrom('60+', 'mine', '__proto__', '<!channel>', '\u0000'),
      },
      { requiredKeys: ['action'] },
    )
    .map((r) => {
      const encoded = safeEncodeRef({ v: 1, ...r });
      return encoded.ok ? encoded.value : `d1:${r.action}`;
    });

const garble = (ref: string) =>
  fc.oneof(
    fc.constant(ref.slice(0, Math.max(1, ref.length - 3))),
    fc.constant(ref.replace(/^d1/, 'd2')),
    fc.constant(ref.replace(/^d1/, 'd0')),
    fc.constant(`${ref}:a=1`),
    fc.constant(ref.replace(/a=\d+/, 'a=99999999999999999999')),
    fc.constant(ref.replace(/a=\d+/, 'a=-1')),
    fc.constant(ref.replace(/a=\d+/, 'a=__proto__')),
    fc.constant(`${ref}${'x'.repeat(300)}`),
    fc.constantFrom(...HOSTILE_STRINGS).map((h) => `${ref}:q=${h}`),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

export const clickCase = (accounts: number[]): fc.Arbitrary<ClickCase> =>
  fc.record({
    ref: fc.oneof(wellFormedRef(accounts), wellFormedRef(accounts).chain(garble)),
    user: fc.constantFrom(...STAFF),
    overflow: fc.boolean(),
    fromHome: fc.boolean(),
  });

/** What one input block of a submitted view may carry. */
type ActionValue = Record<string, unknown>;

/** A modal submission: private_metadata (maybe not ours), and field values right, wrong, doubled or absent. */
export interface SubmitCase {
  metadata: string;
  values: Record<string, Record<string, ActionValue>>;
  user: string;
}

const LOG_FIELDS = [
  'channel',
  'result',
  'notes',
  'promiseDate',
  'promiseAmount',
  'currency',
  'invoices',
  'nextFollowUp',
] as const;

const anyText = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('5k', '100', '2026-12-01', '2026-11-01', 'CNY', 'USD', 'call', 'reached', 'promised'),
);

const fieldValue = (field: string): fc.Arbitrary<ActionValue> => {
  const valid =
    field === 'channel' ? [...CHANNELS] : field === 'result' ? [...RESULTS] : ['CNY', 'USD', 'D-1', 'N-1'];
  return fc.oneof(
    fc.record({ value: fc.oneof(anyText, fc.constant(null)) }),
    fc.record({
      selected_option: fc.oneof(
        fc.constant(null),
        fc.record({ value: fc.oneof(fc.constantFrom(...valid), anyText) }),
      ),
    }),
    fc.record({ selected_date: fc.oneof(anyText, fc.constant(null)) }),
    fc.record({ selected_options: fc.array(fc.record({ value: anyText }), { maxLength: 3 }) }),
    fc.constant({ value: 42 } as ActionValue),
    fc.constant({} as ActionValue),
  );
};

/** Block values: each field absent, once, or twice (two actions in one block, as only a forger sends). */
const blockValues = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...LOG_FIELDS, 'template'), fc.constantFrom('__proto__', 'constructor', 'x')),
      fc.boolean(),
    ),
    { maxLength: 9 },
  )
  .chain((fields) =>
    fc.tuple(
      ...fields.map(([field, twice]) =>
        fc.tuple(fc.constant(field), fieldValue(field), twice ? fieldValue(field) : fc.constant(null)),
      ),
    ),
  )
  .map((entries) => {
    const values: Record<string, Record<string, ActionValue>> = {};
    for (const [field, first, second] of entries) {
      const block: Record<string, ActionValue> = { [field]: first };
      if (second) block[`${field}-again`] = second;
      Object.defineProperty(values, field, { value: block, enumerable: true, writable: true });
    }
    return values;
  });

/** A log form filled in right (a call that reached someone) but for one or two hostile fields. */
export const logFormCase = (logRefs: string[]): fc.Arbitrary<SubmitCase> =>
  fc.record({
    metadata: fc.constantFrom(...logRefs).map((ref) => JSON.stringify({ ref, channel: 'CWORK' })),
    values: fc
      .array(
        fc.constantFrom(...LOG_FIELDS).chain((field) => fc.tuple(fc.constant(field), fieldValue(field))),
        { minLength: 1, maxLength: 2 },
      )
      .map((overrides) => {
        const values: Record<string, Record<string, ActionValue>> = {
          channel: { channel: { selected_option: { value: 'call' } } },
          result: { result: { selected_option: { value: 'reached' } } },
          notes: { notes: { value: 'Spoke to AP' } },
        };
        for (const [field, value] of overrides) values[field] = { [field]: value };
        return values;
      }),
    user: fc.constantFrom(...STAFF),
  });

export const submitCase = (logRefs: string[], letterRefs: string[]): fc.Arbitrary<SubmitCase> =>
  fc.record({
    metadata: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(...logRefs).map((ref) => JSON.stringify({ ref, channel: 'CWORK' })),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(...letterRefs)
          .map((ref) => JSON.stringify({ ref, channel: 'CWORK', slow: true })),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'null',
          '[]',
          '{',
          '{"ref":{"__proto__":{"x":1}}}',
          '{"__proto__":{"ref":"d1:log:a=1"}}',
          '{"ref":"d1:log:a=99999999999999999999"}',
          '{"ref":"d1:promise:a=1:s=0","responseUrl":"http://evil.example/x"}',
          JSON.stringify({ ref: 'x'.repeat(10_000) }),
          '\u0000',
        ),
      },
    ),
    values: blockValues,
    user: fc.constantFrom(...STAFF),
  });

/** Bodies that are not what Slack sends, each signed correctly: malformed JSON, null, wrong shapes. */
export const RAW_BODIES: { name: string; body: string; type: string }[] = [
  ['payload=null', 'payload=null'],
  ['payload=', 'payload='],
  ['payload=[]', 'payload=%5B%5D'],
  ['payload="x"', 'payload=%22x%22'],
  ['payload={', 'payload=%7B'],
  ['payload=1e999', 'payload=1e999'],
  ['block_actions without actions', `payload=${encodeURIComponent('{"type":"block_actions"}')}`],
  [
    'block_actions with actions null',
    `payload=${encodeURIComponent('{"type":"block_actions","actions":null,"user":{"id":"UANN"}}')}`,
  ],
  [
    'block_actions with a null action',
    `payload=${encodeURIComponent('{"type":"block_actions","actions":[null],"user":{"id":"UANN"}}')}`,
  ],
  ['view_submission without a view', `payload=${encodeURIComponent('{"type":"view_submission"}')}`],
  [
    'view_submission with view null',
    `payload=${encodeURIComponent('{"type":"view_submission","view":null,"user":null}')}`,
  ],
  ['a __proto__ payload', `payload=${encodeURIComponent('{"__proto__":{"type":"block_actions"}}')}`],
  ['two payload fields', 'payload=null&payload=%7B%7D'],
  ['a slash command without fields', 'command=%2Foverdue'],
  ['a slash command with text null', 'command=%2Foverdue&user_id=UANN&text'],
].map(([name, body]) => ({
  name: name as string,
  body: body as string,
  type: 'application/x-www-form-urlencoded',
}));

RAW_BODIES.push(
  ...[
    ['JSON null', 'null'],
    ['JSON []', '[]'],
    ['JSON "x"', '"x"'],
    ['JSON {}', '{}'],
    ['JSON {', '{'],
    ['event_callback with event null', '{"type":"event_callback","event":null,"event_id":"Ev1"}'],
    ['url_verification without a challenge', '{"type":"url_verification"}'],
    ['ssl_check null', '{"ssl_check":null}'],
  ].map(([name, body]) => ({ name: name as string, body: body as string, type: 'application/json' })),
  { name: 'text/plain body', body: 'hello', type: 'text/plain' },
  { name: 'an empty form', body: '', type: 'application/x-www-form-urlencoded' },
);
