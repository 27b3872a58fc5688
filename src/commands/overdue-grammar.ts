/**
 * The `/overdue` grammar, the same on Slack, Teams and the terminal: text in, a typed command or a typed
 * error out (never an exception). Keywords are case-insensitive and read after NFKC normalisation, so
 * full-width input from Chinese keyboards (`６０＋`, `＞５０k`) works; customer names are kept as typed.
 */
import type { Grade } from '../collections/grade.ts';
import { parseTypedAmount } from '../collections/money.ts';
import { parseRowId } from '../worklist/row-id.ts';
import { ROLES, type Role } from '../worklist/staff.ts';

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

/** Commands that act on one account, named by customer name or id. */
export type AccountVerb =
  | 'show'
  | 'claim'
  | 'release'
  | 'log'
  | 'history'
  | 'reassign'
  | 'dispute'
  | 'resolve'
  | 'pause'
  | 'unpause'
  | 'terms'
  | 'hand-over'
  | 'plan'
  | 'cancel-plan'
  | 'kept';

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

/** Why the text was not understood. */
export type GrammarErrorCode =
  | 'unknown_word'
  | 'conflicting_filters'
  | 'missing_argument'
  | 'bad_value'
  | 'misplaced_word'
  | 'unclosed_quote';

/** A parse failure: a code for programs, a sentence for people, and the help text to show with it. */
export interface GrammarError {
  code: GrammarErrorCode;
  message: string;
  /** The word that was not understood, when there is one. */
  word?: string;
  help: string;
}

/** Result of parseOverdue. */
export type OverdueParse = { ok: true; command: OverdueCommand } | { ok: false; error: GrammarError };

/** What `/overdue help` shows, and what every parse error comes with. */
export const OVERDUE_HELP = `Usage: /overdue [filters]  or  /overdue <action> <customer>

Filters (combine freely, e.g. /overdue unclaimed 60+ >10k):
  (nothing)            top accounts by priority
  mine                 accounts you own
  unclaimed            accounts nobody owns yet
  30+  60+  90+        at least that many days overdue (any number works)
  >50000  >50k  >1.5m  open balance of at least that much (k thousand, m million, b billion,
                       万 ten thousand, 亿 hundred million)
  grade C              credit grade A, B or C
  customer <name>      customer name contains <name> (rest of the line, or "quoted")
  @person              accounts owned by that person
  page 2               another page of the list
  post                 share the list in the channel instead of only with you

Actions on one account (customer name or id):
  show <customer>      the customer file
  claim <customer>     become the owner
  release <customer>   give the account up
  log <customer>       record a call or contact
  history <customer>   every contact so far
  reassign <customer>  give the account to another collector (managers)
  dispute <customer>   open a dispute on some of its invoices (PB-21)
  resolve <customer>   resolve one of its open disputes
  pause <customer>     pause chasing it, or some invoices, until a date
  unpause <customer>   end its pauses now
  terms <customer>     key-account exemption, habitual late payer, contract interest (managers)
  hand-over <customer> hand the account to a collection agency; internal chasing stops (managers)
  plan <customer>      propose or renegotiate a payment plan (PB-17)
  cancel-plan <customer>
                       cancel the account's payment plan
  kept <customer>      mark its open promise kept by hand, with a note (PB-20)
  letter <customer> [template]
                       templates: ${LETTER_TEMPLATES.join(', ')}

Letters waiting for a decision (L is the letter number shown with them):
  approve L | reject L          a letter waiting for a second person
  mark-sent L | send-again L    a letter that may or may not have gone out

Language:
  language             the language duebot answers you in, and why
  language zh-TW       answer me in en, zh-CN or zh-TW (also 语言 / 語言)
  language auto        follow my Slack, Teams or terminal language again

Staff:
  role @person         their role, and where it came from
  role @person <role>  set it (managers): ${ROLES.join(', ')}
  credits [2026-11]    what each collector recovered in a month, with the 90+ day bonus base (managers)

  help                 this text`;

