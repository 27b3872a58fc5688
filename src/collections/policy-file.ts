/**
 * The policy file (DUEBOT_POLICY_FILE, default-policy.yaml beside this file): every number of the playbook
 * (bucket edges, the red threshold, key-account days, grade, credit-hold and blacklist thresholds,
 * priority weights, the escalation signals, 7-7-7, the collector bonus base, PB-24's contact window, the working week) as YAML, checked with zod. Every field is optional and keeps the
 * playbook's value; each problem is reported with the field it is in.
 */
import { z } from 'zod';
import type { MessageKey } from '../i18n/messages/en.ts';
import { said, type Said, type SaidValue } from '../i18n/said.ts';
import { expects } from '../settings-input.ts';
import { type AgingPolicy, defaultAgingPolicy } from './aging.ts';
import {
  type ContactWindowPolicy,
  clockTime,
  defaultContactWindow,
  parseClockTime,
} from './contact-window.ts';
import { defaultWorkingCalendar } from './dates.ts';
import { defaultEscalationPolicy, type EscalationPolicy } from './escalation.ts';
import {
  fieldName,
  FileProblems,
  issueProblems,
  problemLine,
  readYaml,
  type YamlPath,
  type YamlRead,
} from './file-problems.ts';
import { defaultGradePolicy, type GradePolicy } from './grade.ts';
import { defaultPriorityPolicy, type PriorityPolicy } from './priority.ts';
import { defaultSevenSevenSeven, type SevenSevenSevenPolicy } from './seven-seven-seven.ts';

/** The weekdays as the file names them, 0 = Sunday as in dates.ts. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** What a whole number in the file counts, as its message says it. */
type Unit = 'days' | 'months' | 'invoices' | 'incidents' | 'answers' | 'attempts' | 'weeks' | 'minutes';

const days = (unit: Unit = 'days') => {
  const whole = expects('policy.whole', { unit });
  return z.number({ error: whole }).int(whole);
};
const atLeast = (min: number, unit: Unit = 'days') =>
  days(unit).min(min, expects('policy.atLeast', { min, unit }));
const SHARE = expects('policy.share', { example: '0.5' });
const share = z.number({ error: SHARE }).min(0, SHARE).max(1, SHARE);
const FACTOR = expects('policy.factor', { example: '1.2' });
const factor = z.number({ error: FACTOR }).positive(FACTOR);
const amount = z
  .number({ error: expects('policy.amount', { example: '1000' }) })
  .min(0, expects('policy.amount.atLeastZero'));

const agingSection = z.strictObject({
  bucketEdges: z
    .array(atLeast(1), { error: expects('policy.bucketEdges', { example: '[30, 60, 90]' }) })
    .min(1, expects('policy.bucketEdges', { example: '[30, 60, 90]' })),
  redAfterDays: atLeast(0),
  procedureAfterDays: atLeast(0),
  keyAccountDays: atLeast(1),
  keyAccountNoExceptionDays: atLeast(1),
  settledShownDays: atLeast(0),
});

const gradeSection = z.strictObject({
  lateToleranceDays: atLeast(0),
  historyMonths: atLeast(1, 'months'),
  cLateShare: share,
  cMinLate: atLeast(1, 'invoices'),
  cMaxDaysLate: atLeast(1),
  aMaxLateShare: share,
  largeCustomerMajor: amount,
  minTenureMonths: atLeast(0, 'months'),
  minInvoices: atLeast(0, 'invoices'),
});

const creditHoldSection = z.strictObject({
  overdueInvoicesPerMonth: atLeast(1, 'invoices'),
  consecutiveMonths: atLeast(1, 'months'),
  monthRule: z.enum(['month-end', 'days'], {
    error: expects('policy.monthRule', { monthEnd: 'month-end', days: 'days', minDays: 'minDaysInMonth' }),
  }),
  minDaysInMonth: atLeast(1).max(31, expects('policy.monthDays', { max: 31 })),
});

const blacklistSection = z.strictObject({
  incidentDays: atLeast(0),
  incidents: atLeast(1, 'incidents'),
  unpaidDays: atLeast(1),
});

