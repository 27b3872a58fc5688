import type { LettersCatalog } from './letters-en.ts';

/** 催款函、分期付款计划、承诺付款、联系记录和升级通知，简体中文（并入 zh-CN.ts）。 */
export const lettersZhCN: LettersCatalog = {
  'letter.name.reminder': '友情提醒函',
  'letter.name.polite_reminder': '付款提醒函',
  'letter.name.formal_demand': '正式催款函',
  'letter.name.final_notice': '最后通知',
  'letter.name.lawyer_letter_request': '移交法律顾问通知',
  'letter.name.payment_plan': '分期付款确认函',
  'letter.name.call_summary': '通话纪要',
  'letter.name.missed_discount': '折扣失效通知',
  'letter.language': '{locale, select, en {英文} zh_CN {简体中文} zh_TW {繁体中文} other {{locale}}}',

  'letter.form.title': '发送催款函',
  'letter.chooser.submit': '预览',
  'letter.chooser.option': '{template}（{step}，第 {day} 天）',
  'letter.chooser.label': '发给{name}的函件',
  'letter.chooser.hint_suggested': '催收阶梯建议今天给这个账户发送 {template}。',
  'letter.chooser.hint_none': '催收阶梯今天不建议发函；如仍要发送，请选择一封。',
  'letter.chooser.unknown': '请从函件中选择一封',
  'letter.preview.header': '发给{customer}的{name}',
  'letter.preview.to': '收件人',
  'letter.preview.subject': '主题',
  'letter.preview.language': '语言',
  'letter.preview.delivery': '发送方式',
  'letter.preview.approval': '审批',
  'letter.preview.no_email': '没有电子邮箱：{problem}',
  'letter.preview.delivery_email': '电子邮件，附 PDF；副本发到账户讨论串',
  'letter.preview.delivery_none': '未配置：不会发送电子邮件，PDF 会放在账户讨论串里，由您手动寄出',
  'letter.preview.approval_needed': '需要另一位同事批准后才会发出',
  'letter.preview.call_summary': 'PB-23：每次通话后，客户都会收到书面的约定内容。每次通话只发一次。',
  'letter.preview.suggested': '催收阶梯建议今天给这个账户发送这封函。',
  'letter.preview.chosen': '这封函是您选的；催收阶梯今天建议的是另一封（或不发）。',
  'letter.preview.fallback': '预览：{subject}',
  'letter.preview.submit_approval': '申请审批',
  'letter.preview.submit_send': '发送',
  'letter.preview.submit_pdf': '生成 PDF',
  'letter.summary.offer': '发送通话纪要',

  'letter.reject.question': '驳回发给{customer}的{name}？',
  'letter.reject.title': '驳回函件',
  'letter.reject.yes': '驳回',
  'letter.resend.title': '重新发送函件',
  'letter.resend.yes': '重新发送',
  'letter.resend.question':
    '重新把{name}发给{recipient, select, none {客户} other {{recipient}}}？只有在已发邮件里找不到它时才这样做。',
  'letter.approve.button': '批准',
  'letter.mark_sent.button': '标记为已发送',

  'letter.sent.text': '*{actor}* 已通过电子邮件把 *{name}* 发给{customer}：{recipient}',
  'letter.sent.fallback': '{actor} 已把{name}发给{customer}',
  'letter.sent.context': '“{subject}” · 邮件 ID {messageId} · 函件 #{id}',
  'letter.not_sent.text':
    '*未发送：*{actor} 为{customer}准备了 *{name}*，但未配置电子邮件发送（SMTP_URL 和 LETTER_FROM），所以没有发出任何邮件。请手动寄出附件中的 PDF{email, select, none {} other {，收件人 {email}}}。',
  'letter.not_sent.fallback': '未发送：给{customer}的{name}已备好，请手动寄出',
  'letter.subject.context': '“{subject}” · 函件 #{id}',
  'letter.approval.text':
    '*{actor}* 申请把 *{name}* 发给{customer}（{to}）。只有在 {actor} 以外的同事批准后才会发出。',
  'letter.approval.context': '“{subject}” · 函件 #{id}（终端中：approve {id} 或 reject {id}）',
  'letter.approval.fallback': '{actor} 申请审批发给{customer}的{name}',
  'letter.rejected':
    '*{actor}* 驳回了{requester, select, none {某位同事} other {{requester}}}申请的 *{name}*（函件 #{id}），它不会被发出。',

  'letter.exists.summary_sent':
    '这次通话的纪要已经发给{recipient, select, none {客户} other {{recipient}}}（{at}，由{who, select, none {某位同事} other {{who}}}发送）；每次通话只发一次，所以没有再发。',
  'letter.exists.sent':
    '*{name}* 今天已经发给{recipient, select, none {客户} other {{recipient}}}（{at}，由{who, select, none {某位同事} other {{who}}}发送）；每天只发一次，所以没有再发。',
  'letter.exists.sent_context': '邮件 ID {messageId} · 函件 #{id}',
  'letter.exists.awaiting':
    '{who, select, none {某位同事} other {{who}}}今天已经申请发送 *{name}*，正在等待审批（函件 #{id}）。',
  'letter.exists.sending':
    '*{name}* 正在发送中（{at} 由{who, select, none {某位同事} other {{who}}}发起）；不会重复发送。',
  'letter.exists.uncertain':
    '今天的 *{name}* 可能已经发给{recipient, select, none {客户} other {{recipient}}}，也可能没有（{who, select, none {某位同事} other {{who}}}于 {at} 申请）；系统绝不会自行重发。请在邮箱中查找邮件 ID {messageId, select, none {（未记录）} other {{messageId}}}，然后作出选择。',
  'letter.exists.not_sent':
    '{who, select, none {某位同事} other {{who}}}今天已经准备了 *{name}*（{at}）；PDF 在账户讨论串中，尚未发送：{error}。',
  'letter.exists.other':
    '今天的 *{name}* 状态为{status, select, sent {已发送} awaiting_approval {等待审批} sending {发送中} uncertain {不确定是否已发出} not_sent {未发送} failed {发送失败} rejected {已驳回} queued {排队等待发送} other {{status}}}（函件 #{id}）。',
  'letter.letter_id': '函件 #{id}',
  'letter.failed.recorded': '没有发送任何内容。失败已记录在账户历史中。',
  'letter.failed.not_stored': '没有发送，也没有保存任何内容。',

  'letter.uncertain.cause_lost':
    '没有收到邮件服务器的回应（{detail}），所以 duebot 不知道对方是否收下了这封函。',
  'letter.uncertain.cause_stopped':
    'duebot 在把函件交给邮件服务器时停止了（申请时间 {since}），所以不知道结果。',
  'letter.uncertain.headline': '*发给{customer}的{name}可能已经发出，也可能没有。*{cause}系统没有自行重发。',
  'letter.uncertain.search_id':
    '请在已发送邮件中查找（或请邮件管理员查找）Message-ID {messageId}。找到了：*标记为已发送*。没找到：*重新发送*（同一封邮件，只发一次）。',
  'letter.uncertain.search_subject':
    '没有记录它的 Message-ID；请按主题在已发送邮件中查找。找到了：*标记为已发送*。没找到：*重新发送*（同一封邮件，只发一次）。',
  'letter.uncertain.not_recorded': '未记录',
  'letter.uncertain.letter': '函件',
  'letter.uncertain.shell': '终端中：mark-sent {id} 或 send-again {id}。',
  'letter.uncertain.fallback': '发给{customer}的{name}可能已经发出，也可能没有：请核实并决定',
  'letter.marked_sent.text':
    '*{by}* 在邮箱中找到了 *{name}*，并将其标记为已发给{recipient, select, none {客户} other {{recipient}}}；没有再发送邮件。',
  'letter.marked_sent.fallback': '{by} 已将{name}标记为已发送',

  'letter.error.no_account': '账户 #{id} 已不存在；可能已经结清并被移除。',
  'letter.error.no_letter_today':
    '催收阶梯今天不要求给这个账户发函（{reason}）；如仍要发送，请指定一封：{templates}。',
  'letter.error.not_a_template': '“{template}”不是函件模板名称。',
  'letter.error.no_call': '这个按钮没有指明通话；请打开账户并先记录通话。',
  'letter.error.not_a_call':
    '通话 #{call} 不是账户 #{id} 上记录的通话；没有发送任何内容。请打开账户卡片，从那里发送纪要。',
  'letter.error.not_a_call_sent': '通话 #{call} 不是账户 #{id} 上记录的通话；没有发送任何内容。',
  'letter.error.no_template': '这个函件表单没有指明模板；请重新打开“发送催款函”。',
  'letter.error.no_letter_named': '这个按钮没有指明函件。',
  'letter.error.no_letter': '没有函件 #{id}。',
  'letter.confirm.cancelled': '已取消：没有任何更改。',

  'plan.offer.context': '资金周转困难：提议分期付款计划（PB-19、PB-17）。',
  'plan.offer.button': '提议分期付款计划',
  'plan.form.title': '分期付款计划',
  'plan.form.title_renegotiate': '重新协商计划',
  'plan.currency.submit': '下一步',
  'plan.currency.label': '{name}的计划币种',
  'plan.form.submit': '预览',
  'plan.form.amount': '第 {no} 期金额',
  'plan.form.date': '第 {no} 期日期',
  'plan.form.amount_hint': '币种 {currency}；期数较少时留空多余的行',
  'plan.form.intro':
    '*{name}*：未收且无争议金额 {open}。各期金额之和必须等于该金额，日期从今天起依次排列（PB-17：默认分三期，首期 30%）。{replaces, select, none {} other {新计划将取代计划 #{replaces}；已付的分期计入未收金额。}}',
  'plan.installment_line': '{no}. {date} · {amount}',
  'plan.preview.letter_to':
    '同时，分期付款确认函将发给{recipient, select, none {无人（没有可用的应付账款邮箱：由您手动寄出）} other {{recipient}}}：',
  'plan.preview.no_letter': '无法随附函件：{problem}。',
  'plan.preview.unknown_reason': '原因不明',
  'plan.preview.submit': '客户已同意',
  'plan.preview.header': '{name}的分期付款计划',
  'plan.preview.total': '{total}，分 {count} 期：',
  'plan.preview.context': '客户同意后提交：计划即被记录，每一期都会像承诺付款一样跟踪（PB-17、PB-20）。',
  'plan.preview.fallback': '{name}的分期付款计划：{total}',
  'plan.recorded.text':
    '*{who}* {replaced, select, none {记录了} other {把计划 #{replaced} 重新协商为}}与{name}的分期付款计划 #{planId}：{total}，分 {count} 期（PB-17）。',
  'plan.recorded.fallback':
    '{who} {replaced, select, none {记录了} other {把计划 #{replaced} 重新协商为}}与{name}的分期付款计划',
  'plan.recorded.letter': '分期付款确认函：',
  'plan.cancel.question': '取消{name}的分期付款计划 #{planId}？其未付的分期将不再跟踪；计划仍保留在历史中。',
  'plan.cancel.title': '取消分期付款计划',
  'plan.cancel.yes': '取消计划',
  'plan.cancelled': '*{who}* 取消了{name}的分期付款计划 #{planId}（PB-17）。',
  'plan.letter.exists': '这个计划的分期付款确认函 #{id} 已经发出；不会重复发送。',
  'plan.letter.failed': '分期付款确认函未发送：{problem}',
  'plan.letter.uncertain': '分期付款确认函可能没有发出（{detail}）；请检查函件 #{id}。',
  'plan.error.no_account': '账户 #{id} 已不存在；可能已经结清。',
  'plan.error.nothing_open': '{name}没有未收且无争议的金额可以做分期付款计划。',
  'plan.error.nothing_in_currency': '{name}没有以 {currency} 计的未收款项。',
  'plan.error.choose_currency': '请从以下币种中选择：{currencies, select, none {无} other {{currencies}}}',
  'plan.error.no_plan_named': '这个表单没有指明计划；请重新打开“分期付款计划”。',
  'plan.error.no_plan_button': '这个按钮没有指明计划。',
  'plan.error.inactive': '计划 #{planId} 已不再生效；无需取消。',
  'plan.error.no_active_plan': '这个账户没有生效中的分期付款计划。',
  'plan.error.several': '这个账户有 {count} 个生效中的计划（{currencies}）；请在账户卡片上取消其中一个。',

  'promise.line':
    '{kind, select, installment {计划 #{planId} 第 {no} 期} other {承诺付款}}：{date}前 {amount}{status, select, broken { · _已违约_} partial { · _部分兑现_} other {}}',
  'promise.mark_kept': '标记为已兑现',
  'promise.mark_kept_nth': '标记为已兑现（{n}）',
  'promise.form.title': '承诺已兑现',
  'promise.form.label': '兑现依据',
  'promise.form.hint': '款项入账前证明已收到的凭据：银行回单、汇款通知',
  'promise.form.intro': '*{name}*：{line}。手动标记为已兑现（PB-20）？',
  'promise.error.no_account': '账户 #{id} 已不存在；可能已经结清。',
  'promise.error.gone': '这笔承诺付款已不再是未到期或已违约状态；无需标记。',
  'promise.error.none': '这个账户没有可标记为已兑现的未到期或已违约承诺付款。',
  'promise.error.several':
    '这个账户有 {count} 笔未到期或已违约的承诺付款；请使用卡片上对应那一笔旁边的“标记为已兑现”：',
  'promise.error.no_promise_named': '这个表单没有指明承诺付款；请重新点击“标记为已兑现”。',
  'promise.kept': '*{who}* 手动标记为已兑现（PB-20）：{line}。',
  'promise.missed.installment':
    '*分期逾期未付：{name}* 应在{date}前支付分期付款计划 #{planId} 第 {no} 期 {amount}；{paid, select, nothing {分文未到} other {仅到账 {paid}}}。',
  'promise.missed.promise':
    '*承诺付款违约：{name}* 承诺在{date}前支付 {amount}；{paid, select, nothing {分文未到} other {仅到账 {paid}}}。',
  'promise.missed.manager':
    '您是负责人的上级，该账户已上报给您（PB-14）；负责人：{owner, select, none {无} other {{owner}}}。',
  'promise.missed.thread':
    '该账户已上报（PB-14）：已私下通知负责人{owner, select, none {（无）} other {{owner}}}和{managers, select, none {（无经理）} other {{managers}}}。{owner, select, none {这个账户没有负责人：请认领。} other {}}',
  'promise.missed.owner':
    '该账户已上报（PB-14）。请今天致电，要求客户给出具体付款日期（PB-19）。{owner, select, none {这个账户没有负责人：请认领。} other {}}',
  'promise.missed.fallback':
    '{kind, select, installment {分期逾期未付} other {承诺付款违约}}：{name}，{date}前 {amount}',

  'log.form.title': '记录联系：{name}',
  'log.form.submit': '保存',
  'log.form.channel': '方式',
  'log.channel': '{channel, select, call {电话} email {电子邮件} visit {拜访} note {备注} other {{channel}}}',
  'log.form.result': '结果',
  'log.result':
    '{result, select, reached {已联系上} no_answer {无人接听} voicemail {语音信箱} promised {承诺付款} in_process {称付款正在处理中} disputed {有争议} refused {拒绝付款} paid {已付款} wrong_contact {联系人有误} cash_flow {资金周转困难（提议分期）} other {{result}}}',
  'log.form.notes': '备注',
  'log.form.notes_hint': '客户说了什么；谁在何时之前做什么',
  'log.form.promise_date': '承诺付款日期',
  'log.form.promise_date_hint': '请客户给出具体日期：“周三还是周五？”（PB-19）',
  'log.form.promise_amount': '承诺付款金额',
  'log.form.amount_hint_currency': '以 {currency} 计的金额，例如 12,500.00、12.5k 或 5万',
  'log.form.amount_hint': '金额，例如 12,500.00、12.5k 或 5万',
  'log.form.currency': '承诺付款币种',
  'log.form.invoices': '相关发票',
  'log.form.invoices_hint': '承诺付款或争议涉及的发票，例如 {examples}',
  'log.form.after_sales': '售后联系人',
  'log.form.after_sales_hint': '有争议时：由谁跟进处理（PB-19）',
  'log.form.next_follow_up': '下次跟进',
  'log.error.fix_fields': '请更正标出的字段。',
  'log.error.choose_one': '请从以下选项中选择：{choices}',
  'log.error.too_long': '最多 {max, number} 个字符',
  'log.error.currency_code': '请输入币种代码，例如 CNY',
  'log.error.date_format': '请按 YYYY-MM-DD 格式输入日期',
  'log.error.date_month': '{value} 不是有效日期：月份必须在 01 到 12 之间',
  'log.error.date_days': '{value} 不是有效日期：{year}年{month}月只有 {days} 天',
  'log.error.promise_date_required': '承诺付款日期必须填写：请问客户“周三还是周五？”（PB-19）',
  'log.error.promise_amount_required': '承诺付款必须填写',
  'log.error.invoices_required': '请写明有争议的发票（PB-21）',
  'log.error.notes_required': '请说明客户对什么有争议',
  'log.error.no_account': '没有账户 #{id}。',
  'log.error.unknown_invoices': '以下不是这个账户的未结发票：{invoices}',
  'log.error.today_or_later': '请填写今天（{today}）或之后的日期',
  'log.error.promise_too_far': '最多 {days} 天之后（{latest}）；更长的安排应做成分期付款计划（PB-17）',
  'log.error.choose_currency':
    '这个账户的未结款项币种为 {currencies, select, none {（无）} other {{currencies}}}；请选择一种',
  'log.error.nothing_in_currency': '没有以 {currency} 计的未结款项',
  'log.error.not_an_amount': '请输入以 {currency} 计的金额，例如 12,500.00、12.5k 或 5万',
  'log.error.more_than_open': '超过了所选发票的未结金额 {open}',
  'log.error.year_ahead': '最多一年之后（{latest}）',

  'escalation.headline': '*已上报：{name}*：{reason}（PB-14）。',
  'escalation.reason.in_process':
    '{times, plural, =1 {一次} =2 {两次} other {# 次}}称“正在处理”，却没有具体步骤',
  'escalation.manager':
    '您是负责人的上级，此事已上报给您；负责人：{owner, select, none {无} other {{owner}}}。',
  'escalation.owner': '请今天致电，要求客户给出具体步骤和日期（PB-19）。',
  'escalation.fallback': '已上报：{name}',
  'escalation.account': '账户 #{id}',
  'escalation.told_owner': '{name}（负责人）',
  'escalation.key_account':
    '*重点账户：{name}* 已逾期 {days} 天（PB-06：逾期 {limit} 天即为无例外的重点账户）。',
  'escalation.key_account_owner': '负责人：{owner, select, none {无，请指派} other {{owner}}}（PB-14）。',
  'escalation.key_account_fallback': '重点账户：{name}，已逾期 {days} 天',
  'letter.refused.ownApproval': '这封函件是您申请的，须由另一人批准；第二人批准可避免误发函件。',
  'letter.refused.notAwaiting':
    '{letter} #{id} 已不在等待批准：当前状态为{status, select, sent {已发送} awaiting_approval {待批准} sending {正在发送} uncertain {发送结果不明} not_sent {未发送} failed {失败} rejected {已驳回} queued {排队等待发送} cancelled {已取消} other {{status}}}{hasBy, select, yes {（由 {by} 决定）} other {}}。',
  'letter.refused.notQueued':
    '{letter} #{id} 不在等待发出：当前状态为{status, select, sent {已发送} awaiting_approval {待批准} sending {正在发送} uncertain {发送结果不明} not_sent {未发送} failed {失败} rejected {已驳回} queued {排队等待发送} cancelled {已取消} other {{status}}}。未做任何更改。',
  'letter.refused.notUncertain':
    '{letter} #{id} 的发送结果已经确定：当前状态为{status, select, sent {已发送} awaiting_approval {待批准} sending {正在发送} uncertain {发送结果不明} not_sent {未发送} failed {失败} rejected {已驳回} queued {排队等待发送} cancelled {已取消} other {{status}}}{status, select, sent {，收件人 {hasRecipient, select, yes {{recipient}} other {客户}}（邮件 ID {messageId}）} sending {，正在重新发送} other {}}。未做任何更改。',
  'letter.refused.noRecord': '函件 #{id} 没有记录收件人或 Message-ID，无法标记为已发出；请改为重新发送。',
  'letter.refused.outsideWindow':
    '未重新发送：现在不在客户的联系时段内（PB-24）。请于客户当地时间 {time}（{zone}）起再发送；未做任何更改。',
  'letter.cannot.callNotOnAccount': '通话 #{id} 不是本账户记录的通话，无从写成纪要。',
  'letter.cannot.noCall': '本账户尚未记录任何通话；请先记录通话，再发送通话纪要（PB-23）。',
  'letter.cannot.noDiscount': '本账户没有错过任何提前付款折扣，无需通知客户（PB-18）。',
  'letter.cannot.pausedAndDisputed': '部分未结款项已暂停催收，其余均有争议，因此不发催款函；请先恢复催收。',
  'letter.cannot.nothingOpen': '本账户没有无争议的未结款项，没有可催收的内容。',
  'letter.notSent': '未发送：{problem}',
  'plan.invalid': '付款计划有字段填写有误。',
  'plan.field.noAmount': '第 {n} 期填了日期但没有金额',
  'plan.field.noDate': '第 {n} 期填了金额但没有日期',
  'plan.field.badAmount': '{currency} 金额，例如 12,500.00 或 12.5k',
  'plan.field.past': '须为今天（{today}）或之后，不能是过去的日期',
  'plan.field.order': '须晚于上一期（{previous}）：日期须依次排列',
  'plan.field.none': '付款计划至少需要一期',
  'plan.field.sum': '各期合计 {sum}；未结金额为 {open}',
  'promise.error.keptWhy': '请说明为何视为已兑现。',
  'promise.field.keptWhy': '必填：证明款项已到的凭据（银行回单、汇款通知）',
  'promise.error.noteTooLong': '备注过长。',
  'promise.field.atMost': '最多 {max, number} 个字符',
  'promise.error.notOpen': '所选发票中有的不是该账户未结且无争议的发票。',
  'promise.field.chooseAmong': '请从以下发票中选择：{invoices, select, none {无} other {{invoices}}}',
  'promise.error.noInvoices': '该账户没有可承诺付款的 {currency} 未结发票。',
  'promise.field.noInvoices': '没有 {currency} 未结发票',
  'plan.error.staleNew':
    '其间已有人为该账户记录了 {currency} 付款计划；未做任何更改。请重新打开付款计划以重新协商。',
  'plan.error.noPlan': '该账户没有付款计划 #{planId}。',
  'plan.error.alreadyAgreed':
    '付款计划 #{planId} {status, select, active {已记录} completed {已完成} broken {已违约} cancelled {已取消} renegotiated {已被另一计划取代} withdrawn {已撤回} other {已结束}}；未再做任何更改。',
  'plan.error.alreadyEnded':
    '付款计划 #{planId} {status, select, active {生效中} completed {已完成} broken {已违约} cancelled {已取消} renegotiated {已被另一计划取代} withdrawn {已撤回} other {已结束}}；未做任何更改。',
  'plan.error.openChanged':
    '提出付款计划后，{currency} 未结金额已变化（现为 {open}）；未记录任何内容。请重新提出付款计划。',
  'plan.error.firstPast': '付款计划的第一期（{date}）现已过期；请重新提出。',
  'plan.error.staleOld':
    '自您打开后，付款计划 #{planId} 已被他人更改（取消或重新协商）；未做任何更改。请重新打开付款计划。',
  'promise.error.already':
    '这笔承诺付款已{status, select, kept {兑现} broken {违约} partial {部分兑现} cancelled {取消} other {结束}}；未做任何更改。',
  'promise.error.notHere': '该账户没有承诺付款 #{promiseId}。',
  'plan.error.nothingOpen': '该账户没有 {currency} 未结款项可列入付款计划。',
};
