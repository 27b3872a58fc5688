import type { Catalog } from './en.ts';
import { adaptersZhTW } from './adapters-zh-TW.ts';
import { cardZhTW } from './card-zh-TW.ts';
import { cliZhTW } from './cli-zh-TW.ts';
import { contactZhTW } from './contact-zh-TW.ts';
import { doctorZhTW } from './doctor-zh-TW.ts';
import { formsZhTW } from './forms-zh-TW.ts';
import { ladderZhTW } from './ladder-zh-TW.ts';
import { lettersZhTW } from './letters-zh-TW.ts';
import { listsZhTW } from './lists-zh-TW.ts';
import { meetingZhTW } from './meeting-zh-TW.ts';
import { overdueZhTW } from './overdue-zh-TW.ts';
import { policyZhTW } from './policy-zh-TW.ts';
import { renderZhTW } from './render-zh-TW.ts';
import { settingsZhTW } from './settings-zh-TW.ts';

/** 繁體中文。 */
export const zhTW: Catalog = {
  ...adaptersZhTW,
  ...cardZhTW,
  ...cliZhTW,
  ...contactZhTW,
  ...doctorZhTW,
  ...formsZhTW,
  ...ladderZhTW,
  ...lettersZhTW,
  ...listsZhTW,
  ...meetingZhTW,
  ...overdueZhTW,
  ...policyZhTW,
  ...renderZhTW,
  ...settingsZhTW,
  'language.set': '從現在起，duebot 用繁體中文回覆您。',
  'language.current':
    'duebot 用繁體中文回覆您：{source, select, own {這是您自己的選擇} platform {跟隨您的 {platform, select, slack {Slack} teams {Teams} other {終端機（LANG）}} 語言} other {這是公司的預設語言}}。可用 /overdue language zh-CN、en 或 zh-TW 更改。',
  'language.unknown': '「{tag}」不是 duebot 支援的語言。請選擇：{choices}，或 auto。',
  'language.reset':
    'duebot 重新跟隨您的 {platform, select, slack {Slack} teams {Teams} other {終端機（LANG）}} 語言：繁體中文。',
};
