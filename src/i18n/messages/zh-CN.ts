import type { Catalog } from './en.ts';
import { adaptersZhCN } from './adapters-zh-CN.ts';
import { cardZhCN } from './card-zh-CN.ts';
import { cliZhCN } from './cli-zh-CN.ts';
import { contactZhCN } from './contact-zh-CN.ts';
import { doctorZhCN } from './doctor-zh-CN.ts';
import { formsZhCN } from './forms-zh-CN.ts';
import { ladderZhCN } from './ladder-zh-CN.ts';
import { lettersZhCN } from './letters-zh-CN.ts';
import { listsZhCN } from './lists-zh-CN.ts';
import { meetingZhCN } from './meeting-zh-CN.ts';
import { overdueZhCN } from './overdue-zh-CN.ts';
import { policyZhCN } from './policy-zh-CN.ts';
import { renderZhCN } from './render-zh-CN.ts';
import { settingsZhCN } from './settings-zh-CN.ts';

/** 简体中文。 */
export const zhCN: Catalog = {
  ...adaptersZhCN,
  ...cardZhCN,
  ...cliZhCN,
  ...contactZhCN,
  ...doctorZhCN,
  ...formsZhCN,
  ...ladderZhCN,
  ...lettersZhCN,
  ...listsZhCN,
  ...meetingZhCN,
  ...overdueZhCN,
  ...policyZhCN,
  ...renderZhCN,
  ...settingsZhCN,
  'language.set': '从现在起，duebot 用简体中文回复您。',
  'language.current':
    'duebot 用简体中文回复您：{source, select, own {这是您自己的选择} platform {跟随您的 {platform, select, slack {Slack} teams {Teams} other {终端（LANG）}} 语言} other {这是公司的默认语言}}。可用 /overdue language zh-TW、en 或 zh-CN 更改。',
  'language.unknown': '“{tag}”不是 duebot 支持的语言。请选择：{choices}，或 auto。',
  'language.reset':
    'duebot 重新跟随您的 {platform, select, slack {Slack} teams {Teams} other {终端（LANG）}} 语言：简体中文。',
};
