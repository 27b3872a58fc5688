/**
 * Teams activities as neutral interactions: the command a message carries (mention stripped), the ref a
 * card click carries, whether a submission is a form. Pure functions over the parts of activities duebot reads.
 */
import type { Activity } from 'botbuilder';

/** What a typed message asks for. */
export type TypedCommand =
  { kind: 'overdue'; text: string } | { kind: 'help' } | { kind: 'other'; text: string };

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Message text as typed: `<at>` mentions of the bot already removed, other HTML tags and entities undone. */
export function plainText(html: string): string {
  return html
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** `overdue 60+ mine`, `/overdue`, `help`; anything else is `other` (a note, when in an account thread). */
export function typedCommand(text: string): TypedCommand {
  const clean = plainText(text);
  const m = /^\/?overdue\b\s*(.*)$/is.exec(clean);
  if (m) return { kind: 'overdue', text: (m[1] ?? '').trim() };
  if (/^\/?help\??$/i.test(clean)) return { kind: 'help' };
  return { kind: 'other', text: clean };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The data object of a card submission (Action.Submit's `value`, a dialog's `data`), or null. */
export function submissionData(value: unknown): Record<string, unknown> | null {
  return isRecord(value) ? value : null;
}

/** The action ref a click carries in its data, or null. */
export function refOf(data: unknown): string | null {
  return isRecord(data) && typeof data.ref === 'string' ? data.ref : null;
}

/** The answer a click gives to a confirm step (`duebot.confirmed`), or undefined when it answers none. */
export function confirmedOf(data: unknown): boolean | undefined {
  if (!isRecord(data) || !isRecord(data.duebot)) return undefined;
  const { confirmed } = data.duebot;
  return typeof confirmed === 'boolean' ? confirmed : undefined;
}

/** True when the submission is a filled-in form (it carries the form it was drawn from), not a click. */
export function isFormSubmission(data: Record<string, unknown>): boolean {
  return isRecord(data.duebot) && 'form' in data.duebot;
}

/** The Action.Execute data of an `adaptiveCard/action` invoke, or null. */
export function executeData(activity: Partial<Activity>): Record<string, unknown> | null {
  const value: unknown = activity.value;
  if (!isRecord(value) || !isRecord(value.action)) return null;
  return isRecord(value.action.data) ? value.action.data : null;
}
