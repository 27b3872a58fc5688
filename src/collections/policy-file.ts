/**
 * The policy file (DUEBOT_POLICY_FILE, default-policy.yaml beside this file): every number of the playbook
 * (bucket edges, the red threshold, key-account days, grade, credit-hold and blacklist thresholds,
 * priority weights, the escalation signals, 7-7-7, the collector bonus base, PB-24's contact window, the working week) as YAML, checked with zod. Every field is optional and keeps the
 * playbook's value; each problem is reported with the field it is in.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type AgingPolicy, defaultAgingPolicy } from './aging.ts';
import {
  type ContactWindowPolicy,
  clockTime,
  defaultContactWindow,
  parseClockTime,
} from './contact-window.ts';
import { defaultWorkingCalendar } from './dates.ts';
import { defaultEscalationPolicy, type EscalationPolicy } from './escalation.ts';
import { defaultGradePolicy, type GradePolicy } from './grade.ts';
import { defaultPriorityPolicy, type PriorityPolicy } from './priority.ts';
import { defaultSevenSevenSeven, type SevenSevenSevenPolicy } from './seven-seven-seven.ts';

/** The weekdays as the file names them, 0 = Sunday as in dates.ts. */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const days = (what = 'days') =>
  z.number({ error: `expected a whole number of ${what}` }).int(`expected a whole number of ${what}`);
const atLeast = (min: number, what = 'days') => days(what).min(min, `expected ${min} or more ${what}`);
const share = z
  .number({ error: 'expected a share between 0 and 1, such as 0.5' })
  .min(0, 'expected a share between 0 and 1, such as 0.5')
  .max(1, 'expected a share between 0 and 1, such as 0.5');
const factor = z
  .number({ error: 'expected a positive number, such as 1.2' })
  .positive('expected a positive number, such as 1.2');
const amount = z
  .number({ error: 'expected an amount in base-currency units, such as 1000' })
  .min(0, 'expected an amount of 0 or more');

const agingSection = z.strictObject({
  bucketEdges: z
    .array(atLeast(1), { error: 'expected a list of days such as [30, 60, 90]' })
    .min(1, 'expected at least one bucket edge, such as [30, 60, 90]'),
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
  monthRule: z.enum(['month-end', 'days'], { error: 'expected month-end or days' }),
  minDaysInMonth: atLeast(1).max(31, 'expected at most 31 days (a month has no more)'),
});

const blacklistSection = z.strictObject({
  incidentDays: atLeast(0),
  incidents: atLeast(1, 'incidents'),
  unpaidDays: atLeast(1),
});

