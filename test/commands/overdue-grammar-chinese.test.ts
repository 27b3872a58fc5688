import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type GrammarReason,
  LETTER_TEMPLATES,
  listQuery,
  type OverdueCommand,
  type OverdueParse,
  parseOverdue,
} from '../../src/commands/overdue-grammar.ts';
import { grammarErrorText, overdueHelp, overdueHelpTitle } from '../../src/commands/overdue-help.ts';
import { CHINESE_TEMPLATES } from '../../src/commands/overdue-words.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import { pseudoCatalog } from '../../src/i18n/pseudo.ts';
import { makeTranslator, translator } from '../../src/i18n/translate.ts';
import { ROLES } from '../../src/worklist/staff.ts';

/** Issue 20, item 3: the `/overdue` grammar in simplified and traditional Chinese. */

function command(text: string): OverdueCommand {
  const result = parseOverdue(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${JSON.stringify(result.error)}`);
  return result.command;
}

function error(text: string) {
  const result = parseOverdue(text);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(result.command)}`);
  return result.error;
}

const say = (text: string, locale: (typeof LOCALES)[number]) =>
  grammarErrorText(error(text), translator(locale));

describe('Chinese forms of the /overdue words', () => {
  it.each([
    ['我的', 'mine'],
    ['未认领', 'unclaimed'],
    ['未認領', 'unclaimed'],
    ['60天以上', '60+'],
    ['60天+', '60+'],
    ['６０天以上', '60+'],
    ['超过90天', '90+'],
    ['逾期30天以上', '30+'],
    ['大于5万', '>5万'],
    ['大於5萬', '>5萬'],
    ['金额>50k', '>50k'],
    ['等级 C', 'grade C'],
    ['等級C', 'grade C'],
    ['评级 b', 'grade b'],
    ['第2页', 'page 2'],
    ['第2頁', 'page 2'],
    ['頁 2', 'page 2'],
    ['第二页', 'page 2'],
    ['第十頁', 'page 10'],
    ['第十二页', 'page 12'],
    ['第二十页', 'page 20'],
    ['第九十九頁', 'page 99'],
    ['发布', 'post'],
    ['發布', 'post'],
    ['客户 苏州', 'customer 苏州'],
    ['客戶 蘇州', 'customer 蘇州'],
    ['帮助', 'help'],
    ['幫助', 'help'],
    ['？', 'help'],
  ])('%s reads as %s', (chinese, english) => {
    const zh = command(chinese);
    const en = command(english);
    // An amount typed in Chinese is shown as the filter it reads as.
    expect(zh).toEqual(en);
  });

  it.each([
    ['查看 上海华联', 'show 上海华联'],
    ['显示 上海华联', 'show 上海华联'],
    ['顯示 上海華聯', 'show 上海華聯'],
    ['认领 苏州纺织', 'claim 苏州纺织'],
    ['認領蘇州紡織', 'claim 蘇州紡織'],
    ['释放 苏州', 'release 苏州'],
    ['釋放 1042', 'release 1042'],
    ['记录 苏州', 'log 苏州'],
    ['記錄 苏州', 'log 苏州'],
    ['历史 苏州', 'history 苏州'],
    ['歷史苏州', 'history 苏州'],
    ['转交 苏州', 'reassign 苏州'],
    ['轉交 苏州', 'reassign 苏州'],
    ['函件 苏州', 'letter 苏州'],
    ['信函 苏州 final-notice', 'letter 苏州 final-notice'],
    ['函件 苏州纺织 催款函', 'letter 苏州纺织 formal-demand'],
    ['信函 台北聯合 最後通知', 'letter 台北聯合 final-notice'],
    ['函件 上海华联 律师函', 'letter 上海华联 lawyer-letter-request'],
    ['函件苏州 通話紀錄', 'letter 苏州 call-summary'],
    ['批准 12', 'approve 12'],
    ['核准12', 'approve 12'],
    ['驳回 12', 'reject 12'],
    ['駁回 12', 'reject 12'],
    ['已发出 12', 'mark-sent 12'],
    ['已發出 12', 'mark-sent 12'],
    ['重发 12', 'send-again 12'],
    ['重發12', 'send-again 12'],
    ['角色 @王芳 manager', 'role @王芳 manager'],
    ['角色 @王芳 经理', 'role @王芳 manager'],
    ['角色 @陳大文 業務', 'role @陳大文 sales'],
    ['角色 @li.wei 催收員', 'role @li.wei collector'],
    ['角色 @li.wei 只读', 'role @li.wei viewer'],
    ['语言 zh-TW', 'language zh-TW'],
    ['争议 苏州', 'dispute 苏州'],
    ['爭議蘇州', 'dispute 蘇州'],
    ['解决争议 苏州', 'resolve 苏州'],
    ['解決爭議 蘇州', 'resolve 蘇州'],
    ['暂停 苏州', 'pause 苏州'],
    ['暫停蘇州', 'pause 蘇州'],
    ['恢复 苏州', 'unpause 苏州'],
    ['恢復 蘇州', 'unpause 蘇州'],
    ['取消暂停 苏州', 'unpause 苏州'],
    ['条款 苏州', 'terms 苏州'],
    ['條款 蘇州', 'terms 蘇州'],
    ['移交催收 苏州', 'hand-over 苏州'],
    ['委外催收 蘇州', 'hand-over 蘇州'],
    ['付款计划 苏州', 'plan 苏州'],
    ['付款計畫 蘇州', 'plan 蘇州'],
    ['取消计划 苏州', 'cancel-plan 苏州'],
    ['取消計畫蘇州', 'cancel-plan 蘇州'],
    ['取消付款计划 苏州', 'cancel-plan 苏州'],
    ['已兑现 苏州', 'kept 苏州'],
    ['已兌現 蘇州', 'kept 蘇州'],
    ['回收业绩', 'credits'],
    ['回收業績 2026-11', 'credits 2026-11'],
    ['回收业绩2026年11月', 'credits 2026-11'],
    ['回收業績 ２０２６年３月', 'credits 2026-03'],
  ])('%s reads as %s', (chinese, english) => {
    expect(command(chinese)).toEqual(command(english));
  });

  it('knows every letter template by a Chinese name too', () => {
    const named = new Set(CHINESE_TEMPLATES.values());
    expect(LETTER_TEMPLATES.filter((t) => !named.has(t))).toEqual([]);
  });

  it('reads Chinese written without spaces where it is unambiguous', () => {
    expect(command('未认领60天以上大于5万等级C第2页发布')).toEqual(
      command('unclaimed 60+ >5万 grade C page 2 post'),
    );
    expect(command('我的90天+客户苏州纺织')).toEqual(command('mine 90+ customer 苏州纺织'));
    expect(command('未認領　６０天以上　等級Ｃ')).toEqual(command('unclaimed 60+ grade C'));
  });

  it('mixes English and Chinese words freely', () => {
    expect(command('mine 60天以上 >5万')).toEqual(command('我的 60+ 大于5万'));
    expect(command('unclaimed 等级 C page 3')).toEqual(command('未认领 grade C 第3页'));
    expect(command('mine 我的').kind).toBe('list');
  });

  it('keeps names as typed, even when they hold a keyword', () => {
    expect(command('客户 我的公司 第2页')).toMatchObject({ filters: { customer: '我的公司 第2页' } });
    expect(command('认领 历史悠久贸易')).toEqual({ kind: 'claim', customer: '历史悠久贸易' });
    expect(command('查看我的')).toEqual({ kind: 'show', customer: '我的' });
    expect(command('客户 "发布 会议"')).toMatchObject({ filters: { customer: '发布 会议' } });
    expect(command('客户 ＂苏州 纺织＂ 60天以上')).toMatchObject({
      filters: { customer: '苏州 纺织', minDays: 60 },
    });
    expect(command('认领 『上海 华联』')).toEqual({ kind: 'claim', customer: '上海 华联' });
    expect(command('暂停 恢复贸易')).toEqual({ kind: 'pause', customer: '恢复贸易' });
    expect(command('客户 争议 第2页')).toMatchObject({ filters: { customer: '争议 第2页' } });
  });

  it('does not read 移交 alone as a hand-over: the template 移交法律顾问 begins with it', () => {
    expect(command('函件 苏州 移交法律顾问')).toEqual(command('letter 苏州 lawyer-letter-request'));
    expect(error('移交 苏州')).toMatchObject({ code: 'unknown_word', word: '移交' });
    expect(error('我的 暂停 苏州')).toMatchObject({ reason: 'misplaced_action', word: '暂停' });
  });
});

