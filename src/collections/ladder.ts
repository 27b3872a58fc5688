/**
 * The escalation ladder (PLAYBOOK table, PB-12, PB-13, PB-14) as data: a YAML file checked with zod,
 * and where an account stands on it today, what to do next and by when.
 */
import { z } from 'zod';
import { addDays, daysBetween, laterOf, nextWorkingDay, type WorkingCalendar } from './dates.ts';
import { fieldName, FileProblems, issueProblems, readYaml, type YamlPath } from './file-problems.ts';
import { currencyDigits } from './money.ts';
import type { Grade } from './grade.ts';
import { isLocale, LOCALES, type Locale } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import { said, type Said, type SaidValue, sayIn } from '../i18n/said.ts';
import { expects } from '../settings-input.ts';

/**
 * The ids of the steps duebot ships (default-ladder.yaml): a step with one of these ids and no `action`
 * of its own is said from the message catalogs, in each reader's language.
 */
export const BUILT_IN_STEPS = [
  'pre-due',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'L6',
  'L7',
  'L8',
  'B-mid-term',
  'C-due',
  'large-after-issue',
  'large-before-due',
] as const;
export type BuiltInStep = (typeof BUILT_IN_STEPS)[number];

export const isBuiltInStep = (id: string): id is BuiltInStep =>
  (BUILT_IN_STEPS as readonly string[]).includes(id);

/**
 * A custom step's words: one text for every reader, or one per language (`{ en: ..., zh-CN: ... }`); a
 * reader whose language is missing gets the English, else the first given.
 */
export type StepText = string | Partial<Record<Locale, string>>;

/** A problem a step's check finds between its fields (or in its action), said from the catalog. */
const problem = (key: MessageKey, values: Readonly<Record<string, SaidValue>> = {}, found = false) => {
  const says = said(key, values);
  return { code: 'custom' as const, message: sayIn(undefined, says), params: { says, found } };
};

/** A step's action: one text, or text per language duebot speaks; each problem said in plain words. */
const stepTextSchema = z.unknown().transform((value, ctx): StepText => {
  const languages = LOCALES.join(', ');
  if (typeof value === 'string') {
    if (value.trim() === '')
      ctx.addIssue(problem('policy.ladder.action.empty', { hasLanguage: 'no', language: '' }));
    return value.trim();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue(problem('policy.ladder.action.shape', { languages }, true));
    return '';
  }
  const entries = Object.entries(value);
  const unknown = entries.map(([k]) => k).filter((k) => !(LOCALES as readonly string[]).includes(k));
  if (unknown.length > 0)
    ctx.addIssue(
      problem('policy.ladder.action.languages', {
        languages,
        unknown: unknown.map((k) => `"${k}"`).join(', '),
      }),
    );
  else if (entries.length === 0) ctx.addIssue(problem('policy.ladder.action.none', { languages }));
  const texts: Partial<Record<Locale, string>> = {};
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || v.trim() === '')
      ctx.addIssue(problem('policy.ladder.action.empty', { hasLanguage: 'yes', language: k }));
    else if (isLocale(k)) texts[k] = v.trim();
  }
  return texts;
});

/** What a step's day counts from (PB-09): the due date, the issue date, or a fraction of the payment term. */
export const ANCHORS = ['due', 'issue', 'term'] as const;

const TONES = ['friendly', 'polite', 'firm', 'formal', 'legal', 'external'] as const;
const CHANNELS = ['email', 'text', 'letter', 'call', 'legal', 'agency'] as const;
const GRADES = ['A', 'B', 'C'] as const;

/** A whole number of days, refused with `message` when it is not one. */
const wholeDays = (message: string) => z.number({ error: message }).int(message);
const FRACTION = expects('policy.ladder.fraction', { example: '0.5' });
const WHOLE_DAYS = expects('policy.whole', { unit: 'days' });

