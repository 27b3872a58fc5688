/**
 * The escalation ladder said in the reader's language (issue 20): a built-in step from the catalog by its
 * id, a custom step in its own words for the reader's language (README, "Collections policy"), the next
 * action the worklist keeps as a note (collections/ladder.ts NextStepNote), and why an account stands
 * where it does (PB-12, PB-14, PB-21).
 */
import {
  type BuiltInStep,
  type LadderPosition,
  type LadderReason,
  type NextAction,
  type NextStepNote,
  noteOfAction,
  type PauseWhy,
  type StepText,
} from '../collections/ladder.ts';
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translate.ts';

const STEP_KEYS: Readonly<Record<BuiltInStep, MessageKey>> = {
  'pre-due': 'ladder.step.pre-due',
  L1: 'ladder.step.L1',
  L2: 'ladder.step.L2',
  L3: 'ladder.step.L3',
  L4: 'ladder.step.L4',
  L5: 'ladder.step.L5',
  L6: 'ladder.step.L6',
  L7: 'ladder.step.L7',
  L8: 'ladder.step.L8',
  'B-mid-term': 'ladder.step.B-mid-term',
  'C-due': 'ladder.step.C-due',
  'large-after-issue': 'ladder.step.large-after-issue',
  'large-before-due': 'ladder.step.large-before-due',
};

/**
 * A step's words for `t`'s reader: a custom step's own (the reader's language, else English, else the
 * first given), a built-in step's from the catalog; a step neither knows (a ladder changed since the row
 * was written) by its id.
 */
export function stepWords(t: Translator, stepId: string, text?: StepText): string {
  if (typeof text === 'string') return text;
  if (text) {
    const own = text[t.locale] ?? text.en ?? Object.values(text).find((v) => v !== undefined);
    if (own !== undefined) return own;
  }
  const key = (STEP_KEYS as Readonly<Record<string, MessageKey>>)[stepId];
  return key ? t.t(key) : stepId;
}

/** Why chasing is paused: a person's words as typed, duebot's own reason from the catalog (PB-30). */
export function pauseWhyWords(t: Translator, why: PauseWhy): string {
  if (typeof why === 'string') return why;
  return t.t('ladder.pause.handedOver', { agency: why.agency });
}

const dateOrNone = (t: Translator, until: string | null) =>
  until === null ? { hasEnd: 'no', until: '' } : { hasEnd: 'yes', until: t.date(until) };

/**
 * The next action in `t`'s language, from a worklist note or the ladder's own next action. A plain
 * string is a row written in English before notes were kept that migration 351 could not read back (a
 * company's own step on a meeting opened earlier): shown as written, marked as the English recorded then.
 */
export function nextActionWords(
  t: Translator,
  next: NextStepNote | NextAction | string | null | undefined,
): string | null {
  if (next === null || next === undefined) return null;
  if (typeof next === 'string') return t.t('ladder.asRecorded', { text: next });
  const note = 'stepId' in next ? noteOfAction(next) : next;
  switch (note.kind) {
    case 'step': {
      const action = stepWords(t, note.step, note.text);
      return note.invoice === undefined
        ? action
        : t.t('ladder.step.onInvoice', { action, invoice: note.invoice });
    }
    case 'follow-up':
      return t.t('ladder.followUp', { min: note.minDays, max: note.maxDays, until: note.untilDay });
    case 'paused':
      return t.t('ladder.reason.paused', { ...dateOrNone(t, note.until), why: pauseWhyWords(t, note.why) });
    case 'items-paused':
      return t.t('ladder.reason.itemsPaused', dateOrNone(t, note.until));
  }
}

/** Why an account stands where it does on the ladder, in `t`'s language. */
export function ladderReasonWords(t: Translator, reason: LadderReason): string {
  switch (reason.kind) {
    case 'nothing-open':
      return t.t('ladder.reason.nothingOpen');
    case 'paused':
      return t.t('ladder.reason.paused', {
        ...dateOrNone(t, reason.until),
        why: pauseWhyWords(t, reason.why),
      });
    case 'disputed':
      return t.t('ladder.reason.disputed');
    case 'items-paused':
      return t.t('ladder.reason.itemsPaused', dateOrNone(t, reason.until));
    case 'below-minimum':
      return t.t('ladder.reason.belowMinimum');
    case 'first-step':
      return t.t('ladder.reason.firstStep', { step: reason.stepId, on: t.date(reason.on) });
    case 'no-step':
      return t.t('ladder.reason.noStep');
    case 'on-step':
      return t.t('ladder.reason.onStep', {
        step: reason.stepId,
        day: reason.day,
        escalated: reason.escalatedBy,
        last: reason.last ? 'yes' : 'no',
      });
  }
}

/** The card's ladder line: the current step named and said, or why there is none. */
export function ladderLine(t: Translator, ladder: Pick<LadderPosition, 'step' | 'reason'>): string {
  const step = ladder.step;
  if (!step) return ladderReasonWords(t, ladder.reason);
  return t.t('ladder.step.named', { step: step.id, action: stepWords(t, step.id, step.action) });
}
