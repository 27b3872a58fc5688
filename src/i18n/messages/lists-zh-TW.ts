import type { ListsCatalog } from './lists-en.ts';

/** 逾期清單、晨報、帳齡報告、大額預警和帳務系統中斷通知，繁體中文（併入 zh-TW.ts）。 */
export const listsZhTW: ListsCatalog = {
  'list.button.claim': '認領',
  'list.button.log': '記錄通話',
  'list.button.letter': '寄送催款函',
  'list.button.open': '開啟',
  'list.row.next': '下一步：{action}',
  'list.row.reasons':
    '{open, select, yes {未收 {amounts}} other {無未收款項}}，逾期 {days, plural, other {# 天}}{grade, select, none {} other {，信用等級 {grade}}}{missed, plural, =0 {} =1 {，{lastMissed} 的付款承諾未兌現} other {，{lastMissed} 的付款承諾未兌現（此前另有 {earlier} 次）}}{key, select, yes {，重點帳戶} other {}}{window, select, yes {，正值最佳催收時機} other {}}{tiny, select, yes {，小額餘額} other {}}',
  'list.header': '{date} 逾期帳戶',
  'list.empty':
    '{filtered, select, yes {沒有符合 `{query}` 的帳戶，這裡無需催收。} other {沒有帳戶，這裡無需催收。}}',
  'list.empty.fallback': '{filtered, select, yes {沒有符合 `{query}` 的逾期帳戶。} other {沒有逾期帳戶。}}',
  'list.summary':
    '{filtered, select, yes {符合 `{query}` 的帳戶共 {total, plural, other {# 個}}，依預計回收額由高至低排列。顯示第 {from}-{to} 個。} other {共 {total, plural, other {# 個}}帳戶，依預計回收額由高至低排列。顯示第 {from}-{to} 個。}}',
  'list.fallback':
    '{filtered, select, yes {符合 `{query}` 的逾期帳戶 {total, plural, other {# 個}}；首位：{top}} other {逾期帳戶 {total, plural, other {# 個}}；首位：{top}}}',
  'list.summary.more':
    '{filtered, select, yes {符合 `{query}` 的帳戶超過 {total, number} 個，依預計回收額由高至低排列。顯示第 {from}-{to} 個。} other {帳戶超過 {total, number} 個，依預計回收額由高至低排列。顯示第 {from}-{to} 個。}}',
  'list.fallback.more':
    '{filtered, select, yes {符合 `{query}` 的逾期帳戶超過 {total, number} 個；首位：{top}} other {逾期帳戶超過 {total, number} 個；首位：{top}}}',
  'digest.header': '逾期晨報，{date}',
  'digest.total':
    '{trend, select, none {未收 *{total}*} same {未收 *{total}*（較上次無變化）} other {未收 *{total}*（較上次 {change}）}}',
  'digest.bucket': '{trend, select, same {{bucket} {amount}} other {{bucket} {amount}（{change}）}}',
  'digest.nothing_open': '沒有未收款項，今天無需催收。',
  'digest.counts':
    '{compared, select, yes {與 {since} 晨報相比的變化。逾期帳戶 {overdue, plural, other {# 個}}，*{unclaimed} 個未認領*。} other {逾期帳戶 {overdue, plural, other {# 個}}，*{unclaimed} 個未認領*。}}',
  'digest.broken': '*違約的承諾付款*（PB-20：今天就打電話）\n{lines}',
  'digest.due': '*今天到期的承諾付款*\n{lines}',
  'digest.promise.today':
    '• *{name}*：承諾今天付款 {amount}（{owned, select, yes {{owner}} other {無人負責}}）',
  'digest.promise.past':
    '• *{name}*：承諾 {date} 付款 {amount}，{paid, select, yes {已付 {paidAmount}} other {分文未付}}（{owned, select, yes {{owner}} other {無人負責}}）',
  'digest.top': '預計回收額前 {count} 名（PB-08）：',
  'digest.updated': '更新於 {time}。',
  'digest.fallback':
    '逾期晨報 {date}：逾期帳戶 {overdue, plural, other {# 個}}，未認領 {unclaimed} 個，今天到期的承諾付款 {due, plural, other {# 筆}}，違約 {broken} 筆',
  'digest.owner.header': '您的待追蹤事項，{date}',
  'digest.owner.broken': '• *{name}*：承諾 {date} 付款 {amount}，未兌現',
  'digest.owner.due': '• *{name}*：承諾 {date} 付款 {amount}',
  'digest.owner.follow_up':
    '{late, select, yes {• *{name}*：自 {date} 起待追蹤} other {• *{name}*：今天待追蹤}}',
  'digest.owner.quiet': '• *{name}*：已 {days, plural, other {# 個工作日}}沒有更新（自 {date} 起）',
  'digest.owner.yours': '您負責 {count, plural, other {# 個}}帳戶；輸入 /overdue 我的 即可列出。',
  'digest.owner.fallback': '{name}：今天有 {count, plural, other {# 項}}待追蹤',
  'digest.nudge': '*晨報發出 {hours, plural, other {# 小時}}後仍未認領：* 誰來處理？',
  'digest.nudge.fallback': '今天晨報中有 {count, plural, other {# 個}}帳戶仍未認領',

  'aging.bucket': '{bucket, select, current {未到期} other {{bucket} 天}}',
  'aging.header': '每週帳齡報告，{week}',
  'aging.nothing_open': '沒有未收款項。',
  'aging.count': '{bucket}：{count}',
  'aging.counts':
    '{any, select, yes {各帳齡區間帳戶數：{counts}。} other {各帳齡區間帳戶數：無。}}{unclaimed, plural, other {# 個逾期帳戶沒有負責人。}}',
  'aging.plan': '*本週計畫*：價值最高的帳戶及其下一步。',
  'aging.fallback': '每週帳齡報告 {week}：逾期帳戶 {overdue, plural, other {# 個}}',
  'aging.chart.legend': '逾期天數',
  'aging.chart.by_bucket': '依帳齡區間劃分的應收未收金額',
  'aging.chart.amount': '未收金額',
  'aging.chart.days': '逾期天數',
  'aging.chart.accounts':
    '{limited, select, yes {逾期超過 30 天的帳戶（前 {shown} 個）} other {逾期超過 30 天的帳戶}}',

  'alerts.invoice':
    '• 僅發票 *{invoice}* 一張：*{amount}*，逾期 {days, plural, other {# 天}}（預警線 {threshold}）',
  'alerts.account':
    '{sole, select, yes {• 該帳戶逾期 *{amount}*，全部來自發票 *{invoice}*，最長逾期 {days, plural, other {# 天}}（預警線 {threshold}）} other {• 該帳戶逾期 *{amount}*，最長逾期 {days, plural, other {# 天}}（預警線 {threshold}）}}',
  'alerts.crossing.header': '大額逾期：{name}',
  'alerts.field.owner': '負責人',
  'alerts.field.sales_rep': '業務代表',
  'alerts.unclaimed': '未認領',
  'alerts.no_sales_rep': '帳務系統中未登記',
  'alerts.crossing.context':
    'PB-07：每次超過預警線只通知一次；逾期指超過到期日至少 {days, plural, other {# 天}}。帳戶 #{id}。',
  'alerts.crossing.fallback': '{known, select, yes {大額逾期：{name}，{amount}} other {大額逾期：{name}}}',
  'alerts.jump.header': '應收帳款一個月內上升 {percent}%（{currency}）',
  'alerts.jump.text':
    '{today} 未收應收帳款為 *{now}*，{before} 為 {then}：上升 {percent}%，超過 {threshold}% 的預警水準。',
  'alerts.jump.context':
    'PB-07：應收帳款餘額較上月突然上升；每種幣別每月只通知一次。之前的餘額依已同步的發票和沖銷紀錄重建。',
  'alerts.baseline.header': '大額逾期：{count} 個帳戶已超過預警線',
  'alerts.overview.header': '大額逾期：自上次檢查以來有 {count} 個帳戶超過預警線',
  'alerts.baseline.line': '• {name}：逾期 *{amount}*，最長逾期 {days, plural, other {# 天}}',
  'alerts.baseline.more': '……另有 {count} 個',
  'alerts.baseline.currency': '*{currency}*：{count, plural, other {# 個帳戶}}，逾期 {amount}',
  'alerts.baseline.file': '全部帳戶（逾期最久的在前）：{file}',
  'alerts.baseline.context':
    'PB-07：預警已開啟。今後每個帳戶或發票超過預警線時都會單獨通知，並附「認領」和「記錄通話」按鈕；/overdue 可立即列出這些帳戶。',
  'alerts.csv.account_id': '帳戶編號',
  'alerts.csv.account': '帳戶',
  'alerts.csv.kind': '類型',
  'alerts.csv.invoice': '發票',
  'alerts.csv.currency': '幣別',
  'alerts.csv.amount': '逾期金額',
  'alerts.csv.threshold': '預警線',
  'alerts.csv.days': '逾期天數',
  'alerts.csv.kind_value': '{kind, select, invoice {發票} other {帳戶}}',
  'alerts.csv.title': '大額逾期 {date}',
};
