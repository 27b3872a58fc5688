/**
 * The neutral view model: what the bot says, independent of Slack, Teams or the terminal.
 * Builders make these from domain data; one pure renderer per adapter turns them into platform payloads
 * (Block Kit, Adaptive Card, terminal text). Platform limits (block counts, text lengths) are the
 * renderer's job, not the builder's.
 *
 * Text in `text`, `fields` values and account-row explanations is markdown-ish: `*bold*` and `_italic_`,
 * no nesting, nothing else. `parseInlineMarkup` below is the one definition every renderer uses.
 */

/** How a piece of text should look: PB-04 marks items over 30 days red ('danger'), settled ones green. */
import type { Locale } from '../i18n/locale.ts';

export type Tone = 'normal' | 'danger' | 'success' | 'muted';

/** The chat platforms duebot talks to. */
export type Platform = 'slack' | 'teams' | 'shell';

/** A person on a platform; `id` is the platform's own user id, `name` what people see. */
export interface User {
  platform: Platform;
  id: string;
  name: string;
  /**
   * The language the platform says the person uses, as it says it (Slack's `zh-TW`, a Teams activity's
   * `zh-tw`, the shell's `LANG`); their own choice (`/overdue language`) comes first (src/i18n/reader.ts).
   */
  locale?: string;
}

/**
 * A clickable button; `ref` is an action reference from `encodeRef` (src/views/action-ref.ts), opaque to
 * every renderer. What the click does beyond answering is said here, as data (like Chat SDK's
 * `actionType`), so renderers never read the ref to find out.
 */
export interface Button {
  label: string;
  ref: string;
  style?: 'primary' | 'danger';
  /** 'form': the click answers with a form (Slack opens its modal at once, Teams a dialog). */
  opens?: 'form';
  /**
   * The click needs a yes first; this is the question. Slack asks in its own confirm dialog, Teams and the
   * shell get the same question as dispatch's confirm step (src/commands/interaction.ts).
   */
  confirm?: string;
  /** The button answers a confirm step (see confirmView): the click goes back with `confirmed` set. */
  answers?: 'yes' | 'no';
}

/** One entry of an overflow menu ("..."), for actions that need no room of their own (never a confirm). */
export interface MenuItem {
  label: string;
  ref: string;
  /** 'form': the click answers with a form, as on a Button. */
  opens?: 'form';
}

/** A title line. */
export interface HeaderBlock {
  type: 'header';
  text: string;
}

/** A paragraph of markdown-ish text. */
export interface TextBlock {
  type: 'text';
  text: string;
  tone?: Tone;
  /** Columns laid out with spaces (help, tables): shown in a fixed-width font, markup left as typed. */
  monospace?: boolean;
}

/** A label/value pair; keep `label` short ("Open", "Owner", "Next step"). */
export interface Field {
  label: string;
  value: string;
  tone?: Tone;
}

/** Most fields a fields block should hold: Slack shows at most 10 per section. */
export const MAX_FIELDS = 10;

/** A handful (at most MAX_FIELDS) of label/value pairs shown as a grid or list. */
export interface FieldsBlock {
  type: 'fields';
  fields: Field[];
}

/** One account (customer) on a worklist, with what to do about it. */
export interface AccountRowBlock {
  type: 'accountRow';
  accountId: number;
  customerName: string;
  /** Open amounts already formatted, one per currency ("CNY 86,000.00"); main currency first. */
  amountLines: string[];
  /** Days past the oldest due date (PB-01). */
  daysOverdue: number;
  /** PB-04: 'danger' over 30 days overdue, 'success' when settled. */
  tone: Tone;
  /** The collector who owns the account (PB-25), or null when unclaimed. */
  owner: string | null;
  /** Why the account is where it is on the list, in one line (PB-08). */
  explanation: string;
  actions: Button[];
  /** The ref that opens the account's card: compact renderings make the whole row a link to it. */
  openRef?: string;
  /** Position on the list as shown (1-based); the terminal lets people type `claim 3`. Renderers number rows when absent. */
  rowNumber?: number;
}

