import type { AdaptersCatalog } from './adapters-en.ts';

/** 终端、Slack 与 Teams 适配器自己的文字，简体中文（并入 zh-CN.ts）。 */
export const adaptersZhCN: AdaptersCatalog = {
  // 终端（adapters/shell）。说明按 80 列终端排版（shell.ts 会折行）。
  'shell.help': `终端命令（N 是上一个清单的行号；#N 是客户编号，例如 #68）：
  /overdue [筛选条件]    催收清单（试试 /overdue help）
  open N                 打开账户卡片
  claim N | release N    认领账户 / 放弃账户
  log N                  记录一次通话；逐项询问并检查每个回答
  log N result=promised date=2026-12-01 amount=5000 notes="周五付款"
                         一行写完；可用的键：{keys}
                         结果：{results}
                         渠道：{channels}
                         金额：12,500.50，或带 {suffixes}（5万 = 50,000）
  history N              至今的全部联系记录，最新的在前（older | newer 翻页）
  reassign N [姓名]      把账户转交给另一位催收员（经理）
  dispute N | resolve N  对部分发票提出争议（PB-21）/ 解决一项争议
  pause N | unpause N    暂停催收到某一日期（整个账户或部分发票）/ 立即结束暂停
  terms N                重点客户豁免、习惯性迟付、合同利息（经理）
  hand-over N            把账户移交给催收机构；内部催收停止（经理）
  plan N | cancel-plan N 提出、重新商定或取消付款计划（PB-17）
  kept N                 手动标记未结的承诺付款已兑现，并附说明（PB-20）
  letter N [模板]        预览催收阶梯建议的催款函（或指定的模板），然后发送
  summary N              通话之后：预览发给客户的通话纪要邮件，然后发送（PB-23）
  approve L | reject L   批准或驳回第 L 号待第二人批准的函件
  mark-sent L | send-again L
                         第 L 号函件不确定是否已发出：您在邮箱里找到了它，
                         或者把同一封邮件再发一次（仅一次）
                         （L 是随申请显示的函件编号，不是行号或 #编号）
  next | prev            上一个清单（或历史）的下一页或上一页
  older | newer          历史记录的更早或更新的条目
  as 姓名                以另一位同事的身份操作（使用其角色）
  role 姓名 [角色]       查看其角色及来源；经理可以设置：
                         role ann manager
                         （角色：{roles}）
  help | quit`,
  'shell.greeting': 'duebot 终端：当前身份 {name}。输入 help 查看命令，或输入 /overdue 查看催收清单。',
  'shell.unknownCommand': '未知命令“{word}”；请输入 help 查看命令',
  'shell.trouble': '出错了：{error}',
  'shell.as.noName': 'as 姓名：请说明要以谁的身份操作',
  'shell.as.onlyName': 'as 只接受姓名；经理可以这样为 {who} 设置角色：role {who} {role}',
  'shell.as.now': '现在以 {name} 的身份操作。',
  'shell.page.none': '没有{which, select, next {下一页} other {上一页}}',
  'shell.letter.usage': '{verb} L：L 是随申请显示的函件编号（不是行号或 #编号）',
  'shell.letter.unknown': '没有编号为 {number} 的函件。',
  'shell.letter.badTemplate': '“{template}”不是函件模板的名称',
  'shell.file.saved': '[文件] {path}',
  'shell.thread.reply': '[账户讨论串] {text}',
  'shell.form.elsewhere': '（{title}：请用 log N 填写）',
  'shell.confirm.notAsked': '{question}（这里不询问确认；未做任何更改）',
  'shell.confirm.ask': '{question} {yes}？（输入 yes 或 no）',
  'shell.submit.ask': '{label}？（输入 yes 或 no）',
  'shell.submit.nothingSent': '未发送任何内容。',
  'shell.form.inputEnded': '表单尚未填完输入就结束了；未保存任何内容。',
  'shell.dryRun.nothing':
    '{hasWhy, select, yes {现在不会发布任何内容：{why}。} other {现在不会发布任何内容。}}',
  'shell.dryRun.head':
    '── {key} → {to, select, digest {晨报频道} alerts {预警频道} meeting {会议频道} account {{name} 的账户讨论串} accountGone {账户 #{id} 的讨论串} user {私信给 {name}（{platform}）} userGone {私信给用户 #{id}} other {{name} 频道}}{hasThread, select, yes {，在 {thread} 的讨论串中} other {}} ──',
  'shell.dryRun.file': '[文件：{name}，{bytes, plural, other {# 字节}}]',
  'shell.dryRun.fileLater': '[文件：{name}，发送时生成]',
  'jobs.undelivered':
    '{waiting, plural, =0 {} other {{total} 条消息中有 {waiting} 条尚未送达：它们留在发件箱中，下次启动时发出}}{both, select, yes {；} other {}}{failed, plural, =0 {} other {{total} 条消息中有 {failed} 条无法送达}}{hasError, select, yes {（最后的错误：{error}）} other {}}；请查看 duebot doctor 和日志',
  'jobs.when': '{day, select, today {今天 {time}} tomorrow {明天 {time}} other {{date} {weekday} {time}}}',
  'jobs.whyNothing':
    '{job, select, alerts {预警检查} meeting {信用会议} promise_follow_up {承诺付款跟进} digest {逾期晨报} digest_nudge {晨报提醒} aging_report {账龄报告} dispute_check {争议检查} letter_check {函件检查} housekeeping {日常清理} other {{jobText} }}{state, select, new {没有新的内容可发布} newSince {没有新的内容可发布（上次运行于 {at}）} posted {已于 {at} 发布} empty {于 {at} 运行，没有内容可发布} skipped {（{period}）已跳过（duebot 停机期间错过）} other {（{period}）状态为 {status}}}{next, select, afterSync {；它在每次账本同步后运行} none {；一个月内没有下次运行} other {；下次运行于 {nextAt}}}',
  'shell.nothingSaved': '未保存任何内容。',
  'shell.search.nobody': '没有名叫“{name}”且可以负责账户的人。',
  'shell.search.several': '“{name}”匹配到多个人；请输入更完整的姓名：',
  'shell.search.more': '……还有 {count} 人',
  'shell.row.usage': '{verb} N：N 是上一个清单的行号；#N 是客户编号（例如 {verb} #68）',
  'shell.row.noId': '没有编号为 {id} 的账户。',
  'shell.row.noList':
    '还没有清单，所以 {typed} 不是行号：请先输入 /overdue，或用 #{typed} 表示编号为 {typed} 的客户。',
  'shell.row.notOnList':
    '没有第 {typed} 行：{span, select, empty {上一个清单是空的} all {上一个清单共有 {count, plural, other {# 行}}} other {上一个清单显示第 {first}-{last} 行}}；用 #{typed} 表示编号为 {typed} 的客户。',
  'shell.log.notKeyValue': '“{word}”不是 键=值 的形式；请看 help',
  'shell.log.unknownKey': '“{key}”不是 log 的键；可用的键有 {keys}。未保存任何内容。',
  'shell.log.twice': '{key} 重复指定了；每个键只能指定一次。未保存任何内容。',
  'shell.form.optional': '{label}（选填）',
  'shell.form.oneLine': '（只能输入一行；换行请输入 \\n）',
  'shell.form.choose': '请输入 1-{count}，或以下之一：{names}。',
  'shell.form.number': '{label}必须是数字，例如 1200.50。',
  'shell.form.atLeast': '{label}不能小于 {min}。',
  'shell.form.atMost': '{label}不能大于 {max}。',
  'shell.form.date':
    '{label}必须是像 2026-12-01 这样的日期{why, select, month {（{value} 不是日期：月份必须是 01 到 12）} day {（{value} 不是日期：{month}只有 {days} 天）} other {}}。',
  'shell.form.tooLong': '{label}最多 {max} 个字符。',
  'shell.form.required': '{label}为必填项。',
  'shell.row.overdue': '{days, plural, other {逾期 # 天}}',
  'shell.row.unclaimed': '未认领',
  'shell.row.owner': '负责人 {owner}',
  'shell.page': '第 {page} 页，共 {pages} 页',
  'shell.page.previous': '上一页',
  'shell.page.next': '下一页',
  'shell.image': '[图片：{alt}]',
  'shell.menu.more': '更多：',
  'shell.post.thread': '[账户讨论串] {name}',
  'shell.post.threadHead': '{name} 的通话与备注。',
  'shell.post.private': '@{name}（私信）',
  'shell.post.inReply': '{where}，回复',
  'shell.post.updated': '{where}，已更新',
  'shell.post.file': '[文件已保存：{path}]',
  // Slack（adapters/slack）。
  'slack.trouble': 'duebot 这边出了问题；未做任何更改。请重试。',
  'slack.unposted': '已保存，并已记入账户历史，但 duebot 无法把它发到账户讨论串。请告知您的 Slack 管理员。',
  'slack.loading': '加载中…',
  'slack.formTooOld': '这个表单已过期；请重新打开。',
  'slack.modal.cancel': '取消',
  'slack.modal.close': '关闭',
  'slack.form.cannotGoOn': '这个表单无法从这里继续；请从卡片重新打开。',
  'slack.form.notOpened': '表单未能及时打开；请改用账户卡片上的*记录通话*按钮。',
  'slack.placed':
    ':warning: 已保存。它发在{direct, select, yes {您与 duebot 的私信中} other {{channel} 中该账户的讨论串里}}{linked, select, yes {（{link}）} other {}}。',
  'slack.placed.linkLabel': '{direct, select, yes {这里} other {这个讨论串}}',
  'slack.refused.notMember':
    'duebot 不是 {channel} 的成员，不能在那里发消息。请邀请 @duebot 加入 {channel}（`/invite @duebot`），或重新安装 duebot，使其拥有 `chat:write.public` 权限。',
  'slack.refused.cannotSee':
    'duebot 看不到 {channel}：那是 duebot 未受邀加入的私有频道或群组会话。请邀请 @duebot 加入（`/invite @duebot`），或在 SLACK_CHANNEL 中操作。',
  'slack.thread.fallback': '{name}：此账户的通话与备注',
  'slack.thread.head':
    ':file_folder: *{name}*{id, select, none {} other {（{id}）}}：此账户的通话与备注。在此讨论串中回复，即可在其历史中添加备注。',
  // Teams（adapters/teams）。
  'teams.welcome':
    '您好，我是 *duebot*：我把逾期账款的催收清单带到团队眼前。说 `overdue`（在频道中：`@duebot overdue`）查看清单，说 `overdue help` 查看筛选条件。',
  'teams.file.size': '{unit, select, bytes {{n} 字节} kb {{n} KB} other {{n} MB}}',
  'teams.file.meta':
    '{kind, select, pdf {PDF} other {{mime}}} · {size}{hasUntil, select, yes { · 链接有效期至 {until}} other {}}',
  'teams.file.open': '{kind, select, pdf {打开 PDF} other {打开文件}}',
  'teams.file.unavailable':
    '{why, select, noPublicUrl {没有 PDF 链接：未设置 DUEBOT_PUBLIC_URL（duebot 的 https 地址）。请在 duebot 服务器上用 `duebot letter pdf {letterId} --out letter.pdf` 获取（终端里的函件副本也会保存这个 PDF）。} noSecret {没有 PDF 链接：未设置 DUEBOT_LINK_SECRET。请在 duebot 服务器上用 `duebot letter pdf {letterId} --out letter.pdf` 获取（终端里的函件副本也会保存这个 PDF）。} here {Teams 在此处无法接收 duebot 的这个文件。} other {Teams 无法接收 duebot 的这个文件。}}',
  'teams.pdf.onlyRead': '函件文件只能读取（GET）。',
  'teams.pdf.notEnabled': '此 duebot 未启用函件链接（未设置 DUEBOT_PUBLIC_URL）。',
  'teams.pdf.noSuchFile': '没有这个函件文件。',
  'teams.pdf.incomplete': '此链接不完整（缺少签名或有效期），因此不显示函件。',
  'teams.pdf.badSignature': '此链接无效（签名不符），因此不显示函件。',
  'teams.pdf.expired':
    '此链接已于 {date} 过期。请同事从 duebot 获取函件 #{letterId}（duebot letter pdf {letterId}）。',
  'teams.pdf.noStoredPdf': '函件 #{letterId} 没有保存的 PDF。',
  'teams.pdf.trouble': 'duebot 无法读取函件文件，请重试。',
  'teams.trouble': 'duebot 这边出了问题；未做任何更改。请重试。',
  'teams.savedToHistory': '已记入该账户的历史。',
  'teams.notUnderstood': '我没看懂“{text}”。',
  'teams.noAction': '这个按钮没有 duebot 认得的操作。',
  'teams.formGone': '这个表单已无法提交；请重新打开。',
  'teams.answeredBelow': 'duebot 已在下方回复。',
  'teams.posted': '已发布。',
  'teams.postedInThread': '已发到该账户的讨论串。',
  'teams.done': '完成。',
  'teams.saved': '已保存。',
  'teams.savedAnd': '{where, select, thread {已保存并发到该账户的讨论串：{text}} other {已保存：{text}}}',
  'teams.field.required': '{label}为必填项',
  'teams.dialog.tooLarge':
    '这个表单太大，Teams 对话框放不下（{size} KB；Teams 最多 {most} KB），因此无法在这里显示。未做任何更改；请告知您的 duebot 管理员。',
  'teams.file.uploadFailed': '文件无法上传；未做任何更改。',
  'teams.file.offerGone': '这次文件上传的邀请已失效；未上传任何内容。',
  'teams.file.noUploadUrl': 'Teams 没有给出文件的上传地址；未上传任何内容。',
  'teams.thread.head':
    '此账户的通话与备注{id, select, none {} other {（{id}）}}。在这里回复并提及 duebot，即可在其历史中添加备注。',
  'teams.thread.fallback': '{name}：此账户的通话与备注',
};
