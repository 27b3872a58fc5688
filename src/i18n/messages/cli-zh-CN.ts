import type { CliCatalog } from './cli-en.ts';

/** `duebot` 命令行对运行它的人说的话，简体中文（并入 zh-CN.ts）。日志保持英文。 */
export const cliZhCN: CliCatalog = {
  'cli.totals.head':
    '{date} 的未收应收账款（{ledger, select, demo {演示账本} at {位于 {where} 的账本} other {账本}}）：',
  'cli.totals.none': '没有未结项目',
  'cli.totals.line':
    '未结 {open}，共 {openItems, number} 张发票、{customers, number} 个客户；逾期 {overdue}，共 {overdueItems, number} 张发票',
  'cli.schedule': '定时发布（{timeZone}）：{jobs}。',
  'cli.schedule.job':
    '{job, select, digest {逾期摘要} digest_nudge {摘要提醒} promise_follow_up {承诺跟进} aging_report {账龄报告} alerts {预警检查} meeting {信用会议} dispute_check {争议检查} letter_check {函件检查} housekeeping {日常清理} other {{jobText}}} {next, select, afterSync {每次同步后} none {一个月内没有} other {{at}}}',
};
