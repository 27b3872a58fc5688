/**
 * Neutral forms as Teams dialogs (task modules): an Adaptive Card of inputs whose ids are the form's field
 * ids, submitted with the form's ref. Field errors from the dispatcher are drawn in red under their fields
 * when the dialog is shown again, so people fix them where they typed.
 */
import { type Translator, translator } from '../../src/i18n/translate.ts';
import { isIsoDate } from '../../src/collections/dates.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Form, FormField, Message } from '../../src/views/model.ts';
import { type AdaptiveCard, CARD_CONTENT_TYPE, renderCard, toCardMarkdown } from './adaptive-card.ts';
import type { CardNode } from './card-node.ts';
import { jsonBytes, TEAMS_LIMITS, truncate } from './limits.ts';

/** What a dialog answer (task/fetch or task/submit invoke) carries back to Teams. */
export type TaskModuleResponse =
  | {
      task: {
        type: 'continue';
        value: { title: string; card: { contentType: string; content: AdaptiveCard } };
      };
    }
  | { task: { type: 'message'; value: string } };

/** Keys of a dialog submission that are duebot's, not the person's input. */
const RESERVED = new Set(['ref', 'msteams', 'duebot']);

/**
 * The Data.Query dataset of a searchable select: the field and its form's ref, which Teams sends back in
 * the `application/search` invoke as the person types (see searchDataset).
 */
export function searchDataset(fieldId: string, ref: string): string {
  return `${fieldId} ${ref}`;
}

/** The field and the form's ref a search invoke's dataset names, or null for anything else. */
export function readSearchDataset(dataset: unknown): { field: string; ref: string } | null {
  if (typeof dataset !== 'string') return null;
  const space = dataset.indexOf(' ');
  if (space <= 0) return null;
  return { field: dataset.slice(0, space), ref: dataset.slice(space + 1) };
}

function input(field: FormField, ref: string, t: Translator): CardNode {
  const common = {
    id: field.id,
    label: truncate(field.label, 200),
    isRequired: field.required,
    ...(field.required ? { errorMessage: t.t('teams.field.required', { label: field.label }) } : {}),
  };
  switch (field.type) {
    case 'select':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        // A searchable field: typeahead over every choice (Teams asks duebot, bot.ts onSearchInvoke).
        ...(field.search
          ? {
              style: 'filtered',
              'choices.data': { type: 'Data.Query', dataset: searchDataset(field.id, ref) },
            }
          : { style: 'compact' }),
        choices: field.options
          .slice(0, TEAMS_LIMITS.choices)
          .map((o) => ({ title: truncate(o.label, 200), value: o.value })),
        ...(field.initial && field.options.some((o) => o.value === field.initial)
          ? { value: field.initial }
          : {}),
      };
    case 'text': {
      const max = Math.min(field.maxLength ?? TEAMS_LIMITS.inputText, TEAMS_LIMITS.inputText);
      return {
        type: 'Input.Text',
        ...common,
        isMultiline: Boolean(field.multiline),
        maxLength: max,
        ...(field.initial ? { value: truncate(field.initial, max) } : {}),
      };
    }
    case 'number':
      return {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(field.initial && /^-?\d+(\.\d+)?$/.test(field.initial) ? { value: Number(field.initial) } : {}),
      };
    case 'date':
      return {
        type: 'Input.Date',
        ...common,
        ...(field.initial && isIsoDate(field.initial) ? { value: field.initial } : {}),
      };
  }
}

const note = (text: string, color?: string): CardNode => ({
  type: 'TextBlock',
  text: truncate(toCardMarkdown(text), 2000) || ' ',
  wrap: true,
  size: 'Small',
  spacing: 'None',
  ...(color ? { color } : { isSubtle: true }),
});

/**
 * A form as a dialog card. Errors for fields the form does not show (e.g. `form`) go at the top, naming the
 * field, so no message is ever lost. `submission` names this drawing of the form: every delivery of its
 * submit carries it, so the dispatcher takes it once (issue 13).
 */
