import type { ListsCatalog } from './lists-en.ts';

/** 逾期清单、晨报、账龄报告、大额预警和账务系统中断通知，简体中文（并入 zh-CN.ts）。 */
export const listsZhCN: ListsCatalog = {
  'list.button.claim': '认领',
  'list.button.log': '记录通话',
  'list.button.letter': '发送催款函',
  'list.button.open': '打开',
  'list.row.next': '下一步：{action}',
  'list.row.reasons':
    '{open, select, yes {未收 {amounts}} other {无未收款项}}，逾期 {days, plural, other {# 天}}{grade, select, none {} other {，信用等级 {grade}}}{missed, plural, =0 {} =1 {，{lastMissed} 的付款承诺未兑现} other {，{lastMissed} 的付款承诺未兑现（此前另有 {earlier} 次）}}{key, select, yes {，重点账户} other {}}{window, select, yes {，正值最佳催收时机} other {}}{tiny, select, yes {，小额余额} other {}}',
  'list.header': '{date} 逾期账户',
  'list.empty':
    '{filtered, select, yes {没有符合 `{query}` 的账户，这里无需催收。} other {没有账户，这里无需催收。}}',
  'list.empty.fallback': '{filtered, select, yes {没有符合 `{query}` 的逾期账户。} other {没有逾期账户。}}',
  'list.summary':
    '{filtered, select, yes {符合 `{query}` 的账户共 {total, plural, other {# 个}}，按预计回收额从高到低排列。显示第 {from}-{to} 个。} other {共 {total, plural, other {# 个}}账户，按预计回收额从高到低排列。显示第 {from}-{to} 个。}}',
  'list.fallback':
    '{filtered, select, yes {符合 `{query}` 的逾期账户 {total, plural, other {# 个}}；首位：{top}} other {逾期账户 {total, plural, other {# 个}}；首位：{top}}}',
  'list.summary.more':
    '{filtered, select, yes {符合 `{query}` 的账户超过 {total, number} 个，按预计回收额从高到低排列。显示第 {from}-{to} 个。} other {账户超过 {total, number} 个，按预计回收额从高到低排列。显示第 {from}-{to} 个。}}',
  'list.fallback.more':
    '{filtered, select, yes {符合 `{query}` 的逾期账户超过 {total, number} 个；首位：{top}} other {逾期账户超过 {total, number} 个；首位：{top}}}',
  'digest.header': '逾期晨报，{date}',
  'digest.total':
    '{trend, select, none {未收 *{total}*} same {未收 *{total}*（较上次无变化）} other {未收 *{total}*（较上次 {change}）}}',
  'digest.bucket': '{trend, select, same {{bucket} {amount}} other {{bucket} {amount}（{change}）}}',
  'digest.nothing_open': '没有未收款项，今天无需催收。',
  'digest.counts':
    '{compared, select, yes {与 {since} 晨报相比的变化。逾期账户 {overdue, plural, other {# 个}}，*{unclaimed} 个未认领*。} other {逾期账户 {overdue, plural, other {# 个}}，*{unclaimed} 个未认领*。}}',
  'digest.broken': '*违约的承诺付款*（PB-20：今天就打电话）\n{lines}',
  'digest.due': '*今天到期的承诺付款*\n{lines}',
  'digest.promise.today':
    '• *{name}*：承诺今天付款 {amount}（{owned, select, yes {{owner}} other {无人负责}}）',
  'digest.promise.past':
    '• *{name}*：承诺 {date} 付款 {amount}，{paid, select, yes {已付 {paidAmount}} other {分文未付}}（{owned, select, yes {{owner}} other {无人负责}}）',
  'digest.top': '预计回收额前 {count} 名（PB-08）：',
  'digest.updated': '更新于 {time}。',
  'digest.fallback':
    '逾期晨报 {date}：逾期账户 {overdue, plural, other {# 个}}，未认领 {unclaimed} 个，今天到期的承诺付款 {due, plural, other {# 笔}}，违约 {broken} 笔',
  'digest.owner.header': '您的跟进事项，{date}',
  'digest.owner.broken': '• *{name}*：承诺 {date} 付款 {amount}，未兑现',
  'digest.owner.due': '• *{name}*：承诺 {date} 付款 {amount}',
  'digest.owner.follow_up':
    '{late, select, yes {• *{name}*：自 {date} 起待跟进} other {• *{name}*：今天待跟进}}',
  'digest.owner.quiet': '• *{name}*：已 {days, plural, other {# 个工作日}}没有更新（自 {date} 起）',
  'digest.owner.yours': '您负责 {count, plural, other {# 个}}账户；输入 /overdue 我的 即可列出。',
  'digest.owner.fallback': '{name}：今天有 {count, plural, other {# 项}}待跟进',
  'digest.nudge': '*晨报发出 {hours, plural, other {# 小时}}后仍未认领：* 谁来跟进？',
  'digest.nudge.fallback': '今天晨报中有 {count, plural, other {# 个}}账户仍未认领',

  'aging.bucket': '{bucket, select, current {未到期} other {{bucket} 天}}',
  'aging.header': '每周账龄报告，{week}',
  'aging.nothing_open': '没有未收款项。',
  'aging.count': '{bucket}：{count}',
  'aging.counts':
    '{any, select, yes {各账龄段账户数：{counts}。} other {各账龄段账户数：无。}}{unclaimed, plural, other {# 个逾期账户没有负责人。}}',
  'aging.plan': '*本周计划*：价值最高的账户及其下一步。',
  'aging.fallback': '每周账龄报告 {week}：逾期账户 {overdue, plural, other {# 个}}',
  'aging.chart.legend': '逾期天数',
  'aging.chart.by_bucket': '按账龄段划分的应收未收金额',
  'aging.chart.amount': '未收金额',
  'aging.chart.days': '逾期天数',
  'aging.chart.accounts':
    '{limited, select, yes {逾期超过 30 天的账户（前 {shown} 个）} other {逾期超过 30 天的账户}}',

  'alerts.invoice':
    '• 仅发票 *{invoice}* 一张：*{amount}*，逾期 {days, plural, other {# 天}}（预警线 {threshold}）',
  'alerts.account':
    '{sole, select, yes {• 该账户逾期 *{amount}*，全部来自发票 *{invoice}*，最长逾期 {days, plural, other {# 天}}（预警线 {threshold}）} other {• 该账户逾期 *{amount}*，最长逾期 {days, plural, other {# 天}}（预警线 {threshold}）}}',
  'alerts.crossing.header': '大额逾期：{name}',
  'alerts.field.owner': '负责人',
  'alerts.field.sales_rep': '销售代表',
  'alerts.unclaimed': '未认领',
  'alerts.no_sales_rep': '账务系统中未登记',
  'alerts.crossing.context':
    'PB-07：每次超过预警线只通知一次；逾期指超过到期日至少 {days, plural, other {# 天}}。账户 #{id}。',
  'alerts.crossing.fallback': '{known, select, yes {大额逾期：{name}，{amount}} other {大额逾期：{name}}}',
  'alerts.jump.header': '应收账款一个月内上升 {percent}%（{currency}）',
  'alerts.jump.text':
    '{today} 未收应收账款为 *{now}*，{before} 为 {then}：上升 {percent}%，超过 {threshold}% 的预警水平。',
  'alerts.jump.context':
    'PB-07：应收账款余额环比突然上升；每种币种每月只通知一次。之前的余额根据已同步的发票和核销记录重建。',
  'alerts.baseline.header': '大额逾期：{count} 个账户已超过预警线',
  'alerts.overview.header': '大额逾期：自上次检查以来有 {count} 个账户超过预警线',
  'alerts.baseline.line': '• {name}：逾期 *{amount}*，最长逾期 {days, plural, other {# 天}}',
  'alerts.baseline.more': '……另有 {count} 个',
  'alerts.baseline.currency': '*{currency}*：{count, plural, other {# 个账户}}，逾期 {amount}',
  'alerts.baseline.file': '全部账户（逾期最久的在前）：{file}',
  'alerts.baseline.context':
    'PB-07：预警已开启。今后每个账户或发票超过预警线时都会单独通知，并附“认领”和“记录通话”按钮；/overdue 可立即列出这些账户。',
  'alerts.csv.account_id': '账户编号',
  'alerts.csv.account': '账户',
  'alerts.csv.kind': '类型',
  'alerts.csv.invoice': '发票',
  'alerts.csv.currency': '币种',
  'alerts.csv.amount': '逾期金额',
  'alerts.csv.threshold': '预警线',
  'alerts.csv.days': '逾期天数',
  'alerts.csv.kind_value': '{kind, select, invoice {发票} other {账户}}',
  'alerts.csv.title': '大额逾期 {date}',
};
