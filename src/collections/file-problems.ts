/**
 * What is wrong in a ladder or policy file, said in the reader's language (issue 20): each problem kept
 * as where it is (the YAML key path and its line), what the file holds there and what is expected, each a
 * catalog message (i18n/messages/policy-*.ts) said by whoever shows it (`duebot doctor`, a refused start).
 * zod's own English never reaches a person: every issue a file can raise becomes one of our messages, the
 * file's keys and values kept as data.
 */
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { said, type Said, saidBy, sayIn } from '../i18n/said.ts';
import { expectedBy } from '../settings-input.ts';

/** A YAML key path as zod gives it: keys and list indexes. */
export type YamlPath = readonly PropertyKey[];

/** A YAML file's data, and the line each key path is on. */
export interface YamlRead {
  raw: unknown;
  /** The 1-based line of the deepest key or entry of `path` the file has; undefined for the whole file. */
  lineOf(path: YamlPath): number | undefined;
}

/** One problem of a file: where, the line, what the file holds there (for a value), and what is wrong. */
export interface FileProblem {
  where: Said;
  line?: number | undefined;
  found?: Said | undefined;
  says: Said;
}

/** A problem as one line: `field aging.redAfterDays (line 2): found "thirty", expected ...`. */
export const problemLine = (problem: FileProblem): Said =>
  said('policy.problem', {
    where: problem.where,
    hasLine: problem.line !== undefined ? 'yes' : 'no',
    line: problem.line ?? 0,
    hasFound: problem.found ? 'yes' : 'no',
    found: problem.found ?? '',
    problem: problem.says,
  });

/**
 * A ladder or policy file that could not be used: `said`, one catalog message per problem; `problems`,
 * the same lines in English (logs, the error's message).
 */
export abstract class FileProblems extends Error {
  readonly problems: string[];
  constructor(
    intro: string,
    readonly said: Said[],
  ) {
    const problems = said.map((line) => sayIn(undefined, line));
    super(`${intro}: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

function lineIn(doc: Document, lines: LineCounter, path: YamlPath): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  const lineAt = (at: unknown) => (isNode(at) && at.range ? lines.linePos(at.range[0]).line : undefined);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      if (!pair) break;
      line = lineAt(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!isNode(item)) break;
      line = lineAt(item) ?? line;
      node = item;
    } else break;
  }
  return line;
}

/** Reads YAML text; text that is not YAML is one problem, at its line and column with yaml's code. */
export function readYaml(text: string): YamlRead | { problem: Said } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    return { problem: said('policy.yaml', { code: error.code, line: at?.line ?? 1, column: at?.col ?? 1 }) };
  }
  return { raw: doc.toJS() ?? {}, lineOf: (path) => lineIn(doc, lines, path) };
}

/** A key path as the file writes it: `aging.bucketEdges[1]`. */
export const fieldName = (path: YamlPath): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');

/** What the file holds at `path`, as data: a value as written, or what kind of thing it is. */
export function foundAt(raw: unknown, path: YamlPath): Said {
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object')
      return said('policy.found', { kind: 'missing', value: '' });
    value = (value as Record<string, unknown>)[String(key)];
  }
  if (value === undefined) return said('policy.found', { kind: 'missing', value: '' });
  if (value === null) return said('policy.found', { kind: 'empty', value: '' });
  if (Array.isArray(value)) return said('policy.found', { kind: 'list', value: '' });
  if (typeof value === 'object') return said('policy.found', { kind: 'mapping', value: '' });
  if (typeof value === 'string')
    return said('policy.found', {
      kind: 'text',
      value: JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value),
    });
  return said('policy.found', { kind: 'value', value: String(value) });
}

/** The types zod names that our message says in words; any other is said as "another kind of value". */
const TYPES = new Set(['number', 'int', 'string', 'array', 'object']);

/**
 * What a zod issue says, as a catalog message: a problem found between fields (`params.says`), the
 * schema's own message (given with `expects`), or zod's check in our words with its numbers as values.
 */
export function issueSays(issue: z.core.$ZodIssue): Said {
  const own = (issue.code === 'custom' ? saidBy(issue.params ?? {}) : undefined) ?? expectedBy(issue.message);
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'boolean') return said('policy.boolean', { yes: 'true', no: 'false' });
      return said('policy.expected.type', { type: TYPES.has(issue.expected) ? issue.expected : 'other' });
    case 'invalid_value':
      return said('policy.expected.oneOf', { choices: issue.values.map(String).join(', ') });
    case 'too_small':
      if (issue.origin === 'array') return said('policy.expected.entries', { min: Number(issue.minimum) });
      if (issue.origin === 'number' || issue.origin === 'int')
        return said('policy.expected.atLeast', {
          min: String(issue.minimum),
          inclusive: issue.inclusive === false ? 'no' : 'yes',
        });
      return said('policy.expected.other');
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int')
        return said('policy.expected.atMost', {
          max: String(issue.maximum),
          inclusive: issue.inclusive === false ? 'no' : 'yes',
        });
      return said('policy.expected.other');
    default:
      return said('policy.expected.other');
  }
}

/**
 * The problems of one zod issue in a file: one per unknown key (`known` names the keys the place takes),
 * else one, with what the file holds there when the issue is about the value (not about other fields).
 */
export function issueProblems(
  issue: z.core.$ZodIssue,
  read: YamlRead,
  where: (path: YamlPath) => Said,
  known: (path: YamlPath) => string[] = () => [],
): Said[] {
  if (issue.code === 'unrecognized_keys') {
    const fields = known(issue.path);
    return issue.keys.map((key) =>
      problemLine({
        where: where([...issue.path, key]),
        line: read.lineOf([...issue.path, key]),
        says: said('policy.unknownField', {
          hasKnown: fields.length > 0 ? 'yes' : 'no',
          known: fields.join(', '),
        }),
      }),
    );
  }
  const betweenFields = issue.code === 'custom' && saidBy(issue.params ?? {}) !== undefined;
  return [
    problemLine({
      where: where(issue.path),
      line: read.lineOf(issue.path),
      found: betweenFields && issue.params?.found !== true ? undefined : foundAt(read.raw, issue.path),
      says: issueSays(issue),
    }),
  ];
}