const stepSchema = z
  .object({
    id: z
      .string({ error: expects('policy.ladder.id', { first: 'L1', second: 'pre-due' }) })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, expects('policy.ladder.id', { first: 'L1', second: 'pre-due' })),
    /** Days from the anchor (negative: before it); not used with `anchor: term`. */
    day: wholeDays(expects('policy.ladder.day')).optional(),
    /** PB-09: `due` (default), `issue` (days after the invoice date) or `term` (a fraction of the term). */
    anchor: z
      .enum(ANCHORS, { error: expects('policy.ladder.anchor', { due: 'due', issue: 'issue', term: 'term' }) })
      .default('due'),
    /** With `anchor: term`: how far through the payment term, e.g. 0.5 for halfway. */
    fraction: z.number({ error: FRACTION }).gt(0, FRACTION).lt(1, FRACTION).optional(),
    /** A due-anchored step taken for each invoice rather than once on the account's oldest due date. */
    perInvoice: z.boolean({ error: expects('policy.boolean', { yes: 'true', no: 'false' }) }).default(false),
    /** Days after its date the step may still be done (PB-09: "within 3 days of each due date"). */
    within: wholeDays(WHOLE_DAYS)
      .min(0, expects('policy.atLeast', { min: 0, unit: 'days' }))
      .optional(),
    /** Only invoices whose total is at least this, in the invoice's currency (PB-09 large invoices). */
    minInvoice: z
      .number({ error: expects('policy.ladder.minInvoice') })
      .positive(expects('policy.ladder.minInvoice'))
      .optional(),
    /** The step's words; left out on a built-in step (BUILT_IN_STEPS), whose words are the catalog's. */
    action: stepTextSchema.optional(),
    tone: z.enum(TONES, { error: expects('policy.ladder.tone', { choices: TONES.join(', ') }) }),
    letter: z
      .string({ error: expects('policy.ladder.letter', { example: 'formal-demand' }) })
      .regex(/^[a-z0-9-]+$/, expects('policy.ladder.letter', { example: 'formal-demand' }))
      .nullable()
      .default(null),
    channel: z.enum(CHANNELS, { error: expects('policy.ladder.channel', { choices: CHANNELS.join(', ') }) }),
    /** Only for these grades (or habitual late payers), e.g. the pre-due reminder (PB-09). */
    onlyFor: z
      .array(z.enum(GRADES, { error: expects('policy.ladder.grade', { choices: GRADES.join(', ') }) }), {
        error: expects('policy.ladder.onlyFor', { example: '[B, C]' }),
      })
      .optional(),
  })
  .superRefine((step, ctx) => {
    if (step.action === undefined && !isBuiltInStep(step.id))
      ctx.addIssue({
        ...problem('policy.ladder.action.missing', { builtIn: BUILT_IN_STEPS.join(', ') }),
        path: ['action'],
      });
    if (step.anchor === 'term') {
      if (step.fraction === undefined)
        ctx.addIssue({ ...problem('policy.ladder.term.fraction', { example: '0.5' }), path: ['fraction'] });
      if (step.day !== undefined) ctx.addIssue({ ...problem('policy.ladder.term.day'), path: ['day'] });
    } else {
      if (step.day === undefined)
        ctx.addIssue({ ...problem('policy.ladder.day.missing', { anchor: step.anchor }), path: ['day'] });
      if (step.fraction !== undefined)
        ctx.addIssue({
          ...problem('policy.ladder.fraction.onlyTerm', { term: 'anchor: term' }),
          path: ['fraction'],
        });
    }
    if (step.perInvoice && step.anchor !== 'due')
      ctx.addIssue({
        ...problem('policy.ladder.perInvoice', { anchor: step.anchor, field: 'perInvoice' }),
        path: ['perInvoice'],
      });
  })
  .transform((step) => ({ ...step, day: step.day ?? 0 }));

/** PB-09: a step taken for each invoice on its own dates, outside the account's climb up the ladder. */
export const isInvoiceStep = (step: { anchor: string; perInvoice: boolean }): boolean =>
  step.anchor !== 'due' || step.perInvoice;

