/**
 * English, the source catalog: every key duebot says anything with, in ICU MessageFormat (plural and
 * select, never sentences glued from pieces). The other catalogs must have exactly these keys (the type
 * checks it, and test/i18n checks placeholders), and every key must be used by the code.
 */
import { adaptersEn } from './adapters-en.ts';
import { cardEn } from './card-en.ts';
import { cliEn } from './cli-en.ts';
import { contactEn } from './contact-en.ts';
import { doctorEn } from './doctor-en.ts';
import { formsEn } from './forms-en.ts';
import { ladderEn } from './ladder-en.ts';
import { lettersEn } from './letters-en.ts';
import { listsEn } from './lists-en.ts';
import { meetingEn } from './meeting-en.ts';
import { overdueEn } from './overdue-en.ts';
import { policyEn } from './policy-en.ts';
import { renderEn } from './render-en.ts';
import { settingsEn } from './settings-en.ts';

export const en = {
  ...adaptersEn,
  ...cardEn,
  ...cliEn,
  ...contactEn,
  ...doctorEn,
  ...formsEn,
  ...ladderEn,
  ...lettersEn,
  ...listsEn,
  ...meetingEn,
  ...overdueEn,
  ...policyEn,
  ...renderEn,
  ...settingsEn,
  'language.set': 'From now on duebot answers you in English.',
  'language.current':
    'duebot answers you in English: {source, select, own {your own choice} platform {the language of your {platform, select, slack {Slack} teams {Teams} other {terminal (LANG)}}} other {the company language}}. Change it with /overdue language zh-CN, zh-TW or en.',
  'language.unknown': '"{tag}" is not a language duebot speaks. Choose one of: {choices}, or auto.',
  'language.reset':
    'duebot follows the language of your {platform, select, slack {Slack} teams {Teams} other {terminal (LANG)}} again: English.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = Readonly<Record<MessageKey, string>>;
