import type { CliCatalog } from './cli-en.ts';

/** `duebot` 命令列對執行它的人說的話，繁體中文（併入 zh-TW.ts）。日誌維持英文。 */
export const cliZhTW: CliCatalog = {
  'cli.totals.head':
    '{date} 的未收應收帳款（{ledger, select, demo {示範帳本} at {位於 {where} 的帳本} other {帳本}}）：',
  'cli.totals.none': '沒有未結項目',
  'cli.totals.line':
    '未結 {open}，共 {openItems, number} 張發票、{customers, number} 個客戶；逾期 {overdue}，共 {overdueItems, number} 張發票',
  'cli.schedule': '排程發布（{timeZone}）：{jobs}。',
  'cli.schedule.job':
    '{job, select, digest {逾期摘要} digest_nudge {摘要提醒} promise_follow_up {承諾跟進} aging_report {帳齡報告} alerts {預警檢查} meeting {信用會議} dispute_check {爭議檢查} letter_check {函件檢查} housekeeping {日常清理} other {{jobText}}} {next, select, afterSync {每次同步後} none {一個月內沒有} other {{at}}}',
};