const ladderSchema = z
  .object(
    {
      followUp: z
        .object(
          {
            minDays: wholeDays(WHOLE_DAYS).min(1, expects('policy.atLeast', { min: 1, unit: 'days' })),
            maxDays: wholeDays(WHOLE_DAYS).min(1, expects('policy.atLeast', { min: 1, unit: 'days' })),
            untilDay: wholeDays(WHOLE_DAYS),
          },
          {
            error: expects('policy.ladder.followUp', { example: '{ minDays: 5, maxDays: 7, untilDay: 30 }' }),
          },
        )
        .superRefine((f, ctx) => {
          if (f.minDays > f.maxDays)
            ctx.addIssue({
              ...problem('policy.atMostField', {
                field: 'followUp.maxDays',
                limit: f.maxDays,
                got: f.minDays,
              }),
              path: ['minDays'],
            });
        })
        .default({ minDays: 5, maxDays: 7, untilDay: 30 }),
      steps: z
        .array(stepSchema, { error: expects('policy.ladder.steps') })
        .min(1, expects('policy.ladder.steps')),
    },
    { error: expects('policy.ladder.file', { followUp: 'followUp', steps: 'steps' }) },
  )
  .superRefine((ladder, ctx) => {
    const seen = new Set<string>();
    let previous: (typeof ladder.steps)[number] | undefined;
    ladder.steps.forEach((step, i) => {
      if (seen.has(step.id))
        ctx.addIssue({ ...problem('policy.ladder.duplicateId', { id: step.id }), path: ['steps', i, 'id'] });
      seen.add(step.id);
      // Only the account's own steps climb by day; invoice steps (PB-09) keep their own dates.
      if (isInvoiceStep(step)) return;
      const before = previous;
      previous = step;
      if (before && step.day <= before.day) {
        ctx.addIssue({
          ...problem('policy.ladder.dayAfter', { step: before.id, day: before.day, got: step.day }),
          path: ['steps', i, 'day'],
        });
      }
    });
  });

/** One step of the ladder. */
export type LadderStep = z.infer<typeof stepSchema>;
/** A validated ladder: steps in day order plus the PB-12 follow-up rhythm. */
export type Ladder = z.infer<typeof ladderSchema>;

/**
 * A ladder file that could not be used: one problem per line (`said`), each naming the step, the field
 * and its line; `problems` are their English.
 */
export class LadderFileError extends FileProblems {
  readonly code = 'ladder_invalid';
  constructor(said: Said[]) {
    super('the escalation ladder file is not valid', said);
    this.name = 'LadderFileError';
  }
}

/** Where a problem is: the step (its number and id) and field, a field outside the steps, or the file. */
function ladderWhere(raw: unknown): (path: YamlPath) => Said {
  return (path) => {
    if (path[0] === 'steps' && typeof path[1] === 'number') {
      const steps = (raw as { steps?: unknown }).steps;
      const rawStep = Array.isArray(steps) ? (steps[path[1]] as { id?: unknown } | undefined) : undefined;
      const id = typeof rawStep?.id === 'string' ? rawStep.id : '';
      const field = fieldName(path.slice(2));
      return said('policy.where.step', {
        n: path[1] + 1,
        hasId: id ? 'yes' : 'no',
        id,
        hasField: field ? 'yes' : 'no',
        field,
      });
    }
    return path.length > 0
      ? said('policy.where.field', { field: fieldName(path) })
      : said('policy.where.file');
  };
}

/** Parses and validates a ladder file; throws LadderFileError naming the step, field and line of each problem. */
export function loadLadder(yamlText: string): Ladder {
  const read = readYaml(yamlText);
  if ('problem' in read) throw new LadderFileError([read.problem]);
  const result = ladderSchema.safeParse(read.raw);
  if (!result.success) {
    const where = ladderWhere(read.raw);
    throw new LadderFileError(result.error.issues.flatMap((issue) => issueProblems(issue, read, where)));
  }
  return result.data;
}

/**
 * Why chasing is paused: a person's own words as they typed them, or duebot's own reason kept by its kind
 * (PB-30: handed over to an agency), so each reader's view says it in their language (views/ladder-words.ts).
 */
export type PauseWhy = string | { kind: 'handed-over'; agency: string };

/** A pause on an account or one invoice; active until `until` (inclusive) or lifted. */
export interface Pause {
  reason: PauseWhy;
  until: string | null;
}

/** Whether a pause holds on `today`. */
export function pauseActive(pause: Pause | null | undefined, today: string): pause is Pause {
  return !!pause && (pause.until === null || pause.until >= today);
}

/** What the ladder needs about one open item. */
export interface LadderItem {
  /** For invoice steps (PB-09): which invoice, from when, and how large. */
  number?: string;
  issueDate?: string;
  totalMinor?: number;
  dueDate: string;
  openMinor: number;
  currency: string;
  disputed: boolean;
  pause: Pause | null;
  /** PB-21: days the item's clock stood still in a dispute; its step is counted from its due date moved on by them. */
  clockStoppedDays?: number;
}

