import type { contactEn } from './contact-en.ts';

/** 联系客户的时间（简体中文）。 */
export const contactZhCN: Readonly<Record<keyof typeof contactEn, string>> = {
  'contact.queued.sent':
    '*{actor}* 申请向 {customer} 发送*{letter}*：已排队，将于客户当地时间 {when} 发出（{zone}）。',
  'contact.queued.why': 'PB-24：函件在工作日客户当地时间 {times} 前后送达。函件 #{id}；在此之前可取消。',
  'contact.queued.approved':
    '*{actor}* 批准了发给 {customer} 的*{letter}*：已排队，将于客户当地时间 {when} 发出（{zone}）。',
  'contact.queued.fallback': '已排队：发给 {customer} 的{letter}将于客户当地时间 {when} 发出',
  'contact.queued.exists':
    '*{letter}*已在队列中：将于客户当地时间 {when} 发出（{zone}，函件 #{id}）；没有重复排队。',
  'contact.cancel.button': '取消函件',
  'contact.cancel.question': '取消发给 {customer} 的{letter}？取消后不会发送。',
  'contact.cancel.title': '取消函件',
  'contact.cancelled': '*{actor}* 取消了排队中的*{letter}*（函件 #{id}）；它不会被发送。',
  'contact.card.queued': '已排队：{letter}（函件 #{id}），将于客户当地时间 {when} 发出（{zone}）',
  'contact.history.queued': '{letter}（函件 #{id}）已排队：将于客户当地时间 {when} 发出（{zone}）',
  'contact.history.cancelled': '{letter}（函件 #{id}）在发出前已取消',
  'contact.supply.title': '下次发货前致电（PB-15）',
  'contact.supply.line':
    '{customer}：下次发货 {date}（{days, plural, =0 {今天} other {# 天后}}）。请立即致电：逾期 {overdue} 未付期间可能暂停供货。',
};
