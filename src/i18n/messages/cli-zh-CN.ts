import type { CliCatalog } from './cli-en.ts';

/** `duebot` 命令行对运行它的人说的话，简体中文（并入 zh-CN.ts）。日志保持英文。 */
export const cliZhCN: CliCatalog = {
  'cli.totals.head':
    '{date} 的未收应收账款（{ledger, select, demo {演示账本} at {位于 {where} 的账本} other {账本}}）：',
  'cli.totals.none': '没有未结项目',
  'cli.totals.line':
    '未结 {open}，共 {openItems, number} 张发票、{customers, number} 个客户；逾期 {overdue}，共 {overdueItems, number} 张发票',
  'cli.schedule': '定时发布（{timeZone}）：{jobs}。',
  'cli.schedule.job':
    '{job, select, digest {逾期摘要} digest_nudge {摘要提醒} promise_follow_up {承诺跟进} aging_report {账龄报告} alerts {预警检查} meeting {信用会议} dispute_check {争议检查} letter_check {函件检查} housekeeping {日常清理} other {{jobText}}} {next, select, afterSync {每次同步后} none {一个月内没有} other {{at}}}',
  'cli.bug': 'duebot：意外错误（这是一个缺陷；请连同以下跟踪信息一起报告）：',
  'cli.settings.problems': 'duebot 无法启动：设置有问题',
  'cli.failure.ledger': 'duebot：会计数据库：{detail}',
  'cli.failure.noSnapshot': 'duebot 无法启动：无法读取账本（{detail}），且还没有可供使用的账本快照',
  'cli.failure.connection': 'duebot：{detail}',
  'cli.job.failed': 'duebot {job}：运行失败：{error}',
  'cli.failure.fix': '解决办法：{fix}',
  'cli.failure.doctor': '（运行 duebot doctor 检查每项设置）',
  'cli.embedded.held':
    'duebot：{dataDir} 中的内置数据库被 duebot 进程 {pid}{remote, select, yes {（位于 {host}）} other {}}（`{command}`，启动于 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）占用，且无法连接到它；请停止该进程，或将 DATABASE_URL 设为一个 PostgreSQL 数据库',
  'cli.embedded.ownerGone':
    'duebot：本进程所用内置数据库的所属进程 duebot 进程 {pid}{remote, select, yes {（位于 {host}）} other {}}（`{command}`，启动于 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）已停止；请重新启动 duebot',
  'cli.embedded.attached':
    '正在使用 duebot 进程 {pid}{remote, select, yes {（位于 {host}）} other {}}（`{command}`，启动于 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）的内置数据库',
  'cli.embedded.tookOver':
    '内置数据库被 duebot 进程 {pid}{remote, select, yes {（位于 {host}）} other {}}（`{command}`，启动于 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）锁定后未释放，该进程已不再运行；本进程接管它',
  'cli.embedded.noTemplate': '无法加载预制的空数据库（{error}）；改为新建一个，需要多花几秒钟',
  'cli.template.made':
    'duebot：已准备好内置数据库模板（{megabytes} MB，{seconds} 秒）；新的数据目录将从它开始',
  'cli.template.failed': 'duebot：无法准备内置数据库模板（{error}）；首次启动时会自行创建数据库',
  'cli.demo.ledgerUrl': 'duebot demo：已设置 LEDGER_URL，因此不使用演示账本；要使用演示，请取消该设置',
  'cli.letter.notPdf': '--out {out}：文件名应以 .pdf 结尾',
  'cli.letter.noFolder': '--out {out}：文件夹 {folder} 不存在；请先创建它',
  'cli.letter.folderIsFile': '--out {out}：{folder} 是一个文件，不是文件夹',
  'cli.letter.cannotWrite': '--out {out}：无法写入该文件（{code}）',
  'cli.letter.emptyWorklist': '催收清单为空：没有可以写信的账户（请运行 duebot sync）',
  'cli.letter.noAccount': '--account {account}：没有账户的客户编号或名称与之相符',
  'cli.letter.manyAccounts': '--account {account}：与 {count, number} 个账户相符（{names}）；请给出客户编号',
  'cli.letter.badLocale': '--locale {locale}：应为 en、zh-CN 或 zh-TW',
  'cli.letter.badNumber': '{letter}：应为函件编号，即函件旁显示的编号（#12）',
  'cli.letter.noStoredPdf': '函件 #{letter} 没有保存的 PDF（没有这封函件，或它从未发出或准备过）',
  'cli.letter.wrotePreview':
    '已写入 {out}：致 {customer} 的 {template}（{locale}），“{subject}”，{bytes, number} 字节；未发送任何内容',
  'cli.letter.wroteStored': '已写入 {out}：{file}，“{subject}”，{bytes, number} 字节，sha256 {sha256}',
  'cli.teams.wrote': '已写入 {out}：请在 Teams 中上传它（应用 > 管理你的应用 > 上传应用）',
  'cli.teams.badUrl':
    '{variable}（或 {flag}）：得到的是{found, select, nothing {空值} other {{value}}}，应为{what, select, websiteUrl {贵公司或 duebot 网页} privacyUrl {隐私声明} other {使用条款}}的 https:// 地址，显示在 Teams 应用详情中',
  'cli.teams.badAppId':
    'MicrosoftAppId：得到的是{found, select, nothing {空值} other {{value}}}，应为要写入清单的机器人应用 ID（一个 GUID）',
  'cli.teams.usage':
    '{error}；用法：npm run teams:package -- [out.zip] --website URL --privacy URL --terms URL',
  'cli.teams.tooMany': '最多只能有一个输出文件，但得到 {count, number} 个：{files}',
  'plan.field.installments': '1 到 24 之间的整数',
  'plan.field.firstPercent': '0 到 100 之间的百分比',
  'plan.field.everyDays': '1 到 92 之间的整天数',
  'plan.field.fromToday': '今天（{today}）或以后',
  'plan.field.noOpen': '没有未结的 {currency} 发票',
};