interface Token {
  text: string;
  quoted: boolean;
  start: number;
  end: number;
}

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」' };
const ACCOUNT_VERBS = new Set<string>([
  'show',
  'claim',
  'release',
  'log',
  'history',
  'letter',
  'reassign',
  'dispute',
  'resolve',
  'pause',
  'unpause',
  'terms',
  'hand-over',
  'plan',
  'cancel-plan',
  'kept',
]);
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
  ...ACCOUNT_VERBS,
  ...LETTER_VERBS,
];
const MAX_DAYS = 36_500;
const MAX_PAGE = 100_000;

const failure = (code: GrammarErrorCode, message: string, word?: string): OverdueParse => ({
  ok: false,
  error:
    word === undefined ? { code, message, help: OVERDUE_HELP } : { code, message, word, help: OVERDUE_HELP },
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
      if (end < 0) return failure('unclosed_quote', `The quote opened with ${ch} is never closed.`);
      tokens.push({ text: text.slice(i + 1, end).trim(), quoted: true, start: i, end: end + 1 });
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/u.test(text[i] ?? '')) i++;
    tokens.push({ text: text.slice(start, i), quoted: false, start, end: i });
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

function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 3) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
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
  if (verb !== 'letter') {
    const customer = rawRest(text, tokens, 1);
    if (!customer) return failure('missing_argument', `"${verb}" needs a customer name or id.`);
    return { ok: true, command: { kind: verb as AccountVerb, customer } };
  }
  let template: LetterTemplate | null = null;
  let end = tokens.length;
  const last = tokens[end - 1];
  if (tokens.length >= 3 && last !== undefined && !last.quoted) {
    const word = norm(last.text);
    const known = LETTER_TEMPLATES.find((t) => t === word);
    if (known !== undefined) {
      template = known;
      end--;
    } else if (/^[a-z]+(?:-[a-z]+)+$/.test(word) && closest(word, LETTER_TEMPLATES) !== undefined) {
      return failure(
        'bad_value',
        `"${last.text}" is not a letter template; use one of: ${LETTER_TEMPLATES.join(', ')}.`,
        last.text,
      );
    }
  }
  const customer = rawRest(text, tokens, 1, end);
  if (!customer) return failure('missing_argument', '"letter" needs a customer name or id.');
  return { ok: true, command: { kind: 'letter', customer, template } };
}

function conflict(a: string, b: string, why: string): OverdueParse {
  return failure('conflicting_filters', `"${a}" and "${b}" cannot be combined: ${why}.`);
}

function positiveInt(text: string | undefined, max: number): number | null {
  if (text === undefined || !/^\d{1,9}$/.test(norm(text))) return null;
  const n = Number(norm(text));
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
}

/** Reads the filter starting at token i: how many tokens it used (Infinity: the rest of the line), or why not. */
type Reader = (state: ListState, i: number) => number | OverdueParse;

const readOwner: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const word = norm(token.text);
  const owner = word.startsWith('@') ? token.text.normalize('NFKC').slice(1) : undefined;
  if (owner === '') return failure('missing_argument', '"@" needs a name, e.g. @li.wei.', '@');
  const before = state.seen.owner;
  if (before !== undefined && (norm(before) !== word || owner !== undefined)) {
    return conflict(before, token.text, 'a list has one owner filter (mine, unclaimed or @person)');
  }
  state.seen.owner = token.text;
  if (word === 'mine') state.filters.mine = true;
  else if (word === 'unclaimed') state.filters.unclaimed = true;
  else state.filters.owner = owner;
  return 1;
};

const readDays: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const n = Number(norm(token.text).slice(0, -1));
  if (n > MAX_DAYS)
    return failure('bad_value', `"${token.text}" is more days than any invoice is old.`, token.text);
  if (state.seen.days !== undefined)
    return conflict(state.seen.days, token.text, 'give one days-overdue threshold');
  state.seen.days = token.text;
  state.filters.minDays = n;
  return 1;
};

