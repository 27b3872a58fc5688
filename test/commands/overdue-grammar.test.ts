import { parseMoneyInput } from '../../src/collections/money.ts';
import { describe, expect, it } from 'vitest';
import {
  LETTER_TEMPLATES,
  type OverdueCommand,
  type OverdueFilters,
  parseAmountMajor,
  parseOverdue,
} from '../../src/commands/overdue-grammar.ts';
import { grammarErrorText, overdueHelp } from '../../src/commands/overdue-help.ts';
import { translator } from '../../src/i18n/translate.ts';

const OVERDUE_HELP = overdueHelp(translator('en'));

function command(text: string): OverdueCommand {
  const result = parseOverdue(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error.reason}`);
  return result.command;
}

function filters(text: string): OverdueFilters {
  const c = command(text);
  if (c.kind !== 'list') throw new Error(`expected a list command from "${text}", got ${c.kind}`);
  return c.filters;
}

function error(text: string) {
  const result = parseOverdue(text);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(result.command)}`);
  // The English sentence the reader would see (overdue-help.ts), beside the codes.
  return { ...result.error, message: grammarErrorText(result.error, translator('en')) };
}

describe('/overdue list filters', () => {
  it('lists the top accounts by priority when given nothing', () => {
    expect(command('')).toEqual({
      kind: 'list',
      filters: { mine: false, unclaimed: false },
      page: 1,
      post: false,
    });
    expect(command('   ')).toEqual(command(''));
  });

  it('reads mine, unclaimed and @person as owner filters (PB-25)', () => {
    expect(filters('mine').mine).toBe(true);
    expect(filters('unclaimed').unclaimed).toBe(true);
    expect(filters('@li.wei').owner).toBe('li.wei');
    expect(filters('@王芳').owner).toBe('王芳');
  });

  it('reads any N+ as a days-overdue threshold', () => {
    expect(filters('30+').minDays).toBe(30);
    expect(filters('60+').minDays).toBe(60);
    expect(filters('90+').minDays).toBe(90);
    expect(filters('45+').minDays).toBe(45);
  });

  it('resolves amount thresholds to whole major units without floats', () => {
    expect(filters('>50000')).toMatchObject({ minAmountMajor: 50_000, amountText: '>50000' });
    expect(filters('>50k').minAmountMajor).toBe(50_000);
    expect(filters('>1.5m').minAmountMajor).toBe(1_500_000);
    expect(filters('>50,000').minAmountMajor).toBe(50_000);
    expect(filters('>=2.25k').minAmountMajor).toBe(2_250);
    expect(filters('> 10K').minAmountMajor).toBe(10_000);
    expect(filters('>5万').minAmountMajor).toBe(50_000);
    expect(filters('>1亿').minAmountMajor).toBe(100_000_000);
  });

  it('reads grade A, B or C in any case', () => {
    expect(filters('grade C').grade).toBe('C');
    expect(filters('GRADE b').grade).toBe('B');
    expect(filters('Grade a').grade).toBe('A');
  });

  it('takes the rest of the line as the customer, or a quoted name followed by more filters', () => {
    expect(filters('customer Acme Trading Co').customer).toBe('Acme Trading Co');
    expect(filters('customer 上海华联').customer).toBe('上海华联');
    expect(filters('customer "Acme Trading" 30+')).toMatchObject({ customer: 'Acme Trading', minDays: 30 });
    expect(filters('customer “上海 华联” grade C')).toMatchObject({ customer: '上海 华联', grade: 'C' });
  });

  it('reads page N and post', () => {
    expect(command('page 3')).toMatchObject({ kind: 'list', page: 3, post: false });
    expect(command('post')).toMatchObject({ kind: 'list', page: 1, post: true });
  });

  it('combines filters in any order', () => {
    expect(command('unclaimed 60+ >10k')).toEqual({
      kind: 'list',
      filters: { mine: false, unclaimed: true, minDays: 60, minAmountMajor: 10_000, amountText: '>10k' },
      page: 1,
      post: false,
    });
    expect(command('post grade C >1m mine page 2 90+')).toEqual({
      kind: 'list',
      filters: {
        mine: true,
        unclaimed: false,
        minDays: 90,
        minAmountMajor: 1_000_000,
        amountText: '>1m',
        grade: 'C',
      },
      page: 2,
      post: true,
    });
  });

  it('accepts keywords in any case and full-width input from Chinese keyboards', () => {
    expect(filters('MINE 60+')).toMatchObject({ mine: true, minDays: 60 });
    expect(filters('Unclaimed ６０＋ ＞５０ｋ')).toMatchObject({
      unclaimed: true,
      minDays: 60,
      minAmountMajor: 50_000,
    });
    expect(filters('mine\u3000grade\u3000C')).toMatchObject({ mine: true, grade: 'C' });
  });

  it('accepts the same owner word twice', () => {
    expect(filters('mine mine').mine).toBe(true);
  });
});

