/**
 * Compact, versioned references carried in buttons, menus and forms: `d1:claim:a=42:s=7`.
 * Slack caps a button value at 2,000 characters and an action id at 255; refs stay well under 100 in
 * practice (the longest query allowed keeps every ref under MAX_REF_LENGTH). Decoding never throws:
 * whatever arrives from a platform is user input.
 *
 * Wire format: `d<version>:<action>` then `:<key>=<value>` in the order a, s, p, t, l, m, o, c, u, n, r, q,
 * where a = accountId, s = stateVersion, p = page, t = letter template, l = letter id, m = meeting,
 * o = meeting decision, c = call (the outcome activity a call summary is about), u = currency,
 * n = payment plan, r = promise, q = query. The query is always last and runs to the end of the text, so it
 * needs no escaping. Keys added later are optional, so refs already posted still read the same.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/messages/en.ts';
import { MAX_ROW_ID } from '../worklist/row-id.ts';

/** What a click asks for. */
export const REF_ACTIONS = [
  'open',
  'claim',
  'release',
  'log',
  'letter',
  'letter-approve',
  'letter-reject',
  'letter-mark-sent',
  'letter-resend',
  /** PB-24: cancel a letter queued for the customer's contact window. */
  'letter-cancel',
  'history',
  'promise',
  'dispute',
  /** Resolve one of the account's open disputes (a form). */
  'resolve',
  'plan',
  'plan-agree',
  'plan-cancel',
  'promise-kept',
  'pause',
  /** End the account's pauses early. */
  'unpause',
  'reassign',
  'page',
  'refresh',
  'help',
  'decide',
  /** PB-28: decide a whole segment of the meeting's file (a form), and apply the chosen decision. */
  'decide-segment',
  'segment-apply',
  'terms',
  'hand-over',
  'summary',
] as const;

/** One of REF_ACTIONS. */
export type RefAction = (typeof REF_ACTIONS)[number];

/** The current wire version; a ref from another version is answered with a fresh view, never applied. */
export const REF_VERSION = 1;
/** Slack's action_id limit; nothing longer is read. */
export const MAX_REF_LENGTH = 255;
/** Longest `/overdue` text a pager ref carries. */
export const MAX_QUERY_LENGTH = 64;
const MAX_ID = MAX_ROW_ID;

/** Schema of a decoded ref (and of what may be encoded). */
export const actionRefSchema = z.strictObject({
  v: z.literal(REF_VERSION),
  action: z.enum(REF_ACTIONS),
  accountId: z.number().int().min(1).max(MAX_ID).optional(),
  /**
   * The account's state version when the card was drawn. The dispatcher compares it with the stored
   * one to tell a click on a stale card (answer with the fresh state) from a first click (apply it).
   */
  stateVersion: z.number().int().min(0).max(MAX_ID).optional(),
  page: z.number().int().min(1).max(MAX_ID).optional(),
  template: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/)
    .optional(),
  /** A logged letter (approve / reject a letter waiting for a second person; mark sent / send again an uncertain one). */
  letterId: z.number().int().min(1).max(MAX_ID).optional(),
  query: z.string().max(MAX_QUERY_LENGTH).optional(),
  /** PB-28: the credit meeting a decision belongs to. */
  meetingId: z.number().int().min(1).max(MAX_ID).optional(),
  /** PB-23: the logged call (its outcome activity) a call summary sums up. */
  callId: z.number().int().min(1).max(MAX_ID).optional(),
  /** PB-28: the decision clicked (MEETING_DECISIONS in src/worklist/meeting-decisions.ts, dashes for underscores). */
  decision: z
    .string()
    .regex(/^[a-z][a-z-]{0,23}$/)
    .optional(),
  /** PB-17: the currency a payment plan is in. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** PB-17: a payment plan (the proposal to agree to, the plan to cancel or renegotiate). */
  planId: z.number().int().min(1).max(MAX_ID).optional(),
  /** PB-20: a promise to pay (marked kept by hand). */
  promiseId: z.number().int().min(1).max(MAX_ID).optional(),
});

/** A decoded action reference. */
export type ActionRef = z.infer<typeof actionRefSchema>;

/** Why a ref could not be read or written. */
export type RefErrorCode = 'garbage' | 'too_long' | 'unsupported_version' | 'invalid';

/** A ref failure with a code for programs, a sentence for logs and the catalog message people read. */
export interface RefError {
  code: RefErrorCode;
  message: string;
  key: MessageKey;
}

/** Outcome of decodeRef / safeEncodeRef. */
export type RefResult<T> = { ok: true; value: T } | { ok: false; error: RefError };

const KEYS = [
  ['a', 'accountId'],
  ['s', 'stateVersion'],
  ['p', 'page'],
  ['t', 'template'],
  ['l', 'letterId'],
  ['m', 'meetingId'],
  ['o', 'decision'],
  ['c', 'callId'],
  ['u', 'currency'],
  ['n', 'planId'],
  ['r', 'promiseId'],
  ['q', 'query'],
] as const;

const fail = <T>(code: RefErrorCode, message: string, key: MessageKey): RefResult<T> => ({
  ok: false,
  error: { code, message, key },
});

