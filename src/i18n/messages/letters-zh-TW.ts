import type { LettersCatalog } from './letters-en.ts';

/** 催款函、分期付款計畫、承諾付款、聯絡紀錄和呈報通知，繁體中文（併入 zh-TW.ts）。 */
export const lettersZhTW: LettersCatalog = {
  'letter.name.reminder': '友情提醒函',
  'letter.name.polite_reminder': '付款提醒函',
  'letter.name.formal_demand': '正式催款函',
  'letter.name.final_notice': '最後通知',
  'letter.name.lawyer_letter_request': '移交法律顧問通知',
  'letter.name.payment_plan': '分期付款確認函',
  'letter.name.call_summary': '通話紀要',
  'letter.name.missed_discount': '折扣失效通知',
  'letter.language': '{locale, select, en {英文} zh_CN {簡體中文} zh_TW {繁體中文} other {{locale}}}',

  'letter.form.title': '寄送催款函',
  'letter.chooser.submit': '預覽',
  'letter.chooser.option': '{template}（{step}，第 {day} 天）',
  'letter.chooser.label': '寄給{name}的函件',
  'letter.chooser.hint_suggested': '催收階梯建議今天給這個帳戶寄送 {template}。',
  'letter.chooser.hint_none': '催收階梯今天不建議寄函；如仍要寄送，請選擇一封。',
  'letter.chooser.unknown': '請從函件中選擇一封',
  'letter.preview.header': '寄給{customer}的{name}',
  'letter.preview.to': '收件人',
  'letter.preview.subject': '主旨',
  'letter.preview.language': '語言',
  'letter.preview.delivery': '寄送方式',
  'letter.preview.approval': '核准',
  'letter.preview.no_email': '沒有電子郵件信箱：{problem}',
  'letter.preview.delivery_email': '電子郵件，附 PDF；副本發到帳戶討論串',
  'letter.preview.delivery_none': '未設定：不會寄送電子郵件，PDF 會放在帳戶討論串裡，由您手動寄出',
  'letter.preview.approval_needed': '需要另一位同仁核准後才會寄出',
  'letter.preview.call_summary': 'PB-23：每次通話後，客戶都會收到書面的約定內容。每次通話只寄一次。',
  'letter.preview.suggested': '催收階梯建議今天給這個帳戶寄送這封函。',
  'letter.preview.chosen': '這封函是您選的；催收階梯今天建議的是另一封（或不寄）。',
  'letter.preview.fallback': '預覽：{subject}',
  'letter.preview.submit_approval': '申請核准',
  'letter.preview.submit_send': '寄送',
  'letter.preview.submit_pdf': '產生 PDF',
  'letter.summary.offer': '寄送通話紀要',

  'letter.reject.question': '駁回寄給{customer}的{name}？',
  'letter.reject.title': '駁回函件',
  'letter.reject.yes': '駁回',
  'letter.resend.title': '重新寄送函件',
  'letter.resend.yes': '重新寄送',
  'letter.resend.question':
    '重新把{name}寄給{recipient, select, none {客戶} other {{recipient}}}？只有在寄件備份裡找不到它時才這樣做。',
  'letter.approve.button': '核准',
  'letter.mark_sent.button': '標記為已寄送',

  'letter.sent.text': '*{actor}* 已透過電子郵件把 *{name}* 寄給{customer}：{recipient}',
  'letter.sent.fallback': '{actor} 已把{name}寄給{customer}',
  'letter.sent.context': '「{subject}」 · 郵件 ID {messageId} · 函件 #{id}',
  'letter.not_sent.text':
    '*未寄送：*{actor} 為{customer}準備了 *{name}*，但未設定電子郵件寄送（SMTP_URL 和 LETTER_FROM），所以沒有寄出任何郵件。請手動寄出附件中的 PDF{email, select, none {} other {，收件人 {email}}}。',
  'letter.not_sent.fallback': '未寄送：給{customer}的{name}已備好，請手動寄出',
  'letter.subject.context': '「{subject}」 · 函件 #{id}',
  'letter.approval.text':
    '*{actor}* 申請把 *{name}* 寄給{customer}（{to}）。只有在 {actor} 以外的同仁核准後才會寄出。',
  'letter.approval.context': '「{subject}」 · 函件 #{id}（終端機中：approve {id} 或 reject {id}）',
  'letter.approval.fallback': '{actor} 申請核准寄給{customer}的{name}',
  'letter.rejected':
    '*{actor}* 駁回了{requester, select, none {某位同仁} other {{requester}}}申請的 *{name}*（函件 #{id}），它不會被寄出。',

  'letter.exists.summary_sent':
    '這次通話的紀要已經寄給{recipient, select, none {客戶} other {{recipient}}}（{at}，由{who, select, none {某位同仁} other {{who}}}寄送）；每次通話只寄一次，所以沒有再寄。',
  'letter.exists.sent':
    '*{name}* 今天已經寄給{recipient, select, none {客戶} other {{recipient}}}（{at}，由{who, select, none {某位同仁} other {{who}}}寄送）；每天只寄一次，所以沒有再寄。',
  'letter.exists.sent_context': '郵件 ID {messageId} · 函件 #{id}',
  'letter.exists.awaiting':
    '{who, select, none {某位同仁} other {{who}}}今天已經申請寄送 *{name}*，正在等待核准（函件 #{id}）。',
  'letter.exists.sending':
    '*{name}* 正在寄送中（{at} 由{who, select, none {某位同仁} other {{who}}}發起）；不會重複寄送。',
  'letter.exists.uncertain':
    '今天的 *{name}* 可能已經寄給{recipient, select, none {客戶} other {{recipient}}}，也可能沒有（{who, select, none {某位同仁} other {{who}}}於 {at} 申請）；系統絕不會自行重寄。請在信箱中搜尋郵件 ID {messageId, select, none {（未記錄）} other {{messageId}}}，然後作出選擇。',
  'letter.exists.not_sent':
    '{who, select, none {某位同仁} other {{who}}}今天已經準備了 *{name}*（{at}）；PDF 在帳戶討論串中，尚未寄送：{error}。',
  'letter.exists.other':
    '今天的 *{name}* 狀態為{status, select, sent {已寄送} awaiting_approval {等待核准} sending {寄送中} uncertain {不確定是否已寄出} not_sent {未寄送} failed {寄送失敗} rejected {已駁回} queued {排隊等待寄送} other {{status}}}（函件 #{id}）。',
  'letter.letter_id': '函件 #{id}',
  'letter.failed.recorded': '沒有寄送任何內容。失敗已記錄在帳戶歷史中。',
  'letter.failed.not_stored': '沒有寄送，也沒有儲存任何內容。',

  'letter.uncertain.cause_lost':
    '沒有收到郵件伺服器的回應（{detail}），所以 duebot 不知道對方是否收下了這封函。',
  'letter.uncertain.cause_stopped':
    'duebot 在把函件交給郵件伺服器時停止了（申請時間 {since}），所以不知道結果。',
  'letter.uncertain.headline': '*寄給{customer}的{name}可能已經寄出，也可能沒有。*{cause}系統沒有自行重寄。',
  'letter.uncertain.search_id':
    '請在寄件備份中搜尋（或請郵件管理員搜尋）Message-ID {messageId}。找到了：*標記為已寄送*。沒找到：*重新寄送*（同一封郵件，只寄一次）。',
  'letter.uncertain.search_subject':
    '沒有記錄它的 Message-ID；請依主旨在寄件備份中搜尋。找到了：*標記為已寄送*。沒找到：*重新寄送*（同一封郵件，只寄一次）。',
  'letter.uncertain.not_recorded': '未記錄',
  'letter.uncertain.letter': '函件',
  'letter.uncertain.shell': '終端機中：mark-sent {id} 或 send-again {id}。',
  'letter.uncertain.fallback': '寄給{customer}的{name}可能已經寄出，也可能沒有：請核實並決定',
  'letter.marked_sent.text':
    '*{by}* 在信箱中找到了 *{name}*，並將其標記為已寄給{recipient, select, none {客戶} other {{recipient}}}；沒有再寄送郵件。',
  'letter.marked_sent.fallback': '{by} 已將{name}標記為已寄送',

  'letter.error.no_account': '帳戶 #{id} 已不存在；可能已經結清並被移除。',
  'letter.error.no_letter_today':
    '催收階梯今天不要求寄函給這個帳戶（{reason}）；如仍要寄送，請指定一封：{templates}。',
  'letter.error.not_a_template': '「{template}」不是函件範本名稱。',
  'letter.error.no_call': '這個按鈕沒有指明通話；請開啟帳戶並先記錄通話。',
  'letter.error.not_a_call':
    '通話 #{call} 不是帳戶 #{id} 上記錄的通話；沒有寄送任何內容。請開啟帳戶卡片，從那裡寄送紀要。',
  'letter.error.not_a_call_sent': '通話 #{call} 不是帳戶 #{id} 上記錄的通話；沒有寄送任何內容。',
  'letter.error.no_template': '這個函件表單沒有指明範本；請重新開啟「寄送催款函」。',
  'letter.error.no_letter_named': '這個按鈕沒有指明函件。',
  'letter.error.no_letter': '沒有函件 #{id}。',
  'letter.confirm.cancelled': '已取消：未做任何變更。',

  'plan.offer.context': '資金週轉困難：提議分期付款計畫（PB-19、PB-17）。',
  'plan.offer.button': '提議分期付款計畫',
  'plan.form.title': '分期付款計畫',
  'plan.form.title_renegotiate': '重新協商計畫',
  'plan.currency.submit': '下一步',
  'plan.currency.label': '{name}的計畫幣別',
  'plan.form.submit': '預覽',
  'plan.form.amount': '第 {no} 期金額',
  'plan.form.date': '第 {no} 期日期',
  'plan.form.amount_hint': '幣別 {currency}；期數較少時留空多餘的行',
  'plan.form.intro':
    '*{name}*：未收且無爭議金額 {open}。各期金額之和必須等於該金額，日期從今天起依次排列（PB-17：預設分三期，首期 30%）。{replaces, select, none {} other {新計畫將取代計畫 #{replaces}；已付的分期計入未收金額。}}',
  'plan.installment_line': '{no}. {date} · {amount}',
  'plan.preview.letter_to':
    '同時，分期付款確認函將寄給{recipient, select, none {無人（沒有可用的應付帳款信箱：由您手動寄出）} other {{recipient}}}：',
  'plan.preview.no_letter': '無法隨附函件：{problem}。',
  'plan.preview.unknown_reason': '原因不明',
  'plan.preview.submit': '客戶已同意',
  'plan.preview.header': '{name}的分期付款計畫',
  'plan.preview.total': '{total}，分 {count} 期：',
  'plan.preview.context': '客戶同意後提交：計畫即被記錄，每一期都會像承諾付款一樣追蹤（PB-17、PB-20）。',
  'plan.preview.fallback': '{name}的分期付款計畫：{total}',
  'plan.recorded.text':
    '*{who}* {replaced, select, none {記錄了} other {把計畫 #{replaced} 重新協商為}}與{name}的分期付款計畫 #{planId}：{total}，分 {count} 期（PB-17）。',
  'plan.recorded.fallback':
    '{who} {replaced, select, none {記錄了} other {把計畫 #{replaced} 重新協商為}}與{name}的分期付款計畫',
  'plan.recorded.letter': '分期付款確認函：',
  'plan.cancel.question': '取消{name}的分期付款計畫 #{planId}？其未付的分期將不再追蹤；計畫仍保留在歷史中。',
  'plan.cancel.title': '取消分期付款計畫',
  'plan.cancel.yes': '取消計畫',
  'plan.cancelled': '*{who}* 取消了{name}的分期付款計畫 #{planId}（PB-17）。',
  'plan.letter.exists': '這個計畫的分期付款確認函 #{id} 已經寄出；不會重複寄送。',
  'plan.letter.failed': '分期付款確認函未寄送：{problem}',
  'plan.letter.uncertain': '分期付款確認函可能沒有寄出（{detail}）；請檢查函件 #{id}。',
  'plan.error.no_account': '帳戶 #{id} 已不存在；可能已經結清。',
  'plan.error.nothing_open': '{name}沒有未收且無爭議的金額可以做分期付款計畫。',
  'plan.error.nothing_in_currency': '{name}沒有以 {currency} 計的未收款項。',
  'plan.error.choose_currency': '請從以下幣別中選擇：{currencies, select, none {無} other {{currencies}}}',
  'plan.error.no_plan_named': '這個表單沒有指明計畫；請重新開啟「分期付款計畫」。',
  'plan.error.no_plan_button': '這個按鈕沒有指明計畫。',
  'plan.error.inactive': '計畫 #{planId} 已不再生效；無需取消。',
  'plan.error.no_active_plan': '這個帳戶沒有生效中的分期付款計畫。',
  'plan.error.several': '這個帳戶有 {count} 個生效中的計畫（{currencies}）；請在帳戶卡片上取消其中一個。',

  'promise.line':
    '{kind, select, installment {計畫 #{planId} 第 {no} 期} other {承諾付款}}：{date}前 {amount}{status, select, broken { · _已違約_} partial { · _部分兌現_} other {}}',
  'promise.mark_kept': '標記為已兌現',
  'promise.mark_kept_nth': '標記為已兌現（{n}）',
  'promise.form.title': '承諾已兌現',
  'promise.form.label': '兌現依據',
  'promise.form.hint': '款項入帳前證明已收到的憑據：銀行水單、匯款通知',
  'promise.form.intro': '*{name}*：{line}。手動標記為已兌現（PB-20）？',
  'promise.error.no_account': '帳戶 #{id} 已不存在；可能已經結清。',
  'promise.error.gone': '這筆承諾付款已不再是未到期或已違約狀態；無需標記。',
  'promise.error.none': '這個帳戶沒有可標記為已兌現的未到期或已違約承諾付款。',
  'promise.error.several':
    '這個帳戶有 {count} 筆未到期或已違約的承諾付款；請使用卡片上對應那一筆旁邊的「標記為已兌現」：',
  'promise.error.no_promise_named': '這個表單沒有指明承諾付款；請重新點選「標記為已兌現」。',
  'promise.kept': '*{who}* 手動標記為已兌現（PB-20）：{line}。',
  'promise.missed.installment':
    '*分期逾期未付：{name}* 應在{date}前支付分期付款計畫 #{planId} 第 {no} 期 {amount}；{paid, select, nothing {分文未到} other {僅入帳 {paid}}}。',
  'promise.missed.promise':
    '*承諾付款違約：{name}* 承諾在{date}前支付 {amount}；{paid, select, nothing {分文未到} other {僅入帳 {paid}}}。',
  'promise.missed.manager':
    '您是負責人的主管，該帳戶已呈報給您（PB-14）；負責人：{owner, select, none {無} other {{owner}}}。',
  'promise.missed.thread':
    '該帳戶已呈報（PB-14）：已私下通知負責人{owner, select, none {（無）} other {{owner}}}和{managers, select, none {（無經理）} other {{managers}}}。{owner, select, none {這個帳戶沒有負責人：請認領。} other {}}',
  'promise.missed.owner':
    '該帳戶已呈報（PB-14）。請今天致電，要求客戶給出具體付款日期（PB-19）。{owner, select, none {這個帳戶沒有負責人：請認領。} other {}}',
  'promise.missed.fallback':
    '{kind, select, installment {分期逾期未付} other {承諾付款違約}}：{name}，{date}前 {amount}',

  'log.form.title': '記錄聯絡：{name}',
  'log.form.submit': '儲存',
  'log.form.channel': '方式',
  'log.channel': '{channel, select, call {電話} email {電子郵件} visit {拜訪} note {備註} other {{channel}}}',
  'log.form.result': '結果',
  'log.result':
    '{result, select, reached {已聯絡上} no_answer {無人接聽} voicemail {語音信箱} promised {承諾付款} in_process {稱付款正在處理中} disputed {有爭議} refused {拒絕付款} paid {已付款} wrong_contact {聯絡人有誤} cash_flow {資金週轉困難（提議分期）} other {{result}}}',
  'log.form.notes': '備註',
  'log.form.notes_hint': '客戶說了什麼；誰在何時之前做什麼',
  'log.form.promise_date': '承諾付款日期',
  'log.form.promise_date_hint': '請客戶給出具體日期：「週三還是週五？」（PB-19）',
  'log.form.promise_amount': '承諾付款金額',
  'log.form.amount_hint_currency': '以 {currency} 計的金額，例如 12,500.00、12.5k 或 5萬',
  'log.form.amount_hint': '金額，例如 12,500.00、12.5k 或 5萬',
  'log.form.currency': '承諾付款幣別',
  'log.form.invoices': '相關發票',
  'log.form.invoices_hint': '承諾付款或爭議涉及的發票，例如 {examples}',
  'log.form.after_sales': '售後聯絡人',
  'log.form.after_sales_hint': '有爭議時：由誰追蹤處理（PB-19）',
  'log.form.next_follow_up': '下次追蹤',
  'log.error.fix_fields': '請更正標出的欄位。',
  'log.error.choose_one': '請從以下選項中選擇：{choices}',
  'log.error.too_long': '最多 {max, number} 個字元',
  'log.error.currency_code': '請輸入幣別代碼，例如 CNY',
  'log.error.date_format': '請依 YYYY-MM-DD 格式輸入日期',
  'log.error.date_month': '{value} 不是有效日期：月份必須在 01 到 12 之間',
  'log.error.date_days': '{value} 不是有效日期：{year}年{month}月只有 {days} 天',
  'log.error.promise_date_required': '承諾付款日期必須填寫：請問客戶「週三還是週五？」（PB-19）',
  'log.error.promise_amount_required': '承諾付款必須填寫',
  'log.error.invoices_required': '請寫明有爭議的發票（PB-21）',
  'log.error.notes_required': '請說明客戶對什麼有爭議',
  'log.error.no_account': '沒有帳戶 #{id}。',
  'log.error.unknown_invoices': '以下不是這個帳戶的未結發票：{invoices}',
  'log.error.today_or_later': '請填寫今天（{today}）或之後的日期',
  'log.error.promise_too_far': '最多 {days} 天之後（{latest}）；更長的安排應做成分期付款計畫（PB-17）',
  'log.error.choose_currency':
    '這個帳戶的未結款項幣別為 {currencies, select, none {（無）} other {{currencies}}}；請選擇一種',
  'log.error.nothing_in_currency': '沒有以 {currency} 計的未結款項',
  'log.error.not_an_amount': '請輸入以 {currency} 計的金額，例如 12,500.00、12.5k 或 5萬',
  'log.error.more_than_open': '超過了所選發票的未結金額 {open}',
  'log.error.year_ahead': '最多一年之後（{latest}）',

  'escalation.headline': '*已呈報：{name}*：{reason}（PB-14）。',
  'escalation.reason.in_process':
    '{times, plural, =1 {一次} =2 {兩次} other {# 次}}稱「正在處理」，卻沒有具體步驟',
  'escalation.manager':
    '您是負責人的主管，此事已呈報給您；負責人：{owner, select, none {無} other {{owner}}}。',
  'escalation.owner': '請今天致電，要求客戶給出具體步驟和日期（PB-19）。',
  'escalation.fallback': '已呈報：{name}',
  'escalation.account': '帳戶 #{id}',
  'escalation.told_owner': '{name}（負責人）',
  'escalation.key_account':
    '*重點帳戶：{name}* 已逾期 {days} 天（PB-06：逾期 {limit} 天即為無例外的重點帳戶）。',
  'escalation.key_account_owner': '負責人：{owner, select, none {無，請指派} other {{owner}}}（PB-14）。',
  'escalation.key_account_fallback': '重點帳戶：{name}，已逾期 {days} 天',
  'letter.refused.ownApproval': '這封函件是您申請的，須由另一人核准；第二人核准可避免誤寄函件。',
  'letter.refused.notAwaiting':
    '{letter} #{id} 已不在等待核准：目前狀態為{status, select, sent {已寄出} awaiting_approval {待核准} sending {正在寄送} uncertain {寄送結果不明} not_sent {未寄出} failed {失敗} rejected {已駁回} queued {排隊等待寄出} cancelled {已取消} other {{status}}}{hasBy, select, yes {（由 {by} 決定）} other {}}。',
  'letter.refused.notQueued':
    '{letter} #{id} 不在等待寄出：目前狀態為{status, select, sent {已寄出} awaiting_approval {待核准} sending {正在寄送} uncertain {寄送結果不明} not_sent {未寄出} failed {失敗} rejected {已駁回} queued {排隊等待寄出} cancelled {已取消} other {{status}}}。未做任何變更。',
  'letter.refused.notUncertain':
    '{letter} #{id} 的寄送結果已經確定：目前狀態為{status, select, sent {已寄出} awaiting_approval {待核准} sending {正在寄送} uncertain {寄送結果不明} not_sent {未寄出} failed {失敗} rejected {已駁回} queued {排隊等待寄出} cancelled {已取消} other {{status}}}{status, select, sent {，收件人 {hasRecipient, select, yes {{recipient}} other {客戶}}（郵件 ID {messageId}）} sending {，正在重新寄送} other {}}。未做任何變更。',
  'letter.refused.noRecord': '函件 #{id} 沒有記錄收件人或 Message-ID，無法標記為已寄出；請改為重新寄送。',
  'letter.refused.outsideWindow':
    '未重新寄送：現在不在客戶的聯絡時段內（PB-24）。請於客戶當地時間 {time}（{zone}）起再寄送；未做任何變更。',
  'letter.cannot.callNotOnAccount': '通話 #{id} 不是本帳戶記錄的通話，無從寫成紀要。',
  'letter.cannot.noCall': '本帳戶尚未記錄任何通話；請先記錄通話，再寄送通話紀要（PB-23）。',
  'letter.cannot.noDiscount': '本帳戶沒有錯過任何提前付款折扣，無需通知客戶（PB-18）。',
  'letter.cannot.pausedAndDisputed': '部分未結款項已暫停催收，其餘皆有爭議，因此不寄催款函；請先恢復催收。',
  'letter.cannot.nothingOpen': '本帳戶沒有無爭議的未結款項，沒有可催收的內容。',
  'letter.notSent': '未寄送：{problem}',
  'plan.invalid': '付款計畫有欄位填寫有誤。',
  'plan.field.noAmount': '第 {n} 期填了日期但沒有金額',
  'plan.field.noDate': '第 {n} 期填了金額但沒有日期',
  'plan.field.badAmount': '{currency} 金額，例如 12,500.00 或 12.5k',
  'plan.field.past': '須為今天（{today}）或之後，不能是過去的日期',
  'plan.field.order': '須晚於上一期（{previous}）：日期須依序排列',
  'plan.field.none': '付款計畫至少需要一期',
  'plan.field.sum': '各期合計 {sum}；未結金額為 {open}',
  'promise.error.keptWhy': '請說明為何視為已兌現。',
  'promise.field.keptWhy': '必填：證明款項已到的憑據（銀行水單、匯款通知）',
  'promise.error.noteTooLong': '備註過長。',
  'promise.field.atMost': '最多 {max, number} 個字元',
  'promise.error.notOpen': '所選發票中有的不是該帳戶未結且無爭議的發票。',
  'promise.field.chooseAmong': '請從以下發票中選擇：{invoices, select, none {無} other {{invoices}}}',
  'promise.error.noInvoices': '該帳戶沒有可承諾付款的 {currency} 未結發票。',
  'promise.field.noInvoices': '沒有 {currency} 未結發票',
  'plan.error.staleNew':
    '其間已有人為該帳戶記錄了 {currency} 付款計畫；未做任何變更。請重新開啟付款計畫以重新協商。',
  'plan.error.noPlan': '該帳戶沒有付款計畫 #{planId}。',
  'plan.error.alreadyAgreed':
    '付款計畫 #{planId} {status, select, active {已記錄} completed {已完成} broken {已違約} cancelled {已取消} renegotiated {已被另一計畫取代} withdrawn {已撤回} other {已結束}}；未再做任何變更。',
  'plan.error.alreadyEnded':
    '付款計畫 #{planId} {status, select, active {生效中} completed {已完成} broken {已違約} cancelled {已取消} renegotiated {已被另一計畫取代} withdrawn {已撤回} other {已結束}}；未做任何變更。',
  'plan.error.openChanged':
    '提出付款計畫後，{currency} 未結金額已變化（現為 {open}）；未記錄任何內容。請重新提出付款計畫。',
  'plan.error.firstPast': '付款計畫的第一期（{date}）現已過期；請重新提出。',
  'plan.error.staleOld':
    '自您開啟後，付款計畫 #{planId} 已被他人變更（取消或重新協商）；未做任何變更。請重新開啟付款計畫。',
  'promise.error.already':
    '這筆承諾付款已{status, select, kept {兌現} broken {違約} partial {部分兌現} cancelled {取消} other {結束}}；未做任何變更。',
  'promise.error.notHere': '該帳戶沒有承諾付款 #{promiseId}。',
  'plan.error.nothingOpen': '此帳戶沒有 {currency} 未結款項可列入付款計畫。',
};