const LIKELIHOOD_ROWS = expects('policy.likelihoodRows', { example: '{ upToDays: 30, likelihood: 0.9 }' });

const prioritySection = z.strictObject({
  likelihoodByAge: z
    .array(
      z.strictObject({ upToDays: atLeast(0).nullable(), likelihood: share }, { error: LIKELIHOOD_ROWS }),
      { error: LIKELIHOOD_ROWS },
    )
    .min(1, LIKELIHOOD_ROWS),
  gradeFactor: z
    .strictObject(
      { A: factor, B: factor, C: factor },
      { error: expects('policy.gradeFactor', { example: '{ A: 1.2, C: 0.8 }' }) },
    )
    .partial(),
  brokenPromiseFactor: share,
  brokenPromiseFloor: share,
  window: z.strictObject(
    { fromDays: atLeast(0), toDays: atLeast(0) },
    { error: expects('policy.window', { example: '{ fromDays: 30, toDays: 60 }' }) },
  ),
  windowBoost: factor,
  keyAccountBoost: factor,
  tinyBalanceMajor: amount,
  tinyFactor: factor,
  costOfWorkingMajor: amount,
});

const escalationSection = z.strictObject({
  inProcessAnswers: atLeast(1, 'answers'),
});

const sevenSevenSevenSection = z.strictObject({
  firstContactDays: atLeast(0),
  attempts: atLeast(1, 'attempts'),
  weeks: atLeast(1, 'weeks'),
  months: atLeast(1, 'months'),
});

const collectorCreditSection = z.strictObject({
  bonusAfterDays: atLeast(0),
});

const SEND_TIME = expects('policy.sendTime', { first: '"09:00"', second: '"14:00"' });
const SEND_TIMES = expects('policy.sendTimes', { example: '["09:00", "14:00"]' });

const contactWindowSection = z.strictObject({
  sendTimes: z
    .array(
      z.string({ error: SEND_TIME }).refine((v) => parseClockTime(v) !== null, SEND_TIME),
      { error: SEND_TIMES },
    )
    .min(1, SEND_TIMES),
  windowMinutes: atLeast(1, 'minutes').max(24 * 60, expects('policy.windowMinutes', { max: 24 * 60 })),
  days: z.enum(['working', 'every'], {
    error: expects('policy.contactDays', { working: 'working', every: 'every' }),
  }),
});

/** A section of the file: a mapping of its fields, any of them left out. */
const section = <S extends z.core.$ZodLooseShape>(name: string, schema: z.ZodObject<S>) =>
  z
    .strictObject(schema.shape, { error: expects('policy.section', { section: name }) })
    .partial()
    .optional();

const WORKING_DAYS = expects('policy.workingDays', {
  example: '[monday, tuesday, wednesday, thursday, friday]',
});

const policyFileSchema = z.strictObject(
  {
    aging: section('aging', agingSection),
    grade: section('grade', gradeSection),
    creditHold: section('creditHold', creditHoldSection),
    blacklist: section('blacklist', blacklistSection),
    priority: section('priority', prioritySection),
    escalation: section('escalation', escalationSection),
    sevenSevenSeven: section('sevenSevenSeven', sevenSevenSevenSection),
    collectorCredit: section('collectorCredit', collectorCreditSection),
    contactWindow: section('contactWindow', contactWindowSection),
    workingDays: z
      .array(z.enum(WEEKDAYS, { error: expects('policy.weekday', { weekdays: WEEKDAYS.join(', ') }) }), {
        error: WORKING_DAYS,
      })
      .min(1, WORKING_DAYS)
      .optional(),
  },
  { error: expects('policy.file', { example: 'aging: { redAfterDays: 30 }' }) },
);

/** The parts of the policy a policy file sets: the playbook's numbers with the file's changes. */
export interface PolicyNumbers {
  aging: AgingPolicy;
  grade: GradePolicy;
  /** The PB-08 weights; the base currency and rates stay settings (DUEBOT_BASE_CURRENCY, DUEBOT_FX_RATES). */
  priority: Omit<PriorityPolicy, 'baseCurrency' | 'rates'>;
  /** PB-14: the delay signals that escalate at once. */
  escalation: EscalationPolicy;
  /** PB-13: 7-7-7. */
  sevenSevenSeven: SevenSevenSevenPolicy;
  /** PB-29: the collector bonus base. */
  collectorCredit: { bonusAfterDays: number };
  /** PB-24: when letters and reminders may reach a customer (in the customer's time zone). */
  contactWindow: ContactWindowPolicy;
  /** Weekdays not worked (0 = Sunday). */
  weekend: number[];
}

