/** 催收階梯的用語（PB-09、PB-12、PB-13、PB-14、PB-21），繁體中文（併入 zh-TW.ts）。 */
export const ladderZhTW = {
  'ladder.step.pre-due': '到期前提醒（僅限 C 級及習慣性遲付客戶，PB-09）',
  'ladder.step.L1': '友善提醒；確認客戶已收到並核准發票',
  'ladder.step.L2': '禮貌催款函',
  'ladder.step.L3': '電話催收；如本週內付款，可提出減免 50% 的逾期利息',
  'ladder.step.L4': '正式催款函（加蓋公司印章），說明逾期超過 30 天將啟動法律程序',
  'ladder.step.L5': '最後通知；將該帳戶列入每月與業務共同審查的 30 天以上逾期清單',
  'ladder.step.L6': '律師函：金額、逾期天數、法律依據、後續步驟',
  'ladder.step.L7': '律師函發出 7 天後仍無回覆；準備起訴（金額低於 50,000 時聲請支付命令較快）',
  'ladder.step.L8': '移交催收機構（僅按回收成功收費，10-15%）或出售債權',
  'ladder.step.B-mid-term': '在付款期限過半時致電（B 級，PB-09）',
  'ladder.step.C-due': '到期日起 3 天內聯繫（C 級及習慣性遲付客戶，PB-09）',
  'ladder.step.large-after-issue': '大額發票開立 15 天後的服務電話（PB-09）',
  'ladder.step.large-before-due': '大額發票到期前 15 天的服務電話（PB-09）',
  'ladder.step.named': '{step}：{action}',
  'ladder.step.onInvoice': '{action}（{invoice}）',
  'ladder.followUp': '再次聯繫（每 {min}-{max} 天一次，直到逾期第 {until} 天，PB-12）',
  'ladder.reason.paused': '{hasEnd, select, yes {暫停催收至 {until}} other {暫停催收}}：{why}',
  'ladder.reason.itemsPaused':
    '{hasEnd, select, yes {所有無爭議的未結項目均暫停催收至 {until}} other {所有無爭議的未結項目均已暫停催收}}',
  'ladder.reason.nothingOpen': '沒有未結項目',
  'ladder.reason.disputed': '所有未結項目均有爭議（PB-21）',
  'ladder.reason.belowMinimum': '未結餘額低於催收階梯的最低催收金額',
  'ladder.reason.firstStep': '{on} 開始 {step}',
  'ladder.reason.noStep': '催收階梯中沒有適用於此帳戶的步驟',
  'ladder.reason.onStep':
    '{step}，逾期第 {day} 天{escalated, plural, =0 {} other {，已升級 # 級（PB-14）}}{last, select, yes {；已到最後一步} other {}}',
} as const;
