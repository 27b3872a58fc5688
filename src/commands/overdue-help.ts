/**
 * What `/overdue help` says, and what a parse error says, in the reader's language: the grammar gives
 * codes and the words as typed (overdue-grammar.ts), the catalogs give the sentences.
 */
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translate.ts';
import { ROLES } from '../worklist/staff.ts';
import { type GrammarError, type GrammarReason, LETTER_TEMPLATES } from './overdue-grammar.ts';

/** The help, one catalog message per section, in the order shown. */
const HELP_SECTIONS: readonly MessageKey[] = [
  'overdue.help.usage',
  'overdue.help.filters',
  'overdue.help.actions',
  'overdue.help.letters',
  'overdue.help.language',
  'overdue.help.staff',
  'overdue.help.help',
];

/** The message each reason is said with. */
const ERROR_MESSAGES: Readonly<Record<GrammarReason, MessageKey>> = {
  unclosed_quote: 'overdue.error.unclosed_quote',
  not_a_template: 'overdue.error.not_a_template',
  needs_customer: 'overdue.error.needs_customer',
  needs_owner_name: 'overdue.error.needs_owner_name',
  too_many_days: 'overdue.error.too_many_days',
  needs_amount: 'overdue.error.needs_amount',
  not_an_amount: 'overdue.error.not_an_amount',
  needs_grade: 'overdue.error.needs_grade',
  not_a_grade: 'overdue.error.not_a_grade',
  needs_customer_name: 'overdue.error.needs_customer_name',
  needs_page: 'overdue.error.needs_page',
  not_a_page: 'overdue.error.not_a_page',
  quoted_name: 'overdue.error.quoted_name',
  misplaced_action: 'overdue.error.misplaced_action',
  unknown_word: 'overdue.error.unknown_word',
  unknown_word_guess: 'overdue.error.unknown_word_guess',
  conflict_owner: 'overdue.error.conflict_owner',
  conflict_days: 'overdue.error.conflict_days',
  conflict_amount: 'overdue.error.conflict_amount',
  conflict_grade: 'overdue.error.conflict_grade',
  conflict_page: 'overdue.error.conflict_page',
  conflict_customer: 'overdue.error.conflict_customer',
  not_a_role: 'overdue.error.not_a_role',
  needs_person: 'overdue.error.needs_person',
  needs_letter_number: 'overdue.error.needs_letter_number',
  one_language: 'overdue.error.one_language',
  not_a_month: 'overdue.error.not_a_month',
};

/** `/overdue help` in the translator's language. */
export function overdueHelp(t: Translator): string {
  const values = { templates: LETTER_TEMPLATES.join(', '), roles: ROLES.join(', ') };
  return HELP_SECTIONS.map((key) => t.t(key, values)).join('\n\n');
}

/** What a help message is called where only a line fits (notifications, fallback text). */
export function overdueHelpTitle(t: Translator): string {
  return t.t('overdue.help.title');
}

/** The longest a named word is shown (whole characters), so a pasted page still gets a short answer. */
const MAX_SHOWN = 80;

/** The values that are words as typed (the others are our own lists: templates, roles). */
const TYPED = new Set(['word', 'first', 'second', 'verb', 'keyword', 'guess', 'quote']);

const shown = (word: string): string => {
  const chars = Array.from(word);
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : word;
};

/** A parse error as one sentence in the translator's language, naming the words as typed. */
export function grammarErrorText(error: GrammarError, t: Translator): string {
  const values = Object.fromEntries(
    Object.entries(error.values).map(([k, v]) => [k, TYPED.has(k) ? shown(v) : v]),
  );
  return t.t(ERROR_MESSAGES[error.reason], values);
}
