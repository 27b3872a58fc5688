import type { PolicyCatalog } from './policy-en.ts';

/**
 * 公司的催收阶梯文件或催收策略文件哪里有问题，简体中文（并入 zh-CN.ts）：每个问题一行，说明位置（步骤、
 * 字段、行号）、文件中的值和应为什么。文件名、键、值和示例原样保留。
 */
export const policyZhCN: PolicyCatalog = {
  'said.separator': '；',
  'policy.problem':
    '{where}{hasLine, select, yes {（第 {line} 行）} other {}}：{hasFound, select, yes {得到的是{found}，{problem}} other {{problem}}}',
  'policy.where.step':
    '第 {n} 步{hasId, select, yes {（{id}）} other {}}{hasField, select, yes {的 {field} 字段} other {}}',
  'policy.where.field': '{field} 字段',
  'policy.where.file': '整个文件',
  'policy.found':
    '{kind, select, missing {空值（未填写）} empty {空值} list {一个列表} mapping {一组字段} other {{value}}}',
  'policy.yaml':
    "不是有效的 YAML（第 {line} 行第 {column} 列）：{code, select, BAD_INDENT {[ ] 或 '{ }' 没有闭合，或某行缩进不够} TAB_AS_INDENT {用了制表符缩进（YAML 只能用空格缩进）} DUPLICATE_KEY {同一个键出现了两次} MISSING_CHAR {缺少右方括号、右花括号或右引号} UNEXPECTED_TOKEN {此处出现了 YAML 不接受的字符} BLOCK_AS_IMPLICIT_KEY {某个键缺少冒号，或某行缩进不正确} MULTIPLE_DOCS {文件中有不止一个文档（---）} other {YAML 错误 {code}}}",
  'policy.expected.type':
    '{type, select, number {应为数字} int {应为整数} string {应为文字} array {应为列表} object {应为一组字段（名称: 值）} other {应为另一种类型的值}}',
  'policy.expected.oneOf': '应为以下之一：{choices}',
  'policy.expected.entries': '应至少有 {min, plural, other {# 项}}',
  'policy.expected.atLeast': '{inclusive, select, yes {应为 {min} 或以上} other {应大于 {min}}}',
  'policy.expected.atMost': '{inclusive, select, yes {应为 {max} 或以下} other {应小于 {max}}}',
  'policy.expected.other': '应为该字段可接受的值',
  'policy.unknownField': '不是此文件的字段{hasKnown, select, yes {（应为以下之一：{known}）} other {}}',
  'policy.whole':
    '应为整数{unit, select, days {天数} months {月数} invoices {发票张数} incidents {事件次数} answers {答复次数} attempts {尝试次数} weeks {周数} other {分钟数}}',
  'policy.atLeast':
    '应为 {min} {unit, select, days {天} months {个月} invoices {张发票} incidents {次事件} answers {次答复} attempts {次尝试} weeks {周} other {分钟}}或以上',
  'policy.atMostField': '应不大于 {field}（{limit}），得到的是 {got}',
  'policy.boolean': '应为 {yes} 或 {no}',
  'policy.ladder.file': '催收阶梯应由 {followUp} 和 {steps} 两个字段组成',
  'policy.ladder.steps': '应为步骤列表，至少包含一个步骤',
  'policy.ladder.followUp': '跟进节奏应为一组字段，例如 {example}',
  'policy.ladder.duplicateId': '步骤编号“{id}”重复',
  'policy.ladder.dayAfter': '应晚于步骤 {step}（第 {day} 天），得到的是第 {got} 天',
  'policy.ladder.id': '应为简短的编号，例如 {first} 或 {second}（字母、数字、- 和 _）',
  'policy.ladder.day': '应为从起算日起的整数天数',
  'policy.ladder.day.missing': '应填写从{anchor, select, issue {开票日} other {到期日}}起算的天数',
  'policy.ladder.anchor': '应为 {due}（到期日）、{issue}（开票日）或 {term}（付款期限的一部分）',
  'policy.ladder.fraction': '应为 0 到 1 之间的数字，例如 {example} 表示付款期限过半',
  'policy.ladder.term.fraction': '按付款期限起算的步骤需要填写比例，例如 {example} 表示过半',
  'policy.ladder.term.day': '按付款期限起算的步骤填写比例，而不是天数',
  'policy.ladder.fraction.onlyTerm': '只有按付款期限起算的步骤（{term}）才填写比例',
  'policy.ladder.perInvoice':
    '按{anchor, select, issue {开票日} other {付款期限}}起算的步骤总是逐张发票执行；请删除 {field}',
  'policy.ladder.minInvoice': '应为大于 0 的发票金额',
  'policy.ladder.tone': '应为以下语气之一：{choices}',
  'policy.ladder.channel': '应为以下渠道之一：{choices}',
  'policy.ladder.letter': '应为函件模板的名称，例如 {example}',
  'policy.ladder.grade': '应为以下等级之一：{choices}',
  'policy.ladder.onlyFor': '应为等级列表，例如 {example}',
  'policy.ladder.action.missing':
    '应填写该步骤的操作（一段文字，或按语言分别填写）；只有内置步骤（{builtIn}）可以省略',
  'policy.ladder.action.empty':
    '{hasLanguage, select, yes {{language}：应填写操作的说明} other {应填写操作的说明}}',
  'policy.ladder.action.shape': '操作应为一段文字，或按语言分别填写的文字（{languages}）',
  'policy.ladder.action.languages': '操作应按以下语言填写：{languages}；不接受 {unknown}',
  'policy.ladder.action.none': '操作应至少用一种语言填写（{languages}）',
  'policy.file': '催收策略应由各部分的字段组成，例如 {example}',
  'policy.section': '{section} 部分应为一组字段（名称: 值）',
  'policy.share': '应为 0 到 1 之间的比例，例如 {example}',
  'policy.factor': '应为正数，例如 {example}',
  'policy.amount': '应为以本位币计的金额，例如 {example}',
  'policy.amount.atLeastZero': '应为 0 或以上的金额',
  'policy.bucketEdges': '应为至少包含一个天数的列表，例如 {example}',
  'policy.edgeAfter': '应大于前一个分段点（{before}），得到的是 {got}',
  'policy.monthRule':
    '应为 {monthEnd}（发票在月底仍逾期，该月即计入）或 {days}（发票在该月至少 {minDays} 天逾期）',
  'policy.monthDays': '应不超过 {max} 天（一个月没有更多天）',
  'policy.likelihoodRows': '应为至少包含一行的列表，每行例如 {example}',
  'policy.rowAfter': '应大于前一行（{before}），得到的是 {got}',
  'policy.gradeFactor': '应为各等级的系数，例如 {example}',
  'policy.window': '时间段应为一组字段，例如 {example}',
  'policy.sendTime': '应为一天中的时间，例如 {first} 或 {second}',
  'policy.sendTimes': '应为至少包含一个发送时间的列表，例如 {example}',
  'policy.windowMinutes': '应不超过 {max} 分钟（一天）',
  'policy.windowOverlap': '{from} 之后的发送时段（{minutes} 分钟）与下一个发送时间 {next} 重叠',
  'policy.contactDays': '应为 {working}（工作日）或 {every}（每天）',
  'policy.workingDays': '应为至少包含一个星期几的列表，例如 {example}',
  'policy.weekday': '应为星期几的名称：{weekdays}',
  'policy.weekdayTwice': '{day} 出现了两次',
};