describe('/overdue help', () => {
  it('answers help with the help text, which names every keyword and template', () => {
    expect(command('help')).toEqual({ kind: 'help' });
    expect(command('HELP')).toEqual({ kind: 'help' });
    for (const word of ['mine', 'unclaimed', '60+', '>50k', 'grade', 'customer', '@person', 'page', 'post']) {
      expect(OVERDUE_HELP).toContain(word);
    }
    for (const verb of ['show', 'claim', 'release', 'log', 'history', 'letter'])
      expect(OVERDUE_HELP).toContain(verb);
    for (const template of LETTER_TEMPLATES) expect(OVERDUE_HELP).toContain(template);
  });
});

describe('/overdue actions on one account', () => {
  it.each(['show', 'claim', 'release', 'log', 'history'] as const)(
    'reads %s <customer> by name or id',
    (verb) => {
      expect(command(`${verb} Acme Trading`)).toEqual({ kind: verb, customer: 'Acme Trading' });
      expect(command(`${verb} 1042`)).toEqual({ kind: verb, customer: '1042' });
    },
  );

  it('keeps Chinese customer names as typed', () => {
    expect(command('show 上海华联')).toEqual({ kind: 'show', customer: '上海华联' });
    expect(command('claim 北京 东方 贸易')).toEqual({ kind: 'claim', customer: '北京 东方 贸易' });
  });

  it('reads quoted customer names and verbs in any case', () => {
    expect(command('CLAIM "Acme  Trading"')).toEqual({ kind: 'claim', customer: 'Acme  Trading' });
    expect(command('Show mine')).toEqual({ kind: 'show', customer: 'mine' });
  });

  it('reads letter <customer> with and without a template', () => {
    expect(command('letter Acme')).toEqual({ kind: 'letter', customer: 'Acme', template: null });
    expect(command('letter Acme Trading formal-demand')).toEqual({
      kind: 'letter',
      customer: 'Acme Trading',
      template: 'formal-demand',
    });
    expect(command('letter 上海华联 Final-Notice')).toEqual({
      kind: 'letter',
      customer: '上海华联',
      template: 'final-notice',
    });
    expect(command('letter "Acme reminder" reminder')).toEqual({
      kind: 'letter',
      customer: 'Acme reminder',
      template: 'reminder',
    });
  });

  it.each(LETTER_TEMPLATES)('knows the letter template %s', (template) => {
    expect(command(`letter Acme ${template}`)).toMatchObject({ kind: 'letter', template });
  });

  it('treats a hyphenated last word far from any template as part of the name', () => {
    expect(command('letter Acme Coca-Cola')).toEqual({
      kind: 'letter',
      customer: 'Acme Coca-Cola',
      template: null,
    });
  });
});