/** What the ladder needs about an account. */
export interface LadderAccount {
  grade: Grade | null;
  habitualLatePayer?: boolean;
  items: readonly LadderItem[];
  pause: Pause | null;
  /** PB-14: broken promises and repeated stalls, each one step up regardless of the calendar. */
  escalations: number;
  /** When the last escalation happened; today when unknown. */
  escalatedOn?: string | null;
  lastContactDate: string | null;
}

/** Where the ladder does nothing below, per currency (minor units), and the working days for due dates. */
export interface LadderOptions {
  minBalanceMinor: Readonly<Record<string, number>>;
  calendar: WorkingCalendar;
}

/** PB-12: how often to contact between steps, and until which day. */
export type FollowUp = Ladder['followUp'];

/** The next thing to do on an account: which step, said in the reader's language by the views. */
export interface NextAction {
  kind: 'step' | 'follow-up';
  stepId: string;
  /** A custom step's own words; absent for a built-in step, said from the catalog by its id. */
  text?: StepText;
  /** A follow-up's rhythm (PB-12). */
  followUp?: FollowUp;
  /** A working day (PB-24); in the past when the action is late. */
  due: string;
  /** PB-12: a follow-up is not sooner than this. */
  notBefore: string | null;
  /** The invoice an invoice step (PB-09) is about. */
  invoice?: string;
  letter: string | null;
  channel: LadderStep['channel'];
}

/** Where an account stands on the ladder today. */
export interface LadderPosition {
  status: 'active' | 'not-started' | 'paused' | 'disputed' | 'below-minimum' | 'nothing-open';
  /** Index of `step` in the ladder's steps, -1 before the first; never falls as days pass unpaid. */
  stepIndex: number;
  step: LadderStep | null;
  /** Steps above the calendar from escalations (PB-14). */
  escalatedBy: number;
  /** Days past the oldest chased due date (negative before it); null when nothing is chased. */
  day: number | null;
  anchorDueDate: string | null;
  nextAction: NextAction | null;
  /** The letter the current step calls for (reminder, polite-reminder, formal-demand, ...). */
  letter: string | null;
  /** Why the account stands where it does, for the views to say in the reader's language. */
  reason: LadderReason;
  /** PB-09: invoice steps not yet done whose time has come or is coming, soonest first. */
  invoiceSteps: NextAction[];
}

/** Why an account stands where it does on the ladder (said by views/ladder-words.ts). */
export type LadderReason =
  | { kind: 'nothing-open' }
  /** The account is paused until `until` (inclusive; null: until lifted), for the reason a person gave. */
  | { kind: 'paused'; until: string | null; why: PauseWhy }
  | { kind: 'disputed' }
  /** Every undisputed open item is paused, until the last pause ends (null: one has no end). */
  | { kind: 'items-paused'; until: string | null }
  | { kind: 'below-minimum' }
  /** Not on the ladder yet: its first step falls on `on`. */
  | { kind: 'first-step'; stepId: string; on: string }
  | { kind: 'no-step' }
  /** On step `stepId` at `day` days, `escalatedBy` steps above the calendar (PB-14); `last`: nothing after it. */
  | { kind: 'on-step'; stepId: string; day: number; escalatedBy: number; last: boolean };

const idle = (status: LadderPosition['status'], reason: LadderReason): LadderPosition => ({
  status,
  stepIndex: -1,
  step: null,
  escalatedBy: 0,
  day: null,
  anchorDueDate: null,
  nextAction: null,
  letter: null,
  reason,
  invoiceSteps: [],
});

/** PB-09: a step for some grades; a habitual late payer is treated as grade C whatever its grade. */
export function stepApplies(
  step: Pick<LadderStep, 'onlyFor'>,
  account: Pick<LadderAccount, 'grade' | 'habitualLatePayer'>,
): boolean {
  if (!step.onlyFor) return true;
  if (account.habitualLatePayer === true && step.onlyFor.includes('C')) return true;
  return account.grade !== null && step.onlyFor.includes(account.grade);
}

function stepAction(step: LadderStep, due: string, calendar: WorkingCalendar): NextAction {
  return {
    kind: 'step',
    stepId: step.id,
    ...(step.action !== undefined ? { text: step.action } : {}),
    due: nextWorkingDay(due, calendar),
    notBefore: null,
    letter: step.letter,
    channel: step.channel,
  };
}