// --- property: every combination of filters reads the same in Chinese as in English ---

interface Combo {
  owner: null | 'mine' | 'unclaimed' | { at: string };
  days: number | null;
  amount: string | null;
  grade: 'A' | 'B' | 'C' | null;
  page: number | null;
  post: boolean;
  customer: string | null;
}

const NAMES = ['苏州纺织', '上海华联', 'Acme Trading', '台北 聯合', '我的公司', '發布會', 'Coca-Cola 中国'];

const comboArb: fc.Arbitrary<Combo> = fc.record({
  owner: fc.oneof(
    fc.constant(null),
    fc.constant('mine' as const),
    fc.constant('unclaimed' as const),
    fc.constantFrom('li.wei', '王芳', '陳大文').map((at) => ({ at })),
  ),
  days: fc.option(fc.integer({ min: 1, max: 36_500 })),
  amount: fc.option(
    fc
      .tuple(fc.integer({ min: 1, max: 99_999 }), fc.constantFrom('', 'k', 'm', '万', '亿', '萬', '億'))
      .map(([n, unit]) => `${n}${unit}`),
  ),
  grade: fc.option(fc.constantFrom('A' as const, 'B' as const, 'C' as const)),
  page: fc.option(fc.integer({ min: 1, max: 100_000 })),
  post: fc.boolean(),
  customer: fc.option(fc.constantFrom(...NAMES)),
});