describe('/overdue errors', () => {
  it('names the word it did not understand, as a code and data to say it from in any language', () => {
    const e = error('unclaimed banana');
    expect(e.code).toBe('unknown_word');
    expect(e.reason).toBe('unknown_word');
    expect(e.word).toBe('banana');
    expect(e.values).toEqual({ word: 'banana' });
    expect(e.message).toBe('I did not understand "banana".');
  });

  it('suggests the keyword a typo was probably meant to be', () => {
    expect(error('unclaimd').message).toContain('Did you mean "unclaimed"?');
    expect(error('grdae C').message).toContain('"grade"');
  });

  it('refuses conflicting owner filters', () => {
    for (const text of ['mine unclaimed', 'unclaimed mine', 'mine @li', '@li unclaimed', '@li @wang']) {
      const e = error(text);
      expect(e.code, text).toBe('conflicting_filters');
      expect(e.message).toContain('cannot be combined');
    }
  });

  it('refuses two amount thresholds, two day thresholds, two grades, two pages', () => {
    expect(error('>50k >1m')).toMatchObject({
      code: 'conflicting_filters',
      message: expect.stringContaining('>1m'),
    });
    expect(error('30+ 60+').code).toBe('conflicting_filters');
    expect(error('grade A grade C').code).toBe('conflicting_filters');
    expect(error('page 1 page 2').code).toBe('conflicting_filters');
    expect(error('customer "a" customer "b"').code).toBe('conflicting_filters');
  });

  it('says what is missing after a keyword', () => {
    expect(error('grade')).toMatchObject({
      code: 'missing_argument',
      message: expect.stringContaining('A, B or C'),
    });
    expect(error('page')).toMatchObject({ code: 'missing_argument' });
    expect(error('customer')).toMatchObject({ code: 'missing_argument' });
    expect(error('>')).toMatchObject({ code: 'missing_argument' });
    expect(error('@')).toMatchObject({ code: 'missing_argument' });
    expect(error('claim')).toMatchObject({
      code: 'missing_argument',
      message: expect.stringContaining('"claim"'),
    });
    expect(error('letter')).toMatchObject({ code: 'missing_argument' });
  });

  it('says which value is wrong', () => {
    expect(error('grade D')).toMatchObject({ code: 'bad_value', word: 'D' });
    expect(error('page zero')).toMatchObject({ code: 'bad_value', word: 'zero' });
    expect(error('page 0')).toMatchObject({ code: 'bad_value', word: '0' });
    expect(error('>lots')).toMatchObject({ code: 'bad_value', word: '>lots' });
    expect(error('>12.5')).toMatchObject({
      code: 'bad_value',
      message: expect.stringContaining('whole amounts'),
    });
    expect(error('99999+')).toMatchObject({ code: 'bad_value' });
    expect(error('letter Acme formal-demnd')).toMatchObject({ code: 'bad_value', word: 'formal-demnd' });
  });

  it('asks for an action word to come first', () => {
    expect(error('mine claim Acme')).toMatchObject({ code: 'misplaced_word', word: 'claim' });
  });

  it('points a bare quoted name to the customer keyword', () => {
    expect(error('"Acme"')).toMatchObject({
      code: 'unknown_word',
      message: expect.stringContaining('customer "Acme"'),
    });
  });

  it('reports an unclosed quote instead of guessing', () => {
    expect(error('customer "Acme').code).toBe('unclosed_quote');
    expect(error('show "Acme').code).toBe('unclosed_quote');
  });
});

describe('parseAmountMajor', () => {
  it('reads plain, grouped and suffixed amounts exactly', () => {
    expect(parseAmountMajor('0')).toBe(0);
    expect(parseAmountMajor('1,234,567')).toBe(1_234_567);
    expect(parseAmountMajor('0.001m')).toBe(1_000);
    expect(parseAmountMajor('1.10k')).toBe(1_100);
    expect(parseAmountMajor('2.5万')).toBe(25_000);
    expect(parseAmountMajor('1.5亿')).toBe(150_000_000);
    expect(parseAmountMajor('２万')).toBe(20_000);
  });

  it('is the amount grammar of forms too: a promised amount reads as the filter does', () => {
    // JPY has no minor units, so its minor units are whole major units: both readers must agree.
    for (const text of [
      '50000',
      '50,000',
      '50k',
      '1.5m',
      '2b',
      '5万',
      '2.5万',
      '1亿',
      '.5k',
      '1.5',
      'abc',
      '-5',
    ])
      expect(parseMoneyInput(text, 'JPY'), text).toBe(parseAmountMajor(text));
  });

  it('rejects fractions of a major unit, bad grouping and unsafe sizes', () => {
    expect(parseAmountMajor('1.0001k')).toBeNull();
    expect(parseAmountMajor('12,34')).toBeNull();
    expect(parseAmountMajor('1.5')).toBeNull();
    expect(parseAmountMajor('99999999999999999m')).toBeNull();
    expect(parseAmountMajor('-5')).toBeNull();
    expect(parseAmountMajor('')).toBeNull();
  });
});
