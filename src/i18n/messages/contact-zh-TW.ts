import type { contactEn } from './contact-en.ts';

/** 聯絡客戶的時間（繁體中文）。 */
export const contactZhTW: Readonly<Record<keyof typeof contactEn, string>> = {
  'contact.queued.sent':
    '*{actor}* 申請向 {customer} 寄送*{letter}*：已排入佇列，將於客戶當地時間 {when} 寄出（{zone}）。',
  'contact.queued.why': 'PB-24：函件於工作日客戶當地時間 {times} 前後送達。函件 #{id}；在此之前可取消。',
  'contact.queued.approved':
    '*{actor}* 核准了寄給 {customer} 的*{letter}*：已排入佇列，將於客戶當地時間 {when} 寄出（{zone}）。',
  'contact.queued.fallback': '已排入佇列：寄給 {customer} 的{letter}將於客戶當地時間 {when} 寄出',
  'contact.queued.exists':
    '*{letter}*已在佇列中：將於客戶當地時間 {when} 寄出（{zone}，函件 #{id}）；沒有重複排入。',
  'contact.cancel.button': '取消函件',
  'contact.cancel.question': '取消寄給 {customer} 的{letter}？取消後不會寄出。',
  'contact.cancel.title': '取消函件',
  'contact.cancelled': '*{actor}* 取消了佇列中的*{letter}*（函件 #{id}）；它不會被寄出。',
  'contact.card.queued': '已排入佇列：{letter}（函件 #{id}），將於客戶當地時間 {when} 寄出（{zone}）',
  'contact.history.queued': '{letter}（函件 #{id}）已排入佇列：將於客戶當地時間 {when} 寄出（{zone}）',
  'contact.history.cancelled': '{letter}（函件 #{id}）在寄出前已取消',
  'contact.supply.title': '下次出貨前致電（PB-15）',
  'contact.supply.line':
    '{customer}：下次出貨 {date}（{days, plural, =0 {今天} other {# 天後}}）。請立即致電：逾期 {overdue} 未付期間可能暫停供貨。',
};
