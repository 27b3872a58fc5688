import type { CliCatalog } from './cli-en.ts';

/** `duebot` 命令列對執行它的人說的話，繁體中文（併入 zh-TW.ts）。日誌維持英文。 */
export const cliZhTW: CliCatalog = {
  'cli.totals.head':
    '{date} 的未收應收帳款（{ledger, select, demo {示範帳本} at {位於 {where} 的帳本} other {帳本}}）：',
  'cli.totals.none': '沒有未結項目',
  'cli.totals.line':
    '未結 {open}，共 {openItems, number} 張發票、{customers, number} 個客戶；逾期 {overdue}，共 {overdueItems, number} 張發票',
  'cli.schedule': '排程發布（{timeZone}）：{jobs}。',
  'cli.schedule.job':
    '{job, select, digest {逾期摘要} digest_nudge {摘要提醒} promise_follow_up {承諾跟進} aging_report {帳齡報告} alerts {預警檢查} meeting {信用會議} dispute_check {爭議檢查} letter_check {函件檢查} housekeeping {日常清理} other {{jobText}}} {next, select, afterSync {每次同步後} none {一個月內沒有} other {{at}}}',
  'cli.bug': 'duebot：意外錯誤（這是一個缺陷；請連同以下追蹤資訊一起回報）：',
  'cli.settings.problems': 'duebot 無法啟動：設定有問題',
  'cli.failure.ledger': 'duebot：會計資料庫：{detail}',
  'cli.failure.noSnapshot': 'duebot 無法啟動：無法讀取帳本（{detail}），且還沒有可供使用的帳本快照',
  'cli.failure.connection': 'duebot：{detail}',
  'cli.job.failed': 'duebot {job}：執行失敗：{error}',
  'cli.failure.fix': '解決方法：{fix}',
  'cli.failure.doctor': '（執行 duebot doctor 檢查每項設定）',
  'cli.embedded.held':
    'duebot：{dataDir} 中的內建資料庫被 duebot 行程 {pid}{remote, select, yes {（位於 {host}）} other {}}（`{command}`，啟動於 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）佔用，且無法連線到它；請停止該程序，或將 DATABASE_URL 設為一個 PostgreSQL 資料庫',
  'cli.embedded.ownerGone':
    'duebot：本行程所用內建資料庫的所屬 duebot 行程 {pid}{remote, select, yes {（位於 {host}）} other {}}（`{command}`，啟動於 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）已停止；請重新啟動 duebot',
  'cli.embedded.attached':
    '正在使用 duebot 行程 {pid}{remote, select, yes {（位於 {host}）} other {}}（`{command}`，啟動於 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）的內建資料庫',
  'cli.embedded.tookOver':
    '內建資料庫被 duebot 行程 {pid}{remote, select, yes {（位於 {host}）} other {}}（`{command}`，啟動於 {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}）鎖定後未釋放，該程序已不再執行；本程序接管它',
  'cli.embedded.noTemplate': '無法載入預製的空資料庫（{error}）；改為新建一個，需要多花幾秒鐘',
  'cli.template.made':
    'duebot：已準備好內建資料庫範本（{megabytes} MB，{seconds} 秒）；新的資料目錄將從它開始',
  'cli.template.failed': 'duebot：無法準備內建資料庫範本（{error}）；首次啟動時會自行建立資料庫',
  'cli.demo.ledgerUrl': 'duebot demo：已設定 LEDGER_URL，因此不使用示範帳本；要使用示範，請取消該設定',
  'cli.letter.notPdf': '--out {out}：檔名應以 .pdf 結尾',
  'cli.letter.noFolder': '--out {out}：資料夾 {folder} 不存在；請先建立它',
  'cli.letter.folderIsFile': '--out {out}：{folder} 是一個檔案，不是資料夾',
  'cli.letter.cannotWrite': '--out {out}：無法寫入該檔案（{code}）',
  'cli.letter.emptyWorklist': '催收清單是空的：沒有可以寫信的帳戶（請執行 duebot sync）',
  'cli.letter.noAccount': '--account {account}：沒有帳戶的客戶編號或名稱與之相符',
  'cli.letter.manyAccounts': '--account {account}：與 {count, number} 個帳戶相符（{names}）；請提供客戶編號',
  'cli.letter.badLocale': '--locale {locale}：應為 en、zh-CN 或 zh-TW',
  'cli.letter.badNumber': '{letter}：應為函件編號，即函件旁顯示的編號（#12）',
  'cli.letter.noStoredPdf': '函件 #{letter} 沒有儲存的 PDF（沒有這封函件，或它從未寄出或準備過）',
  'cli.letter.wrotePreview':
    '已寫入 {out}：致 {customer} 的 {template}（{locale}），「{subject}」，{bytes, number} 位元組；未寄出任何內容',
  'cli.letter.wroteStored': '已寫入 {out}：{file}，「{subject}」，{bytes, number} 位元組，sha256 {sha256}',
  'cli.teams.wrote': '已寫入 {out}：請在 Teams 中上傳它（應用程式 > 管理您的應用程式 > 上傳應用程式）',
  'cli.teams.badUrl':
    '{variable}（或 {flag}）：得到的是{found, select, nothing {空值} other {{value}}}，應為{what, select, websiteUrl {貴公司或 duebot 網頁} privacyUrl {隱私權聲明} other {使用條款}}的 https:// 網址，顯示在 Teams 應用程式詳細資料中',
  'cli.teams.badAppId':
    'MicrosoftAppId：得到的是{found, select, nothing {空值} other {{value}}}，應為要寫入資訊清單的機器人應用程式 ID（一個 GUID）',
  'cli.teams.usage':
    '{error}；用法：npm run teams:package -- [out.zip] --website URL --privacy URL --terms URL',
  'cli.teams.tooMany': '輸出檔案最多一個，但得到 {count, number} 個：{files}',
  'plan.field.installments': '1 到 24 之間的整數',
  'plan.field.firstPercent': '0 到 100 之間的百分比',
  'plan.field.everyDays': '1 到 92 之間的整天數',
  'plan.field.fromToday': '今天（{today}）或以後',
  'plan.field.noOpen': '沒有未結的 {currency} 發票',
};
