import type { CardCatalog } from './card-en.ts';

/** 账户卡片、历史记录、点击前后的提示与拒绝，简体中文（并入 zh-CN.ts）。 */
export const cardZhCN: CardCatalog = {
  'card.state.disputed': '自{since}起有争议',
  'card.state.disputedFlag': '有争议',
  'card.state.paused': '{scope, select, account {账户已暂停催收} other {已暂停催收}}',
  'card.state.pausedUntil': '{scope, select, account {账户暂停催收至{until}} other {暂停催收至{until}}}',
  'card.state.plan': '在付款计划 #{planId} 中',
  'card.state.planNext': '在付款计划 #{planId} 中，下一期{next}',
  'card.state.promised': '承诺于{date}前付款 {amount}',
  'card.due.status':
    '{state, select, overdue {逾期 {days, plural, other {# 天}}} today {今天到期} tomorrow {明天到期} other {{days, plural, other {# 天}}后到期}}',
  'card.item.line': '*{number}* · {due}到期 · {status} · {amount}',
  'card.item.interest': '利息 {amount}',
  'card.items.none': '没有未结发票。',
  'card.items.more': '{count, plural, other {另有 # 张发票}}',
  'card.settled.title': '近期已结清：',
  'card.settled.line': '*{number}* · {due}到期 · {paid}结清 · {amount}',
  'card.field.open': '未收金额',
  'card.field.daysOverdue': '逾期天数',
  'card.field.interest': '逾期利息',
  'card.field.grade': '信用等级',
  'card.field.owner': '负责人',
  'card.field.ladder': '催收阶梯',
  'card.field.next': '下一步',
  'card.field.lastContact': '最近联系',
  'card.field.apContact': '付款联系人',
  'card.field.salesRep': '销售代表',
  'card.nothing': '无',
  'card.none': '无',
  'card.unclaimed': '未认领',
  'card.someone': '某人',
  'card.daysOverdue.value': '{days}（{total, plural, other {# 张发票}}中 {overdue} 张逾期）',
  'card.interest.value': '{amounts}，日利率 {rate}（PB-16）',
  'card.grade.value': '{grade}：{reason}',
  'card.next.value': '{late, select, yes {{action}，自{date}起已延误} other {{action}，{date}前}}',
  'card.lastContact.none': '尚无',
  'card.lastContact.value':
    '{date}，{who}：{channel, select, call {电话} email {邮件} visit {拜访} note {备注} other {联系}} {result, select, reached {已联系上} no_answer {无人接听} voicemail {语音留言} promised {承诺付款} in_process {正在处理} disputed {有争议} refused {拒绝付款} paid {已付款} wrong_contact {联系人有误} cash_flow {资金紧张} other {已记录}}',
  'card.apContact.missing': '缺少：请在账务系统中补充',
  'card.flag.keyAccount': '*重点账户*：逾期 {days, plural, other {# 天}}，列为重点账户（PB-06）',
  'card.flag.keyAccountNoException':
    '*重点账户*：逾期 {days, plural, other {# 天}}，逾期 {from} 天起一律列为重点账户，不得豁免（PB-06）',
  'card.flag.creditHold': '*信用冻结*：{reason}',
  'card.flag.blacklisted': '*黑名单*：{reason}',
  'card.grade.why':
    '{grade}：{rule, select, late {{considered, plural, other {# 张发票}}中有 {late} 张{open, select, none {付款迟于到期日 {tolerance} 天以上} all {逾期 {tolerance} 天以上仍未付} other {付款迟于到期日 {tolerance} 天以上或仍未付}}} worst {有一张发票逾期达 {days} 天} new {自 {since} 起的新客户，尚无迟付} few {仅有 {considered, plural, other {# 张发票}}可供判断，均未迟付} other {全部 {considered, plural, other {# 张发票}}均在到期后 {tolerance} 天内付款}}',
  'card.flag.creditHoldWhy':
    '*信用冻结*：{months} 每月{monthEnd, select, yes {月底的逾期发票} other {逾期 {minDays} 天以上的发票}}均达 {perMonth} 张以上；{invoices} {count, plural, other {结清前}}持续冻结（PB-10）',
  'card.flag.blacklistUnpaid': '*黑名单*：{invoice} 逾期 {days} 天仍未付（PB-11）',
  'card.flag.blacklistIncidents': '*黑名单*：{count} 张发票逾期超过 {days} 天（{invoices}）（PB-11）',
  'card.flag.missedPromises': '未兑现的付款承诺：{dates}',
  'card.handedOver':
    '*已于 {on} 移交 {agency}*（PB-30）：内部催收 {days} 天、尝试联系 {attempts} 次后移交 {amounts}；内部催收已停止',
  'card.inCollection':
    '*已进入催收程序*（PB-05）：逾期 {days} 天{owned, select, yes {} other {；尚无负责人，请认领}}',
  'card.sevens.line': '7-7-7（PB-13）：{first} · {tries} · {resolve}',
  'card.sevens.noContact': '{late, select, yes {尚未联系（应在 {days} 天内联系）} other {尚未联系}}',
  'card.sevens.firstContact':
    '{late, select, yes {第 {day} 天首次联系（延误：应在 {days} 天内）} other {第 {day} 天首次联系}}',
  'card.sevens.attemptsDone':
    '{weeks} 周内联系 {attempts} 次，目标 {wanted} 次{short, select, yes {（不足）} other {}}',
  'card.sevens.attemptsRunning': '已联系 {attempts} 次，目标 {wanted} 次，第 {week} 周（共 {weeks} 周）',
  'card.sevens.unresolved': '超过 {months} 个月（{by}）仍未解决，已超出 {days} 天',
  'card.sevens.resolveBy': '解决期限第 {day} 天，共 {allowed} 天（{months} 个月，{by}前）',
  'card.dispute.line': '争议 #{id}，自{since}起，涉及 {invoices}：{reason}',
  'card.dispute.lineContact': '争议 #{id}，自{since}起，涉及 {invoices}：{reason} · 售后：{contact}',
  'card.button.claim': '认领',
  'card.button.log': '记录通话',
  'card.button.letter': '发送函件',
  'card.button.history': '历史',
  'card.button.release': '释放',
  'card.button.reassign': '转交',
  'card.button.dispute': '争议',
  'card.button.resolve': '解决争议',
  'card.button.pause': '暂停',
  'card.button.unpause': '恢复催收',
  'card.button.terms': '账户条款',
  'card.button.handOver': '移交催收机构',
  'card.button.plan': '付款计划',
  'card.button.renegotiatePlan': '{several, select, yes {重新商定 {currency} 计划} other {重新商定计划}}',
  'card.button.cancelPlan': '{several, select, yes {取消 {currency} 计划} other {取消计划}}',
  'card.footer': '客户 {id} · 评估于 {assessed}',
  'card.footer.owned': '客户 {id} · 评估于 {assessed} · 由 {owner} 认领',
  'card.fallback': '{name}：未收 {total}，逾期 {days} 天',
  'card.record.none': '*付款记录*：尚无已付发票。',
  'card.record.summary':
    '*付款记录*：已付 {paid} 张，其中 {late} 张迟付{all, select, no {，显示最近 {shown} 张} other {}}',
  'card.record.paidLine':
    '{number} · {amount} · {due}到期 · {paid}付款 · {late, plural, =0 {按时} other {迟付 # 天}}',
  'card.promises.none': '付款承诺：尚无结果。',
  'card.promises.summary': '*付款承诺*：兑现 {kept} 次，部分兑现 {partial} 次，未兑现 {broken} 次',
  'card.promises.line':
    '{what, select, installment {分期} other {承诺}} {amount}，{date}前：{status, select, kept {已兑现} broken {未兑现} other {部分兑现}}',
  'card.promises.linePartial':
    '{what, select, installment {分期} other {承诺}} {amount}，{date}前：部分兑现（已付 {paid}）',
  'card.age':
    '{unit, select, now {不到一分钟} minutes {{n} 分钟} hours {{n} 小时} other {{n, plural, other {# 天}}}}',
  'card.stale.why':
    '{why, select, unreachable {无法连接账务数据库} mapping {账务映射查询失败} other {账务同步失败} none {此后没有完成过同步}}',
  'card.stale.line': '账务数据最后读取于 {age}前：{why}。',
  'card.stale.lineNever': '从未读取账务数据：{why}。',
  'card.outage.text':
    '*duebot 无法读取账务数据*：{why}。清单、卡片和晨报显示的是 {at}（{age}前）读取的数据，并会注明。duebot 会继续尝试，恢复读取后会在这里告知。',
  'card.outage.textNever':
    '*duebot 无法读取账务数据*：{why}。清单、卡片和晨报没有可用的数据，并会注明。duebot 会继续尝试，恢复读取后会在这里告知。',
  'card.outage.details': '详情：在服务器上运行 `duebot doctor`，或访问 GET /healthz。',
  'card.outage.fallback': 'duebot 无法读取账务数据：{why}',
  'card.recovered.text': '*duebot 已恢复读取账务数据*（{at}，中断 {age}）。清单、卡片和晨报已是最新。',
  'card.recovered.fallback': 'duebot 已恢复读取账务数据',
  'card.history.title': '历史记录：{name}',
  'card.history.pastLast': '没有第 {asked} 页：历史记录共 {pages, plural, other {# 页}}。以下是最早的一页。',
  'card.history.empty': '尚无记录。',
  'card.history.entries': '第 {first}-{last} 条，共 {total} 条，最新的在前',
  'card.history.newer': '较新',
  'card.history.older': '较早',
  'card.history.outcome':
    '{who} 记录了{channel, select, call {一次电话} email {一封邮件} visit {一次拜访} note {一条备注} other {一次{channelText}}}：{result, select, reached {已联系上} no_answer {无人接听} voicemail {语音留言} promised {承诺付款} in_process {正在处理} disputed {有争议} refused {拒绝付款} paid {已付款} wrong_contact {联系人有误} cash_flow {资金紧张} other {{resultText}}}{promised, select, yes { {amount}，{date}前} other {}}{hasFollowUp, select, yes {；{followUp} 跟进} other {}}{hasNotes, select, yes { —“{notes}”} other {}}',
  'card.history.note': '{who} 备注：“{notes}”',
  'card.history.claimed': '{who} 认领了该账户',
  'card.history.released':
    '{hasFrom, select, yes {{who} 释放了该账户（原负责人 {from}）} other {{who} 释放了该账户}}',
  'card.history.reassigned':
    '{hasFrom, select, yes {{who} 把该账户从 {from} 转交给 {to}} other {{who} 把无人负责的该账户转交给 {to}}}',
  'card.history.promiseOutcome':
    '{amount} 的付款承诺{outcome, select, kept {已兑现} partial {部分兑现} other {未兑现}}：已付 {paid}',
  'card.history.escalated': '已上报：{reason}',
  'card.history.escalatedWhy':
    '已上报：{cause, select, stalled {{times, plural, =1 {一次} =2 {两次} other {# 次}}答复“正在处理”却没有具体进展（PB-14）} promise {承诺 {date} 前付款，{status, select, broken {未兑现} other {仅部分兑现}}（PB-20）} other {重点账户已逾期 {days} 天（PB-06）；已通知经理}}',
  'card.history.ownerTold':
    '{who} 已通知 {told}{cause, select, stalled {：{times, plural, =1 {一次} =2 {两次} other {# 次}}答复“正在处理”却没有具体进展（PB-14）} promise {：承诺 {date} 前付款，{status, select, broken {未兑现} other {仅部分兑现}}（PB-20）} other {}}',
  'card.history.planCancelled':
    '{who} 取消了付款计划 #{planId}{count, plural, =0 {} other {（取消未付的 # 期）}}',
  'card.history.meetingDecision':
    '{who} 在 {meeting} 信用会议上决定：{decision}{hasPrevious, select, yes {（原为 {previous}）} other {}}',
  'card.history.toldNobody': '无人',
  'card.history.disputeOpened':
    '{hasContact, select, yes {{who} 就 {invoices} 提出争议 #{id}：{reason}（售后：{contact}）} other {{who} 就 {invoices} 提出争议 #{id}：{reason}}}',
  'card.history.disputeResolved':
    '{who} 解决了争议 #{id}{hasInvoices, select, yes {（{invoices}）} other {}}：{outcome, select, upheld_credit_note {争议成立，开具红字发票} rejected_collect {驳回争议，继续催收} withdrawn {客户撤回} partially_credited {争议部分成立，开具部分红字发票} other {{outcomeText}}}{hasNote, select, yes {，理由：{note}} other {}}',
  'card.history.disputeRaised':
    '{hasOwner, select, yes {争议 #{id} 已持续 {days} 天：已上报给 {owner}} other {争议 #{id} 已持续 {days} 天：已上报给团队}}',
  'card.history.planCreated': '{who} 商定了 {amount} 的付款计划，分 {count} 期',
  'card.history.paused':
    '{who} 暂停了催收{hasInvoices, select, yes {（{invoices}）} other {}}{hasUntil, select, yes {，至 {until}} other {}}：{reason}',
  'card.history.pauseLifted': '{who} 恢复了催收',
  'card.history.pauseEnded': '至 {until} 的暂停已结束；恢复催收',
  'card.history.letterRequested':
    '{who} 申请发送{template}（{status, select, requested {已申请} sending {发送中} queued {排队中} awaiting_approval {待审批} other {{statusText}}}）',
  'card.history.letterSent':
    '{who} 已将{template}（{locale}）发送给 {recipient}：“{subject}”，邮件编号 {messageId}',
  'card.history.noSmtp': '未配置电子邮件发送（SMTP_URL 和 LETTER_FROM）',
  'card.history.letterPrepared': '{who} 准备了{template}（{locale}），未发送：{reason}',
  'card.history.letterFailed':
    '{hasRecipient, select, yes {{who} 的{template}（{locale}）发送给 {recipient} 失败：{error}} other {{who} 的{template}（{locale}）发送失败：{error}}}',
  'card.history.letterApprovalRequested': '{who} 申请审批{template} #{letterId}',
  'card.history.letterApproved': '{who} 批准了 {requestedBy} 申请的{template} #{letterId}',
  'card.history.letterRejected': '{who} 驳回了 {requestedBy} 申请的{template} #{letterId}',
  'card.history.letterUncertain':
    '发给{hasRecipient, select, yes {{recipient}} other {客户}}的{template} #{letterId}（{locale}）不确定是否已寄出：{cause, select, lost {{reason}} other {duebot 在发送时停止}}；邮件编号 {hasMessageId, select, yes {{messageId}} other {未记录}}；已请{hasChecker, select, yes {{checker}} other {申请人}}核实',
  'card.history.letterMarkedSent':
    '{who} 核对邮箱后，将{template} #{letterId} 标记为已发送给 {recipient}，邮件编号 {messageId}',
  'card.history.letterSentAgain':
    '{who} 选择把{template} #{letterId} 重新发送给{hasRecipient, select, yes {{recipient}} other {客户}}',
  'card.history.roleByHand':
    '{who} 把 {person} 设为{role, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{roleText}}}{hasFrom, select, yes {（原为 {from, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{fromText}}}）} other {}}',
  'card.history.roleUnlisted':
    '{person} 重新成为{role, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{roleText}}}{hasFrom, select, yes {（原为 {from, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{fromText}}}）} other {}}：已不在 {setting} 中',
  'card.history.roleListed':
    '{person} 是{role, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{roleText}}}{hasFrom, select, yes {（原为 {from, select, collector {催收员} manager {经理} sales {销售} viewer {只读用户} other {{fromText}}}）} other {}}：列于 {setting}',
  'card.history.termsChanged':
    '{who} 设置了账户条款：重点账户豁免 {exempt, select, yes {是} other {否}}，习惯性迟付 {habitual, select, yes {是} other {否}}，{hasRate, select, yes {合同利息日利率 {rate}} other {默认利息}} —“{reason}”',
  'card.history.handedOver':
    '{who} 将该账户移交给 {agency}：内部催收 {days} 天、尝试联系 {attempts} 次后移交 {amounts}（PB-30）',
  'card.history.other': '{who}：{kind}',
  'card.account.missing': '账户 #{id} 已不存在；可能已结清并被移除。',
  'card.account.noMatch': '没有与“{text}”匹配的账户。请试试名称的一部分，或客户编号。',
  'card.candidates.intro': '“{text}”匹配到 {count, plural, other {# 个账户}}；请指明是哪一个（名称或编号）：',
  'card.candidates.line': '• {name}（编号 {id}）',
  'card.claim.alreadyYours': '您已经是这个账户的负责人。',
  'card.claim.taken': '已被 {owner} 认领。',
  'card.claim.changedHands': '您点击时账户的负责人发生了变化；请重试。',
  'card.release.nobody': '这个账户没有负责人，无需释放。',
  'card.release.conflict': '刚刚已有其他人释放了这个账户。',
  'card.refused.role':
    '{doing, select, claim {认领账户需要催收员或经理角色} release {释放 {owner} 的账户需要经理角色} other {记录联系需要催收员、经理或销售角色}}；您目前是{role, select, collector {催收员} manager {经理} sales {销售} other {只读用户}}。经理可以为您设置角色：/overdue 角色 @{name} {doing, select, release {经理} other {催收员}}',
  'card.stale.note': '这张卡片已过时，因此没有做任何更改。以下是账户的最新状态。',
  'card.stale.takenNote': '已被 {owner} 认领。这张卡片已过时，因此没有做任何更改。以下是账户的最新状态。',
  'card.button.noAccount': '这个按钮没有指明账户。',
  'card.button.noAction': '这个按钮没有指明操作。',
  'card.button.older': '这个按钮来自旧卡片，现已失效；请重新打开账户。',
  'card.form.gone': '这个表单已无法提交；请重新打开。',
  'card.form.alreadyRecorded': '这个表单已经提交并记录；没有再做更改。',
  'card.note.notSaved': '您的备注未保存：{why}',
  'card.confirm.no': '取消',
  'card.log.posted':
    '*{who}* 与{known, select, yes {{customer}} other {客户}}进行了{channel, select, call {电话联系} email {邮件联系} visit {拜访} other {备注}}：{result, select, reached {已联系上} no_answer {无人接听} voicemail {语音留言} promised {承诺付款} in_process {正在处理} disputed {有争议} refused {拒绝付款} paid {已付款} wrong_contact {联系人有误} cash_flow {资金紧张} other {{resultText}}}',
  'card.log.postedPromise':
    '*{who}* 与{known, select, yes {{customer}} other {客户}}进行了{channel, select, call {电话联系} email {邮件联系} visit {拜访} other {备注}}：{result, select, promised {承诺} other {{resultText}}}于 {date} 前付款 {amount}',
  'card.log.escalated': '已上报：{times, plural, other {已 # 次}}答复“正在处理”却没有具体进展（PB-14）。',
  'card.log.escalatedTold':
    '已上报：{times, plural, other {已 # 次}}答复“正在处理”却没有具体进展（PB-14）；已通知 {told}。',
  'card.log.followUp': '下次跟进：{date}',
  'card.ref.none': '这个按钮没有携带操作引用。',
  'card.ref.tooLong': '这个按钮携带的操作引用过长，不是 duebot 的。',
  'card.ref.unknown': '这个按钮携带的操作引用 duebot 无法识别。',
  'card.ref.version': '这张卡片来自更旧或更新版本的 duebot；以下是当前视图。',
  'card.ref.damaged': '这个按钮携带的操作引用已损坏。',
  'card.ref.invalid': '这个按钮携带的操作引用无效。',
  'card.unreadable.character':
    '第 {position} 个字符 U+{code}（{kind, select, nul {NUL 字节} escape {转义字符} bell {响铃字符} surrogate {不成对的代理字符} other {控制字符}}）',
  'card.unreadable.name': '平台发送的您的名称或编号含有{what}；duebot 无法使用。',
  'card.unreadable.command': '命令含有{what}，duebot 无法读取；请去掉后重新输入。没有做任何更改。',
  'card.unreadable.note': '您的备注未保存：含有{what}；请去掉后重新发送。',
  'card.unreadable.button': '这个按钮含有{what}；没有做任何更改。',
  'card.unreadable.form': '这个表单含有{what}；没有做任何更改。',
  'card.unreadable.field': '含有{what}；请去掉后重新输入',
  'card.fallback.row':
    '{name}（#{id}），{open, select, yes {{amounts}} other {无未收金额}}，逾期 {days} 天，{owned, select, yes {负责人 {owner}} other {未认领}}',
  'card.fallback.image': '[图片：{alt}]',
  'card.fallback.page': '第 {page} 页，共 {pages} 页',
};
