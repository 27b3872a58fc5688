import type { CardCatalog } from './card-en.ts';

/** 帳戶卡片、歷史紀錄、點選前後的提示與拒絕，繁體中文（併入 zh-TW.ts）。 */
export const cardZhTW: CardCatalog = {
  'card.state.disputed': '自{since}起有爭議',
  'card.state.disputedFlag': '有爭議',
  'card.state.paused': '{scope, select, account {帳戶已暫停催收} other {已暫停催收}}',
  'card.state.pausedUntil': '{scope, select, account {帳戶暫停催收至{until}} other {暫停催收至{until}}}',
  'card.state.plan': '在付款計畫 #{planId} 中',
  'card.state.planNext': '在付款計畫 #{planId} 中，下一期{next}',
  'card.state.promised': '承諾於{date}前付款 {amount}',
  'card.due.status':
    '{state, select, overdue {逾期 {days, plural, other {# 天}}} today {今天到期} tomorrow {明天到期} other {{days, plural, other {# 天}}後到期}}',
  'card.item.line': '*{number}* · {due}到期 · {status} · {amount}',
  'card.item.interest': '利息 {amount}',
  'card.items.none': '沒有未結發票。',
  'card.items.more': '{count, plural, other {另有 # 張發票}}',
  'card.settled.title': '近期已結清：',
  'card.settled.line': '*{number}* · {due}到期 · {paid}結清 · {amount}',
  'card.field.open': '未收金額',
  'card.field.daysOverdue': '逾期天數',
  'card.field.interest': '逾期利息',
  'card.field.grade': '信用等級',
  'card.field.owner': '負責人',
  'card.field.ladder': '催收階梯',
  'card.field.next': '下一步',
  'card.field.lastContact': '最近聯絡',
  'card.field.apContact': '付款聯絡人',
  'card.field.salesRep': '業務代表',
  'card.nothing': '無',
  'card.none': '無',
  'card.unclaimed': '未認領',
  'card.someone': '某人',
  'card.daysOverdue.value': '{days}（{total, plural, other {# 張發票}}中 {overdue} 張逾期）',
  'card.interest.value': '{amounts}，日利率 {rate}（PB-16）',
  'card.grade.value': '{grade}：{reason}',
  'card.next.value': '{late, select, yes {{action}，自{date}起已延誤} other {{action}，{date}前}}',
  'card.lastContact.none': '尚無',
  'card.lastContact.value':
    '{date}，{who}：{channel, select, call {電話} email {郵件} visit {拜訪} note {備註} other {聯絡}} {result, select, reached {已聯絡上} no_answer {無人接聽} voicemail {語音留言} promised {承諾付款} in_process {正在處理} disputed {有爭議} refused {拒絕付款} paid {已付款} wrong_contact {聯絡人有誤} cash_flow {資金緊張} other {已記錄}}',
  'card.apContact.missing': '缺少：請在帳務系統中補充',
  'card.flag.keyAccount': '*重點帳戶*：逾期 {days, plural, other {# 天}}，列為重點帳戶（PB-06）',
  'card.flag.keyAccountNoException':
    '*重點帳戶*：逾期 {days, plural, other {# 天}}，逾期 {from} 天起一律列為重點帳戶，不得豁免（PB-06）',
  'card.flag.creditHold': '*信用凍結*：{reason}',
  'card.flag.blacklisted': '*黑名單*：{reason}',
  'card.grade.why':
    '{grade}：{rule, select, late {{considered, plural, other {# 張發票}}中有 {late} 張{open, select, none {付款晚於到期日 {tolerance} 天以上} all {逾期 {tolerance} 天以上仍未付} other {付款晚於到期日 {tolerance} 天以上或仍未付}}} worst {有一張發票逾期達 {days} 天} new {自 {since} 起的新客戶，尚無遲付} few {僅有 {considered, plural, other {# 張發票}}可供判斷，均未遲付} other {全部 {considered, plural, other {# 張發票}}均在到期後 {tolerance} 天內付款}}',
  'card.flag.creditHoldWhy':
    '*信用凍結*：{months} 每月{monthEnd, select, yes {月底的逾期發票} other {逾期 {minDays} 天以上的發票}}均達 {perMonth} 張以上；{invoices} {count, plural, other {結清前}}持續凍結（PB-10）',
  'card.flag.blacklistUnpaid': '*黑名單*：{invoice} 逾期 {days} 天仍未付（PB-11）',
  'card.flag.blacklistIncidents': '*黑名單*：{count} 張發票逾期超過 {days} 天（{invoices}）（PB-11）',
  'card.flag.missedPromises': '未兌現的付款承諾：{dates}',
  'card.handedOver':
    '*已於 {on} 移交 {agency}*（PB-30）：內部催收 {days} 天、嘗試聯絡 {attempts} 次後移交 {amounts}；內部催收已停止',
  'card.inCollection':
    '*已進入催收程序*（PB-05）：逾期 {days} 天{owned, select, yes {} other {；尚無負責人，請認領}}',
  'card.sevens.line': '7-7-7（PB-13）：{first} · {tries} · {resolve}',
  'card.sevens.noContact': '{late, select, yes {尚未聯絡（應在 {days} 天內聯絡）} other {尚未聯絡}}',
  'card.sevens.firstContact':
    '{late, select, yes {第 {day} 天首次聯絡（延誤：應在 {days} 天內）} other {第 {day} 天首次聯絡}}',
  'card.sevens.attemptsDone':
    '{weeks} 週內聯絡 {attempts} 次，目標 {wanted} 次{short, select, yes {（不足）} other {}}',
  'card.sevens.attemptsRunning': '已聯絡 {attempts} 次，目標 {wanted} 次，第 {week} 週（共 {weeks} 週）',
  'card.sevens.unresolved': '超過 {months} 個月（{by}）仍未解決，已超出 {days} 天',
  'card.sevens.resolveBy': '解決期限第 {day} 天，共 {allowed} 天（{months} 個月，{by}前）',
  'card.dispute.line': '爭議 #{id}，自{since}起，涉及 {invoices}：{reason}',
  'card.dispute.lineContact': '爭議 #{id}，自{since}起，涉及 {invoices}：{reason} · 售後：{contact}',
  'card.button.claim': '認領',
  'card.button.log': '記錄通話',
  'card.button.letter': '寄送函件',
  'card.button.history': '歷史',
  'card.button.release': '釋放',
  'card.button.reassign': '轉交',
  'card.button.dispute': '爭議',
  'card.button.resolve': '解決爭議',
  'card.button.pause': '暫停',
  'card.button.unpause': '恢復催收',
  'card.button.terms': '帳戶條款',
  'card.button.handOver': '移交催收機構',
  'card.button.plan': '付款計畫',
  'card.button.renegotiatePlan': '{several, select, yes {重新協商 {currency} 計畫} other {重新協商計畫}}',
  'card.button.cancelPlan': '{several, select, yes {取消 {currency} 計畫} other {取消計畫}}',
  'card.footer': '客戶 {id} · 評估於 {assessed}',
  'card.footer.owned': '客戶 {id} · 評估於 {assessed} · 由 {owner} 認領',
  'card.fallback': '{name}：未收 {total}，逾期 {days} 天',
  'card.record.none': '*付款紀錄*：尚無已付發票。',
  'card.record.summary':
    '*付款紀錄*：已付 {paid} 張，其中 {late} 張遲付{all, select, no {，顯示最近 {shown} 張} other {}}',
  'card.record.paidLine':
    '{number} · {amount} · {due}到期 · {paid}付款 · {late, plural, =0 {按時} other {遲付 # 天}}',
  'card.promises.none': '付款承諾：尚無結果。',
  'card.promises.summary': '*付款承諾*：兌現 {kept} 次，部分兌現 {partial} 次，未兌現 {broken} 次',
  'card.promises.line':
    '{what, select, installment {分期} other {承諾}} {amount}，{date}前：{status, select, kept {已兌現} broken {未兌現} other {部分兌現}}',
  'card.promises.linePartial':
    '{what, select, installment {分期} other {承諾}} {amount}，{date}前：部分兌現（已付 {paid}）',
  'card.age':
    '{unit, select, now {不到一分鐘} minutes {{n} 分鐘} hours {{n} 小時} other {{n, plural, other {# 天}}}}',
  'card.stale.why':
    '{why, select, unreachable {無法連線至帳務資料庫} mapping {帳務對應查詢失敗} other {帳務同步失敗} none {此後沒有完成過同步}}',
  'card.stale.line': '帳務資料最後讀取於 {age}前：{why}。',
  'card.stale.lineNever': '從未讀取帳務資料：{why}。',
  'card.outage.text':
    '*duebot 無法讀取帳務資料*：{why}。清單、卡片和晨報顯示的是 {at}（{age}前）讀取的資料，並會註明。duebot 會繼續嘗試，恢復讀取後會在這裡告知。',
  'card.outage.textNever':
    '*duebot 無法讀取帳務資料*：{why}。清單、卡片和晨報沒有可用的資料，並會註明。duebot 會繼續嘗試，恢復讀取後會在這裡告知。',
  'card.outage.details': '詳情：在伺服器上執行 `duebot doctor`，或呼叫 GET /healthz。',
  'card.outage.fallback': 'duebot 無法讀取帳務資料：{why}',
  'card.recovered.text': '*duebot 已恢復讀取帳務資料*（{at}，中斷 {age}）。清單、卡片和晨報已是最新。',
  'card.recovered.fallback': 'duebot 已恢復讀取帳務資料',
  'card.history.title': '歷史紀錄：{name}',
  'card.history.pastLast': '沒有第 {asked} 頁：歷史紀錄共 {pages, plural, other {# 頁}}。以下是最早的一頁。',
  'card.history.empty': '尚無紀錄。',
  'card.history.entries': '第 {first}-{last} 筆，共 {total} 筆，最新的在前',
  'card.history.newer': '較新',
  'card.history.older': '較早',
  'card.history.outcome':
    '{who} 記錄了{channel, select, call {一次電話} email {一封郵件} visit {一次拜訪} note {一則備註} other {一次{channelText}}}：{result, select, reached {已聯絡上} no_answer {無人接聽} voicemail {語音留言} promised {承諾付款} in_process {正在處理} disputed {有爭議} refused {拒絕付款} paid {已付款} wrong_contact {聯絡人有誤} cash_flow {資金緊張} other {{resultText}}}{promised, select, yes { {amount}，{date}前} other {}}{hasFollowUp, select, yes {；{followUp} 追蹤} other {}}{hasNotes, select, yes { —「{notes}」} other {}}',
  'card.history.note': '{who} 備註：「{notes}」',
  'card.history.claimed': '{who} 認領了該帳戶',
  'card.history.released':
    '{hasFrom, select, yes {{who} 釋放了該帳戶（原負責人 {from}）} other {{who} 釋放了該帳戶}}',
  'card.history.reassigned':
    '{hasFrom, select, yes {{who} 把該帳戶從 {from} 轉交給 {to}} other {{who} 把無人負責的該帳戶轉交給 {to}}}',
  'card.history.promiseOutcome':
    '{amount} 的付款承諾{outcome, select, kept {已兌現} partial {部分兌現} other {未兌現}}：已付 {paid}',
  'card.history.escalated': '已呈報：{reason}',
  'card.history.escalatedWhy':
    '已呈報：{cause, select, stalled {{times, plural, =1 {一次} =2 {兩次} other {# 次}}答覆「正在處理」卻沒有具體進展（PB-14）} promise {承諾 {date} 前付款，{status, select, broken {未兌現} other {僅部分兌現}}（PB-20）} other {重點帳戶已逾期 {days} 天（PB-06）；已通知經理}}',
  'card.history.ownerTold':
    '{who} 已通知 {told}{cause, select, stalled {：{times, plural, =1 {一次} =2 {兩次} other {# 次}}答覆「正在處理」卻沒有具體進展（PB-14）} promise {：承諾 {date} 前付款，{status, select, broken {未兌現} other {僅部分兌現}}（PB-20）} other {}}',
  'card.history.planCancelled':
    '{who} 取消了付款計畫 #{planId}{count, plural, =0 {} other {（取消未付的 # 期）}}',
  'card.history.meetingDecision':
    '{who} 在 {meeting} 信用會議上決定：{decision}{hasPrevious, select, yes {（原為 {previous}）} other {}}',
  'card.history.toldNobody': '無人',
  'card.history.disputeOpened':
    '{hasContact, select, yes {{who} 就 {invoices} 提出爭議 #{id}：{reason}（售後：{contact}）} other {{who} 就 {invoices} 提出爭議 #{id}：{reason}}}',
  'card.history.disputeResolved':
    '{who} 解決了爭議 #{id}{hasInvoices, select, yes {（{invoices}）} other {}}：{outcome, select, upheld_credit_note {爭議成立，開立折讓單} rejected_collect {駁回爭議，繼續催收} withdrawn {客戶撤回} partially_credited {爭議部分成立，開立部分折讓單} other {{outcomeText}}}{hasNote, select, yes {，理由：{note}} other {}}',
  'card.history.disputeRaised':
    '{hasOwner, select, yes {爭議 #{id} 已持續 {days} 天：已呈報給 {owner}} other {爭議 #{id} 已持續 {days} 天：已呈報給團隊}}',
  'card.history.planCreated': '{who} 商定了 {amount} 的付款計畫，分 {count} 期',
  'card.history.paused':
    '{who} 暫停了催收{hasInvoices, select, yes {（{invoices}）} other {}}{hasUntil, select, yes {，至 {until}} other {}}：{reason}',
  'card.history.pauseLifted': '{who} 恢復了催收',
  'card.history.pauseEnded': '至 {until} 的暫停已結束；恢復催收',
  'card.history.letterRequested':
    '{who} 申請寄送{template}（{status, select, requested {已申請} sending {寄送中} queued {排隊中} awaiting_approval {待核准} other {{statusText}}}）',
  'card.history.letterSent':
    '{who} 已將{template}（{locale}）寄送給 {recipient}：「{subject}」，郵件編號 {messageId}',
  'card.history.noSmtp': '未設定電子郵件寄送（SMTP_URL 和 LETTER_FROM）',
  'card.history.letterPrepared': '{who} 準備了{template}（{locale}），未寄送：{reason}',
  'card.history.letterFailed':
    '{hasRecipient, select, yes {{who} 的{template}（{locale}）寄送給 {recipient} 失敗：{error}} other {{who} 的{template}（{locale}）寄送失敗：{error}}}',
  'card.history.letterApprovalRequested': '{who} 申請核准{template} #{letterId}',
  'card.history.letterApproved': '{who} 核准了 {requestedBy} 申請的{template} #{letterId}',
  'card.history.letterRejected': '{who} 駁回了 {requestedBy} 申請的{template} #{letterId}',
  'card.history.letterUncertain':
    '寄給{hasRecipient, select, yes {{recipient}} other {客戶}}的{template} #{letterId}（{locale}）不確定是否已寄出：{cause, select, lost {{reason}} other {duebot 在寄送時停止}}；郵件編號 {hasMessageId, select, yes {{messageId}} other {未記錄}}；已請{hasChecker, select, yes {{checker}} other {申請人}}核實',
  'card.history.letterMarkedSent':
    '{who} 核對信箱後，將{template} #{letterId} 標記為已寄送給 {recipient}，郵件編號 {messageId}',
  'card.history.letterSentAgain':
    '{who} 選擇把{template} #{letterId} 重新寄送給{hasRecipient, select, yes {{recipient}} other {客戶}}',
  'card.history.roleByHand':
    '{who} 把 {person} 設為{role, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{roleText}}}{hasFrom, select, yes {（原為 {from, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{fromText}}}）} other {}}',
  'card.history.roleUnlisted':
    '{person} 重新成為{role, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{roleText}}}{hasFrom, select, yes {（原為 {from, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{fromText}}}）} other {}}：已不在 {setting} 中',
  'card.history.roleListed':
    '{person} 是{role, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{roleText}}}{hasFrom, select, yes {（原為 {from, select, collector {催收員} manager {經理} sales {業務} viewer {唯讀使用者} other {{fromText}}}）} other {}}：列於 {setting}',
  'card.history.termsChanged':
    '{who} 設定了帳戶條款：重點帳戶豁免 {exempt, select, yes {是} other {否}}，習慣性遲付 {habitual, select, yes {是} other {否}}，{hasRate, select, yes {合約利息日利率 {rate}} other {預設利息}} —「{reason}」',
  'card.history.handedOver':
    '{who} 將該帳戶移交給 {agency}：內部催收 {days} 天、嘗試聯絡 {attempts} 次後移交 {amounts}（PB-30）',
  'card.history.other': '{who}：{kind}',
  'card.account.missing': '帳戶 #{id} 已不存在；可能已結清並被移除。',
  'card.account.noMatch': '沒有符合「{text}」的帳戶。請試試名稱的一部分，或客戶編號。',
  'card.candidates.intro':
    '符合「{text}」的有 {count, plural, other {# 個帳戶}}；請指明是哪一個（名稱或編號）：',
  'card.candidates.line': '• {name}（編號 {id}）',
  'card.claim.alreadyYours': '您已經是這個帳戶的負責人。',
  'card.claim.taken': '已被 {owner} 認領。',
  'card.claim.changedHands': '您點選時帳戶的負責人已變更；請重試。',
  'card.release.nobody': '這個帳戶沒有負責人，無需釋放。',
  'card.release.conflict': '剛剛已有其他人釋放了這個帳戶。',
  'card.refused.role':
    '{doing, select, claim {認領帳戶需要催收員或經理角色} release {釋放 {owner} 的帳戶需要經理角色} other {記錄聯絡需要催收員、經理或業務角色}}；您目前是{role, select, collector {催收員} manager {經理} sales {業務} other {唯讀使用者}}。經理可以為您設定角色：/overdue 角色 @{name} {doing, select, release {經理} other {催收員}}',
  'card.stale.note': '這張卡片已過時，因此未做任何變更。以下是帳戶的最新狀態。',
  'card.stale.takenNote': '已被 {owner} 認領。這張卡片已過時，因此未做任何變更。以下是帳戶的最新狀態。',
  'card.button.noAccount': '這個按鈕沒有指明帳戶。',
  'card.button.noAction': '這個按鈕沒有指明操作。',
  'card.button.older': '這個按鈕來自舊卡片，現已失效；請重新開啟帳戶。',
  'card.form.gone': '這個表單已無法提交；請重新開啟。',
  'card.form.alreadyRecorded': '這個表單已經提交並記錄；未再做任何變更。',
  'card.note.notSaved': '您的備註未儲存：{why}',
  'card.confirm.no': '取消',
  'card.log.posted':
    '*{who}* 與{known, select, yes {{customer}} other {客戶}}進行了{channel, select, call {電話聯絡} email {郵件聯絡} visit {拜訪} other {備註}}：{result, select, reached {已聯絡上} no_answer {無人接聽} voicemail {語音留言} promised {承諾付款} in_process {正在處理} disputed {有爭議} refused {拒絕付款} paid {已付款} wrong_contact {聯絡人有誤} cash_flow {資金緊張} other {{resultText}}}',
  'card.log.postedPromise':
    '*{who}* 與{known, select, yes {{customer}} other {客戶}}進行了{channel, select, call {電話聯絡} email {郵件聯絡} visit {拜訪} other {備註}}：{result, select, promised {承諾} other {{resultText}}}於 {date} 前付款 {amount}',
  'card.log.escalated': '已呈報：{times, plural, other {已 # 次}}答覆「正在處理」卻沒有具體進展（PB-14）。',
  'card.log.escalatedTold':
    '已呈報：{times, plural, other {已 # 次}}答覆「正在處理」卻沒有具體進展（PB-14）；已通知 {told}。',
  'card.log.followUp': '下次追蹤：{date}',
  'card.ref.none': '這個按鈕沒有附帶操作參照。',
  'card.ref.tooLong': '這個按鈕附帶的操作參照過長，不是 duebot 的。',
  'card.ref.unknown': '這個按鈕附帶的操作參照 duebot 無法辨識。',
  'card.ref.version': '這張卡片來自更舊或更新版本的 duebot；以下是目前的畫面。',
  'card.ref.damaged': '這個按鈕附帶的操作參照已損壞。',
  'card.ref.invalid': '這個按鈕附帶的操作參照無效。',
  'card.unreadable.character':
    '第 {position} 個字元 U+{code}（{kind, select, nul {NUL 位元組} escape {跳脫字元} bell {響鈴字元} surrogate {不成對的代理字元} other {控制字元}}）',
  'card.unreadable.name': '平臺傳來的您的名稱或編號含有{what}；duebot 無法使用。',
  'card.unreadable.command': '命令含有{what}，duebot 無法讀取；請去掉後重新輸入。未做任何變更。',
  'card.unreadable.note': '您的備註未儲存：含有{what}；請去掉後重新送出。',
  'card.unreadable.button': '這個按鈕含有{what}；未做任何變更。',
  'card.unreadable.form': '這個表單含有{what}；未做任何變更。',
  'card.unreadable.field': '含有{what}；請去掉後重新輸入',
  'card.fallback.row':
    '{name}（#{id}），{open, select, yes {{amounts}} other {無未收金額}}，逾期 {days} 天，{owned, select, yes {負責人 {owner}} other {未認領}}',
  'card.fallback.image': '[圖片：{alt}]',
  'card.fallback.page': '第 {page} 頁，共 {pages} 頁',
};
