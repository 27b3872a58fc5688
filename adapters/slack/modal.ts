/**
 * Neutral forms as Slack modals, and back: each form field is an input block whose block_id and
 * action_id are the field id, so submitted values and `response_action: errors` map one to one.
 */
import { isIsoDate } from '../../src/collections/dates.ts';
import type { types } from '@slack/bolt';
import type { Form, FormField, Message } from '../../src/views/model.ts';
import { type Translator, translator } from '../../src/i18n/translate.ts';
import { renderBlocks } from './block-kit.ts';
import { fitLimit, SLACK_LIMITS, truncate } from './limits.ts';

/** callback_id of every duebot modal; the form's ref travels in private_metadata. */
export const FORM_CALLBACK_ID = 'duebot-form';

/** What a modal carries between opening and submission. */
export interface ModalMetadata {
  /** The form's action ref. */
  ref: string;
  /** Where to refresh the card the form was opened from (a response_url), when known. */
  responseUrl?: string;
  /** The channel the form was opened from, for the account's thread. */
  channel?: string;
  /** The form said submitting takes long (Form.slow): the modal closes first, the answer follows. */
  slow?: boolean;
}

const plain = (text: string, limit: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, limit) || ' ',
  emoji: true,
});

function option(o: { value: string; label: string }): types.PlainTextOption {
  return { text: plain(o.label, SLACK_LIMITS.optionText), value: o.value };
}

function element(field: FormField): types.InputBlockElement {
  switch (field.type) {
    case 'select': {
      if (field.search) {
        // Every choice, not only the first 100: Slack asks duebot as the person types (on-options.ts).
        const first = field.options.find((o) => o.value === field.initial);
        return {
          type: 'external_select',
          action_id: field.id,
          min_query_length: 0,
          ...(first ? { initial_option: option(first) } : {}),
        };
      }
      const options = field.options
        .filter((o) => o.value.length > 0 && o.value.length <= SLACK_LIMITS.optionValue)
        .slice(0, SLACK_LIMITS.selectOptions)
        .map(option);
      const initial = options.find((o) => o.value === field.initial);
      return {
        type: 'static_select',
        action_id: field.id,
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'text': {
      const max = Math.min(field.maxLength ?? SLACK_LIMITS.plainTextInput, SLACK_LIMITS.plainTextInput);
      return {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: Boolean(field.multiline),
        max_length: max,
        ...(field.initial ? { initial_value: truncate(field.initial, max) } : {}),
      };
    }
    case 'number':
      return {
        type: 'number_input',
        action_id: field.id,
        is_decimal_allowed: true,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.initial && /^-?\d+(\.\d+)?$/.test(field.initial) ? { initial_value: field.initial } : {}),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: field.id,
        ...(field.initial && isIsoDate(field.initial) ? { initial_date: field.initial } : {}),
      };
  }
}

function input(field: FormField, error: string | undefined): types.InputBlock {
  const hint = error ? `⚠ ${error}` : field.hint;
  return {
    type: 'input',
    block_id: fitLimit(field.id, 'blockId'),
    optional: !field.required,
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    element: element(field),
    ...(hint ? { hint: plain(hint, SLACK_LIMITS.inputHint) } : {}),
  };
}

/**
 * A neutral form as a modal view; `intro` is shown above the fields (e.g. what the letter will say). `t`:
 * the reader's language, for the modal's own close button.
 */
export function toSlackModal(
  form: Form,
  metadata: ModalMetadata,
  intro?: Message,
  t: Translator = translator('en'),
): types.ModalView {
  const fields = form.fields
    .filter((f) => f.type !== 'select' || f.options.length > 0)
    .map((f) => input(f, form.errors?.[f.id]));
  const room = SLACK_LIMITS.viewBlocks - fields.length;
  const introBlocks = intro && room > 0 ? renderBlocks(intro.blocks, room) : [];
  const meta = JSON.stringify({ ...metadata, ...(form.slow ? { slow: true } : {}) });
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, SLACK_LIMITS.viewTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.viewSubmit),
    close: plain(t.t('slack.modal.cancel'), SLACK_LIMITS.viewClose),
    private_metadata:
      meta.length <= SLACK_LIMITS.privateMetadata
        ? meta
        : JSON.stringify({ ref: metadata.ref, ...(form.slow ? { slow: true } : {}) }),
    blocks: [...introBlocks, ...fields].slice(0, SLACK_LIMITS.viewBlocks),
  };
}

/** A modal that only shows a message (loading, an answer, a refusal), with no submit button. */
export function messageModal(
  title: string,
  message: Message,
  t: Translator = translator('en'),
): types.ModalView {
  return {
    type: 'modal',
    title: plain(title, SLACK_LIMITS.viewTitle),
    close: plain(t.t('slack.modal.close'), SLACK_LIMITS.viewClose),
    blocks: renderBlocks(message.blocks, SLACK_LIMITS.viewBlocks),
  };
}

/**
 * Field errors as `response_action: errors` wants them: keyed by input block_id. An error for a field the
 * modal does not show (e.g. 'form') is put beside the first input, naming the field, so it is never lost.
 */
export function toSlackErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = blockIds[0];
  for (const [field, message] of Object.entries(errors)) {
    const target = blockIds.includes(field) ? field : first;
    if (target === undefined) continue;
    const text = target === field ? message : `${field}: ${message}`;
    out[target] = truncate(out[target] ? `${out[target]}; ${text}` : text, SLACK_LIMITS.inputHint);
  }
  return out;
}

/** The `state` of a submitted view, as much of it as duebot reads. */
export interface ViewState {
  values: Record<
    string,
    Record<
      string,
      {
        value?: string | null;
        selected_option?: { value: string } | null;
        selected_date?: string | null;
        selected_time?: string | null;
      }
    >
  >;
}

/** Reads a submitted modal's state into values keyed by field id (the neutral `submit` shape). */
export function readViewState(state: ViewState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    for (const action of Object.values(actions)) {
      values[blockId] =
        action.selected_option?.value ?? action.selected_date ?? action.value ?? action.selected_time ?? '';
    }
  }
  return values;
}

/** Parses private_metadata back; anything unreadable yields null. */
export function readMetadata(text: string | undefined): ModalMetadata | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<ModalMetadata>;
    if (typeof parsed.ref !== 'string') return null;
    return {
      ref: parsed.ref,
      ...(typeof parsed.responseUrl === 'string' ? { responseUrl: parsed.responseUrl } : {}),
      ...(typeof parsed.channel === 'string' ? { channel: parsed.channel } : {}),
      ...(parsed.slow === true ? { slow: true } : {}),
    };
  } catch {
    return null;
  }
}
