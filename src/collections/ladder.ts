/**
 * The escalation ladder (PLAYBOOK table, PB-12, PB-13, PB-14) as data: a YAML file checked with zod,
 * and where an account stands on it today, what to do next and by when.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { addDays, daysBetween, nextWorkingDay, type WorkingCalendar } from './dates.ts';
import type { Grade } from './grade.ts';

const stepSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'expected a short id such as L1 or pre-due'),
  day: z.number().int('expected a whole number of days past due'),
  action: z.string().trim().min(1, 'expected a description of the action'),
  tone: z.enum(['friendly', 'polite', 'firm', 'formal', 'legal', 'external']),
  letter: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a template name such as formal-demand')
    .nullable()
    .default(null),
  channel: z.enum(['email', 'text', 'letter', 'call', 'legal', 'agency']),
  /** Only for these grades (or habitual late payers), e.g. the pre-due reminder (PB-09). */
  onlyFor: z.array(z.enum(['A', 'B', 'C'])).optional(),
});

const ladderSchema = z
  .object({
    followUp: z
      .object({
        minDays: z.number().int().min(1),
        maxDays: z.number().int().min(1),
        untilDay: z.number().int(),
      })
      .refine((f) => f.minDays <= f.maxDays, {
        message: 'minDays must not exceed maxDays',
        path: ['minDays'],
      })
      .default({ minDays: 5, maxDays: 7, untilDay: 30 }),
    steps: z.array(stepSchema).min(1, 'expected at least one step'),
  })
  .superRefine((ladder, ctx) => {
    const seen = new Set<string>();
    ladder.steps.forEach((step, i) => {
      if (seen.has(step.id))
        ctx.addIssue({ code: 'custom', message: `duplicate step id "${step.id}"`, path: ['steps', i, 'id'] });
      seen.add(step.id);
      const previous = ladder.steps[i - 1];
      if (previous && step.day <= previous.day) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a day after step ${previous.id} (day ${previous.day})`,
          path: ['steps', i, 'day'],
        });
      }
    });
  });

/** One step of the ladder. */
export type LadderStep = z.infer<typeof stepSchema>;
/** A validated ladder: steps in day order plus the PB-12 follow-up rhythm. */
export type Ladder = z.infer<typeof ladderSchema>;

/** A ladder file that could not be used; `message` names the step and field. */
export class LadderFileError extends Error {
  readonly code = 'ladder_invalid';
  constructor(readonly problems: string[]) {
    super(`the escalation ladder file is not valid: ${problems.join('; ')}`);
    this.name = 'LadderFileError';
  }
}

function describePath(path: readonly PropertyKey[], raw: unknown): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const steps = (raw as { steps?: unknown }).steps;
    const rawStep = Array.isArray(steps) ? (steps[path[1]] as { id?: unknown } | undefined) : undefined;
    const id = typeof rawStep?.id === 'string' ? ` (${rawStep.id})` : '';
    const field = path.slice(2).map(String).join('.');
    return `step ${path[1] + 1}${id}${field ? `, field ${field}` : ''}`;
  }
  return path.length > 0 ? `field ${path.map(String).join('.')}` : 'file';
}

/** Parses and validates a ladder file; throws LadderFileError naming the step and field of each problem. */
export function loadLadder(yamlText: string): Ladder {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new LadderFileError([`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = ladderSchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new LadderFileError(
      result.error.issues.map((i) => `${describePath(i.path, raw ?? {})}: ${i.message}`),
    );
  }
  return result.data;
}

/** A pause on an account or one invoice; active until `until` (inclusive) or lifted. */
export interface Pause {
  reason: string;
  until: string | null;
}

/** Whether a pause holds on `today`. */
export function pauseActive(pause: Pause | null | undefined, today: string): pause is Pause {
  return !!pause && (pause.until === null || pause.until >= today);
}

/** What the ladder needs about one open item. */
export interface LadderItem {
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

/** The next thing to do on an account. */
export interface NextAction {
  kind: 'step' | 'follow-up';
  stepId: string;
  action: string;
  /** A working day (PB-24); in the past when the action is late. */
  due: string;
  /** PB-12: a follow-up is not sooner than this. */
  notBefore: string | null;
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
  reason: string;
}

const idle = (status: LadderPosition['status'], reason: string): LadderPosition => ({
  status,
  stepIndex: -1,
  step: null,
  escalatedBy: 0,
  day: null,
  anchorDueDate: null,
  nextAction: null,
  letter: null,
  reason,
});

function applies(step: LadderStep, account: LadderAccount): boolean {
  if (!step.onlyFor) return true;
  return (
    account.habitualLatePayer === true || (account.grade !== null && step.onlyFor.includes(account.grade))
  );
}

function stepAction(step: LadderStep, due: string, calendar: WorkingCalendar): NextAction {
  return {
    kind: 'step',
    stepId: step.id,
    action: step.action,
    due: nextWorkingDay(due, calendar),
    notBefore: null,
    letter: step.letter,
    channel: step.channel,
  };
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
  if (open.length === 0) return idle('nothing-open', 'nothing is open');
  if (pauseActive(account.pause, today)) {
    const until = account.pause.until ? ` until ${account.pause.until}` : '';
    return idle('paused', `chasing paused${until}: ${account.pause.reason}`);
  }
  const undisputed = open.filter((i) => !i.disputed);
  if (undisputed.length === 0) return idle('disputed', 'every open item is disputed (PB-21)');
  const unpaused = undisputed.filter((i) => !pauseActive(i.pause, today));
  if (unpaused.length === 0) {
    const ends = undisputed.map((i) => i.pause?.until ?? null);
    const until = ends.includes(null) ? '' : ` until ${ends.sort().at(-1) ?? ''}`;
    return idle('paused', `every undisputed open item is paused${until}`);
  }
  const totals = new Map<string, number>();
  for (const i of unpaused) totals.set(i.currency, (totals.get(i.currency) ?? 0) + i.openMinor);
  const chased = unpaused.filter(
    (i) => (totals.get(i.currency) ?? 0) >= (options.minBalanceMinor[i.currency] ?? 0),
  );
  if (chased.length === 0)
    return idle('below-minimum', 'the open balance is below the minimum the ladder works');

  // PB-21: an item back from a dispute stands where it stood when the dispute opened.
  const anchorDueDate =
    chased.map((i) => (i.clockStoppedDays ? addDays(i.dueDate, i.clockStoppedDays) : i.dueDate)).sort()[0] ??
    today;
  const day = daysBetween(anchorDueDate, today);
  const steps = ladder.steps;
  const usable = steps.flatMap((s, i) => (applies(s, account) ? [i] : []));
  const calendarPos = usable.filter((i) => (steps[i]?.day ?? Number.POSITIVE_INFINITY) <= day).length - 1;
  const pos = Math.min(calendarPos + Math.max(0, account.escalations), usable.length - 1);
  const stepIndex = pos < 0 ? -1 : (usable[pos] ?? -1);
  const escalatedBy = pos - calendarPos;
  const step = steps[stepIndex] ?? null;
  const nextStep = steps[usable[pos + 1] ?? -1];
  const base = { stepIndex, step, escalatedBy, day, anchorDueDate, letter: step?.letter ?? null };

  if (!step) {
    const first = steps[usable[0] ?? -1];
    return {
      ...base,
      status: 'not-started',
      nextAction: first ? stepAction(first, addDays(anchorDueDate, first.day), options.calendar) : null,
      reason: first
        ? `${first.id} on ${addDays(anchorDueDate, first.day)}`
        : 'the ladder has no step for this account',
    };
  }
  const reachedOn = escalatedBy > 0 ? (account.escalatedOn ?? today) : addDays(anchorDueDate, step.day);
  const escalatedText =
    escalatedBy > 0 ? `, escalated ${escalatedBy} step${escalatedBy === 1 ? '' : 's'} (PB-14)` : '';
  const reason = `${step.id} at day ${day}${escalatedText}`;
  if (account.lastContactDate === null || account.lastContactDate < reachedOn) {
    return { ...base, status: 'active', nextAction: stepAction(step, reachedOn, options.calendar), reason };
  }
  const next = nextStep ? stepAction(nextStep, addDays(anchorDueDate, nextStep.day), options.calendar) : null;
  const followUpOn = addDays(account.lastContactDate, ladder.followUp.maxDays);
  const followUpDay = daysBetween(anchorDueDate, followUpOn);
  if (day >= 0 && followUpDay < ladder.followUp.untilDay && (!nextStep || followUpDay < nextStep.day)) {
    const followUp: NextAction = {
      kind: 'follow-up',
      stepId: step.id,
      action: `Contact again (every ${ladder.followUp.minDays}-${ladder.followUp.maxDays} days until day ${ladder.followUp.untilDay}, PB-12)`,
      due: nextWorkingDay(followUpOn, options.calendar),
      notBefore: addDays(account.lastContactDate, ladder.followUp.minDays),
      letter: null,
      channel: step.channel === 'letter' ? 'email' : step.channel,
    };
    return { ...base, status: 'active', nextAction: followUp, reason };
  }
  return {
    ...base,
    status: 'active',
    nextAction: next,
    reason: next ? reason : `${reason}; last step reached`,
  };
}
