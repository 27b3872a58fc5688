/**
 * The `/overdue` grammar, the same on Slack, Teams and the terminal: text in, a typed command or a typed
 * error out (never an exception). Keywords are case-insensitive and read after NFKC normalisation, so
 * full-width input from Chinese keyboards (`６０＋`, `＞５０k`) works; customer names are kept as typed.
 * Every keyword has Chinese forms too (overdue-words.ts: 我的, 未认领 / 未認領, 60天以上, 客户 苏州);
 * errors are codes and data, said in the reader's language by overdue-help.ts.
 */
import type { Grade } from '../collections/grade.ts';
import { parseTypedAmount } from '../collections/money.ts';
import { parseRowId } from '../worklist/row-id.ts';
import { ROLES, type Role } from '../worklist/staff.ts';
import {
  ACCOUNT_VERBS,
  type AccountVerb,
  CHINESE_KEYWORDS,
  CHINESE_ROLES,
  CHINESE_TEMPLATES,
  splitChinese,
  type Token,
} from './overdue-words.ts';

/** Letter templates a person may name in `letter <customer> <template>` (templates/letters/<locale>/). */
export const LETTER_TEMPLATES = [
  'reminder',
  'polite-reminder',
  'formal-demand',
  'final-notice',
  'lawyer-letter-request',
  'payment-plan',
  'call-summary',
  'missed-discount',
] as const;

/** One of LETTER_TEMPLATES. */
export type LetterTemplate = (typeof LETTER_TEMPLATES)[number];

/** Filters of the worklist; absent means "any". */
export interface OverdueFilters {
  /** Only accounts the asking person owns (PB-25). */
  mine: boolean;
  /** Only accounts nobody owns yet. */
  unclaimed: boolean;
  /** `60+`: at least this many days overdue. */
  minDays?: number;
  /**
   * `>50k`: open balance of at least this many whole major units of the account's main currency. The
   * amount grammar (money.ts) resolves k, m, b, 万 and 亿 exactly, without floats.
   */
  minAmountMajor?: number;
  /** The amount as typed (`>1.5m`), for messages. */
  amountText?: string;
  grade?: Grade;
  /** Part of a customer's name, or its id. */
  customer?: string;
  /** `@person`: the owner's display name or platform handle, without the `@`. */
  owner?: string;
}

export type { AccountVerb };

/** Decisions on one letter, named by its number (shown with an approval request or an uncertain letter). */
export const LETTER_DECISION_VERBS = ['approve', 'reject', 'mark-sent', 'send-again'] as const;

/** One of LETTER_DECISION_VERBS. */
export type LetterDecisionVerb = (typeof LETTER_DECISION_VERBS)[number];

/** A parsed `/overdue` command. */
export type OverdueCommand =
  | { kind: 'list'; filters: OverdueFilters; page: number; post: boolean }
  | { kind: 'help' }
  | { kind: AccountVerb; customer: string }
  | { kind: 'letter'; customer: string; template: LetterTemplate | null }
  /** `reject 12`: a decision on letter 12. */
  | { kind: 'letter-decision'; decision: LetterDecisionVerb; letterId: number }
  /** `role @person [role]`: show a person's role, or (managers) set it. */
  | { kind: 'role'; person: string; role: Role | null }
  /** `language [tag|auto]`: the language duebot answers this person in (null: say which it is). */
  | { kind: 'language'; tag: string | null }
  /** `credits [YYYY-MM]`: PB-29, what each collector recovered in a month (default: this month). */
  | { kind: 'credits'; month: string | null };

/** Why the text was not understood, broadly (for programs). */
export type GrammarErrorCode =
  | 'unknown_word'
  | 'conflicting_filters'
  | 'missing_argument'
  | 'bad_value'
  | 'misplaced_word'
  | 'unclosed_quote';

