/**
 * Checks every view family uses (issue 20): a view drawn in the pseudo-locale shows no Latin word of ours
 * outside a catalog message, and a view drawn in each locale fits every adapter's limits (Slack Block Kit,
 * Teams Adaptive Cards and dialogs, the terminal's width).
 *
 *   const t = pseudoT();
 *   expect(strayEnglish(myView(data, t), ['ACME'])).toEqual([]);
 *   for (const t of everyLocale()) expect(messageProblems(myView(data, t))).toEqual([]);
 */
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toSlackModal } from '../../adapters/slack/modal.ts';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import { toDialogCard } from '../../adapters/teams/dialog.ts';
import { displayWidth, formToPrompts, toTerminalText } from '../../adapters/shell/text.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import { pseudoCatalog } from '../../src/i18n/pseudo.ts';
import { makeTranslator, translator, type Translator } from '../../src/i18n/translate.ts';
import type { Form, Message } from '../../src/views/model.ts';
import { cardProblems } from '../teams/support/card-check.ts';
import { slackProblems } from '../slack/support/limits-check.ts';

let pseudo: Translator | null = null;

/**
 * The month names `Intl` writes in the pseudo-locale's dates ("9 Dec 2026", "28 February"): a date is a
 * value the locale formats (Chinese readers get 12月9日), not English of ours.
 */
export const DATE_WORDS = [
  'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec',
  'January February March April June July August September October November December',
];

/** A translator whose every catalog message is accented and bracketed: ⟦Ćłáíḿ⟧. */
export function pseudoT(): Translator {
  pseudo ??= makeTranslator('en', pseudoCatalog());
  return pseudo;
}

/** One translator per locale duebot speaks (with 万 / 亿 on, the longer form where it differs). */
export function everyLocale(): Translator[] {
  return LOCALES.map((l) => translator(l, { largeUnits: l !== 'en' }));
}

/** Keys of a view's objects that carry no text a person reads (refs, ids, urls, styles). */
const NOT_TEXT = new Set([
  'ref',
  'id',
  'value',
  'url',
  'imageUrl',
  'style',
  'tone',
  'type',
  'kind',
  'opens',
  'answers',
  'currency',
  'contentType',
  'fileName',
  'content',
  'data',
  'initial',
  'messageRef',
]);

function texts(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!NOT_TEXT.has(k)) texts(v, out);
  return out;
}

/**
 * Latin words of three letters or more in a view drawn with `pseudoT()` that did not come through a
 * catalog: text inside ⟦ ⟧ is ours and translated (with `placeholders`, only its own words are); `data` lists the words the fixture itself put in
 * (customer names, people, template ids) and currency codes are allowed.
 */
export function strayEnglish(
  view: Message | Form,
  data: string[] = [],
  options: { placeholders?: boolean } = {},
): string[] {
  const allowed = new Set(data.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  const stray = new Set<string>();
  for (const text of texts(view, [])) {
    // With `placeholders`, what fills a catalog message's placeholders is checked too: the message's own
    // words are accented, so a plain Latin word inside ⟦ ⟧ is a value, and English there (a sentence
    // stored in the database, an adapter's words) leaks as surely as outside.
    const outside = (options.placeholders ? text : text.replace(/⟦[^⟧]*⟧/gu, ' '))
      .replace(/@\[[^\]]*\]\([^)]*\)/gu, ' ') // mentions: a person's name
      .replace(/https?:\/\/\S+/gu, ' ');
    for (const word of outside.match(/[A-Za-z]{3,}/g) ?? []) {
      if (/^[A-Z]{3}$/.test(word)) continue; // a currency code: CNY, USD
      if (!allowed.has(word.toLowerCase())) stray.add(word);
    }
  }
  return [...stray];
}

const TERMINAL_WIDTH = 80;

/** Everything a message breaks on Slack, Teams or an 80-column terminal (empty when it fits all three). */
export function messageProblems(message: Message): string[] {
  const slack = slackProblems('message', toBlockKit(message) as unknown as Record<string, unknown>);
  const teams = cardProblems(toAdaptiveCard(message));
  const wide = toTerminalText(message, { color: false, width: TERMINAL_WIDTH })
    .split('\n')
    .filter((line) => displayWidth(line) > TERMINAL_WIDTH);
  return [
    ...slack.map((p) => `slack: ${p}`),
    ...teams.map((p) => `teams: ${p}`),
    ...wide.map((l) => `shell: wider than ${TERMINAL_WIDTH} columns: ${l}`),
  ];
}

/** Everything a form breaks as a Slack modal, a Teams dialog or the shell's prompts. */
export function formProblems(form: Form): string[] {
  const slack = slackProblems(
    'modal',
    toSlackModal(form, { ref: form.ref }) as unknown as Record<string, unknown>,
  );
  const teams = cardProblems(toDialogCard(form));
  const prompts = formToPrompts(form);
  const shell = prompts.length === 0 && form.fields.length > 0 ? ['shell: no prompts'] : [];
  return [...slack.map((p) => `slack: ${p}`), ...teams.map((p) => `teams: ${p}`), ...shell];
}
