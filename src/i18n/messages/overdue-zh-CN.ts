import type { OverdueCatalog } from './overdue-en.ts';

/** /overdue 的说明和错误提示，简体中文（并入 zh-CN.ts）。 */
export const overdueZhCN: OverdueCatalog = {
  'overdue.help.title': '/overdue 用法',
  'overdue.help.usage': `用法：/overdue [筛选条件]  或  /overdue '<操作> <客户>'
中文和英文写法都可以，可以不加空格：我的 = mine，60天以上 = 60+，第2页 = page 2。`,
  'overdue.help.filters': `筛选条件（可自由组合，例如 /overdue 未认领 60天以上 大于1万）：
  （不填）             按优先级排列的重点账户
  我的                 您负责的账户
  未认领               还没有负责人的账户
  30天以上  60天+  90+
                       逾期至少这么多天（任何天数都可以）
  大于5万  >50000  >50k
                       未收余额至少这么多（万、亿，或 k 千、m 百万、b 十亿）
  等级 C               信用等级 A、B 或 C
  客户 '<名称>'          名称或编号与之完全相同的客户，没有时名称包含 '<名称>' 的客户（到行尾，或用引号括起）
  @某人                该同事负责的账户
  第2页                清单的其他页
  发布                 把清单发到频道，而不是只给您看`,
  'overdue.help.actions': `单个账户的操作（客户名称或编号）：
  查看 '<客户>'          客户档案（也可写 显示）
  认领 '<客户>'          成为负责人
  释放 '<客户>'          放弃这个账户
  记录 '<客户>'          记录一次通话或其他联系
  历史 '<客户>'          至今的全部联系记录
  转交 '<客户>'          把账户交给另一位催收员（经理）
  争议 '<客户>'          对其部分发票提出争议（PB-21）
  解决争议 '<客户>'      解决其一项未结争议
  暂停 '<客户>'          暂停催收该账户或其部分发票，直到某一日期
  恢复 '<客户>'          立即结束其暂停（也可写 取消暂停）
  条款 '<客户>'          重点客户豁免、习惯性迟付、合同利息（经理）
  移交催收 '<客户>'      把账户移交催收机构，内部停止催收（经理；也可写 委外催收）
  付款计划 '<客户>'      提出或重新商定付款计划（PB-17）
  取消计划 '<客户>'      取消该账户的付款计划
  已兑现 '<客户>'        手动把其未结的付款承诺标记为已兑现，并附说明（PB-20）
  函件 '<客户>' [模板]
                       也可写 信函；模板：{templates}
                       （也可写中文名称：友情提醒、付款提醒、催款函、最后通知、律师函、分期付款、通话纪要、折扣提醒）`,
  'overdue.help.letters': `等待决定的函件（L 是随函件显示的编号）：
  批准 L | 驳回 L      需要第二人批准的函件
  已发出 L | 重发 L    不确定是否已寄出的函件`,
  'overdue.help.language': `语言：
  语言                 duebot 用哪种语言回复您，以及原因
  语言 zh-TW           用 en、zh-CN 或 zh-TW 回复我
  语言 auto            重新跟随我的 Slack、Teams 或终端语言`,
  'overdue.help.staff': `人员：
  角色 @某人           此人的角色及其来源
  角色 @某人 '<角色>'    设置角色（经理）：{roles}
                       （也可写 催收员、经理、销售、只读）
  回收业绩 [2026-11]   每位催收员当月收回的金额，及逾期 90 天以上的奖金基数（经理）
                       （月份也可写 2026年11月；不写则为本月）`,
  'overdue.help.help': '  帮助                 本说明',
  'overdue.error.unclosed_quote': '以 {quote} 开头的引号没有闭合。',
  'overdue.error.not_a_template': '“{word}”不是函件模板；请使用：{templates}。',
  'overdue.error.needs_customer': '“{verb}”后面要写客户名称或编号。',
  'overdue.error.needs_owner_name': '“@”后面要写人名，例如 @li.wei。',
  'overdue.error.too_many_days': '“{word}”这个天数超过了所有发票的账龄。',
  'overdue.error.needs_amount': '“{word}”后面要写金额，例如 大于5万 或 >50k。',
  'overdue.error.not_an_amount': '无法识别金额“{word}”；请写整数金额，例如 大于5万、>50000 或 >50k。',
  'overdue.error.needs_grade': '“{keyword}”后面要写 A、B 或 C，例如 等级 C。',
  'overdue.error.not_a_grade': '“{word}”不是信用等级；请用 A、B 或 C。',
  'overdue.error.needs_customer_name': '“{keyword}”后面要写名称，例如 客户 上海华联。',
  'overdue.error.needs_page': '“{keyword}”后面要写页码，例如 第2页。',
  'overdue.error.not_a_page': '“{word}”不是页码；请用 1、2、3……',
  'overdue.error.quoted_name': `没看懂“{word}”；要按客户筛选，请写 客户 "{word}"。`,
  'overdue.error.misplaced_action': `“{word}”必须放在最前面，后面跟客户：/overdue {verb} '<客户>'。`,
  'overdue.error.unknown_word': '没看懂“{word}”。',
  'overdue.error.unknown_word_guess': '没看懂“{word}”。您是想写“{guess}”吗？',
  'overdue.error.conflict_owner':
    '“{first}”和“{second}”不能同时使用：一份清单只能有一个负责人条件（我的、未认领或 @某人）。',
  'overdue.error.conflict_days': '“{first}”和“{second}”不能同时使用：逾期天数只能指定一个。',
  'overdue.error.conflict_amount': '“{first}”和“{second}”不能同时使用：金额条件只能指定一个。',
  'overdue.error.conflict_grade': '“{first}”和“{second}”不能同时使用：等级只能指定一个。',
  'overdue.error.conflict_page': '“{first}”和“{second}”不能同时使用：页码只能指定一个。',
  'overdue.error.conflict_customer': '“{first}”和“{second}”不能同时使用：客户条件只能指定一个。',
  'overdue.error.not_a_role': '“{word}”不是角色；请使用：{roles}。',
  'overdue.error.needs_person': '“角色”后面要写一个人：/overdue 角色 @某人 [{roles}]。',
  'overdue.error.needs_letter_number':
    '“{verb}”后面要写随函件显示的函件编号（不是行号或客户）：/overdue {verb} 12。',
  'overdue.error.one_language': '只能指定一种语言：/overdue 语言 en、zh-CN、zh-TW 或 auto。',
  'overdue.error.not_a_month':
    '“{word}”不是月份；回收业绩只接受一个月份，写成 YYYY-MM 或 2026年11月，不写则为本月：/overdue 回收业绩 [2026-11]。',
};
