import type { PolicyCatalog } from './policy-en.ts';

/**
 * 公司的催收階梯檔案或催收政策檔案哪裡有問題，繁體中文（併入 zh-TW.ts）：每個問題一行，說明位置（步驟、
 * 欄位、行號）、檔案中的值和應為什麼。檔名、鍵、值和範例原樣保留。
 */
export const policyZhTW: PolicyCatalog = {
  'said.separator': '；',
  'policy.problem':
    '{where}{hasLine, select, yes {（第 {line} 行）} other {}}：{hasFound, select, yes {得到的是{found}，{problem}} other {{problem}}}',
  'policy.where.step':
    '第 {n} 步{hasId, select, yes {（{id}）} other {}}{hasField, select, yes {的 {field} 欄位} other {}}',
  'policy.where.field': '{field} 欄位',
  'policy.where.file': '整個檔案',
  'policy.found':
    '{kind, select, missing {空值（未填寫）} empty {空值} list {一份清單} mapping {一組欄位} other {{value}}}',
  'policy.yaml':
    "不是有效的 YAML（第 {line} 行第 {column} 欄）：{code, select, BAD_INDENT {[ ] 或 '{ }' 沒有閉合，或某行縮排不足} TAB_AS_INDENT {用了定位字元縮排（YAML 只能用空格縮排）} DUPLICATE_KEY {同一個鍵出現了兩次} MISSING_CHAR {缺少右方括號、右大括號或右引號} UNEXPECTED_TOKEN {此處出現了 YAML 不接受的字元} BLOCK_AS_IMPLICIT_KEY {某個鍵缺少冒號，或某行縮排不正確} MULTIPLE_DOCS {檔案中有不只一份文件（---）} other {YAML 錯誤 {code}}}",
  'policy.expected.type':
    '{type, select, number {應為數字} int {應為整數} string {應為文字} array {應為清單} object {應為一組欄位（名稱: 值）} other {應為另一種類型的值}}',
  'policy.expected.oneOf': '應為下列之一：{choices}',
  'policy.expected.entries': '應至少有 {min, plural, other {# 項}}',
  'policy.expected.atLeast': '{inclusive, select, yes {應為 {min} 或以上} other {應大於 {min}}}',
  'policy.expected.atMost': '{inclusive, select, yes {應為 {max} 或以下} other {應小於 {max}}}',
  'policy.expected.other': '應為此欄位可接受的值',
  'policy.unknownField': '不是此檔案的欄位{hasKnown, select, yes {（應為下列之一：{known}）} other {}}',
  'policy.whole':
    '應為整數{unit, select, days {天數} months {月數} invoices {發票張數} incidents {事件次數} answers {答覆次數} attempts {嘗試次數} weeks {週數} other {分鐘數}}',
  'policy.atLeast':
    '應為 {min} {unit, select, days {天} months {個月} invoices {張發票} incidents {次事件} answers {次答覆} attempts {次嘗試} weeks {週} other {分鐘}}或以上',
  'policy.atMostField': '應不大於 {field}（{limit}），得到的是 {got}',
  'policy.boolean': '應為 {yes} 或 {no}',
  'policy.ladder.file': '催收階梯應由 {followUp} 和 {steps} 兩個欄位組成',
  'policy.ladder.steps': '應為步驟清單，至少包含一個步驟',
  'policy.ladder.followUp': '跟進節奏應為一組欄位，例如 {example}',
  'policy.ladder.duplicateId': '步驟編號「{id}」重複',
  'policy.ladder.dayAfter': '應晚於步驟 {step}（第 {day} 天），得到的是第 {got} 天',
  'policy.ladder.id': '應為簡短的編號，例如 {first} 或 {second}（字母、數字、- 和 _）',
  'policy.ladder.day': '應為從起算日起的整數天數',
  'policy.ladder.day.missing': '應填寫從{anchor, select, issue {開立日} other {到期日}}起算的天數',
  'policy.ladder.anchor': '應為 {due}（到期日）、{issue}（開立日）或 {term}（付款期限的一部分）',
  'policy.ladder.fraction': '應為 0 到 1 之間的數字，例如 {example} 表示付款期限過半',
  'policy.ladder.term.fraction': '依付款期限起算的步驟需要填寫比例，例如 {example} 表示過半',
  'policy.ladder.term.day': '依付款期限起算的步驟填寫比例，而不是天數',
  'policy.ladder.fraction.onlyTerm': '只有依付款期限起算的步驟（{term}）才填寫比例',
  'policy.ladder.perInvoice':
    '依{anchor, select, issue {開立日} other {付款期限}}起算的步驟一律逐張發票執行；請刪除 {field}',
  'policy.ladder.minInvoice': '應為大於 0 的發票金額',
  'policy.ladder.tone': '應為下列語氣之一：{choices}',
  'policy.ladder.channel': '應為下列管道之一：{choices}',
  'policy.ladder.letter': '應為函件範本的名稱，例如 {example}',
  'policy.ladder.grade': '應為下列等級之一：{choices}',
  'policy.ladder.onlyFor': '應為等級清單，例如 {example}',
  'policy.ladder.action.missing':
    '應填寫此步驟的動作（一段文字，或依語言分別填寫）；只有內建步驟（{builtIn}）可以省略',
  'policy.ladder.action.empty':
    '{hasLanguage, select, yes {{language}：應填寫動作的說明} other {應填寫動作的說明}}',
  'policy.ladder.action.shape': '動作應為一段文字，或依語言分別填寫的文字（{languages}）',
  'policy.ladder.action.languages': '動作應依下列語言填寫：{languages}；不接受 {unknown}',
  'policy.ladder.action.none': '動作應至少用一種語言填寫（{languages}）',
  'policy.file': '催收政策應由各部分的欄位組成，例如 {example}',
  'policy.section': '{section} 部分應為一組欄位（名稱: 值）',
  'policy.share': '應為 0 到 1 之間的比例，例如 {example}',
  'policy.factor': '應為正數，例如 {example}',
  'policy.amount': '應為以本位幣計的金額，例如 {example}',
  'policy.amount.atLeastZero': '應為 0 或以上的金額',
  'policy.bucketEdges': '應為至少包含一個天數的清單，例如 {example}',
  'policy.edgeAfter': '應大於前一個分段點（{before}），得到的是 {got}',
  'policy.monthRule':
    '應為 {monthEnd}（發票在月底仍逾期，該月即計入）或 {days}（發票在該月至少 {minDays} 天逾期）',
  'policy.monthDays': '應不超過 {max} 天（一個月沒有更多天）',
  'policy.likelihoodRows': '應為至少包含一列的清單，每列例如 {example}',
  'policy.rowAfter': '應大於前一列（{before}），得到的是 {got}',
  'policy.gradeFactor': '應為各等級的係數，例如 {example}',
  'policy.window': '時段應為一組欄位，例如 {example}',
  'policy.sendTime': '應為一天中的時間，例如 {first} 或 {second}',
  'policy.sendTimes': '應為至少包含一個寄送時間的清單，例如 {example}',
  'policy.windowMinutes': '應不超過 {max} 分鐘（一天）',
  'policy.windowOverlap': '{from} 之後的寄送時段（{minutes} 分鐘）與下一個寄送時間 {next} 重疊',
  'policy.contactDays': '應為 {working}（工作日）或 {every}（每天）',
  'policy.workingDays': '應為至少包含一個星期幾的清單，例如 {example}',
  'policy.weekday': '應為星期幾的名稱：{weekdays}',
  'policy.weekdayTwice': '{day} 出現了兩次',
};