/** The day an invoice step falls on for one invoice, or null when the invoice lacks what it needs. */
export function invoiceStepDate(step: LadderStep, item: LadderItem): string | null {
  if (step.anchor === 'due') return addDays(item.dueDate, step.day);
  if (!item.issueDate) return null;
  if (step.anchor === 'issue') return addDays(item.issueDate, step.day);
  const term = daysBetween(item.issueDate, item.dueDate);
  if (term <= 1) return null;
  return addDays(item.issueDate, Math.round(term * (step.fraction ?? 0.5)));
}

/**
 * PB-09: the invoice steps due on the chased invoices: grade B's call halfway through the term, grade C's
 * contact within 3 days of each due date, the service calls on large invoices 15 days after issue and 15
 * before due. One counts as done once a contact was logged on or after its day; one not done stays
 * open until its last day (`within` days after it, and for a step before the due date until that date).
 */
function pendingInvoiceSteps(
  ladder: Ladder,
  account: LadderAccount,
  chased: readonly LadderItem[],
  today: string,
  calendar: WorkingCalendar,
): NextAction[] {
  const out: NextAction[] = [];
  for (const step of ladder.steps) {
    if (!isInvoiceStep(step) || !stepApplies(step, account)) continue;
    for (const item of chased) {
      if (step.minInvoice !== undefined) {
        const digits = currencyDigits(item.currency);
        if ((item.totalMinor ?? item.openMinor) < Math.round(step.minInvoice * 10 ** digits)) continue;
      }
      const on = invoiceStepDate(step, item);
      if (on === null) continue;
      const lastDay = addDays(on, step.within ?? 0);
      const until = on < item.dueDate ? laterOf(lastDay, addDays(item.dueDate, -1)) : lastDay;
      const done = account.lastContactDate !== null && account.lastContactDate >= on;
      if (done || today > until) continue;
      out.push({
        ...stepAction(step, on, calendar),
        ...(item.number ? { invoice: item.number } : {}),
      });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.stepId.localeCompare(b.stepId));
}

/** The sooner of the ladder's next action and the first invoice step (PB-09). */
function sooner(next: NextAction | null, invoiceSteps: NextAction[]): NextAction | null {
  const first = invoiceSteps[0];
  if (!first) return next;
  return !next || first.due < next.due ? first : next;
}

/**
 * PB-12/13/14: the step an account is on by the days past its oldest chased due date, moved up by
 * escalations, and the next action. Disputed items (PB-21), paused items, and currencies whose chased
 * balance is below the minimum are left out; a paused account gets no actions (it keeps aging elsewhere).
 */
export function ladderPosition(
  account: LadderAccount,
  ladder: Ladder,
  today: string,
  options: LadderOptions,
): LadderPosition {
  const open = account.items.filter((i) => i.openMinor > 0);
  if (open.length === 0) return idle('nothing-open', { kind: 'nothing-open' });
  if (pauseActive(account.pause, today))
    return idle('paused', { kind: 'paused', until: account.pause.until, why: account.pause.reason });
  const undisputed = open.filter((i) => !i.disputed);
  // PB-21: disputed items are not chased.
  if (undisputed.length === 0) return idle('disputed', { kind: 'disputed' });
  const unpaused = undisputed.filter((i) => !pauseActive(i.pause, today));
  if (unpaused.length === 0) {
    const ends = undisputed.map((i) => i.pause?.until ?? null);
    const until = ends.includes(null) ? null : (ends.sort().at(-1) ?? null);
    return idle('paused', { kind: 'items-paused', until });
  }
  const totals = new Map<string, number>();
  for (const i of unpaused) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.openMinor);
  const chased = unpaused.filter(
    (i) => (totals.get(i.currency) ?? 0) >= (options.minBalanceMinor[i.currency] ?? 0),
  );
  if (chased.length === 0) return idle('below-minimum', { kind: 'below-minimum' });

  // PB-21: an item back from a dispute stands where it stood when the dispute opened.
  const anchorDueDate =
    chased.map((i) => (i.clockStoppedDays ? addDays(i.dueDate, i.clockStoppedDays) : i.dueDate)).sort()[0] ??
    today;
  const day = daysBetween(anchorDueDate, today);
  const steps = ladder.steps;
  const usable = steps.flatMap((s, i) => (!isInvoiceStep(s) && stepApplies(s, account) ? [i] : []));
  const invoiceSteps = pendingInvoiceSteps(ladder, account, chased, today, options.calendar);
  const calendarPos = usable.filter((i) => (steps[i]?.day ?? Number.POSITIVE_INFINITY) <= day).length - 1;
  const pos = Math.min(calendarPos + Math.max(0, account.escalations), usable.length - 1);
  const stepIndex = pos < 0 ? -1 : (usable[pos] ?? -1);
  const escalatedBy = pos - calendarPos;
  const step = steps[stepIndex] ?? null;
  const nextStep = steps[usable[pos + 1] ?? -1];
  const base = {
    stepIndex,
    step,
    escalatedBy,
    day,
    anchorDueDate,
    letter: step?.letter ?? null,
    invoiceSteps,
  };

  if (!step) {
    const first = steps[usable[0] ?? -1];
    return {
      ...base,
      status: 'not-started',
      nextAction: sooner(
        first ? stepAction(first, addDays(anchorDueDate, first.day), options.calendar) : null,
        invoiceSteps,
      ),
      reason: first
        ? { kind: 'first-step', stepId: first.id, on: addDays(anchorDueDate, first.day) }
        : { kind: 'no-step' },
    };
  }
  const reachedOn = escalatedBy > 0 ? (account.escalatedOn ?? today) : addDays(anchorDueDate, step.day);
  const reason: LadderReason = { kind: 'on-step', stepId: step.id, day, escalatedBy, last: false };
  if (account.lastContactDate === null || account.lastContactDate < reachedOn) {
    const nextAction = sooner(stepAction(step, reachedOn, options.calendar), invoiceSteps);
    return { ...base, status: 'active', nextAction, reason };
  }
  const next = nextStep ? stepAction(nextStep, addDays(anchorDueDate, nextStep.day), options.calendar) : null;
  const followUpOn = addDays(account.lastContactDate, ladder.followUp.maxDays);
  const followUpDay = daysBetween(anchorDueDate, followUpOn);
  if (day >= 0 && followUpDay < ladder.followUp.untilDay && (!nextStep || followUpDay < nextStep.day)) {
    const followUp: NextAction = {
      kind: 'follow-up',
      stepId: step.id,
      followUp: ladder.followUp,
      due: nextWorkingDay(followUpOn, options.calendar),
      notBefore: addDays(account.lastContactDate, ladder.followUp.minDays),
      letter: null,
      channel: step.channel === 'letter' ? 'email' : step.channel,
    };
    return { ...base, status: 'active', nextAction: sooner(followUp, invoiceSteps), reason };
  }
  return {
    ...base,
    status: 'active',
    nextAction: sooner(next, invoiceSteps),
    reason: next ? reason : { ...reason, last: true },
  };
}

