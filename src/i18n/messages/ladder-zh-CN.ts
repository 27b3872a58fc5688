/** 催收阶梯的用语（PB-09、PB-12、PB-13、PB-14、PB-21），简体中文（并入 zh-CN.ts）。 */
export const ladderZhCN = {
  'ladder.step.pre-due': '到期前提醒（仅限 C 级及习惯性迟付客户，PB-09）',
  'ladder.step.L1': '友好提醒；确认客户已收到并审批发票',
  'ladder.step.L2': '礼貌催款函',
  'ladder.step.L3': '电话催收；如本周内付款，可提出减免 50% 的逾期利息',
  'ladder.step.L4': '正式催款函（加盖公章），说明逾期超过 30 天将启动法律程序',
  'ladder.step.L5': '最后通知；将该账户列入每月与销售共同审查的 30 天以上逾期清单',
  'ladder.step.L6': '律师函：金额、逾期天数、法律依据、后续步骤',
  'ladder.step.L7': '律师函发出 7 天后仍无回复；准备起诉（金额低于 50,000 时申请支付令更快）',
  'ladder.step.L8': '移交催收机构（仅按回款成功收费，10-15%）或出售债权',
  'ladder.step.B-mid-term': '在付款期限过半时致电（B 级，PB-09）',
  'ladder.step.C-due': '到期日起 3 天内联系（C 级及习惯性迟付客户，PB-09）',
  'ladder.step.large-after-issue': '大额发票开票 15 天后的服务电话（PB-09）',
  'ladder.step.large-before-due': '大额发票到期前 15 天的服务电话（PB-09）',
  'ladder.step.named': '{step}：{action}',
  'ladder.step.onInvoice': '{action}（{invoice}）',
  'ladder.followUp': '再次联系（每 {min}-{max} 天一次，直到逾期第 {until} 天，PB-12）',
  'ladder.reason.paused': '{hasEnd, select, yes {暂停催收至 {until}} other {暂停催收}}：{why}',
  'ladder.reason.itemsPaused':
    '{hasEnd, select, yes {所有无争议的未结项目均暂停催收至 {until}} other {所有无争议的未结项目均已暂停催收}}',
  'ladder.reason.nothingOpen': '没有未结项目',
  'ladder.reason.disputed': '所有未结项目均有争议（PB-21）',
  'ladder.reason.belowMinimum': '未结余额低于催收阶梯的最低催收金额',
  'ladder.reason.firstStep': '{on} 开始 {step}',
  'ladder.reason.noStep': '催收阶梯中没有适用于该账户的步骤',
  'ladder.reason.onStep':
    '{step}，逾期第 {day} 天{escalated, plural, =0 {} other {，已升级 # 级（PB-14）}}{last, select, yes {；已到最后一步} other {}}',
} as const;
