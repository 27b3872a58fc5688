import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translate.ts';

/** The name of each letter of ours in a sentence ("the formal demand letter", "正式催款函"). */
const LETTER_NAMES: Readonly<Record<string, MessageKey>> = {
  reminder: 'letter.name.reminder',
  'polite-reminder': 'letter.name.polite_reminder',
  'formal-demand': 'letter.name.formal_demand',
  'final-notice': 'letter.name.final_notice',
  'lawyer-letter-request': 'letter.name.lawyer_letter_request',
  'payment-plan': 'letter.name.payment_plan',
  'call-summary': 'letter.name.call_summary',
  'missed-discount': 'letter.name.missed_discount',
};

/**
 * What people call a template in a sentence, in the reader's language: our letters by their catalog name
 * ("formal-demand" -> "formal demand", the lawyer letter request a "legal referral"); a template of the
 * company's own by its file name read as words ("our-own-template" -> "our own template").
 */
export function letterName(template: string, t: Translator): string {
  const key = Object.hasOwn(LETTER_NAMES, template) ? LETTER_NAMES[template] : undefined;
  return key ? t.t(key) : template.replace(/-/g, ' ');
}

/** The same name starting with a capital letter, for a heading ("Formal demand letter to ..."). */
export function letterTitle(template: string, t: Translator): string {
  return letterName(template, t).replace(/^./, (c) => c.toUpperCase());
}