/** Digits, letters and signs as a Chinese keyboard's full-width mode types them. */
const FULL_WIDTH = (s: string) =>
  s.replace(/[0-9A-Za-z+>]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface Style {
  pick: number[];
  joins: number[];
  wide: boolean;
}

const pickFrom = <T>(forms: readonly T[], n: number | undefined): T => forms[(n ?? 0) % forms.length] as T;

/** The filters as [English, Chinese] pieces, in the order `order` draws; the customer (rest of the line) last. */
function pieces(c: Combo, order: number[], style: Style): [string, string][] {
  let k = 0;
  const pick = <T>(forms: readonly T[]) => pickFrom(forms, style.pick[k++]);
  const wide = (s: string) => (style.wide ? FULL_WIDTH(s) : s);
  const out: [string, string][] = [];
  if (c.owner === 'mine') out.push(['mine', '我的']);
  if (c.owner === 'unclaimed') out.push(['unclaimed', pick(['未认领', '未認領', '无人认领', '無人認領'])]);
  if (typeof c.owner === 'object' && c.owner) out.push([`@${c.owner.at}`, `@${c.owner.at}`]);
  if (c.days !== null) {
    const n = c.days;
    const forms = [`${n}天以上`, `${n}天+`, `${n}+天`, `超过${n}天`, `超過${n}天`, `逾期${n}天以上`, `${n}+`];
    out.push([`${n}+`, wide(pick(forms))]);
  }
  if (c.amount !== null) {
    const a = c.amount;
    out.push([`>${a}`, pick([`大于${a}`, `大於${a}`, `超过${a}`, `金额>${a}`, `金額>${a}`, `>${a}`])]);
  }
  if (c.grade) {
    const g = c.grade;
    out.push([`grade ${g}`, wide(pick([`等级 ${g}`, `等級${g}`, `评级${g}`, `評級 ${g.toLowerCase()}`]))]);
  }
  if (c.page !== null)
    out.push([
      `page ${c.page}`,
      wide(pick([`第${c.page}页`, `第${c.page}頁`, `页 ${c.page}`, `頁 ${c.page}`])),
    ]);
  if (c.post) out.push(['post', pick(['发布', '發布'])]);
  const shuffled = out
    .map((piece, i) => ({ piece, key: order[i] ?? 0 }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.piece);
  if (c.customer)
    shuffled.push([
      `customer ${c.customer}`,
      `${pick(['客户', '客戶'])}${pick([' ', '', '\u3000'])}${c.customer}`,
    ]);
  return shuffled;
}

const HAN = /\p{Script=Han}/u;

/** The Chinese pieces joined by spaces, ideographic spaces, or nothing where that is unambiguous. */
function chineseLine(zh: string[], style: Style): string {
  let line = zh[0] ?? '';
  for (let i = 1; i < zh.length; i++) {
    const prev = line.at(-1) ?? '';
    const next = zh[i]?.at(0) ?? '';
    // No space only beside Chinese, never after a number or an @name.
    const bare =
      (HAN.test(prev) || HAN.test(next)) && !/[0-9０-９]/.test(prev) && !(zh[i - 1] ?? '').startsWith('@');
    line += pickFrom(bare ? ['', ' ', '\u3000'] : [' ', '\u3000', '  '], style.joins[i]);
    line += zh[i];
  }
  return line;
}

describe('the Chinese grammar reads as the English one (property)', () => {
  const orderArb = fc.array(fc.nat(10), { minLength: 6, maxLength: 6 });
  const styleArb: fc.Arbitrary<Style> = fc.record({
    pick: fc.array(fc.nat(20), { minLength: 10, maxLength: 10 }),
    joins: fc.array(fc.nat(20), { minLength: 10, maxLength: 10 }),
    wide: fc.boolean(),
  });

  it('parses every combination of filters in Chinese to exactly the English command', () => {
    fc.assert(
      fc.property(comboArb, orderArb, styleArb, (combo, order, style) => {
        const both = pieces(combo, order, style);
        const en = both.map(([e]) => e).join(' ');
        const zh = chineseLine(
          both.map(([, z]) => z),
          style,
        );
        const fromEnglish: OverdueParse = parseOverdue(en);
        expect(fromEnglish.ok, en).toBe(true);
        expect(parseOverdue(zh), `${zh} (English: ${en})`).toEqual(fromEnglish);
      }),
      { numRuns: 500 },
    );
  });

  it('parses every account action and letter decision in Chinese to the English command', () => {
    const verbs: [string, string[]][] = [
      ['show', ['查看', '显示', '顯示']],
      ['claim', ['认领', '認領']],
      ['release', ['释放', '釋放']],
      ['log', ['记录', '記錄']],
      ['history', ['历史', '歷史']],
      ['reassign', ['转交', '轉交']],
      ['dispute', ['争议', '爭議']],
      ['resolve', ['解决争议', '解決爭議']],
      ['pause', ['暂停', '暫停']],
      ['unpause', ['恢复', '恢復', '取消暂停', '取消暫停']],
      ['terms', ['条款', '條款']],
      ['hand-over', ['移交催收', '委外催收']],
      ['plan', ['付款计划', '付款計畫', '付款計劃']],
      ['cancel-plan', ['取消计划', '取消計畫', '取消付款计划', '取消付款計畫']],
      ['kept', ['已兑现', '已兌現']],
      ['letter', ['函件', '信函']],
    ];
    const decisions: [string, string[]][] = [
      ['approve', ['批准', '核准']],
      ['reject', ['驳回', '駁回']],
      ['mark-sent', ['已发出', '已發出']],
      ['send-again', ['重发', '重發']],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...verbs),
        fc.nat(11),
        fc.constantFrom(...NAMES, '1042'),
        fc.boolean(),
        fc.option(fc.constantFrom(...LETTER_TEMPLATES)),
        ([verb, forms], n, name, spaced, template) => {
          const tail = verb === 'letter' && template ? ` ${template}` : '';
          // A template by its Chinese name, or by its id.
          const names = [...CHINESE_TEMPLATES].filter(([, id]) => id === template).map(([zh]) => ` ${zh}`);
          const zhTail = verb === 'letter' && template ? pickFrom([...names, tail], n) : '';
          const en = `${verb} ${name}${tail}`;
          const zh = `${pickFrom(forms, n)}${spaced ? ' ' : ''}${name}${zhTail}`;
          expect(parseOverdue(zh), zh).toEqual(parseOverdue(en));
          expect(parseOverdue(en).ok).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...decisions),
        fc.nat(5),
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.boolean(),
        ([verb, forms], n, id, spaced) => {
          const zh = `${pickFrom(forms, n)}${spaced ? ' ' : ''}${id}`;
          expect(parseOverdue(zh)).toEqual(parseOverdue(`${verb} ${id}`));
        },
      ),
      { numRuns: 200 },
    );
  });
});