/**
 * What the worklist row (account_summary.next_action) keeps of the next action: the step and its invoice,
 * a follow-up's rhythm, or the pause and when it ends; structured, so each reader's view says it in their
 * own language (views/ladder-words.ts). A custom step keeps its own words, a built-in one only its id.
 */
export type NextStepNote =
  | { kind: 'step'; step: string; invoice?: string; text?: StepText }
  | { kind: 'follow-up'; step: string; minDays: number; maxDays: number; untilDay: number }
  | { kind: 'paused'; until: string | null; why: PauseWhy }
  | { kind: 'items-paused'; until: string | null };

/** The note of a next action. */
export function noteOfAction(next: NextAction): NextStepNote {
  if (next.kind === 'follow-up' && next.followUp)
    return {
      kind: 'follow-up',
      step: next.stepId,
      minDays: next.followUp.minDays,
      maxDays: next.followUp.maxDays,
      untilDay: next.followUp.untilDay,
    };
  return {
    kind: 'step',
    step: next.stepId,
    ...(next.invoice !== undefined ? { invoice: next.invoice } : {}),
    ...(next.text !== undefined ? { text: next.text } : {}),
  };
}

/** The worklist's note of what comes next: the next action, or a paused account's pause (null: none). */
export function nextStepNote(position: LadderPosition): NextStepNote | null {
  if (position.nextAction) return noteOfAction(position.nextAction);
  const r = position.reason;
  if (r.kind === 'paused') return { kind: 'paused', until: r.until, why: r.why };
  if (r.kind === 'items-paused') return { kind: 'items-paused', until: r.until };
  return null;
}