/** Exactly what was wrong: each reason is one catalog message (overdue-help.ts). */
export type GrammarReason =
  | 'unclosed_quote'
  | 'not_a_template'
  | 'needs_customer'
  | 'needs_owner_name'
  | 'too_many_days'
  | 'needs_amount'
  | 'not_an_amount'
  | 'needs_grade'
  | 'not_a_grade'
  | 'needs_customer_name'
  | 'needs_page'
  | 'not_a_page'
  | 'quoted_name'
  | 'misplaced_action'
  | 'unknown_word'
  | 'unknown_word_guess'
  | 'conflict_owner'
  | 'conflict_days'
  | 'conflict_amount'
  | 'conflict_grade'
  | 'conflict_page'
  | 'conflict_customer'
  | 'not_a_role'
  | 'needs_person'
  | 'needs_letter_number'
  | 'one_language'
  | 'not_a_month';

/** A parse failure: codes for programs and the words its message names; no text of its own. */
export interface GrammarError {
  code: GrammarErrorCode;
  reason: GrammarReason;
  /** The word that was not understood, when there is one, as typed. */
  word?: string;
  /** What the message names (the words as typed, a guess, the choices). */
  values: Readonly<Record<string, string>>;
}

/** Result of parseOverdue. */
export type OverdueParse = { ok: true; command: OverdueCommand } | { ok: false; error: GrammarError };

const QUOTES: Record<string, string> = { '"': '"', '＂': '＂', '“': '”', '「': '」', '『': '』' };
const ACCOUNT_VERB_WORDS = new Set<string>([...ACCOUNT_VERBS, 'letter']);
const LETTER_VERBS = new Set<string>(LETTER_DECISION_VERBS);
const KEYWORDS = [
  'mine',
  'unclaimed',
  'grade',
  'customer',
  'page',
  'post',
  'help',
  'role',
  'credits',
  ...ACCOUNT_VERB_WORDS,
  ...LETTER_VERBS,
];
const MAX_DAYS = 36_500;
const MAX_PAGE = 100_000;

const failure = (
  code: GrammarErrorCode,
  reason: GrammarReason,
  values: Record<string, string> = {},
  word?: string,
): OverdueParse => ({
  ok: false,
  error: word === undefined ? { code, reason, values } : { code, reason, values, word },
});

const norm = (word: string) => word.normalize('NFKC').toLowerCase();