// --- help and errors in the reader's language ---

describe('/overdue help in every language', () => {
  it('is the English help as before, naming every keyword and template', () => {
    const help = overdueHelp(translator('en'));
    expect(help.startsWith('Usage: /overdue [filters]  or  /overdue <action> <customer>\n\nFilters')).toBe(
      true,
    );
    expect(help).toContain(
      '  customer <name>      the customer of that full name or id, else names containing <name> (rest of the line, or "quoted")',
    );
    expect(help).toContain('role @person <role>  set it (managers): collector, manager, sales, viewer');
    // The account verbs and credits, in the words and columns they always had.
    expect(help).toContain(
      '  hand-over <customer> hand the account to a collection agency; internal chasing stops (managers)\n',
    );
    expect(help).toContain(
      "  cancel-plan <customer>\n                       cancel the account's payment plan\n",
    );
    expect(help).toContain(
      '  credits [2026-11]    what each collector recovered in a month, with the 90+ day bonus base (managers)\n',
    );
    expect(help.endsWith('\n\n  help                 this text')).toBe(true);
    expect(overdueHelpTitle(translator('en'))).toBe('How to use /overdue');
  });

  it.each([
    [
      'zh-CN',
      [
        '我的',
        '未认领',
        '60天以上',
        '大于5万',
        '等级 C',
        '客户',
        '第2页',
        '发布',
        '查看',
        '显示',
        '认领',
        '释放',
        '记录',
        '历史',
        '转交',
        '函件',
        '信函',
        '批准',
        '驳回',
        '已发出',
        '重发',
        '争议',
        '解决争议',
        '暂停',
        '恢复',
        '取消暂停',
        '条款',
        '移交催收',
        '委外催收',
        '付款计划',
        '取消计划',
        '已兑现',
        '回收业绩',
        '2026年11月',
        '语言',
        '角色',
        '帮助',
      ],
    ],
    [
      'zh-TW',
      [
        '我的',
        '未認領',
        '60天以上',
        '大於5萬',
        '等級 C',
        '客戶',
        '第2頁',
        '發布',
        '查看',
        '顯示',
        '認領',
        '釋放',
        '記錄',
        '歷史',
        '轉交',
        '函件',
        '信函',
        '核准',
        '駁回',
        '已發出',
        '重發',
        '爭議',
        '解決爭議',
        '暫停',
        '恢復',
        '取消暫停',
        '條款',
        '移交催收',
        '委外催收',
        '付款計畫',
        '取消計畫',
        '已兌現',
        '回收業績',
        '2026年11月',
        '語言',
        '角色',
        '幫助',
      ],
    ],
  ] as const)('lists the %s forms, each of which the grammar reads', (locale, words) => {
    const help = overdueHelp(translator(locale));
    for (const word of words) expect(help, word).toContain(word);
    for (const template of LETTER_TEMPLATES) expect(help).toContain(template);
    expect(help).not.toMatch(/[{}]/);
    expect(help).not.toContain('Usage');
  });

  it('keeps simplified and traditional apart', () => {
    const simplified = overdueHelp(translator('zh-CN'));
    const traditional = overdueHelp(translator('zh-TW'));
    for (const t of [
      '認領',
      '釋放',
      '記錄',
      '歷史',
      '轉交',
      '駁回',
      '語言',
      '幫助',
      '篩選',
      '爭議',
      '暫停',
      '計畫',
      '兌現',
      '業績',
    ])
      expect(simplified, t).not.toContain(t);
    for (const s of [
      '认领',
      '释放',
      '记录',
      '历史',
      '转交',
      '驳回',
      '语言',
      '帮助',
      '筛选',
      '争议',
      '暂停',
      '计划',
      '兑现',
      '业绩',
    ])
      expect(traditional, s).not.toContain(s);
    expect(overdueHelpTitle(translator('zh-TW'))).toBe('/overdue 用法');
  });
});

