/**
 * Terminal renderer: neutral messages as text for the shell adapter, ANSI colour only when asked
 * (PB-04: red over 30 days overdue, green when settled). Account rows are numbered so people can type
 * `claim 1`; the render result returns which row number is which account. Chinese text counts two
 * columns per character, so amounts still line up.
 */
import type { Block, Button, Form, FormField, MenuItem, Message, Tone } from '../../src/views/model.ts';
import { calendarDateProblem } from '../../src/collections/dates.ts';
import { type Translator, translator } from '../../src/i18n/translate.ts';
import { choiceKey } from '../../src/views/choice.ts';
import { pagesShown, parseInlineMarkup } from '../../src/views/model.ts';
import { displayWidth } from '../../src/views/truncate.ts';

export { displayWidth } from '../../src/views/truncate.ts';

/** How to render: colour on a TTY, plain when piped; width in columns (default 80). */
export interface TerminalOptions {
  color: boolean;
  width?: number;
  /** The reader's language, for the terminal's own words (days overdue, page N of M); English when absent. */
  t?: Translator;
}

/** A numbered account row as shown, so `claim 2` can be turned into the row's claim ref. */
export interface TerminalRow {
  rowNumber: number;
  accountId: number;
  customerName: string;
  actions: Button[];
}

/** Rendered text plus what the shell needs to map typed words back to refs. */
export interface TerminalRender {
  text: string;
  rows: TerminalRow[];
  /** Buttons and menu items of actions blocks, in order shown. */
  buttons: (Button | MenuItem)[];
  pager?: { prevRef?: string; nextRef?: string };
}

type Style = 'bold' | 'italic' | 'dim' | 'red' | 'green';
const SGR: Record<Style, number> = { bold: 1, dim: 2, italic: 3, red: 31, green: 32 };

const TONE_STYLE: Record<Tone, Style[]> = { normal: [], danger: ['red'], success: ['green'], muted: ['dim'] };

// A line break, a run of spaces, one wide character, or a run of anything else: where a line may break.
const WORD =
  /\n|[^\S\n]+|[\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]|[^\s\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]+/gu;

/** Cut text to at most `width` columns, ending in an ellipsis when something was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** SGR colour sequences (`\u001b[31m`). */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Punctuation a line may not start with (it stays with the character before it). */
const CLOSING = /^[、。，．：；！？）」』》〉】,.:;!?)\]]/u;

/**
 * Plain text fitted to `width` columns: a longer line is wrapped with a hanging indent at its description
 * column (the text after the first gap of two spaces), so aligned help stays aligned in any language.
 * Chinese may break between any two characters, never before closing punctuation.
 */
export function fitToWidth(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((source) => {
      // Colour escapes take no columns (a rendered message is already wrapped to the width).
      if (displayWidth(source.replace(ANSI, '')) <= width) return [source];
      const gap = /^(\s*\S.*?\s{2,})\S/u.exec(source)?.[1];
      const lead = /^\s*/u.exec(source)?.[0] ?? '';
      const hang =
        gap && displayWidth(gap) <= width / 2
          ? displayWidth(gap)
          : displayWidth(lead) + (lead.length > 0 ? 0 : 2);
      const indent = ' '.repeat(hang);
      const lines: string[] = [];
      let current: string[] = [lead];
      const used = () => displayWidth(current.join(''));
      const blank = () => current.join('').trim() === '';
      for (const word of source.slice(lead.length).match(WORD) ?? []) {
        const isSpace = /^\s+$/u.test(word);
        if (!isSpace && !blank() && used() + displayWidth(word) > width) {
          // Closing punctuation takes the character before it to the next line.
          const carried = CLOSING.test(word) && current.length > 1 ? [current.pop() as string] : [];
          lines.push(current.join('').trimEnd());
          current = [indent, ...carried];
        }
        if (isSpace && blank()) continue;
        current.push(word);
      }
      if (!blank()) lines.push(current.join('').trimEnd());
      return lines;
    })
    .join('\n');
}

interface Piece {
  text: string;
  styles: Style[];
}

function paint(piece: Piece, color: boolean): string {
  if (!color || piece.styles.length === 0 || piece.text === '') return piece.text;
  return `\u001b[${piece.styles.map((s) => SGR[s]).join(';')}m${piece.text}\u001b[0m`;
}

