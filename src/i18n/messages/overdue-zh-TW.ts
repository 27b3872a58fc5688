import type { OverdueCatalog } from './overdue-en.ts';

/** /overdue 的說明與錯誤提示，繁體中文（併入 zh-TW.ts）。 */
export const overdueZhTW: OverdueCatalog = {
  'overdue.help.title': '/overdue 用法',
  'overdue.help.usage': `用法：/overdue [篩選條件]  或  /overdue '<操作> <客戶>'
中文和英文寫法都可以，可以不加空格：我的 = mine，60天以上 = 60+，第2頁 = page 2。`,
  'overdue.help.filters': `篩選條件（可自由組合，例如 /overdue 未認領 60天以上 大於1萬）：
  （不填）             依優先順序排列的重點帳戶
  我的                 您負責的帳戶
  未認領               尚無負責人的帳戶
  30天以上  60天+  90+
                       逾期至少這麼多天（任何天數皆可）
  大於5萬  >50000  >50k
                       未收餘額至少這麼多（萬、億，或 k 千、m 百萬、b 十億）
  等級 C               信用等級 A、B 或 C
  客戶 '<名稱>'          名稱或編號與之完全相同的客戶，沒有時名稱包含 '<名稱>' 的客戶（到行尾，或用引號括起）
  @某人                該同事負責的帳戶
  第2頁                清單的其他頁
  發布                 把清單發到頻道，而非只給您看`,
  'overdue.help.actions': `單一帳戶的操作（客戶名稱或編號）：
  查看 '<客戶>'          客戶檔案（也可寫 顯示）
  認領 '<客戶>'          成為負責人
  釋放 '<客戶>'          放棄這個帳戶
  記錄 '<客戶>'          記錄一次通話或其他聯絡
  歷史 '<客戶>'          至今的全部聯絡紀錄
  轉交 '<客戶>'          把帳戶交給另一位催收人員（經理）
  爭議 '<客戶>'          對其部分發票提出爭議（PB-21）
  解決爭議 '<客戶>'      解決其一項未結爭議
  暫停 '<客戶>'          暫停催收該帳戶或其部分發票，直到某一日期
  恢復 '<客戶>'          立即結束其暫停（也可寫 取消暫停）
  條款 '<客戶>'          重點客戶豁免、習慣性遲付、合約利息（經理）
  委外催收 '<客戶>'      把帳戶移交催收機構，內部停止催收（經理；也可寫 移交催收）
  付款計畫 '<客戶>'      提出或重新議定付款計畫（PB-17）
  取消計畫 '<客戶>'      取消該帳戶的付款計畫
  已兌現 '<客戶>'        手動把其未結的付款承諾標記為已兌現，並附說明（PB-20）
  函件 '<客戶>' [範本]
                       也可寫 信函；範本：{templates}
                       （也可寫中文名稱：友情提醒、付款提醒、催款函、最後通知、律師函、分期付款、通話紀錄、折扣提醒）`,
  'overdue.help.letters': `等待決定的函件（L 是隨函件顯示的編號）：
  核准 L | 駁回 L      需要第二人核准的函件
  已發出 L | 重發 L    不確定是否已寄出的函件`,
  'overdue.help.language': `語言：
  語言                 duebot 用哪種語言回覆您，以及原因
  語言 zh-CN           用 en、zh-CN 或 zh-TW 回覆我
  語言 auto            重新跟隨我的 Slack、Teams 或終端機語言`,
  'overdue.help.staff': `人員：
  角色 @某人           此人的角色及其來源
  角色 @某人 '<角色>'    設定角色（經理）：{roles}
                       （也可寫 催收員、經理、業務、唯讀）
  回收業績 [2026-11]   每位催收人員當月收回的金額，及逾期 90 天以上的獎金基數（經理）
                       （月份也可寫 2026年11月；不寫則為本月）`,
  'overdue.help.help': '  幫助                 本說明',
  'overdue.error.unclosed_quote': '以 {quote} 開頭的引號沒有結束。',
  'overdue.error.not_a_template': '「{word}」不是函件範本；請使用：{templates}。',
  'overdue.error.needs_customer': '「{verb}」後面要寫客戶名稱或編號。',
  'overdue.error.needs_owner_name': '「@」後面要寫人名，例如 @li.wei。',
  'overdue.error.too_many_days': '「{word}」這個天數超過了所有發票的帳齡。',
  'overdue.error.needs_amount': '「{word}」後面要寫金額，例如 大於5萬 或 >50k。',
  'overdue.error.not_an_amount': '無法辨識金額「{word}」；請寫整數金額，例如 大於5萬、>50000 或 >50k。',
  'overdue.error.needs_grade': '「{keyword}」後面要寫 A、B 或 C，例如 等級 C。',
  'overdue.error.not_a_grade': '「{word}」不是信用等級；請用 A、B 或 C。',
  'overdue.error.needs_customer_name': '「{keyword}」後面要寫名稱，例如 客戶 高雄聯合。',
  'overdue.error.needs_page': '「{keyword}」後面要寫頁碼，例如 第2頁。',
  'overdue.error.not_a_page': '「{word}」不是頁碼；請用 1、2、3……',
  'overdue.error.quoted_name': `看不懂「{word}」；要依客戶篩選，請寫 客戶 "{word}"。`,
  'overdue.error.misplaced_action': `「{word}」必須放在最前面，後面接客戶：/overdue {verb} '<客戶>'。`,
  'overdue.error.unknown_word': '看不懂「{word}」。',
  'overdue.error.unknown_word_guess': '看不懂「{word}」。您是想寫「{guess}」嗎？',
  'overdue.error.conflict_owner':
    '「{first}」和「{second}」不能同時使用：一份清單只能有一個負責人條件（我的、未認領或 @某人）。',
  'overdue.error.conflict_days': '「{first}」和「{second}」不能同時使用：逾期天數只能指定一個。',
  'overdue.error.conflict_amount': '「{first}」和「{second}」不能同時使用：金額條件只能指定一個。',
  'overdue.error.conflict_grade': '「{first}」和「{second}」不能同時使用：等級只能指定一個。',
  'overdue.error.conflict_page': '「{first}」和「{second}」不能同時使用：頁碼只能指定一個。',
  'overdue.error.conflict_customer': '「{first}」和「{second}」不能同時使用：客戶條件只能指定一個。',
  'overdue.error.not_a_role': '「{word}」不是角色；請使用：{roles}。',
  'overdue.error.needs_person': '「角色」後面要寫一個人：/overdue 角色 @某人 [{roles}]。',
  'overdue.error.needs_letter_number':
    '「{verb}」後面要寫隨函件顯示的函件編號（不是列號或客戶）：/overdue {verb} 12。',
  'overdue.error.one_language': '只能指定一種語言：/overdue 語言 en、zh-CN、zh-TW 或 auto。',
  'overdue.error.not_a_month':
    '「{word}」不是月份；回收業績只接受一個月份，寫成 YYYY-MM 或 2026年11月，不寫則為本月：/overdue 回收業績 [2026-11]。',
};