/** One input for each way a line can fail, and what it must name. */
const FAILURES: [text: string, reason: GrammarReason, names: string][] = [
  ['customer "Acme', 'unclosed_quote', '"'],
  ['letter Acme formal-demnd', 'not_a_template', 'formal-demnd'],
  ['认领', 'needs_customer', '认领'],
  ['@', 'needs_owner_name', '@'],
  ['99999天以上', 'too_many_days', '99999天以上'],
  ['大于', 'needs_amount', '大于'],
  ['大于很多', 'not_an_amount', '大于 很多'],
  ['等级', 'needs_grade', '等级'],
  ['等级 D', 'not_a_grade', 'D'],
  ['客户', 'needs_customer_name', '客户'],
  ['页', 'needs_page', '页'],
  ['页 零', 'not_a_page', '零'],
  ['"苏州"', 'quoted_name', '苏州'],
  ['我的 认领 苏州', 'misplaced_action', '认领'],
  ['我的 香蕉', 'unknown_word', '香蕉'],
  ['未人领', 'unknown_word_guess', '未人领'],
  ['我的 未认领', 'conflict_owner', '未认领'],
  ['60天以上 90+', 'conflict_days', '90+'],
  ['大于5万 >1m', 'conflict_amount', '>1m'],
  ['等级A 等級C', 'conflict_grade', '等級 C'],
  ['第1页 第2页', 'conflict_page', '第2页'],
  ['客户 "a" 客户 "b"', 'conflict_customer', '客户'],
  ['role @li managr', 'not_a_role', 'managr'],
  ['角色', 'needs_person', 'collector|manager|sales|viewer'],
  ['驳回 苏州', 'needs_letter_number', '驳回'],
  ['语言 zh-TW en', 'one_language', 'zh-CN'],
  ['回收业绩 2026-13', 'not_a_month', '2026-13'],
];