const prioritySection = z.strictObject({
  likelihoodByAge: z
    .array(
      z.strictObject({
        upToDays: atLeast(0).nullable(),
        likelihood: share,
      }),
      { error: 'expected a list of { upToDays, likelihood } rows' },
    )
    .min(1, 'expected at least one row'),
  gradeFactor: z.strictObject({ A: factor, B: factor, C: factor }).partial(),
  brokenPromiseFactor: share,
  brokenPromiseFloor: share,
  window: z.strictObject({ fromDays: atLeast(0), toDays: atLeast(0) }),
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

const contactWindowSection = z.strictObject({
  sendTimes: z
    .array(
      z
        .string({ error: 'expected a time of day such as "09:00"' })
        .refine((v) => parseClockTime(v) !== null, 'expected a time of day such as "09:00" or "14:00"'),
      { error: 'expected a list of times such as ["09:00", "14:00"]' },
    )
    .min(1, 'expected at least one send time, such as ["09:00", "14:00"]'),
  windowMinutes: atLeast(1, 'minutes').max(24 * 60, 'expected at most 1440 minutes (a day)'),
  days: z.enum(['working', 'every'], { error: 'expected working (the working days) or every (any day)' }),
});

const policyFileSchema = z.strictObject({
  aging: agingSection.partial().optional(),
  grade: gradeSection.partial().optional(),
  creditHold: creditHoldSection.partial().optional(),
  blacklist: blacklistSection.partial().optional(),
  priority: prioritySection.partial().optional(),
  escalation: escalationSection.partial().optional(),
  sevenSevenSeven: sevenSevenSevenSection.partial().optional(),
  collectorCredit: collectorCreditSection.partial().optional(),
  contactWindow: contactWindowSection.partial().optional(),
  workingDays: z
    .array(z.enum(WEEKDAYS, { error: `expected weekday names: ${WEEKDAYS.join(', ')}` }), {
      error: 'expected a list of weekdays such as [monday, tuesday, wednesday, thursday, friday]',
    })
    .min(1, 'expected at least one working day')
    .optional(),
});

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

/** A policy file that could not be used; `problems` name the field of each. */
export class PolicyFileError extends Error {
  readonly code = 'policy_file_invalid';
  constructor(readonly problems: string[]) {
    super(`the policy file is not valid: ${problems.join('; ')}`);
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

const fieldName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    const known = knownFields(issue.path);
    return issue.keys.map(
      (key) =>
        `field ${fieldName([...issue.path, key])}: not a policy field${known.length > 0 ? ` (expected one of ${known.join(', ')})` : ''}`,
    );
  }
  return [`${issue.path.length > 0 ? `field ${fieldName(issue.path)}` : 'file'}: ${issue.message}`];
}

/** The checks between fields, on the merged numbers (a file changing one field is checked against the defaults of the others). */
function consistencyProblems(n: PolicyNumbers): string[] {
  const problems: string[] = [];
  const edges = n.aging.bucketEdges;
  edges.forEach((edge, i) => {
    const before = edges[i - 1];
    if (before !== undefined && edge <= before)
      problems.push(
        `field aging.bucketEdges[${i}]: expected more than the edge before it (${before}), got ${edge}`,
      );
  });
  if (n.aging.keyAccountDays > n.aging.keyAccountNoExceptionDays)
    problems.push(
      `field aging.keyAccountDays: expected at most aging.keyAccountNoExceptionDays (${n.aging.keyAccountNoExceptionDays}), got ${n.aging.keyAccountDays}`,
    );
  const rows = n.priority.likelihoodByAge;
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    if (before && row.upToDays <= before.upToDays)
      problems.push(
        `field priority.likelihoodByAge[${i}].upToDays: expected more than the row before it (${before.upToDays === Number.POSITIVE_INFINITY ? 'null' : before.upToDays})`,
      );
  });
  if (n.priority.window.fromDays > n.priority.window.toDays)
    problems.push(
      `field priority.window.fromDays: expected at most priority.window.toDays (${n.priority.window.toDays}), got ${n.priority.window.fromDays}`,
    );
  const times = [...n.contactWindow.sendTimes].sort((a, b) => a - b);
  times.forEach((t, i) => {
    const next = times[i + 1];
    if (next !== undefined && t + n.contactWindow.windowMinutes > next)
      problems.push(
        `field contactWindow.windowMinutes: the window after ${clockTime(t)} (${n.contactWindow.windowMinutes} minutes) runs into the next send time ${clockTime(next)}`,
      );
  });
  return problems;
}

/** Parses and checks a policy file; throws PolicyFileError naming the field of every problem at once. */
export function loadPolicyFile(yamlText: string): PolicyNumbers {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new PolicyFileError([`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = policyFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new PolicyFileError(parsed.error.issues.flatMap(describeIssue));
  const file = parsed.data;
  const d = defaultPolicyNumbers;
  const hold = file.creditHold ?? {};
  const black = file.blacklist ?? {};
  const p = file.priority ?? {};
  const weekdays = file.workingDays;
  if (weekdays) {
    const seen = new Set<string>();
    const repeated = weekdays.find((w) => seen.size === seen.add(w).size);
    if (repeated) throw new PolicyFileError([`field workingDays: ${repeated} is listed twice`]);
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
  const problems = consistencyProblems(numbers);
  if (problems.length > 0) throw new PolicyFileError(problems);
  return numbers;
}