/** One output line; neighbouring pieces with the same styles share one escape sequence. */
function line(pieces: Piece[], color: boolean): string {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.styles.join() === p.styles.join()) last.text += p.text;
    else merged.push({ text: p.text, styles: p.styles });
  }
  return merged.map((p) => paint(p, color)).join('');
}

/** Markdown-ish text as styled pieces (bold/italic only in colour; plain drops the markers). */
function inline(text: string, styles: Style[]): Piece[] {
  return parseInlineMarkup(text).map((s) => ({
    text: s.text,
    styles: [...styles, ...(s.bold ? (['bold'] as const) : []), ...(s.italic ? (['italic'] as const) : [])],
  }));
}

/** Greedy word wrap by display width; CJK text may break between any two characters; a word wider than a line (a URL) keeps a line of its own, whole. */
function wrap(pieces: Piece[], width: number, indent = ''): Piece[][] {
  const words: Piece[] = [];
  for (const p of pieces) {
    for (const part of p.text.match(WORD) ?? []) {
      words.push({ text: part, styles: p.styles });
    }
  }
  const lines: Piece[][] = [[]];
  let used = 0;
  // Spaces the author typed (an indented column, aligned help) stay; only a line break made by
  // wrapping drops the spaces around it.
  let wrapped = false;
  const room = Math.max(10, width - displayWidth(indent));
  for (const w of words) {
    const current = lines[lines.length - 1] as Piece[];
    const isSpace = /^\s+$/u.test(w.text);
    if (w.text.includes('\n')) {
      for (const _ of w.text.matchAll(/\n/g)) lines.push([]);
      used = 0;
      wrapped = false;
      continue;
    }
    if (isSpace && used === 0 && wrapped) continue;
    const size = displayWidth(w.text);
    if (!isSpace && used > 0 && used + size > room) {
      const last = current[current.length - 1];
      if (last && /^\s+$/u.test(last.text)) current.pop();
      lines.push([{ text: w.text, styles: w.styles }]);
      used = size;
      wrapped = true;
      continue;
    }
    current.push({ text: w.text, styles: w.styles });
    used += size;
  }
  return lines.map((l) => (indent ? [{ text: indent, styles: [] }, ...l] : l));
}

function wrapped(pieces: Piece[], width: number, color: boolean, indent = ''): string {
  return wrap(pieces, width, indent)
    .map((l) => line(l, color))
    .join('\n');
}

function buttonPieces(buttons: (Button | MenuItem)[]): Piece[] {
  const pieces: Piece[] = [];
  for (const b of buttons) {
    if (pieces.length > 0) pieces.push({ text: ' ', styles: [] });
    const style = 'style' in b ? b.style : undefined;
    pieces.push({
      text: `[${b.label}]`,
      styles: style === 'danger' ? ['red'] : style === 'primary' ? ['bold'] : [],
    });
  }
  return pieces;
}

function leftRight(left: Piece[], right: Piece[], width: number, color: boolean): string {
  const lw = displayWidth(left.map((p) => p.text).join(''));
  const rw = displayWidth(right.map((p) => p.text).join(''));
  if (rw === 0) return line(left, color);
  if (lw + 2 + rw > width)
    return `${line(left, color)}\n${' '.repeat(Math.max(0, width - rw))}${line(right, color)}`;
  return `${line(left, color)}${' '.repeat(width - lw - rw)}${line(right, color)}`;
}

