/**
 * What every settings fragment is made of (src/config.ts composes them): a module's variables, each a zod
 * schema that says what it expects, the problems of combinations, and one way to read it from the
 * environment with one line per problem: `NAME: found <what>, expected <what>`.
 */
import { z } from 'zod';

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

/** One module's settings: its variables by name, and what is wrong with values fine alone but not together. */
export interface SettingsFragment<S extends z.ZodRawShape = z.ZodRawShape> {
  schema: z.ZodObject<S>;
  /** One line per problem (`NAME: found ..., expected ...`), asked only when every variable parsed. */
  combinations?: (values: z.output<z.ZodObject<S>>, env: Env) => string[];
}

/** A fragment from its variables, typed by them. */
export function settingsFragment<S extends z.ZodRawShape>(
  shape: S,
  combinations?: (values: z.output<z.ZodObject<S>>, env: Env) => string[],
): SettingsFragment<S> {
  return { schema: z.object(shape), ...(combinations ? { combinations } : {}) };
}

/** A fragment read from an environment: its values, or the problems of the variables that did not parse. */
export type FragmentRead<S extends z.ZodRawShape> =
  | { ok: true; values: z.output<z.ZodObject<S>>; combinationProblems: string[] }
  | { ok: false; problems: string[] };

const SECRET_NAME = /TOKEN|SECRET|Password/;

/** What was found, for a problem line: never a secret, never a whole page of text. */
function describeFound(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_NAME.test(name)) return 'a value'; // never echo secrets
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** Reads one fragment; every variable that does not parse is a problem of its own. */
export function readFragment<S extends z.ZodRawShape>(
  fragment: SettingsFragment<S>,
  env: Env,
): FragmentRead<S> {
  const parsed = fragment.schema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'settings');
        return `${name}: found ${describeFound(name, env[name])}, ${issue.message}`;
      }),
    };
  }
  return {
    ok: true,
    values: parsed.data,
    combinationProblems: fragment.combinations?.(parsed.data, env) ?? [],
  };
}

/** The bounds and the words of a whole-number setting; each message says what is expected. */
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
  const whole = rule.whole ?? 'expected a whole number';
  const range =
    rule.range ??
    (rule.max === undefined
      ? `expected a whole number, ${rule.min} or more`
      : `expected a whole number from ${rule.min} to ${rule.max}`);
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
