import { SLACK_LIMITS as L } from '../../../adapters/slack/limits.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string => (isObj(v) && typeof v.text === 'string' ? v.text : '');

/** Slack's answer to an options request: at most 100 options (or option groups), each a valid option. */
export function slackOptionsProblems(payload: Json): string[] {
  const options = arr(payload.options);
  const problems = options.length <= L.selectOptions ? [] : [`${options.length} options`];
  for (const o of options) {
    if (!isObj(o) || text(o.text).length === 0 || text(o.text).length > L.optionText)
      problems.push(`option text "${text(isObj(o) ? o.text : undefined)}"`);
    if (!isObj(o) || typeof o.value !== 'string' || o.value.length === 0 || o.value.length > L.optionValue)
      problems.push('option value');
  }
  return problems;
}

/**
 * Every Slack limit a payload can break, as readable problems (empty when valid). Checks what duebot
 * emits: sections, headers, contexts, actions (buttons, overflows), inputs, images, dividers, views.
 */
export function slackProblems(kind: 'message' | 'modal' | 'home', payload: Json): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const blocks = arr(payload.blocks);
  check(blocks.length <= (kind === 'message' ? L.messageBlocks : L.viewBlocks), `${blocks.length} blocks`);
  if (kind === 'message')
    check(typeof payload.text === 'string' && payload.text.length <= L.messageText, 'message text');
  if (kind === 'modal') {
    check(
      text(payload.title).length > 0 && text(payload.title).length <= L.viewTitle,
      `title "${text(payload.title)}"`,
    );
    if (payload.submit) check(text(payload.submit).length <= L.viewSubmit, 'submit label');
    if (payload.close) check(text(payload.close).length <= L.viewClose, 'close label');
    if (typeof payload.private_metadata === 'string')
      check(payload.private_metadata.length <= L.privateMetadata, 'private_metadata');
  }
  const blockIds = new Set<string>();
  const element = (e: unknown, where: string, actionIds: Set<string>) => {
    if (!isObj(e)) return check(false, `${where}: element is not an object`);
    if (typeof e.action_id === 'string') {
      check(e.action_id.length <= L.actionId, `${where}: action_id length`);
      check(!actionIds.has(e.action_id), `${where}: duplicate action_id ${e.action_id}`);
      actionIds.add(e.action_id);
    }
    if (e.type === 'button') {
      check(
        text(e.text).length > 0 && text(e.text).length <= L.buttonText,
        `${where}: button label "${text(e.text)}"`,
      );
      check(typeof e.value === 'string' && e.value.length <= L.buttonValue, `${where}: button value`);
      if (isObj(e.confirm)) check(text(e.confirm.text).length <= L.confirmText, `${where}: confirm text`);
    } else if (e.type === 'overflow') {
      const options = arr(e.options);
      check(
        options.length >= L.overflowMinOptions && options.length <= L.overflowMaxOptions,
        `${where}: overflow has ${options.length} options`,
      );
      for (const o of options) option(o, where);
    } else if (e.type === 'static_select') {
      const options = arr(e.options);
      check(
        options.length >= 1 && options.length <= L.selectOptions,
        `${where}: select has ${options.length} options`,
      );
      for (const o of options) option(o, where);
    } else if (e.type === 'external_select') {
      check(
        typeof e.min_query_length === 'number' && e.min_query_length >= 0,
        `${where}: external_select min_query_length`,
      );
      check(e.options === undefined, `${where}: external_select carries its own options`);
      if (e.initial_option !== undefined) option(e.initial_option, where);
    } else if (e.type === 'plain_text_input') {
      const max = typeof e.max_length === 'number' ? e.max_length : L.plainTextInput;
      check(max <= L.plainTextInput, `${where}: max_length`);
      if (typeof e.initial_value === 'string')
        check(e.initial_value.length <= max, `${where}: initial_value`);
    } else if (e.type === 'datepicker') {
      if (e.initial_date !== undefined)
        check(/^\d{4}-\d{2}-\d{2}$/.test(String(e.initial_date)), `${where}: initial_date`);
    } else if (e.type !== 'number_input') {
      check(false, `${where}: unexpected element ${String(e.type)}`);
    }
  };
  const option = (o: unknown, where: string) => {
    check(
      isObj(o) && text(o.text).length > 0 && text(o.text).length <= L.optionText,
      `${where}: option text`,
    );
    check(
      isObj(o) && typeof o.value === 'string' && o.value.length > 0 && o.value.length <= L.optionValue,
      `${where}: option value`,
    );
  };
  for (const [i, b] of blocks.entries()) {
    const where = `block ${i}`;
    if (!isObj(b)) {
      check(false, `${where}: not an object`);
      continue;
    }
    if (typeof b.block_id === 'string') {
      check(b.block_id.length <= L.blockId, `${where}: block_id length`);
      check(!blockIds.has(b.block_id), `${where}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    const actionIds = new Set<string>();
    switch (b.type) {
      case 'header':
        check(
          text(b.text).length > 0 && text(b.text).length <= L.headerText,
          `${where}: header length ${text(b.text).length}`,
        );
        break;
      case 'section': {
        const fields = arr(b.fields);
        check(b.text !== undefined || fields.length > 0, `${where}: empty section`);
        if (b.text !== undefined)
          check(
            text(b.text).length > 0 && text(b.text).length <= L.sectionText,
            `${where}: section text length ${text(b.text).length}`,
          );
        check(fields.length <= L.sectionFields, `${where}: ${fields.length} fields`);
        for (const f of fields)
          check(text(f).length > 0 && text(f).length <= L.fieldText, `${where}: field length`);
        if (b.accessory !== undefined) element(b.accessory, where, actionIds);
        break;
      }
      case 'context': {
        const els = arr(b.elements);
        check(els.length >= 1 && els.length <= L.contextElements, `${where}: context elements`);
        for (const e of els)
          check(text(e).length > 0 && text(e).length <= L.contextText, `${where}: context text`);
        break;
      }
      case 'actions': {
        const els = arr(b.elements);
        check(els.length >= 1 && els.length <= L.actionsElements, `${where}: ${els.length} action elements`);
        for (const e of els) element(e, where, actionIds);
        break;
      }
      case 'input':
        check(kind !== 'message', `${where}: input block in a message`);
        check(text(b.label).length > 0 && text(b.label).length <= L.inputLabel, `${where}: input label`);
        if (b.hint !== undefined) check(text(b.hint).length <= L.inputHint, `${where}: hint`);
        element(b.element, where, actionIds);
        break;
      case 'image':
        check(typeof b.image_url === 'string' && b.image_url.length <= L.imageUrl, `${where}: image url`);
        check(typeof b.alt_text === 'string' && b.alt_text.length <= L.imageAltText, `${where}: alt text`);
        break;
      case 'divider':
        break;
      default:
        check(false, `${where}: unexpected block ${String(b.type)}`);
    }
  }
  return problems;
}