describe('/overdue errors in every language', () => {
  it('has an input for every reason', () => {
    const reasons = new Set(FAILURES.map(([, reason]) => reason));
    expect(reasons.size).toBe(27);
  });

  it.each(FAILURES)('%s fails with %s, said in every language with what it names', (text, reason, names) => {
    expect(error(text).reason).toBe(reason);
    const said = LOCALES.map((locale) => say(text, locale));
    for (const sentence of said) {
      expect(sentence).toContain(names);
      expect(sentence).not.toMatch(/[{}]/);
    }
    expect(new Set(said).size, 'three different sentences').toBe(3);
    expect(said[1]).toMatch(/\p{Script=Han}/u);
    expect(said[2]).toMatch(/\p{Script=Han}/u);
  });

  it('says nothing that did not come from a catalog (pseudo-locale)', () => {
    const pseudo = makeTranslator('en', pseudoCatalog());
    const ours = (text: string, values: string[]) => {
      let left = text;
      for (const v of [...values].sort((a, b) => b.length - a.length)) left = left.split(v).join('');
      return left.match(/[A-Za-z]{2,}/g) ?? [];
    };
    expect(ours(overdueHelp(pseudo), [...LETTER_TEMPLATES, ...ROLES])).toEqual([]);
    for (const [text] of FAILURES) {
      const e = error(text);
      expect(ours(grammarErrorText(e, pseudo), Object.values(e.values)), text).toEqual([]);
    }
  });

  it('names an unknown Chinese word in the reader’s language', () => {
    expect(error('未认领 香蕉')).toMatchObject({ code: 'unknown_word', word: '香蕉' });
    expect(say('未认领 香蕉', 'en')).toBe('I did not understand "香蕉".');
    expect(say('未认领 香蕉', 'zh-CN')).toBe('没看懂“香蕉”。');
    expect(say('未认领 香蕉', 'zh-TW')).toBe('看不懂「香蕉」。');
    // Written without spaces: the unknown rest is named, from where reading stopped.
    expect(error('我的香蕉').word).toBe('香蕉');
    expect(error('第页')).toMatchObject({ code: 'unknown_word', word: '第页' });
    expect(error('第0页')).toMatchObject({ code: 'bad_value', word: '0' });
    expect(error('第一百页').word).toBe('第一百页');
    expect(say('未人领', 'zh-CN')).toBe('没看懂“未人领”。您是想写“未认领”吗？');
    expect(say('我得 60天以上', 'zh-CN')).toBe('没看懂“我得”。您是想写“我的”吗？');
    expect(say('unclaimd', 'zh-TW')).toBe('看不懂「unclaimd」。您是想寫「unclaimed」嗎？');
  });

  it('lists every template and role in full, however long the list', () => {
    for (const locale of LOCALES) {
      expect(say('letter Acme formal-demnd', locale)).toContain(LETTER_TEMPLATES.join(', '));
      expect(say('role @li managr', locale)).toContain(ROLES.join(', '));
    }
  });

  it('keeps the English sentences as they were', () => {
    expect(say('unclaimed banana', 'en')).toBe('I did not understand "banana".');
    expect(say('mine unclaimed', 'en')).toBe(
      '"mine" and "unclaimed" cannot be combined: a list has one owner filter (mine, unclaimed or @person).',
    );
    expect(say('mine claim Acme', 'en')).toBe(
      '"claim" must come first and be followed by a customer: /overdue claim <customer>.',
    );
    expect(say('reject Acme', 'en')).toBe(
      '"reject" needs the letter number shown with the letter (not a row or a customer): /overdue reject 12.',
    );
    expect(say('grade', 'en')).toBe('"grade" needs A, B or C, e.g. grade C.');
  });
});