export function toDialogCard(
  form: Form,
  values: Record<string, string> = {},
  submission?: string,
  t: Translator = translator('en'),
): AdaptiveCard {
  const errors = form.errors ?? {};
  const shown = form.fields.filter((f) => f.type !== 'select' || f.options.length > 0);
  const ids = new Set(shown.map((f) => f.id));
  const orphan = Object.entries(errors).filter(([id]) => !ids.has(id));
  const inputs: CardNode[] = orphan.map(([id, message]) => note(`⚠ ${id}: ${message}`, 'Attention'));
  for (const field of shown) {
    const typed = values[field.id];
    const withValue = typed !== undefined ? { ...field, initial: typed } : field;
    inputs.push(input(withValue, form.ref, t));
    const error = errors[field.id];
    if (error) inputs.push(note(`⚠ ${error}`, 'Attention'));
    else if (field.hint) inputs.push(note(field.hint));
  }
  const withBody = (body: CardNode[]): AdaptiveCard => ({
    ...renderCard([]),
    body,
    actions: [
      {
        type: 'Action.Submit',
        title: truncate(form.submitLabel, TEAMS_LIMITS.actionTitle),
        style: 'positive',
        // The form travels with the dialog, so a submission with errors can be drawn again as it was.
        data: {
          ref: form.ref,
          duebot: {
            form: { ...form, errors: undefined, intro: undefined },
            ...(submission ? { submission } : {}),
          },
        },
      },
    ],
  });
  // What the form is about (the letter a Send letter dialog will send) comes first, above the inputs,
  // shortened (rows left out, with a note) to the room the inputs leave in the dialog's size budget.
  const budget = TEAMS_LIMITS.messageBytes - TEAMS_LIMITS.envelopeBytes;
  const room = budget - jsonBytes(withBody(inputs));
  const intro = form.intro && room > 0 ? renderCard(form.intro.blocks, room).body : [];
  const drawn = withBody([...intro, ...inputs]);
  return jsonBytes(drawn) <= budget ? drawn : tooLarge(jsonBytes(drawn), t);
}

/** A dialog that cannot fit Teams' size budget even shortened says so, and offers nothing to submit. */
function tooLarge(bytes: number, t: Translator): AdaptiveCard {
  const kb = (n: number) => Math.ceil(n / 1024);
  return {
    ...renderCard([]),
    body: [
      note(
        t.t('teams.dialog.tooLarge', { size: kb(bytes), most: kb(TEAMS_LIMITS.messageBytes) }),
        'Attention',
      ),
    ],
  };
}

/** A new name for a new drawing of a form (see toDialogCard). */
export const newSubmission = (): string => randomUUID();

/**
 * Opens (or keeps open, redrawn) a dialog showing the form; a redraw after field errors keeps the
 * submission it was sent with, so fixing the fields submits the same form once.
 */
export function continueWith(
  form: Form,
  values?: Record<string, string>,
  submission: string = newSubmission(),
  t?: Translator,
): TaskModuleResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: truncate(form.title, TEAMS_LIMITS.dialogTitle),
        card: { contentType: CARD_CONTENT_TYPE, content: toDialogCard(form, values, submission, t) },
      },
    },
  };
}

/** A dialog that only shows a message (an answer, a refusal) with no inputs. */
export function dialogMessage(title: string, message: Message): TaskModuleResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: truncate(title, TEAMS_LIMITS.dialogTitle),
        card: {
          contentType: CARD_CONTENT_TYPE,
          content: renderCard(message.blocks, undefined, translator(message.locale ?? 'en')),
        },
      },
    },
  };
}

/** The values of a submitted dialog keyed by field id (the neutral `submit` shape); everything as text. */
export function readDialogValues(data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (RESERVED.has(key)) continue;
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
  }
  return values;
}

const fieldSchema = z.looseObject({
  id: z.string(),
  label: z.string(),
  required: z.boolean(),
  type: z.enum(['select', 'text', 'number', 'date']),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

const formSchema = z.looseObject({
  title: z.string(),
  submitLabel: z.string(),
  ref: z.string(),
  fields: z.array(fieldSchema),
});

/** The form a submitted dialog was drawn from (carried in its submit data), or null when absent or damaged. */
export function formOfSubmission(data: Record<string, unknown>): Form | null {
  const carried = data.duebot;
  if (typeof carried !== 'object' || carried === null || !('form' in carried)) return null;
  const parsed = formSchema.safeParse(carried.form);
  if (!parsed.success) return null;
  const fields = parsed.data.fields.map((f) =>
    f.type === 'select' ? { ...f, type: 'select' as const, options: f.options ?? [] } : f,
  );
  return { ...parsed.data, fields } as Form;
}

/** The drawing of the form a submission came from (see toDialogCard), when it carries a sound one. */
export function submissionOf(data: Record<string, unknown>): string | undefined {
  const carried = data.duebot;
  if (typeof carried !== 'object' || carried === null || !('submission' in carried)) return undefined;
  const { submission } = carried;
  return typeof submission === 'string' && /^[\w-]{1,100}$/.test(submission) ? submission : undefined;
}