const describeIssues = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || 'ref'}: ${i.message}`).join('; ');

const ACTIONS: ReadonlySet<string> = new Set(REF_ACTIONS);
const ID_FIELDS = new Set([
  'accountId',
  'stateVersion',
  'page',
  'letterId',
  'meetingId',
  'callId',
  'planId',
  'promiseId',
]);
const TEXT_FIELDS: Record<string, RegExp> = {
  template: /^[a-z0-9][a-z0-9-]{0,31}$/,
  decision: /^[a-z][a-z-]{0,23}$/,
  currency: /^[A-Z]{3}$/,
};

/**
 * True when `ref` plainly meets actionRefSchema, checked by hand: a list page encodes some forty refs and
 * the schema's parse was most of the time it took to draw. Anything this does not accept goes to the
 * schema, which has the last word (and says what is wrong).
 */
function plainlyValid(ref: ActionRef): boolean {
  if (ref.v !== REF_VERSION || !ACTIONS.has(ref.action)) return false;
  for (const [field, value] of Object.entries(ref)) {
    if (field === 'v' || field === 'action' || value === undefined) continue;
    if (ID_FIELDS.has(field)) {
      const min = field === 'stateVersion' ? 0 : 1;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_ID)
        return false;
    } else if (field === 'query') {
      if (typeof value !== 'string' || value.length > MAX_QUERY_LENGTH) return false;
    } else {
      const pattern = TEXT_FIELDS[field];
      if (!pattern || typeof value !== 'string' || !pattern.test(value)) return false;
    }
  }
  return true;
}

/** Encode a ref, or say why it cannot be (an out-of-range field, a query over MAX_QUERY_LENGTH). */
export function safeEncodeRef(ref: ActionRef): RefResult<string> {
  let data = ref;
  if (!plainlyValid(ref)) {
    const parsed = actionRefSchema.safeParse(ref);
    if (!parsed.success)
      return fail(
        'invalid',
        `Cannot build this action reference: ${describeIssues(parsed.error)}.`,
        'card.ref.invalid',
      );
    data = parsed.data;
  }
  let text = `d${data.v}:${data.action}`;
  for (const [key, field] of KEYS) {
    const value = data[field];
    if (value !== undefined) text += `:${key}=${value}`;
  }
  if (text.length > MAX_REF_LENGTH)
    return fail('too_long', `The action reference is longer than ${MAX_REF_LENGTH}.`, 'card.ref.tooLong');
  return { ok: true, value: text };
}

/** Encode a ref built by code; a ref that breaks the schema is a bug and throws a RangeError. */
export function encodeRef(ref: ActionRef): string {
  const result = safeEncodeRef(ref);
  if (!result.ok) throw new RangeError(result.error.message);
  return result.value;
}

const NUMERIC = /^(?:0|[1-9]\d{0,9})$/;

/** Read a ref that came back from a platform; garbage, old versions and tampering give a typed error. */
export function decodeRef(text: unknown): RefResult<ActionRef> {
  if (typeof text !== 'string')
    return fail('garbage', 'This button carries no action reference.', 'card.ref.none');
  if (text.length > MAX_REF_LENGTH)
    return fail(
      'too_long',
      'This button carries an action reference too long to be ours.',
      'card.ref.tooLong',
    );
  const head = /^d(\d{1,4}):([a-z-]{1,20})(?=:|$)/.exec(text);
  if (!head)
    return fail(
      'garbage',
      'This button carries an action reference duebot does not know.',
      'card.ref.unknown',
    );
  if (Number(head[1]) !== REF_VERSION) {
    return fail(
      'unsupported_version',
      'This card comes from an older or newer duebot; here is the current view.',
      'card.ref.version',
    );
  }
  const raw: Record<string, string | number> = { v: REF_VERSION, action: head[2] ?? '' };
  let rest = text.slice(head[0].length);
  let keyIndex = 0; // keys must come in KEYS order, each at most once: one text per ref
  while (rest !== '') {
    const m = /^:([a-z])=/.exec(rest);
    const at = m ? KEYS.findIndex(([k]) => k === m[1]) : -1;
    if (!m || at < keyIndex)
      return fail('garbage', 'This button carries a damaged action reference.', 'card.ref.damaged');
    const [, field] = KEYS[at] as (typeof KEYS)[number];
    rest = rest.slice(m[0].length);
    keyIndex = at + 1;
    if (field === 'query') {
      raw.query = rest;
      break;
    }
    const end = rest.indexOf(':');
    const value = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    if (field === 'template' || field === 'decision' || field === 'currency') raw[field] = value;
    else if (NUMERIC.test(value)) raw[field] = Number(value);
    else return fail('garbage', 'This button carries a damaged action reference.', 'card.ref.damaged');
  }
  const parsed = actionRefSchema.safeParse(raw);
  if (!parsed.success)
    return fail(
      'invalid',
      `This button carries an invalid action reference (${describeIssues(parsed.error)}).`,
      'card.ref.invalid',
    );
  return { ok: true, value: parsed.data };
}