/** A row of buttons, optionally with an overflow menu. */
export interface ActionsBlock {
  type: 'actions';
  buttons: Button[];
  menu?: MenuItem[];
}

/** Small print: timestamps, sources, hints. */
export interface ContextBlock {
  type: 'context';
  text: string;
}

/** A picture (a chart) from a URL or a file the bot rendered; `alt` is what text-only clients show. */
export interface ImageBlock {
  type: 'image';
  source: { kind: 'url'; url: string } | { kind: 'file'; path: string };
  alt: string;
}

/** A horizontal rule. */
export interface DividerBlock {
  type: 'divider';
}

/** "Page n of m" with references for the previous and next page (absent on the first / last page). */
export interface PagerBlock {
  type: 'pager';
  page: number;
  pages: number;
  prevRef?: string;
  nextRef?: string;
  /** What the buttons say when "Previous" and "Next" would not (a history: "Newer", "Older"). */
  prevLabel?: string;
  nextLabel?: string;
  /** There are pages past `pages` (a list counted only so far): shown as "of 100+". */
  morePages?: boolean;
}

/** The page count a pager shows: the number, or "100+" when there are more pages than counted. */
export function pagesShown(p: PagerBlock, t: { number(value: number): string }): string | number {
  return p.morePages ? `${t.number(p.pages)}+` : p.pages;
}

/** Everything a message can be made of. */
export type Block =
  | HeaderBlock
  | TextBlock
  | FieldsBlock
  | AccountRowBlock
  | ActionsBlock
  | ContextBlock
  | ImageBlock
  | DividerBlock
  | PagerBlock;

/**
 * A file that goes with a message (a letter's PDF, a chart's PNG): Slack uploads it into the same
 * conversation, Teams attaches it, the shell saves it and prints the path.
 */
export interface FileAttachment {
  filename: string;
  mimeType: string;
  data: Uint8Array;
  title?: string;
  /**
   * The letter whose stored PDF this is (letter_files): platforms that cannot take the bytes (Teams) link
   * to duebot's copy of exactly this file instead.
   */
  letterId?: number;
}

/**
 * A file too large to carry in the outbox (the credit meeting's agenda, an alert check's crossings at a
 * million accounts), or too slow to make in a scheduled job's transaction (the meeting's chart): the message names it and the outbox makes
 * it from the database when it delivers the message (src/reports/agenda-file.ts), after the message's own
 * files.
 */
export type GeneratedFile = GeneratedAgenda | GeneratedChart | GeneratedCrossings;

interface GeneratedBase {
  filename: string;
  title?: string;
  /** The language of the file's words (the channel's); absent: English. */
  locale?: Locale;
}

/** The meeting's agenda beyond its replies, as a spreadsheet (read from the worklist by its definition). */
export interface GeneratedAgenda extends GeneratedBase {
  kind: 'meeting-agenda';
  meetingId: number;
  format: 'csv' | 'xlsx';
  /** The company's time zone (the day of each last contact); absent (a post enqueued before it was named): UTC. */
  timeZone?: string;
}

/** PB-28: the meeting's aging chart, drawn from the figures the meeting opened with and its agenda. */
export interface GeneratedChart extends GeneratedBase {
  kind: 'meeting-chart';
  meetingId: number;
  /** Open amount per aging bucket (minor units) of each currency, as the meeting's parent states them. */
  aging: { currency: string; buckets: Record<string, number> }[];
}

/** PB-07: every crossing one alert check opened (alert_crossings ids `firstId` to `lastId`), as CSV. */
export interface GeneratedCrossings extends GeneratedBase {
  kind: 'alert-crossings';
  firstId: number;
  lastId: number;
}

/** A message; `fallbackText` overrides the generated notification text (see toFallbackText). */
export interface Message {
  blocks: Block[];
  fallbackText?: string;
  files?: FileAttachment[];
  /** Files made when the message is delivered (see GeneratedFile). */
  generatedFiles?: GeneratedFile[];
  /**
   * The language the message was drawn in (dispatch and the scheduler stamp it): adapters say their own
   * few words (a confirm's buttons, "days overdue", page counts) in it; absent: English.
   */
  locale?: Locale;
}

