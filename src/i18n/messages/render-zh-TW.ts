import type { renderEn } from './render-en.ts';

/** 聊天轉接器在訊息周圍的用語（Slack、Teams），繁體中文。 */
export const renderZhTW: Record<keyof typeof renderEn, string> = {
  'render.confirm.title': '確定嗎？',
  'render.confirm.yes': '確定',
  'render.confirm.no': '取消',
  'render.row.overdue': '逾期 {days} 天',
  'render.row.unclaimed': '未認領',
  'render.row.claimedBy': '由 {owner} 認領',
  'render.row.nothingOpen': '無未結金額',
  'render.page': '第 {page} / {pages} 頁',
  'render.previous': '◀ 上一頁',
  'render.next': '下一頁 ▶',
  'render.omitted': '……另有 {count} 項未在此顯示：請縮小篩選範圍或減少每頁數量。',
  'render.open': '開啟',
  'render.chart': '[圖表：{alt}]',
};
