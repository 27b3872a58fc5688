import type { renderEn } from './render-en.ts';

/** 聊天适配器在消息周围的用语（Slack、Teams），简体中文。 */
export const renderZhCN: Record<keyof typeof renderEn, string> = {
  'render.confirm.title': '确定吗？',
  'render.confirm.yes': '确定',
  'render.confirm.no': '取消',
  'render.row.overdue': '逾期 {days} 天',
  'render.row.unclaimed': '未认领',
  'render.row.claimedBy': '由 {owner} 认领',
  'render.row.nothingOpen': '无未结金额',
  'render.page': '第 {page} / {pages} 页',
  'render.previous': '◀ 上一页',
  'render.next': '下一页 ▶',
  'render.omitted': '……另有 {count} 项未在此显示：请缩小筛选范围或减少每页数量。',
  'render.open': '打开',
  'render.chart': '[图表：{alt}]',
};