interface FieldBase {
  id: string;
  label: string;
  required: boolean;
  /** Pre-filled value, as the text the field would hold ('2026-12-01', '5000.00'). */
  initial?: string;
  /** One line under the field ("Amount in CNY, e.g. 12,500.00"). */
  hint?: string;
}

/** A choice from a list. */
export interface SelectField extends FieldBase {
  type: 'select';
  options: { value: string; label: string }[];
  /**
   * The list is longer than `options` (which holds the first ones): platforms ask the core as the person
   * types (searchChoices in src/commands/people-search.ts, with the form's ref and this field's id).
   */
  search?: boolean;
}

/** Free text, one line or several. */
export interface TextField extends FieldBase {
  type: 'text';
  multiline?: boolean;
  maxLength?: number;
}

/** A number as typed; money stays text here and the domain parses it per currency. */
export interface NumberField extends FieldBase {
  type: 'number';
  min?: number;
  max?: number;
}

/** A calendar date, 'YYYY-MM-DD'. */
export interface DateField extends FieldBase {
  type: 'date';
}

/** One input of a form. */
export type FormField = SelectField | TextField | NumberField | DateField;

/** A form (Slack modal, Teams card with inputs, terminal prompts); submitting sends `ref` and the values. */
export interface Form {
  title: string;
  submitLabel: string;
  ref: string;
  fields: FormField[];
  /** Field id -> what was wrong, shown next to the field when the form is shown again. */
  errors?: Record<string, string>;
  /** Shown above the fields: what submitting will do (a letter's preview before Send). */
  intro?: Message;
  /**
   * Submitting takes longer than a platform waits for its answer (a letter's SMTP conversation): the form
   * closes at once and the answer follows as a message.
   */
  slow?: boolean;
}

/** A run of text with one style, from `parseInlineMarkup`. */
export interface InlineSegment {
  text: string;
  bold: boolean;
  italic: boolean;
  /** The mention markup this run was drawn from (see MENTION), for renderers that notify. */
  mention?: string;
}

/**
 * A mention of a person inside text, `@[Name](slack:U012AB3CD)`: the Slack renderer turns it into a
 * notifying mention, every other renderer (and the fallback text) shows `@Name`.
 */
export const MENTION = /@\[([^\]\n]+)\]\((slack|teams|shell):([^)\s]+)\)/gu;

/**
 * Text people typed (a note, a reason), made safe to put into neutral text: it can never become a mention,
 * however it is written. Renderers escape everything else their platform would interpret.
 */
export function typedText(text: string): string {
  // A word joiner between `@` and `[` breaks MENTION and is invisible.
  return text.replace(/@\[/g, '@\u2060[');
}

/** Mention markup for a user (see MENTION). */
export function mentionMarkup(user: User): string {
  return `@[${user.name.replace(/[\]\n]/g, ' ')}](${user.platform}:${user.id})`;
}

// A mention first; `*bold*` anywhere; `_italic_` only at word boundaries so snake_case and file_names stay as typed.
const INLINE = new RegExp(
  `${MENTION.source}|\\*([^*\\n]+)\\*|(?<![\\p{L}\\p{N}_])_([^_\\n]+)_(?![\\p{L}\\p{N}_])`,
  'gu',
);

/** Split markdown-ish text into styled runs; unmatched `*` or `_` stay literal. */
export function parseInlineMarkup(text: string): InlineSegment[] {
  const segments: InlineSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const start = m.index;
    if (start > last) segments.push({ text: text.slice(last, start), bold: false, italic: false });
    if (m[1] !== undefined) segments.push({ text: `@${m[1]}`, bold: false, italic: false, mention: m[0] });
    else if (m[4] !== undefined) segments.push({ text: m[4], bold: true, italic: false });
    else segments.push({ text: m[5] ?? '', bold: false, italic: true });
    last = start + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), bold: false, italic: false });
  return segments;
}

/** The text without markup characters, for plain-text clients; `keepMentions` leaves mention markup in. */
export function stripInlineMarkup(text: string, keepMentions = false): string {
  return parseInlineMarkup(text)
    .map((s) => (keepMentions && s.mention ? s.mention : s.text))
    .join('');
}