const readAmount: Reader = (state, i) => {
  const token = state.tokens[i] as Token;
  const next = state.tokens[i + 1];
  let amountText = norm(token.text).replace(/^>=?/, '');
  let typed = token.text;
  let used = 1;
  if (amountText === '' && next !== undefined && !next.quoted) {
    amountText = norm(next.text); // `> 50k`
    typed = `${token.text} ${next.text}`;
    used = 2;
  }
  if (amountText === '') return failure('missing_argument', '">" needs an amount, e.g. >50k.', token.text);
  const amount = parseAmountMajor(amountText);
  if (amount === null) {
    const why = 'is not an amount I can read; write whole amounts like >50000, >50k or >1.5m';
    return failure('bad_value', `"${typed}" ${why}.`, typed);
  }
  if (state.seen.amount !== undefined) return conflict(state.seen.amount, typed, 'give one amount threshold');
  state.seen.amount = typed;
  state.filters.minAmountMajor = amount;
  state.filters.amountText = typed;
  return used;
};

const readGrade: Reader = (state, i) => {
  const next = state.tokens[i + 1];
  const grade = next === undefined ? '' : norm(next.text).toUpperCase();
  if (grade !== 'A' && grade !== 'B' && grade !== 'C') {
    return next === undefined
      ? failure('missing_argument', '"grade" needs A, B or C, e.g. grade C.', 'grade')
      : failure('bad_value', `"${next.text}" is not a grade; use A, B or C.`, next.text);
  }
  if (state.seen.grade !== undefined) return conflict(state.seen.grade, `grade ${grade}`, 'give one grade');
  state.seen.grade = `grade ${grade}`;
  state.filters.grade = grade;
  return 2;
};

const readCustomer: Reader = (state, i) => {
  const next = state.tokens[i + 1];
  if (next === undefined)
    return failure('missing_argument', '"customer" needs a name, e.g. customer 上海华联.');
  if (state.seen.customer !== undefined) return conflict('customer', 'customer', 'give one customer filter');
  state.seen.customer = 'customer';
  if (next.quoted) {
    state.filters.customer = next.text;
    return 2;
  }
  state.filters.customer = rawRest(state.text, state.tokens, i + 1);
  return Number.POSITIVE_INFINITY; // the rest of the line is the name
};

const readPage: Reader = (state, i) => {
  const next = state.tokens[i + 1]?.text;
  const n = positiveInt(next, MAX_PAGE);
  if (n === null) {
    return next === undefined
      ? failure('missing_argument', '"page" needs a page number, e.g. page 2.', 'page')
      : failure('bad_value', `"${next}" is not a page number; use 1, 2, 3 ...`, next);
  }
  if (state.page !== undefined) return conflict('page', 'page', 'give one page number');
  state.page = n;
  return 2;
};

const readPost: Reader = (state) => {
  state.post = true;
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

function parseList(text: string, tokens: Token[]): OverdueParse {
  const state: ListState = {
    text,
    tokens,
    filters: { mine: false, unclaimed: false },
    post: false,
    seen: {},
  };
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i] as Token;
    const word = norm(token.text);
    if (token.quoted) {
      const hint = `to filter by customer write customer "${token.text}"`;
      return failure('unknown_word', `I did not understand "${token.text}"; ${hint}.`, token.text);
    }
    if (word === 'help' || word === '?') return { ok: true, command: { kind: 'help' } };
    const reader = readerFor(word);
    if (reader !== undefined) {
      const used = reader(state, i);
      if (typeof used !== 'number') return used;
      i += used;
      continue;
    }
    if (ACCOUNT_VERBS.has(word)) {
      const usage = `/overdue ${word} <customer>`;
      return failure(
        'misplaced_word',
        `"${token.text}" must come first and be followed by a customer: ${usage}.`,
        token.text,
      );
    }
    const guess = closest(word, KEYWORDS);
    const hint = guess === undefined ? '' : ` Did you mean "${guess}"?`;
    return failure('unknown_word', `I did not understand "${token.text}".${hint}`, token.text);
  }
  return {
    ok: true,
    command: { kind: 'list', filters: state.filters, page: state.page ?? 1, post: state.post },
  };
}