/** A policy file that could not be used: one problem per line (`said`), each naming its field and line. */
export class PolicyFileError extends FileProblems {
  readonly code = 'policy_file_invalid';
  constructor(said: Said[]) {
    super('the policy file is not valid', said);
    this.name = 'PolicyFileError';
  }
}

const { baseCurrency: _base, rates: _rates, ...defaultWeights } = defaultPriorityPolicy;

/** The playbook's numbers, as the policy file would give them with nothing in it. */
export const defaultPolicyNumbers: PolicyNumbers = {
  aging: defaultAgingPolicy,
  grade: defaultGradePolicy,
  priority: defaultWeights,
  escalation: defaultEscalationPolicy,
  sevenSevenSeven: defaultSevenSevenSeven,
  collectorCredit: { bonusAfterDays: 90 },
  contactWindow: defaultContactWindow,
  weekend: [...defaultWorkingCalendar.weekend],
};

/** The fields a section knows, to name them when a file has a field that is not one. */
function knownFields(path: readonly PropertyKey[]): string[] {
  let shape: z.ZodType = policyFileSchema;
  for (const key of path) {
    const inner = unwrap(shape);
    if (inner instanceof z.ZodObject) shape = inner.shape[String(key)] as z.ZodType;
    else if (inner instanceof z.ZodArray) shape = inner.element as z.ZodType;
    else return [];
  }
  const inner = unwrap(shape);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function unwrap(type: z.ZodType): z.ZodType {
  let t = type;
  while (t instanceof z.ZodOptional || t instanceof z.ZodNullable) t = t.unwrap() as z.ZodType;
  return t;
}

/** Where a problem is: a field of the file (`aging.bucketEdges[1]`), or the whole file. */
const where = (path: YamlPath): Said =>
  path.length > 0 ? said('policy.where.field', { field: fieldName(path) }) : said('policy.where.file');

/** A problem between fields, on the merged numbers, at `path` of the file. */
const between = (
  path: YamlPath,
  key: MessageKey,
  values: Readonly<Record<string, SaidValue>>,
  read: YamlRead,
) => problemLine({ where: where(path), line: read.lineOf(path), says: said(key, values) });

/**
 * The checks between fields, on the merged numbers (a file changing one field is checked against the
 * defaults of the others).
 */
function consistencyProblems(n: PolicyNumbers, read: YamlRead): Said[] {
  const problems: Said[] = [];
  const edges = n.aging.bucketEdges;
  edges.forEach((edge, i) => {
    const before = edges[i - 1];
    if (before !== undefined && edge <= before)
      problems.push(between(['aging', 'bucketEdges', i], 'policy.edgeAfter', { before, got: edge }, read));
  });
  if (n.aging.keyAccountDays > n.aging.keyAccountNoExceptionDays)
    problems.push(
      between(
        ['aging', 'keyAccountDays'],
        'policy.atMostField',
        {
          field: 'aging.keyAccountNoExceptionDays',
          limit: n.aging.keyAccountNoExceptionDays,
          got: n.aging.keyAccountDays,
        },
        read,
      ),
    );
  const rows = n.priority.likelihoodByAge;
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    if (before && row.upToDays <= before.upToDays)
      problems.push(
        between(
          ['priority', 'likelihoodByAge', i, 'upToDays'],
          'policy.rowAfter',
          {
            before: before.upToDays === Number.POSITIVE_INFINITY ? 'null' : before.upToDays,
            got: row.upToDays === Number.POSITIVE_INFINITY ? 'null' : row.upToDays,
          },
          read,
        ),
      );
  });
  if (n.priority.window.fromDays > n.priority.window.toDays)
    problems.push(
      between(
        ['priority', 'window', 'fromDays'],
        'policy.atMostField',
        { field: 'priority.window.toDays', limit: n.priority.window.toDays, got: n.priority.window.fromDays },
        read,
      ),
    );
  const times = [...n.contactWindow.sendTimes].sort((a, b) => a - b);
  times.forEach((t, i) => {
    const next = times[i + 1];
    if (next !== undefined && t + n.contactWindow.windowMinutes > next)
      problems.push(
        between(
          ['contactWindow', 'windowMinutes'],
          'policy.windowOverlap',
          { from: clockTime(t), minutes: n.contactWindow.windowMinutes, next: clockTime(next) },
          read,
        ),
      );
  });
  return problems;
}

