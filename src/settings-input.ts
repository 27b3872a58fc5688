/**
 * What every settings fragment is made of (src/config.ts composes them): a module's variables, each a zod
 * schema that says what it expects, the problems of combinations, and one way to read it from the
 * environment with one line per problem: `NAME: found <what>, expected <what>`. Each problem is a catalog
 * message (i18n/messages/settings-*.ts) kept with the variable it names, said in the reader's language.
 */
import { z } from 'zod';
import type { MessageKey } from './i18n/messages/en.ts';
import { said, type Said, sayIn } from './i18n/said.ts';
import type { MessageValues, Translator } from './i18n/translate.ts';

/** Environment variables by name, as `process.env` has them. */
export type Env = Record<string, string | undefined>;

/** True for a time zone name Intl knows (IANA, e.g. Asia/Shanghai, or UTC). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An empty environment variable (`FOO=`) counts as unset, so its default applies; every setting uses it. */
export const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/**
 * One problem of the settings: the variable to change, what it holds (for a variable that does not
 * parse; never a secret), and what is wrong, as a catalog message.
 */
export interface SettingProblem {
  variable: string;
  found?: { kind: 'nothing' | 'secret' | 'value'; value: string };
  says: Said;
}

/** A problem of a combination: `variable` and what is wrong with it (its catalog message). */
export const settingProblem = (
  variable: string,
  key: MessageKey,
  values: MessageValues = {},
): SettingProblem => ({
  variable,
  says: said(key, values),
});

/** A problem as one line, `NAME: found ..., expected ...`, in `t`'s language (English without one). */
export function problemText(problem: SettingProblem, t?: Translator): string {
  const what = sayIn(t, problem.says);
  const say = (key: MessageKey, values: MessageValues) => sayIn(t, said(key, values));
  return problem.found
    ? say('settings.line.found', {
        variable: problem.variable,
        found: problem.found.kind,
        value: problem.found.value,
        problem: what,
      })
    : say('settings.line', { variable: problem.variable, problem: what });
}

/**
 * The catalog message of each text a schema says (`expects`): zod carries a message as text, and
 * readFragment says it again in the reader's language.
 */
const SAID_BY_TEXT = new Map<string, Said>();

/** A schema's message: its English text for zod, the catalog message `key` for readFragment. */
export function expects(key: MessageKey, values: MessageValues = {}): string {
  const message = said(key, values);
  const text = sayIn(undefined, message);
  SAID_BY_TEXT.set(text, message);
  return text;
}

/** The catalog message a schema's message text stands for, when the schema said it with `expects`. */
export const expectedBy = (text: string): Said | undefined => SAID_BY_TEXT.get(text);

/** What a zod issue says, as a catalog message: the schema's own (`expects`), or zod's in our words. */
function issueSaid(issue: z.core.$ZodIssue): Said {
  const own = SAID_BY_TEXT.get(issue.message);
  if (own) return own;
  const strings = issue.code === 'too_big' || issue.code === 'too_small' ? issue.origin === 'string' : false;
  switch (issue.code) {
    case 'invalid_value':
      return said('settings.oneOf', { choices: issue.values.map(String).join(', ') });
    case 'too_big':
      return strings
        ? said('settings.atMostChars', { max: Number(issue.maximum) })
        : said('settings.atMost', { max: String(issue.maximum) });
    case 'too_small':
      return strings
        ? said('settings.atLeastChars', { min: Number(issue.minimum) })
        : said('settings.atLeast', { min: String(issue.minimum) });
    default:
      return said('settings.invalid', { message: issue.message });
  }
}

/** One module's settings: its variables by name, and what is wrong with values fine alone but not together. */
export interface SettingsFragment<S extends z.ZodRawShape = z.ZodRawShape> {
  schema: z.ZodObject<S>;
  /** One problem per line (`NAME: found ..., expected ...`), asked only when every variable parsed. */
  combinations?: (values: z.output<z.ZodObject<S>>, env: Env) => SettingProblem[];
}

/** A fragment from its variables, typed by them. */
export function settingsFragment<S extends z.ZodRawShape>(
  shape: S,
  combinations?: (values: z.output<z.ZodObject<S>>, env: Env) => SettingProblem[],
): SettingsFragment<S> {
  return { schema: z.object(shape), ...(combinations ? { combinations } : {}) };
}

/**
 * A fragment read from an environment: its values, or the problems of the variables that did not parse;
 * each problem as an English line (`problems`, `combinationProblems`: logs, tests) and as said (`said`).
 */
export type FragmentRead<S extends z.ZodRawShape> =
  | { ok: true; values: z.output<z.ZodObject<S>>; combinationProblems: string[]; said: SettingProblem[] }
  | { ok: false; problems: string[]; said: SettingProblem[] };

const SECRET_NAME = /TOKEN|SECRET|Password/;

/** What was found, for a problem line: never a secret, never a whole page of text. */
function describeFound(name: string, value: string | undefined): NonNullable<SettingProblem['found']> {
  if (value === undefined) return { kind: 'nothing', value: '' };
  if (SECRET_NAME.test(name)) return { kind: 'secret', value: '' }; // never echo secrets
  return { kind: 'value', value: JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) };
}

/** Reads one fragment; every variable that does not parse is a problem of its own. */
export function readFragment<S extends z.ZodRawShape>(
  fragment: SettingsFragment<S>,
  env: Env,
): FragmentRead<S> {
  const parsed = fragment.schema.safeParse(env);
  if (!parsed.success) {
    const found = parsed.error.issues.map((issue): SettingProblem => {
      const variable = String(issue.path[0] ?? 'settings');
      return { variable, found: describeFound(variable, env[variable]), says: issueSaid(issue) };
    });
    return { ok: false, problems: found.map((p) => problemText(p)), said: found };
  }
  const combinations = fragment.combinations?.(parsed.data, env) ?? [];
  return {
    ok: true,
    values: parsed.data,
    combinationProblems: combinations.map((p) => problemText(p)),
    said: combinations,
  };
}

/** The bounds and the words of a whole-number setting; each message (`expects`) says what is expected. */
interface WholeNumberRule {
  min: number;
  max?: number;
  /** When it is not a whole number: "expected a whole number" unless said. */
  whole?: string;
  /** When it is not a number at all: `whole` unless said. */
  notNumber?: string;
  /** When it is out of range: "expected a whole number from <min> to <max>" ("..., <min> or more") unless said. */
  range?: string;
}

/**
 * The one way a setting is read as a whole number (an empty variable is unset): with `fallback` it is
 * always a number, without it a number or undefined.
 */
export function wholeNumber(rule: WholeNumberRule & { fallback: number }): z.ZodType<number>;
export function wholeNumber(rule: WholeNumberRule): z.ZodType<number | undefined>;
export function wholeNumber(rule: WholeNumberRule & { fallback?: number }): z.ZodType<number | undefined> {
  const whole = rule.whole ?? expects('settings.number.whole');
  const range =
    rule.range ??
    (rule.max === undefined
      ? expects('settings.number.atLeast', { min: rule.min })
      : expects('settings.number.range', { min: rule.min, max: rule.max }));
  let number = z.coerce
    .number({ error: rule.notNumber ?? whole })
    .int(whole)
    .min(rule.min, range);
  if (rule.max !== undefined) number = number.max(rule.max, range);
  return z.preprocess(
    emptyAsUndefined,
    rule.fallback === undefined ? number.optional() : number.default(rule.fallback),
  );
}