/** `role <person> [role]`: the last word is the role when it names one; the rest is the person. */
function parseRole(text: string, tokens: Token[]): OverdueParse {
  const last = tokens[tokens.length - 1];
  const word = last === undefined || last.quoted ? '' : norm(last.text);
  const role = tokens.length >= 3 ? (ROLES.find((r) => r === word) ?? null) : null;
  // Slack's escaped mention <@U123|ann> names the person by id.
  const person = rawRest(text, tokens, 1, role ? tokens.length - 1 : tokens.length)
    .replace(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/u, '$1')
    .replace(/^@/u, '')
    .trim();
  const usage = `/overdue role @person [${ROLES.join('|')}]`;
  if (!role && tokens.length >= 3 && closest(word, ROLES) !== undefined)
    return failure(
      'bad_value',
      `"${last?.text ?? ''}" is not a role; use one of: ${ROLES.join(', ')}.`,
      word,
    );
  if (!person) return failure('missing_argument', `"role" needs a person: ${usage}.`, 'role');
  return { ok: true, command: { kind: 'role', person, role } };
}

/** `reject 12`: the verb and one letter number, nothing else. */
function parseLetterDecision(tokens: Token[], verb: LetterDecisionVerb): OverdueParse {
  const word = tokens[1] === undefined ? '' : norm(tokens[1].text);
  const letterId = tokens.length === 2 ? parseRowId(word) : null;
  if (letterId === null)
    return failure(
      'missing_argument',
      `"${verb}" needs the letter number shown with the letter (not a row or a customer): /overdue ${verb} 12.`,
      verb,
    );
  return { ok: true, command: { kind: 'letter-decision', decision: verb, letterId } };
}

/** The words that start `language` in each of duebot's languages. */
const LANGUAGE_WORDS = new Set(['language', '语言', '語言']);

/** `language [tag]`: one word at most, any tag (the command says which it does not know). */
function parseLanguage(tokens: Token[]): OverdueParse {
  if (tokens.length > 2)
    return failure(
      'bad_value',
      'Name one language: /overdue language en, zh-CN, zh-TW or auto.',
      tokens[2]?.text ?? 'language',
    );
  return { ok: true, command: { kind: 'language', tag: tokens[1]?.text.trim() ?? null } };
}

/** `credits [YYYY-MM]`: one optional month, a real one. */
function parseCredits(tokens: Token[]): OverdueParse {
  const word = tokens[1] === undefined ? null : norm(tokens[1].text);
  const usage = '/overdue credits [2026-11]';
  if (tokens.length > 2 || (word !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(word)))
    return failure(
      'bad_value',
      `"credits" takes one month as YYYY-MM, or nothing for this month: ${usage}.`,
      'credits',
    );
  return { ok: true, command: { kind: 'credits', month: word } };
}

/** Parse what follows `/overdue`. */
export function parseOverdue(text: string): OverdueParse {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  const first = tokens[0];
  if (first !== undefined && !first.quoted && LANGUAGE_WORDS.has(norm(first.text)))
    return parseLanguage(tokens);
  if (first !== undefined && !first.quoted && norm(first.text) === 'role') return parseRole(text, tokens);
  if (first !== undefined && !first.quoted && norm(first.text) === 'credits') return parseCredits(tokens);
  if (first !== undefined && !first.quoted && ACCOUNT_VERBS.has(norm(first.text))) {
    return parseAccountCommand(text, tokens, norm(first.text));
  }
  if (first !== undefined && !first.quoted && LETTER_VERBS.has(norm(first.text)))
    return parseLetterDecision(tokens, norm(first.text) as LetterDecisionVerb);
  return parseList(text, tokens);
}