function tokenize(text: string): Token[] | OverdueParse {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      if (end < 0) return failure('unclosed_quote', 'unclosed_quote', { quote: ch });
      const quoted = text.slice(i + 1, end).trim();
      tokens.push({ text: quoted, word: norm(quoted), quoted: true, chinese: false, start: i, end: end + 1 });
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/u.test(text[i] ?? '')) i++;
    tokens.push(...splitChinese(text.slice(start, i), start));
  }
  return tokens;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function closest(word: string, candidates: readonly string[], minLength = 3): string | undefined {
  if (word.length < minLength) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** A typo of a Chinese keyword (未人领, 我得) is one character off a form of the same length. */
function closestChinese(word: string): string | undefined {
  if (word.length < 2 || !/\p{Script=Han}/u.test(word)) return undefined;
  return [...CHINESE_KEYWORDS.keys()].find((f) => f.length === word.length && editDistance(word, f) === 1);
}

/** `50000`, `50,000`, `50k`, `1.5m`, `5万`, `1亿` -> whole major units (money.ts's one amount grammar); null when not a whole, safe amount. */
export function parseAmountMajor(text: string): number | null {
  return parseTypedAmount(text, 0);
}

function rawRest(text: string, tokens: Token[], from: number, to = tokens.length): string {
  const first = tokens[from];
  const last = tokens[to - 1];
  if (first === undefined || last === undefined || from >= to) return '';
  if (from === to - 1 && first.quoted) return first.text;
  return text.slice(first.start, last.end).trim().replace(/\s+/gu, ' ');
}

function parseAccountCommand(text: string, tokens: Token[], verb: string): OverdueParse {
  const typed = norm(tokens[0]?.text ?? verb);
  if (verb !== 'letter') {
    const customer = rawRest(text, tokens, 1);
    if (!customer) return failure('missing_argument', 'needs_customer', { verb: typed });
    return { ok: true, command: { kind: verb as AccountVerb, customer } };
  }
  let template: LetterTemplate | null = null;
  let end = tokens.length;
  const last = tokens[end - 1];
  if (tokens.length >= 3 && last !== undefined && !last.quoted) {
    const word = CHINESE_TEMPLATES.get(last.word) ?? last.word;
    const known = LETTER_TEMPLATES.find((t) => t === word);
    if (known !== undefined) {
      template = known;
      end--;
    } else if (/^[a-z]+(?:-[a-z]+)+$/.test(word) && closest(word, LETTER_TEMPLATES) !== undefined) {
      return failure(
        'bad_value',
        'not_a_template',
        { word: last.text, templates: LETTER_TEMPLATES.join(', ') },
        last.text,
      );
    }
  }
  const customer = rawRest(text, tokens, 1, end);
  if (!customer) return failure('missing_argument', 'needs_customer', { verb: typed });
  return { ok: true, command: { kind: 'letter', customer, template } };
}

function conflict(
  reason: Extract<GrammarReason, `conflict_${string}`>,
  first: string,
  second: string,
): OverdueParse {
  return failure('conflicting_filters', reason, { first, second });
}

function positiveInt(word: string | undefined, max: number): number | null {
  if (word === undefined || !/^\d{1,9}$/.test(word)) return null;
  const n = Number(word);
  return n >= 1 && n <= max ? n : null;
}

/** The list being built while reading filters; `seen` keeps each filter's words as typed for conflict messages. */
interface ListState {
  text: string;
  tokens: Token[];
  filters: OverdueFilters;
  page?: number;
  post: boolean;
  seen: Record<string, string>;
  /** Where page and post were typed: the rest of the line is the list's query. */
  notQuery: [number, number][];
}

/** Reads the filter starting at token i: how many tokens it used (Infinity: the rest of the line), or why not. */
type Reader = (state: ListState, i: number) => number | OverdueParse;

const readOwner: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const word = token.word;
  const owner = word.startsWith('@') ? token.text.normalize('NFKC').slice(1) : undefined;
  if (owner === '') return failure('missing_argument', 'needs_owner_name', {}, '@');
  const before = state.seen.owner;
  if (before !== undefined && (state.seen.ownerWord !== word || owner !== undefined)) {
    return conflict('conflict_owner', before, token.text);
  }
  state.seen.owner = token.text;
  state.seen.ownerWord = word;
  if (word === 'mine') state.filters.mine = true;
  else if (word === 'unclaimed') state.filters.unclaimed = true;
  else state.filters.owner = owner;
  return 1;
};

const readDays: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const n = Number(token.word.slice(0, -1));
  if (n > MAX_DAYS) return failure('bad_value', 'too_many_days', { word: token.text }, token.text);
  if (state.seen.days !== undefined) return conflict('conflict_days', state.seen.days, token.text);
  state.seen.days = token.text;
  state.filters.minDays = n;
  return 1;
};

const readAmount: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const next = state.tokens[i + 1];
  let amountText = token.word.replace(/^>=?/, '');
  let typed = token.text;
  let chinese = token.chinese;
  let used = 1;
  if (amountText === '' && next !== undefined && !next.quoted) {
    amountText = next.word; // `> 50k`
    typed = `${token.text} ${next.text}`;
    chinese ||= next.chinese;
    used = 2;
  }
  if (amountText === '') return failure('missing_argument', 'needs_amount', { word: token.text }, token.text);
  const amount = parseAmountMajor(amountText);
  if (amount === null) return failure('bad_value', 'not_an_amount', { word: typed }, typed);
  if (state.seen.amount !== undefined) return conflict('conflict_amount', state.seen.amount, typed);
  state.seen.amount = typed;
  state.filters.minAmountMajor = amount;
  // A Chinese form (大于5万) is shown as the filter it reads as (>5万).
  state.filters.amountText = chinese ? `>${amountText}` : typed;
  return used;
};

