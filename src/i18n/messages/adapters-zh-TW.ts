import type { AdaptersCatalog } from './adapters-en.ts';

/** 終端機、Slack 與 Teams 轉接器自己的文字，繁體中文（併入 zh-TW.ts）。 */
export const adaptersZhTW: AdaptersCatalog = {
  // 終端機（adapters/shell）。說明依 80 欄終端機排版（shell.ts 會換行）。
  'shell.help': `終端機命令（N 是上一份清單的列號；#N 是客戶編號，例如 #68）：
  /overdue [篩選條件]    催收清單（試試 /overdue help）
  open N                 開啟帳戶卡片
  claim N | release N    認領帳戶 / 放棄帳戶
  log N                  記錄一次通話；逐項詢問並檢查每個回答
  log N result=promised date=2026-12-01 amount=5000 notes="週五付款"
                         一行寫完；可用的鍵：{keys}
                         結果：{results}
                         管道：{channels}
                         金額：12,500.50，或帶 {suffixes}（5萬 = 50,000）
  history N              至今的全部聯絡紀錄，最新的在前（older | newer 翻頁）
  reassign N [姓名]      把帳戶轉交給另一位催收人員（經理）
  dispute N | resolve N  對部分發票提出爭議（PB-21）/ 解決一項爭議
  pause N | unpause N    暫停催收到某一日期（整個帳戶或部分發票）/ 立即結束暫停
  terms N                重點客戶豁免、習慣性遲付、合約利息（經理）
  hand-over N            把帳戶移交給催收機構；內部催收停止（經理）
  plan N | cancel-plan N 提出、重新協商或取消付款計畫（PB-17）
  kept N                 手動標記未結的承諾付款已兌現，並附說明（PB-20）
  letter N [範本]        預覽催收階梯建議的催款函（或指定的範本），然後寄出
  summary N              通話之後：預覽寄給客戶的通話紀要郵件，然後寄出（PB-23）
  approve L | reject L   核准或駁回第 L 號待第二人核准的函件
  mark-sent L | send-again L
                         第 L 號函件不確定是否已寄出：您在信箱裡找到了它，
                         或者把同一封郵件再寄一次（僅一次）
                         （L 是隨申請顯示的函件編號，不是列號或 #編號）
  next | prev            上一份清單（或歷史）的下一頁或上一頁
  older | newer          歷史紀錄中更早或更新的項目
  as 姓名                以另一位同事的身分操作（使用其角色）
  role 姓名 [角色]       查看其角色及來源；經理可以設定：
                         role ann manager
                         （角色：{roles}）
  help | quit`,
  'shell.greeting': 'duebot 終端機：目前身分 {name}。輸入 help 查看命令，或輸入 /overdue 查看催收清單。',
  'shell.unknownCommand': '未知的命令「{word}」；請輸入 help 查看命令',
  'shell.trouble': '發生錯誤：{error}',
  'shell.as.noName': 'as 姓名：請說明要以誰的身分操作',
  'shell.as.onlyName': 'as 只接受姓名；經理可以這樣為 {who} 設定角色：role {who} {role}',
  'shell.as.now': '現在以 {name} 的身分操作。',
  'shell.page.none': '沒有{which, select, next {下一頁} other {上一頁}}',
  'shell.letter.usage': '{verb} L：L 是隨申請顯示的函件編號（不是列號或 #編號）',
  'shell.letter.unknown': '沒有編號為 {number} 的函件。',
  'shell.letter.badTemplate': '「{template}」不是函件範本的名稱',
  'shell.file.saved': '[檔案] {path}',
  'shell.thread.reply': '[帳戶討論串] {text}',
  'shell.form.elsewhere': '（{title}：請用 log N 填寫）',
  'shell.confirm.notAsked': '{question}（這裡不詢問確認；未做任何變更）',
  'shell.confirm.ask': '{question} {yes}？（輸入 yes 或 no）',
  'shell.submit.ask': '{label}？（輸入 yes 或 no）',
  'shell.submit.nothingSent': '未寄出任何內容。',
  'shell.form.inputEnded': '表單尚未填完輸入就結束了；未儲存任何內容。',
  'shell.dryRun.nothing':
    '{hasWhy, select, yes {現在不會發布任何內容：{why}。} other {現在不會發布任何內容。}}',
  'shell.dryRun.head':
    '── {key} → {to, select, digest {晨報頻道} alerts {預警頻道} meeting {會議頻道} account {{name} 的帳戶討論串} accountGone {帳戶 #{id} 的討論串} user {私訊給 {name}（{platform}）} userGone {私訊給使用者 #{id}} other {{name} 頻道}}{hasThread, select, yes {，在 {thread} 的討論串中} other {}} ──',
  'shell.dryRun.file': '[檔案：{name}，{bytes, plural, other {# 位元組}}]',
  'shell.dryRun.fileLater': '[檔案：{name}，傳送時產生]',
  'jobs.undelivered':
    '{waiting, plural, =0 {} other {{total} 則訊息中有 {waiting} 則尚未送達：它們留在寄件匣中，下次啟動時送出}}{both, select, yes {；} other {}}{failed, plural, =0 {} other {{total} 則訊息中有 {failed} 則無法送達}}{hasError, select, yes {（最後的錯誤：{error}）} other {}}；請查看 duebot doctor 和日誌',
  'jobs.when': '{day, select, today {今天 {time}} tomorrow {明天 {time}} other {{date} {weekday} {time}}}',
  'jobs.whyNothing':
    '{job, select, alerts {預警檢查} meeting {信用會議} promise_follow_up {承諾付款追蹤} digest {逾期晨報} digest_nudge {晨報提醒} aging_report {帳齡報告} dispute_check {爭議檢查} letter_check {函件檢查} housekeeping {日常清理} other {{jobText} }}{state, select, new {沒有新的內容可發布} newSince {沒有新的內容可發布（上次執行於 {at}）} posted {已於 {at} 發布} empty {於 {at} 執行，沒有內容可發布} skipped {（{period}）已略過（duebot 停機期間錯過）} other {（{period}）狀態為 {status}}}{next, select, afterSync {；它在每次帳本同步後執行} none {；一個月內沒有下次執行} other {；下次執行於 {nextAt}}}',
  'shell.nothingSaved': '未儲存任何內容。',
  'shell.search.nobody': '沒有名叫「{name}」且可以負責帳戶的人。',
  'shell.search.several': '「{name}」符合多個人；請輸入更完整的姓名：',
  'shell.search.more': '……還有 {count} 人',
  'shell.row.usage': '{verb} N：N 是上一份清單的列號；#N 是客戶編號（例如 {verb} #68）',
  'shell.row.noId': '沒有編號為 {id} 的帳戶。',
  'shell.row.noList':
    '還沒有清單，所以 {typed} 不是列號：請先輸入 /overdue，或用 #{typed} 表示編號為 {typed} 的客戶。',
  'shell.row.notOnList':
    '沒有第 {typed} 列：{span, select, empty {上一份清單是空的} all {上一份清單共有 {count, plural, other {# 列}}} other {上一份清單顯示第 {first}-{last} 列}}；用 #{typed} 表示編號為 {typed} 的客戶。',
  'shell.log.notKeyValue': '「{word}」不是 鍵=值 的形式；請看 help',
  'shell.log.unknownKey': '「{key}」不是 log 的鍵；可用的鍵有 {keys}。未儲存任何內容。',
  'shell.log.twice': '{key} 重複指定了；每個鍵只能指定一次。未儲存任何內容。',
  'shell.form.optional': '{label}（選填）',
  'shell.form.oneLine': '（只能輸入一行；換行請輸入 \\n）',
  'shell.form.choose': '請輸入 1-{count}，或以下之一：{names}。',
  'shell.form.number': '{label}必須是數字，例如 1200.50。',
  'shell.form.atLeast': '{label}不能小於 {min}。',
  'shell.form.atMost': '{label}不能大於 {max}。',
  'shell.form.date':
    '{label}必須是像 2026-12-01 這樣的日期{why, select, month {（{value} 不是日期：月份必須是 01 到 12）} day {（{value} 不是日期：{month}只有 {days} 天）} other {}}。',
  'shell.form.tooLong': '{label}最多 {max} 個字元。',
  'shell.form.required': '{label}為必填項目。',
  'shell.row.overdue': '{days, plural, other {逾期 # 天}}',
  'shell.row.unclaimed': '未認領',
  'shell.row.owner': '負責人 {owner}',
  'shell.page': '第 {page} 頁，共 {pages} 頁',
  'shell.page.previous': '上一頁',
  'shell.page.next': '下一頁',
  'shell.image': '[圖片：{alt}]',
  'shell.menu.more': '更多：',
  'shell.post.thread': '[帳戶討論串] {name}',
  'shell.post.threadHead': '{name} 的通話與備註。',
  'shell.post.private': '@{name}（私訊）',
  'shell.post.inReply': '{where}，回覆',
  'shell.post.updated': '{where}，已更新',
  'shell.post.file': '[檔案已儲存：{path}]',
  // Slack（adapters/slack）。
  'slack.trouble': 'duebot 這邊出了問題；未做任何變更。請再試一次。',
  'slack.unposted': '已儲存，並已記入帳戶歷史，但 duebot 無法把它發到帳戶討論串。請告知您的 Slack 管理員。',
  'slack.loading': '載入中…',
  'slack.formTooOld': '這份表單已過期；請重新開啟。',
  'slack.modal.cancel': '取消',
  'slack.modal.close': '關閉',
  'slack.form.cannotGoOn': '這份表單無法從這裡繼續；請從卡片重新開啟。',
  'slack.form.notOpened': '表單未能及時開啟；請改用帳戶卡片上的*記錄通話*按鈕。',
  'slack.placed':
    ':warning: 已儲存。它發在{direct, select, yes {您與 duebot 的私訊中} other {{channel} 中該帳戶的討論串裡}}{linked, select, yes {（{link}）} other {}}。',
  'slack.placed.linkLabel': '{direct, select, yes {這裡} other {這個討論串}}',
  'slack.refused.notMember':
    'duebot 不是 {channel} 的成員，不能在那裡發訊息。請邀請 @duebot 加入 {channel}（`/invite @duebot`），或重新安裝 duebot，使其擁有 `chat:write.public` 權限。',
  'slack.refused.cannotSee':
    'duebot 看不到 {channel}：那是 duebot 未受邀加入的私人頻道或群組對話。請邀請 @duebot 加入（`/invite @duebot`），或在 SLACK_CHANNEL 中操作。',
  'slack.thread.fallback': '{name}：此帳戶的通話與備註',
  'slack.thread.head':
    ':file_folder: *{name}*{id, select, none {} other {（{id}）}}：此帳戶的通話與備註。在此討論串中回覆，即可在其歷史中新增備註。',
  // Teams（adapters/teams）。
  'teams.welcome':
    '您好，我是 *duebot*：我把逾期帳款的催收清單帶到團隊眼前。說 `overdue`（在頻道中：`@duebot overdue`）查看清單，說 `overdue help` 查看篩選條件。',
  'teams.file.size': '{unit, select, bytes {{n} 位元組} kb {{n} KB} other {{n} MB}}',
  'teams.file.meta':
    '{kind, select, pdf {PDF} other {{mime}}} · {size}{hasUntil, select, yes { · 連結有效期至 {until}} other {}}',
  'teams.file.open': '{kind, select, pdf {開啟 PDF} other {開啟檔案}}',
  'teams.file.unavailable':
    '{why, select, noPublicUrl {沒有 PDF 連結：未設定 DUEBOT_PUBLIC_URL（duebot 的 https 位址）。請在 duebot 伺服器上用 `duebot letter pdf {letterId} --out letter.pdf` 取得（終端機裡的函件副本也會儲存這個 PDF）。} noSecret {沒有 PDF 連結：未設定 DUEBOT_LINK_SECRET。請在 duebot 伺服器上用 `duebot letter pdf {letterId} --out letter.pdf` 取得（終端機裡的函件副本也會儲存這個 PDF）。} here {Teams 在此處無法接收 duebot 的這個檔案。} other {Teams 無法接收 duebot 的這個檔案。}}',
  'teams.pdf.onlyRead': '函件檔案只能讀取（GET）。',
  'teams.pdf.notEnabled': '此 duebot 未啟用函件連結（未設定 DUEBOT_PUBLIC_URL）。',
  'teams.pdf.noSuchFile': '沒有這個函件檔案。',
  'teams.pdf.incomplete': '此連結不完整（缺少簽章或有效期限），因此不顯示函件。',
  'teams.pdf.badSignature': '此連結無效（簽章不符），因此不顯示函件。',
  'teams.pdf.expired':
    '此連結已於 {date} 過期。請同事從 duebot 取得函件 #{letterId}（duebot letter pdf {letterId}）。',
  'teams.pdf.noStoredPdf': '函件 #{letterId} 沒有儲存的 PDF。',
  'teams.pdf.trouble': 'duebot 無法讀取函件檔案，請重試。',
  'teams.trouble': 'duebot 這邊出了問題；未做任何變更。請再試一次。',
  'teams.savedToHistory': '已記入該帳戶的歷史。',
  'teams.notUnderstood': '我看不懂「{text}」。',
  'teams.noAction': '這個按鈕沒有 duebot 認得的操作。',
  'teams.formGone': '這份表單已無法提交；請重新開啟。',
  'teams.answeredBelow': 'duebot 已在下方回覆。',
  'teams.posted': '已發布。',
  'teams.postedInThread': '已發到該帳戶的討論串。',
  'teams.done': '完成。',
  'teams.saved': '已儲存。',
  'teams.savedAnd': '{where, select, thread {已儲存並發到該帳戶的討論串：{text}} other {已儲存：{text}}}',
  'teams.field.required': '{label}為必填項目',
  'teams.dialog.tooLarge':
    '這份表單太大，Teams 對話方塊放不下（{size} KB；Teams 最多 {most} KB），因此無法在這裡顯示。未做任何變更；請告知您的 duebot 管理員。',
  'teams.file.uploadFailed': '檔案無法上傳；未做任何變更。',
  'teams.file.offerGone': '這次檔案上傳的邀請已失效；未上傳任何內容。',
  'teams.file.noUploadUrl': 'Teams 沒有提供檔案的上傳位址；未上傳任何內容。',
  'teams.thread.head':
    '此帳戶的通話與備註{id, select, none {} other {（{id}）}}。在這裡回覆並提及 duebot，即可在其歷史中新增備註。',
  'teams.thread.fallback': '{name}：此帳戶的通話與備註',
};
