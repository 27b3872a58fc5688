/**
 * The words of the `/overdue` grammar in Chinese, simplified and traditional, and how a Chinese line
 * typed without spaces (`未认领60天以上等级C`) is cut into them. Each Chinese form reads as the English
 * word it stands for, so the parser has one grammar: `我的` is `mine`, `60天以上` is `60+`, `大于5万` is
 * `>5万`, `第2页` is `page 2`.
 */

/** The grammar's commands that act on one account, named by customer name or id (`letter` aside: it takes a template too). */
export const ACCOUNT_VERBS = [
  'show',
  'claim',
  'release',
  'log',
  'history',
  'reassign',
  'dispute',
  'resolve',
  'pause',
  'unpause',
  'terms',
  'hand-over',
  'plan',
  'cancel-plan',
  'kept',
] as const;
export type AccountVerb = (typeof ACCOUNT_VERBS)[number];

/** A word of the line: where it was typed, and the grammar word it reads as. */
export interface Token {
  /** The text as typed (a slice of the line, or a quoted name without its quotes). */
  text: string;
  /** The grammar word: English keyword for a Chinese form, else the text in NFKC lower case. */
  word: string;
  quoted: boolean;
  /** True when the word came from a Chinese form (amounts are then shown as `>5万`). */
  chinese: boolean;
  start: number;
  end: number;
}

/** Chinese forms of the keywords, as a collections team in Shanghai or Taipei would type them. */
export const CHINESE_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['我的', 'mine'],
  ['未认领', 'unclaimed'],
  ['未認領', 'unclaimed'],
  ['无人认领', 'unclaimed'],
  ['無人認領', 'unclaimed'],
  ['等级', 'grade'],
  ['等級', 'grade'],
  ['评级', 'grade'],
  ['評級', 'grade'],
  ['客户', 'customer'],
  ['客戶', 'customer'],
  ['页', 'page'],
  ['頁', 'page'],
  ['发布', 'post'],
  ['發布', 'post'],
  ['帮助', 'help'],
  ['幫助', 'help'],
  ['查看', 'show'],
  ['显示', 'show'],
  ['顯示', 'show'],
  ['认领', 'claim'],
  ['認領', 'claim'],
  ['释放', 'release'],
  ['釋放', 'release'],
  ['记录', 'log'],
  ['記錄', 'log'],
  ['历史', 'history'],
  ['歷史', 'history'],
  ['转交', 'reassign'],
  ['轉交', 'reassign'],
  ['函件', 'letter'],
  ['信函', 'letter'],
  ['批准', 'approve'],
  ['核准', 'approve'],
  ['驳回', 'reject'],
  ['駁回', 'reject'],
  ['已发出', 'mark-sent'],
  ['已發出', 'mark-sent'],
  ['重发', 'send-again'],
  ['重發', 'send-again'],
  // Disputes, pauses, terms, agencies, plans and promises (PB-17, PB-19, PB-20, PB-21, PB-30). Plain 移交 is
  // not one: it begins the template 移交法律顾问 and reads close to 转交 (reassign).
  ['争议', 'dispute'],
  ['爭議', 'dispute'],
  ['解决争议', 'resolve'],
  ['解決爭議', 'resolve'],
  ['暂停', 'pause'],
  ['暫停', 'pause'],
  ['恢复', 'unpause'],
  ['恢復', 'unpause'],
  ['取消暂停', 'unpause'],
  ['取消暫停', 'unpause'],
  ['条款', 'terms'],
  ['條款', 'terms'],
  ['移交催收', 'hand-over'],
  ['委外催收', 'hand-over'],
  ['付款计划', 'plan'],
  ['付款計畫', 'plan'],
  ['付款計劃', 'plan'],
  ['取消计划', 'cancel-plan'],
  ['取消計畫', 'cancel-plan'],
  ['取消計劃', 'cancel-plan'],
  ['取消付款计划', 'cancel-plan'],
  ['取消付款計畫', 'cancel-plan'],
  ['已兑现', 'kept'],
  ['已兌現', 'kept'],
  ['回收业绩', 'credits'],
  ['回收業績', 'credits'],
  ['角色', 'role'],
  ['语言', 'language'],
  ['語言', 'language'],
  // `大于 5万` with a space: the amount is the next word, as in `> 50k`.
  ['大于', '>'],
  ['大於', '>'],
  ['超过', '>'],
  ['超過', '>'],
]);