function renderBlock(
  block: Block,
  width: number,
  color: boolean,
  out: TerminalRender,
  t: Translator,
): string | null {
  switch (block.type) {
    case 'header': {
      const text = truncateToWidth(block.text, width);
      return color ? paint({ text, styles: ['bold'] }, true) : `${text}\n${'='.repeat(displayWidth(text))}`;
    }
    case 'text': {
      const style = TONE_STYLE[block.tone ?? 'normal'];
      const pieces = block.monospace ? [{ text: block.text, styles: style }] : inline(block.text, style);
      return wrapped(pieces, width, color);
    }
    case 'fields': {
      const labelWidth = Math.max(0, ...block.fields.map((f) => displayWidth(f.label) + 1));
      return block.fields
        .map((f) => {
          const label = `${f.label}:${' '.repeat(labelWidth - displayWidth(f.label))} `;
          // A value of several lines (one amount per currency) lines up under its first line.
          const [first = '', ...more] = f.value.split('\n');
          const pad = ' '.repeat(displayWidth(label));
          return [
            line(
              [{ text: label, styles: ['bold'] }, ...inline(first, TONE_STYLE[f.tone ?? 'normal'])],
              color,
            ),
            ...more.map((l) =>
              line([{ text: pad, styles: [] }, ...inline(l, TONE_STYLE[f.tone ?? 'normal'])], color),
            ),
          ].join('\n');
        })
        .join('\n');
    }
    case 'accountRow': {
      const rowNumber = block.rowNumber ?? out.rows.length + 1;
      out.rows.push({
        rowNumber,
        accountId: block.accountId,
        customerName: block.customerName,
        actions: block.actions,
      });
      const tone = TONE_STYLE[block.tone];
      const number = `${rowNumber}. `;
      const indent = ' '.repeat(displayWidth(number));
      const [firstAmount = '', ...moreAmounts] = block.amountLines;
      const nameRoom = Math.max(10, width - displayWidth(number) - displayWidth(firstAmount) - 2);
      const title: Piece[] = [
        { text: number, styles: [] },
        { text: truncateToWidth(`${block.customerName} (#${block.accountId})`, nameRoom), styles: ['bold'] },
      ];
      const lines = [leftRight(title, [{ text: firstAmount, styles: tone }], width, color)];
      for (const amount of moreAmounts)
        lines.push(leftRight([], [{ text: amount, styles: tone }], width, color));
      const owner =
        block.owner === null ? t.t('shell.row.unclaimed') : t.t('shell.row.owner', { owner: block.owner });
      const status: Piece[] = [
        { text: indent, styles: [] },
        { text: t.t('shell.row.overdue', { days: block.daysOverdue }), styles: tone },
        { text: ` · ${owner}`, styles: [] },
      ];
      lines.push(line(status, color));
      if (block.explanation) lines.push(wrapped(inline(block.explanation, ['dim']), width, color, indent));
      if (block.actions.length > 0)
        lines.push(line([{ text: indent, styles: [] }, ...buttonPieces(block.actions)], color));
      return lines.join('\n');
    }
    case 'actions': {
      out.buttons.push(...block.buttons, ...(block.menu ?? []));
      const more = block.menu?.length
        ? [{ text: `  ${t.t('shell.menu.more')} `, styles: ['dim'] as Style[] }, ...buttonPieces(block.menu)]
        : [];
      return line([...buttonPieces(block.buttons), ...more], color);
    }
    case 'context':
      return wrapped(inline(block.text, ['dim']), width, color);
    case 'image': {
      const where = block.source.kind === 'url' ? block.source.url : block.source.path;
      return line(
        [
          { text: `${t.t('shell.image', { alt: block.alt })} `, styles: [] },
          { text: where, styles: ['dim'] },
        ],
        color,
      );
    }
    case 'divider':
      return '-'.repeat(width);
    case 'pager': {
      out.pager = {
        ...(block.prevRef === undefined ? {} : { prevRef: block.prevRef }),
        ...(block.nextRef === undefined ? {} : { nextRef: block.nextRef }),
      };
      const nav = [
        ...(block.prevRef === undefined
          ? []
          : [{ label: block.prevLabel ?? t.t('shell.page.previous'), ref: block.prevRef }]),
        ...(block.nextRef === undefined
          ? []
          : [{ label: block.nextLabel ?? t.t('shell.page.next'), ref: block.nextRef }]),
      ];
      const pieces: Piece[] = [
        { text: t.t('shell.page', { page: block.page, pages: pagesShown(block, t) }), styles: ['dim'] },
      ];
      if (nav.length > 0) pieces.push({ text: '  ', styles: [] }, ...buttonPieces(nav));
      return line(pieces, color);
    }
  }
}

/** Render a message for the terminal and return the numbered rows and refs the shell can act on. */
export function renderTerminal(message: Message, options: TerminalOptions): TerminalRender {
  const width = Math.max(30, options.width ?? 80);
  const out: TerminalRender = { text: '', rows: [], buttons: [] };
  const parts = message.blocks
    .map((b) => renderBlock(b, width, options.color, out, options.t ?? translator('en')))
    .filter((t) => t !== null);
  out.text = parts.join('\n\n');
  return out;
}