const readGrade: Reader = (state, i) => {
  const keyword = norm((state.tokens[i] as Token).text);
  const next = state.tokens[i + 1];
  const grade = next === undefined ? '' : next.word.toUpperCase();
  if (grade !== 'A' && grade !== 'B' && grade !== 'C') {
    return next === undefined
      ? failure('missing_argument', 'needs_grade', { keyword }, keyword)
      : failure('bad_value', 'not_a_grade', { word: next.text }, next.text);
  }
  const typed = `${keyword} ${grade}`;
  if (state.seen.grade !== undefined) return conflict('conflict_grade', state.seen.grade, typed);
  state.seen.grade = typed;
  state.filters.grade = grade;
  return 2;
};

const readCustomer: Reader = (state, i) => {
  const keyword = norm((state.tokens[i] as Token).text);
  const next = state.tokens[i + 1];
  if (next === undefined) return failure('missing_argument', 'needs_customer_name', { keyword });
  if (state.seen.customer !== undefined) return conflict('conflict_customer', state.seen.customer, keyword);
  state.seen.customer = keyword;
  if (next.quoted) {
    state.filters.customer = next.text;
    return 2;
  }
  state.filters.customer = rawRest(state.text, state.tokens, i + 1);
  return Number.POSITIVE_INFINITY; // the rest of the line is the name
};

const readPage: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const keyword = token.chinese ? token.text : norm(token.text);
  const next = state.tokens[i + 1];
  const n = positiveInt(next?.word, MAX_PAGE);
  if (n === null) {
    return next === undefined
      ? failure('missing_argument', 'needs_page', { keyword }, keyword)
      : failure('bad_value', 'not_a_page', { word: next.text }, next.text);
  }
  if (state.page !== undefined) return conflict('conflict_page', state.seen.page ?? keyword, keyword);
  state.seen.page = keyword;
  state.page = n;
  state.notQuery.push([token.start, next?.end ?? token.end]);
  return 2;
};

const readPost: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  state.post = true;
  state.notQuery.push([token.start, token.end]);
  return 1;
};

// A Map, not an object: a typed word such as "__proto__" or "constructor" must not find Object's own.
const KEYWORD_READERS = new Map<string, Reader>([
  ['grade', readGrade],
  ['customer', readCustomer],
  ['page', readPage],
  ['post', readPost],
]);

function readerFor(word: string): Reader | undefined {
  if (word === 'mine' || word === 'unclaimed' || word.startsWith('@')) return readOwner;
  if (/^\d{1,9}\+$/.test(word)) return readDays;
  if (word.startsWith('>')) return readAmount;
  return KEYWORD_READERS.get(word);
}

function parseList(state: ListState): OverdueParse {
  const { tokens } = state;
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i] as Token;
    const word = token.word;
    if (token.quoted) return failure('unknown_word', 'quoted_name', { word: token.text }, token.text);
    if (word === 'help' || word === '?') return { ok: true, command: { kind: 'help' } };
    const reader = readerFor(word);
    if (reader !== undefined) {
      const used = reader(state, i);
      if (typeof used !== 'number') return used;
      i += used;
      continue;
    }
    if (ACCOUNT_VERB_WORDS.has(word))
      return failure(
        'misplaced_word',
        'misplaced_action',
        { word: token.text, verb: norm(token.text) },
        token.text,
      );
    const guess = closest(word, KEYWORDS) ?? closestChinese(word);
    return guess === undefined
      ? failure('unknown_word', 'unknown_word', { word: token.text }, token.text)
      : failure('unknown_word', 'unknown_word_guess', { word: token.text, guess }, token.text);
  }
  return {
    ok: true,
    command: { kind: 'list', filters: state.filters, page: state.page ?? 1, post: state.post },
  };
}

