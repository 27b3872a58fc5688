/**
 * Slack payloads as neutral interactions: which ref a click carries, whether a message is a reply in a
 * thread. Pure functions over the parts of Slack's payloads duebot reads.
 */

/** The element of a block_actions payload that was used (button or overflow menu). */
export interface ClickedElement {
  type: string;
  action_id: string;
  block_id?: string;
  value?: string;
  selected_option?: { value: string; text?: { text?: string } } | null;
  /** A button's label, as drawn. */
  text?: { text?: string };
}

/** Before an overflow option's ref when choosing it opens a form (block-kit.ts writes it). */
export const FORM_OPTION = 'form:';

/** The action ref a click carries: a button's value or the chosen overflow option's value. */
export function refOfAction(action: ClickedElement): string | null {
  if (action.type === 'button' && typeof action.value === 'string') return action.value;
  if (action.type === 'overflow' && action.selected_option) {
    const value = action.selected_option.value;
    return value.startsWith(FORM_OPTION) ? value.slice(FORM_OPTION.length) : value;
  }
  return null;
}

/**
 * What the clicked element says it does (block-kit.ts draws it into the action_id): opens a form (a modal
 * must open within 3 s of the click, so a loading view goes up first), or answers a confirm step.
 */
export function clickKind(action: ClickedElement): { opensForm: boolean; confirmed?: boolean } {
  if (action.type === 'overflow')
    return { opensForm: action.selected_option?.value.startsWith(FORM_OPTION) === true };
  const kind = /^duebot-(form|yes|no)-\d+$/.exec(action.action_id)?.[1];
  if (kind === 'yes') return { opensForm: false, confirmed: true };
  if (kind === 'no') return { opensForm: false, confirmed: false };
  return { opensForm: kind === 'form' };
}

/** True when the click came from an account card (whose refresh is that card), not a list row. */
export function clickedOnCard(action: ClickedElement): boolean {
  return (action.block_id ?? '').startsWith('actions-');
}

/** A message event as much as duebot reads of it. */
export interface MessageEventLike {
  type: string;
  subtype?: string;
  channel?: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  bot_id?: string;
}

/** A person's reply inside a thread (not the parent, not a bot, not an edit or a join). */
export interface ThreadReply {
  channel: string;
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
}

/** Reads a thread reply out of a message event, or null for anything else. */
export function threadReply(event: MessageEventLike): ThreadReply | null {
  if (event.type !== 'message' || event.subtype !== undefined || event.bot_id) return null;
  const { channel, user, text, ts, thread_ts: threadTs } = event;
  if (!channel || !user || !ts || !threadTs || threadTs === ts) return null;
  if (!text || text.trim() === '') return null;
  return { channel, threadTs, ts, userId: user, text: slackTextToPlain(text) };
}

/** Slack's message markup back to plain text: <@U1|ann> -> @ann, <url|label> -> label, entities decoded. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|([^>]+))?>/g, (_m, id: string, name?: string) => `@${name ?? id}`)
    .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