/** Render a message as terminal text. */
export function toTerminalText(message: Message, options: TerminalOptions): string {
  return renderTerminal(message, options).text;
}

/** One question of a form asked in the terminal, with the check that turns an answer into the submitted value. */
export interface FieldPrompt {
  id: string;
  /** The field's label, to name it in a refusal. */
  label: string;
  /** What to print before reading a line: label, hint, options, default, earlier error. */
  question: string;
  required: boolean;
  /** Read one typed line: the value to submit, or what to say before asking again. Empty takes the initial value. */
  read(answer: string): { ok: true; value: string } | { ok: false; message: string };
}

/** The options as people may type them: the values where they are words (`no_answer`), else the labels. */
function optionNames(field: Extract<FormField, { type: 'select' }>): string {
  const words = field.options.every((o) => /^[a-z][a-z_]*$/i.test(o.value));
  return field.options.map((o) => (words ? o.value : o.label)).join(', ');
}

/** What is wrong with a typed date, for the one message that says so (the month named for the locale). */
function dateProblem(text: string, t: Translator): Record<string, string | number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return { why: 'format', value: text, month: '', days: 0 };
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return { why: 'month', value: text, month: '', days: 0 };
  const first = Date.UTC(year, month - 1, 1);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const named = new Intl.DateTimeFormat(t.locale === 'en' ? 'en-GB' : t.locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(first);
  return { why: 'day', value: text, month: named, days };
}

function check(
  field: FormField,
  text: string,
  t: Translator,
): { ok: true; value: string } | { ok: false; message: string } {
  const bad = (message: string) => ({ ok: false as const, message });
  const label = field.label;
  switch (field.type) {
    case 'select': {
      const byNumber = /^\d+$/.test(text) ? field.options[Number(text) - 1] : undefined;
      const key = choiceKey(text);
      const option =
        byNumber ?? field.options.find((o) => choiceKey(o.value) === key || choiceKey(o.label) === key);
      return option
        ? { ok: true, value: option.value }
        : bad(t.t('shell.form.choose', { count: field.options.length, names: optionNames(field) }));
    }
    case 'number': {
      if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return bad(t.t('shell.form.number', { label }));
      const n = Number(text.replaceAll(',', ''));
      if (field.min !== undefined && n < field.min)
        return bad(t.t('shell.form.atLeast', { label, min: field.min }));
      if (field.max !== undefined && n > field.max)
        return bad(t.t('shell.form.atMost', { label, max: field.max }));
      return { ok: true, value: text };
    }
    case 'date': {
      if (calendarDateProblem(text) === null) return { ok: true, value: text };
      return bad(t.t('shell.form.date', { label, ...dateProblem(text, t) }));
    }
    case 'text':
      if (field.maxLength !== undefined && text.length > field.maxLength) {
        return bad(t.t('shell.form.tooLong', { label, max: field.maxLength }));
      }
      return { ok: true, value: field.multiline ? text.replaceAll('\\n', '\n') : text };
  }
}

/** The questions to ask, field by field, when the shell shows a form (in the reader's language). */
export function formToPrompts(form: Form, t: Translator = translator('en')): FieldPrompt[] {
  return form.fields.map((field) => {
    const lines = [field.required ? field.label : t.t('shell.form.optional', { label: field.label })];
    if (field.hint) lines.push(`  ${field.hint}`);
    if (field.type === 'select') lines.push(...field.options.map((o, i) => `  ${i + 1}) ${o.label}`));
    if (field.type === 'text' && field.multiline) lines.push(`  ${t.t('shell.form.oneLine')}`);
    const error = form.errors?.[field.id];
    if (error) lines.push(`  ! ${error}`);
    const initial = field.initial;
    const question = `${lines.join('\n')}\n${initial ? `[${initial}] ` : ''}> `;
    return {
      id: field.id,
      label: field.label,
      question,
      required: field.required,
      read(answer: string) {
        const text = answer.trim();
        if (text === '') {
          if (initial !== undefined && initial !== '') return { ok: true, value: initial };
          return field.required
            ? { ok: false, message: t.t('shell.form.required', { label: field.label }) }
            : { ok: true, value: '' };
        }
        return check(field, text, t);
      },
    };
  });
}