/** `role <person> [role]`: the last word is the role when it names one; the rest is the person. */
function parseRole(text: string, tokens: Token[]): OverdueParse {
  const last = tokens[tokens.length - 1];
  const word = last === undefined || last.quoted ? '' : (CHINESE_ROLES.get(last.word) ?? last.word);
  const role = tokens.length >= 3 ? (ROLES.find((r) => r === word) ?? null) : null;
  // Slack's escaped mention <@U123|ann> names the person by id.
  const person = rawRest(text, tokens, 1, role ? tokens.length - 1 : tokens.length)
    .replace(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/u, '$1')
    .replace(/^@/u, '')
    .trim();
  const roles = ROLES.join(', ');
  if (!role && tokens.length >= 3 && closest(word, ROLES) !== undefined)
    return failure('bad_value', 'not_a_role', { word: last?.text ?? '', roles }, word);
  if (!person) return failure('missing_argument', 'needs_person', { roles: ROLES.join('|') }, 'role');
  return { ok: true, command: { kind: 'role', person, role } };
}

/** `reject 12`: the verb and one letter number, nothing else. */
function parseLetterDecision(tokens: Token[], verb: LetterDecisionVerb): OverdueParse {
  const letterId = tokens.length === 2 ? parseRowId(tokens[1]?.word ?? '') : null;
  if (letterId === null) {
    const typed = norm(tokens[0]?.text ?? verb);
    return failure('missing_argument', 'needs_letter_number', { verb: typed }, verb);
  }
  return { ok: true, command: { kind: 'letter-decision', decision: verb, letterId } };
}

/** `language [tag]`: one word at most, any tag (the command says which it does not know). */
function parseLanguage(tokens: Token[]): OverdueParse {
  if (tokens.length > 2) return failure('bad_value', 'one_language', {}, tokens[2]?.text ?? 'language');
  return { ok: true, command: { kind: 'language', tag: tokens[1]?.text.trim() ?? null } };
}

/** `credits [YYYY-MM]` (PB-29): one optional month, a real one, as 2026-11 or 2026年11月. */
function parseCredits(text: string, tokens: Token[]): OverdueParse {
  if (tokens.length === 1) return { ok: true, command: { kind: 'credits', month: null } };
  const word = tokens.length === 2 ? (tokens[1]?.word ?? '') : '';
  const chinese = /^(\d{4})年(\d{1,2})月$/u.exec(word);
  const month = chinese ? `${chinese[1]}-${(chinese[2] ?? '').padStart(2, '0')}` : word;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    const typed = rawRest(text, tokens, 1);
    return failure('bad_value', 'not_a_month', { word: typed }, typed);
  }
  return { ok: true, command: { kind: 'credits', month } };
}

function parse(text: string): { parsed: OverdueParse; notQuery: [number, number][] } {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { parsed: tokens, notQuery: [] };
  const first = tokens[0];
  const word = first === undefined || first.quoted ? '' : first.word;
  if (word === 'language') return { parsed: parseLanguage(tokens), notQuery: [] };
  if (word === 'role') return { parsed: parseRole(text, tokens), notQuery: [] };
  if (word === 'credits') return { parsed: parseCredits(text, tokens), notQuery: [] };
  if (ACCOUNT_VERB_WORDS.has(word)) return { parsed: parseAccountCommand(text, tokens, word), notQuery: [] };
  if (LETTER_VERBS.has(word))
    return { parsed: parseLetterDecision(tokens, word as LetterDecisionVerb), notQuery: [] };
  const state: ListState = {
    text,
    tokens,
    filters: { mine: false, unclaimed: false },
    post: false,
    seen: {},
    notQuery: [],
  };
  return { parsed: parseList(state), notQuery: state.notQuery };
}

/**
 * The filters of a list command as typed, without its page and post words (`60+ post 第2页` -> `60+`):
 * what the list's pager and refresh buttons keep. Other text is returned trimmed.
 */
export function listQuery(text: string): string {
  const { parsed, notQuery } = parse(text);
  if (!parsed.ok || parsed.command.kind !== 'list') return text.trim();
  const pieces: string[] = [];
  let at = 0;
  for (const [start, end] of [...notQuery].sort((a, b) => a[0] - b[0])) {
    pieces.push(text.slice(at, start));
    at = Math.max(at, end);
  }
  pieces.push(text.slice(at));
  return pieces
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ');
}

/** Parse what follows `/overdue`. */
export function parseOverdue(text: string): OverdueParse {
  return parse(text).parsed;
}