/** Letter templates by the names their Chinese letters carry (the subject lines of templates/letters/zh-*). */
export const CHINESE_TEMPLATES: ReadonlyMap<string, string> = new Map([
  ['友情提醒', 'reminder'],
  ['付款提醒', 'polite-reminder'],
  ['催款函', 'formal-demand'],
  ['正式催款函', 'formal-demand'],
  ['最后通知', 'final-notice'],
  ['最後通知', 'final-notice'],
  ['律师函', 'lawyer-letter-request'],
  ['律師函', 'lawyer-letter-request'],
  ['移交法律顾问', 'lawyer-letter-request'],
  ['移交法律顧問', 'lawyer-letter-request'],
  ['分期付款', 'payment-plan'],
  ['通话纪要', 'call-summary'],
  ['通話紀錄', 'call-summary'],
  ['通話紀要', 'call-summary'],
  ['折扣提醒', 'missed-discount'],
  ['未享受折扣', 'missed-discount'],
]);

/** Staff roles in Chinese (`角色 @王芳 经理`). */
export const CHINESE_ROLES: ReadonlyMap<string, string> = new Map([
  ['催收员', 'collector'],
  ['催收員', 'collector'],
  ['经理', 'manager'],
  ['經理', 'manager'],
  ['销售', 'sales'],
  ['銷售', 'sales'],
  ['业务', 'sales'],
  ['業務', 'sales'],
  ['只读', 'viewer'],
  ['唯讀', 'viewer'],
]);

/** Words after which the rest of a run of Chinese is a name (a customer, a person), never cut further. */
const TAKES_THE_REST = new Set<string>([
  'customer',
  ...ACCOUNT_VERBS,
  'letter',
  'role',
  'language',
  'credits',
]);

/** Longest first, so 未认领 wins over 认领. */
const KEYWORD_FORMS = [...CHINESE_KEYWORDS.keys()].sort((a, b) => b.length - a.length);

const AMOUNT = String.raw`(\d[\d,]*(?:\.\d+)?|\.\d+)([kmb万亿萬億]?)`;

/** Patterns read at a position of a run (NFKC, lower case); each gives the grammar words it stands for. */
const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => string[]][] = [
  // 第2页 / 第2頁: page 2
  [/第(\d+)[页頁]/y, (m) => ['page', m[1] ?? '']],
  // 第二页, 第十二頁: pages 1 to 99 in Chinese numerals
  [
    /第(?=[一二两兩三四五六七八九十])((?:[二三四五六七八九]?十)?[一二两兩三四五六七八九]?)[页頁]/y,
    (m) => ['page', chineseNumber(m[1] ?? '')],
  ],
  // 60天以上, 60天+, 60+天, 超过60天, 逾期60天以上, 60+: 60+
  [
    /(?:逾期)?(?:(?:超过|超過)(\d+)天(?:以上)?|(\d+)(?:天以上|天\+|\+天|\+))/y,
    (m) => [`${m[1] ?? m[2] ?? ''}+`],
  ],
  // 大于5万, 大於5萬, 超过5万, 金额>5万, >5万: >5万
  [
    new RegExp(String.raw`(?:大于|大於|超过|超過|(?:金额|金額)?>=?)${AMOUNT}`, 'y'),
    (m) => [`>${m[1] ?? ''}${m[2] ?? ''}`],
  ],
];

const HAN = /\p{Script=Han}/u;

const DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二 -> 2, 十二 -> 12, 二十 -> 20, 九十九 -> 99, as the page number's digits ('' for nothing). */
function chineseNumber(text: string): string {
  if (text === '') return '';
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  const value = (text.includes('十') ? (DIGITS[tens ?? ''] ?? 1) * 10 : 0) + (DIGITS[ones ?? ''] ?? 0);
  return String(value);
}

/** The grammar word of a whole typed word. */
export function grammarWord(text: string): string {
  const n = text.normalize('NFKC').toLowerCase();
  return CHINESE_KEYWORDS.get(n) ?? chinesePattern(n) ?? n;
}

function chinesePattern(n: string): string | undefined {
  if (!HAN.test(n)) return undefined;
  for (const [re, words] of PATTERNS) {
    re.lastIndex = 0;
    const m = re.exec(n);
    if (m && m[0].length === n.length) {
      const out = words(m);
      if (out.length === 1) return out[0];
    }
  }
  return undefined;
}

/** One unquoted word as typed, normalised code point by code point so positions map back to the line. */
function normalised(text: string): { n: string; at: number[] } {
  let n = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    const mapped = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < mapped.length; k++) at.push(i);
    n += mapped;
    i += ch.length;
  }
  at.push(text.length);
  return { n, at };
}

/**
 * Cuts one unquoted word holding Chinese into the grammar words it is made of (`我的60天以上` is `mine`,
 * `60+`). What cannot be read from some point on stays one word, so an error names it as typed
 * (`我的香蕉` names `香蕉`); after a customer or an action word the rest is a name and is not cut.
 */
export function splitChinese(text: string, start: number): Token[] {
  const whole = (from: number): Token => {
    const t = text.slice(from);
    return {
      text: t,
      word: grammarWord(t),
      quoted: false,
      chinese: false,
      start: start + from,
      end: start + text.length,
    };
  };
  if (!HAN.test(text)) return [whole(0)];
  const { n, at } = normalised(text);
  const out: Token[] = [];
  let p = 0;
  const piece = (words: string[], to: number): void => {
    const from = at[p] ?? 0;
    const until = at[to] ?? text.length;
    const typed = text.slice(from, until);
    // 第2页 reads as `page` and `2`: both words span what was typed.
    for (const word of words)
      out.push({
        text: word === 'page' || words.length === 1 ? typed : word,
        word,
        quoted: false,
        chinese: true,
        start: start + from,
        end: start + until,
      });
    p = to;
  };
  while (p < n.length) {
    const prev = out[out.length - 1]?.word;
    // 等级C: the grade letter right after the grade word, or (`等级 C客户 苏州`) leading Chinese.
    const letter = /^[abc]$/.test(n[p] ?? '') && !/[a-z0-9]/.test(n[p + 1] ?? '');
    if (letter && (prev === 'grade' || (p === 0 && HAN.test(n[p + 1] ?? '')))) {
      piece([n.slice(p, p + 1)], p + 1);
      continue;
    }
    // Patterns first: 超过60天 is days, 大于5万 an amount, before 超过 / 大于 alone.
    const matched = PATTERNS.map(([re, words]) => {
      re.lastIndex = p;
      const m = re.exec(n);
      return m ? { words: words(m), to: p + m[0].length } : null;
    }).find((m) => m !== null);
    if (matched) {
      piece(matched.words, matched.to);
      continue;
    }
    const form = KEYWORD_FORMS.find((f) => n.startsWith(f, p));
    if (form !== undefined) {
      const word = CHINESE_KEYWORDS.get(form) ?? form;
      piece([word], p + form.length);
      if (TAKES_THE_REST.has(word) && p < n.length) {
        out.push(whole(at[p] ?? 0));
        return out;
      }
      continue;
    }
    // Anything else (a name, @person, a word we do not know) is one word to the end.
    out.push(whole(at[p] ?? 0));
    return out;
  }
  return out;
}