/** Parses and checks a policy file; throws PolicyFileError naming the field of every problem at once. */
export function loadPolicyFile(yamlText: string): PolicyNumbers {
  const read = readYaml(yamlText);
  if ('problem' in read) throw new PolicyFileError([read.problem]);
  const parsed = policyFileSchema.safeParse(read.raw);
  if (!parsed.success)
    throw new PolicyFileError(
      parsed.error.issues.flatMap((issue) => issueProblems(issue, read, where, knownFields)),
    );
  const file = parsed.data;
  const d = defaultPolicyNumbers;
  const hold = file.creditHold ?? {};
  const black = file.blacklist ?? {};
  const p = file.priority ?? {};
  const weekdays = file.workingDays;
  if (weekdays) {
    const seen = new Set<string>();
    const repeated = weekdays.find((w) => seen.size === seen.add(w).size);
    if (repeated) {
      const at = weekdays.lastIndexOf(repeated);
      throw new PolicyFileError([
        between(['workingDays', at], 'policy.weekdayTwice', { day: repeated }, read),
      ]);
    }
  }
  const numbers: PolicyNumbers = {
    aging: { ...d.aging, ...file.aging },
    grade: {
      ...d.grade,
      ...file.grade,
      ...(hold.overdueInvoicesPerMonth !== undefined
        ? { holdOverduePerMonth: hold.overdueInvoicesPerMonth }
        : {}),
      ...(hold.consecutiveMonths !== undefined ? { holdConsecutiveMonths: hold.consecutiveMonths } : {}),
      ...(hold.monthRule !== undefined ? { holdMonthRule: hold.monthRule } : {}),
      ...(hold.minDaysInMonth !== undefined ? { holdMinDaysInMonth: hold.minDaysInMonth } : {}),
      ...(black.incidentDays !== undefined ? { incidentDays: black.incidentDays } : {}),
      ...(black.incidents !== undefined ? { blacklistIncidents: black.incidents } : {}),
      ...(black.unpaidDays !== undefined ? { blacklistUnpaidDays: black.unpaidDays } : {}),
    },
    priority: {
      ...d.priority,
      ...p,
      likelihoodByAge: p.likelihoodByAge
        ? p.likelihoodByAge.map((row) => ({
            upToDays: row.upToDays ?? Number.POSITIVE_INFINITY,
            likelihood: row.likelihood,
          }))
        : d.priority.likelihoodByAge,
      gradeFactor: { ...d.priority.gradeFactor, ...p.gradeFactor },
      window: p.window ?? d.priority.window,
    },
    escalation: { ...d.escalation, ...file.escalation },
    sevenSevenSeven: { ...d.sevenSevenSeven, ...file.sevenSevenSeven },
    collectorCredit: { ...d.collectorCredit, ...file.collectorCredit },
    contactWindow: {
      sendTimes: file.contactWindow?.sendTimes
        ? file.contactWindow.sendTimes.map((t) => parseClockTime(t) ?? 0)
        : d.contactWindow.sendTimes,
      windowMinutes: file.contactWindow?.windowMinutes ?? d.contactWindow.windowMinutes,
      days: file.contactWindow?.days ?? d.contactWindow.days,
    },
    weekend: weekdays ? WEEKDAYS.flatMap((name, day) => (weekdays.includes(name) ? [] : [day])) : d.weekend,
  };
  const problems = consistencyProblems(numbers, read);
  if (problems.length > 0) throw new PolicyFileError(problems);
  return numbers;
}