describe('hostile /overdue input in Chinese', () => {
  it('reads full-width digits, signs and spaces', () => {
    expect(command('未认领　６０＋　＞５万')).toEqual(command('unclaimed 60+ >5万'));
    expect(command('第２页')).toEqual(command('page 2'));
    expect(command('等级　ｃ')).toEqual(command('grade C'));
  });

  it('never throws and answers within bounds on oversized or mixed-script lines', () => {
    const huge = [
      '未认领'.repeat(20_000),
      '我的'.repeat(30_000),
      `${'９'.repeat(50_000)}天以上`,
      `客户 ${'苏'.repeat(100_000)}`,
      '第'.repeat(50_000),
      `大于${'1'.repeat(10_000)}万`,
      '＂'.repeat(10_000),
      `unclaimed我的60天以上mine${'发布'.repeat(5_000)}`,
    ];
    for (const text of huge) {
      const started = performance.now();
      const result = parseOverdue(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(2_000);
      if (!result.ok) {
        for (const locale of LOCALES)
          expect(grammarErrorText(result.error, translator(locale))).not.toMatch(/[{}]/);
      }
    }
    const long = error(`我的 ${'𠀀苏'.repeat(5_000)}`);
    expect(long.word).toHaveLength(15_000);
    for (const locale of LOCALES) {
      const sentence = grammarErrorText(long, translator(locale));
      expect(sentence.length).toBeLessThan(200);
      expect(sentence).toContain(`${'𠀀苏'.repeat(40)}…`);
    }
    expect(error(`${'９'.repeat(50)}天以上`).code).toBe('unknown_word');
    expect(error(`大于${'1'.repeat(40)}万`).code).toBe('bad_value');
  });

  it('does not read Object’s own names or lone surrogates as words', () => {
    for (const word of ['__proto__', 'constructor', '客户__proto__', '我的\ud800']) {
      const result = parseOverdue(word);
      if (result.ok) expect(result.command.kind).toBe('list');
    }
    expect(error('我的 toString').word).toBe('toString');
  });
});

describe('the list query without its page and post words', () => {
  it.each([
    ['60+ post page 2', '60+'],
    ['未认领 60天以上 发布 第2页', '未认领 60天以上'],
    ['未认领60天以上发布', '未认领60天以上'],
    ['customer Post Office', 'customer Post Office'],
    ['客户 "发布 会议" 页 3', '客户 "发布 会议"'],
    ['post', ''],
    ['claim Acme', 'claim Acme'],
  ])('%s -> %s', (text, query) => {
    expect(listQuery(text)).toBe(query);
    const before = parseOverdue(text);
    if (before.ok && before.command.kind === 'list')
      expect(command(query)).toMatchObject({
        kind: 'list',
        filters: before.command.filters,
        page: 1,
        post: false,
      });
  });
});
