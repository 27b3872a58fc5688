import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { chooseLocale, LOCALES, matchLocale } from '../../src/i18n/locale.ts';
import { en, type MessageKey } from '../../src/i18n/messages/en.ts';
import { pseudoCatalog, pseudoText } from '../../src/i18n/pseudo.ts';
import { CATALOGS, makeTranslator, translator } from '../../src/i18n/translate.ts';

const KEYS = Object.keys(en).sort() as MessageKey[];

/** The placeholders of a message, with the select/plural cases they branch on. */
function argumentsOf(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date) out.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      out.add(el.value);
      for (const option of Object.values(el.options)) argumentsOf(option.value, out);
    }
    if (el.type === TYPE.tag) argumentsOf(el.children, out);
  }
  return out;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${join('i18n', 'messages')}`));
}

describe('the message catalogs (issue 20)', () => {
  it.each(LOCALES)(
    '%s has exactly the English keys, each a valid ICU message with the same placeholders',
    (locale) => {
      const catalog = CATALOGS[locale];
      expect(Object.keys(catalog).sort()).toEqual(KEYS);
      for (const key of KEYS) {
        const mine = argumentsOf(parse(catalog[key]));
        expect([...mine].sort(), `${locale} ${key}`).toEqual([...argumentsOf(parse(en[key]))].sort());
      }
    },
  );

  it('has no key that no code uses', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('adapters'))];
    const code = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    const unused = KEYS.filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('formats with the values given, in every locale', () => {
    for (const locale of LOCALES) {
      const text = translator(locale).t('language.current', { source: 'platform', platform: 'slack' });
      expect(text).toContain('Slack');
      expect(text).not.toMatch(/[{}]/);
    }
    expect(translator('zh-TW').t('language.current', { source: 'own', platform: 'shell' })).toContain(
      '繁體中文',
    );
  });

  it('pseudo-localises every letter of ours and leaves placeholders to be filled', () => {
    expect(pseudoText('Claim 12')).toBe('Ćĺáíḿ 12');
    const pseudo = makeTranslator('en', pseudoCatalog());
    const text = pseudo.t('language.unknown', { tag: 'fr', choices: 'en' });
    expect(text).toMatch(/^⟦.*⟧$/);
    expect(text).toContain('"fr"');
    expect(text.replace(/"fr"|\ben\b|\bauto\b|duebot/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  });
});

/** Values for every placeholder of a message: a number where it counts, a case it selects, else text. */
function valuesFor(elements: MessageFormatElement[], n: number, out: Record<string, string | number> = {}) {
  for (const el of elements) {
    if (el.type === TYPE.argument && !(el.value in out)) out[el.value] = `v${n}-${el.value}`;
    if (el.type === TYPE.number || el.type === TYPE.plural) out[el.value] = n;
    if (el.type === TYPE.date) out[el.value] = Date.UTC(2026, 11, n);
    if (el.type === TYPE.select) {
      const cases = Object.keys(el.options);
      out[el.value] = cases[n % cases.length] ?? 'other';
    }
    if (el.type === TYPE.plural || el.type === TYPE.select)
      for (const option of Object.values(el.options)) valuesFor(option.value, n, out);
    if (el.type === TYPE.tag) valuesFor(el.children, n, out);
  }
  return out;
}

describe('saying a message (compiled once per translator)', () => {
  it.each(LOCALES)(
    '%s says every message as FormatJS formats it, each time with its own values',
    (locale) => {
      const catalog = CATALOGS[locale];
      const intl = createIntl({
        locale,
        messages: catalog,
        onError: (e) => {
          throw e;
        },
      });
      const t = makeTranslator(locale, catalog);
      for (const n of [1, 2, 7, 1]) {
        for (const key of KEYS) {
          const values = valuesFor(parse(catalog[key]), n);
          expect(t.t(key, values), `${locale} ${key} (${n})`).toBe(intl.formatMessage({ id: key }, values));
        }
      }
    },
  );

  it('still refuses a message missing one of its values, after it was said once', () => {
    const t = makeTranslator('en', en);
    expect(t.t('card.claim.taken', { owner: 'Ann' })).toContain('Ann');
    expect(() => t.t('card.claim.taken')).toThrow(/owner/);
    expect(t.t('card.claim.taken', { owner: 'Bo' })).toContain('Bo');
  });

  it('refuses an empty message as FormatJS does', () => {
    const t = makeTranslator('en', { ...en, 'slack.loading': '' });
    expect(() => t.t('slack.loading')).toThrow();
  });
});

describe('which language a tag names', () => {
  it.each([
    ['zh-TW', 'zh-TW'],
    ['zh-tw', 'zh-TW'],
    ['zh_TW.UTF-8', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh_MO', 'zh-TW'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh_CN.GB2312', 'zh-CN'],
    ['en-US', 'en'],
    ['en_GB.UTF-8@euro', 'en'],
    ['fr-FR', null],
    ['C', null],
    ['POSIX', null],
    ['', null],
    ['<script>', null],
    ['z'.repeat(500), null],
  ])('%s -> %s', (tag, expected) => {
    expect(matchLocale(tag)).toBe(expected);
  });

  it('takes the first source that names one, else the fallback', () => {
    expect(chooseLocale([null, 'fr', 'zh_TW'], 'en')).toBe('zh-TW');
    expect(chooseLocale([undefined, 'C'], 'zh-CN')).toBe('zh-CN');
  });
});

describe('amounts and dates for the reader', () => {
  it('writes exact amounts with the currency code, grouped for the locale', () => {
    expect(translator('en').money(8_600_012_345, 'CNY')).toBe('CNY 86,000,123.45');
    expect(translator('zh-CN').money(8_600_012_345, 'CNY')).toBe('CNY 86,000,123.45');
    expect(translator('en').money(1234, 'JPY')).toBe('JPY 1,234');
  });

  it('writes large amounts in 万 and 亿 for Chinese readers only when asked to', () => {
    expect(translator('zh-CN', { largeUnits: true }).moneyShort(8_600_000_000, 'CNY')).toBe('CNY 8600万');
    expect(translator('zh-TW', { largeUnits: true }).moneyShort(123_456_789_000, 'CNY')).toBe('CNY 12.35億');
    expect(translator('zh-CN').moneyShort(8_600_000_000, 'CNY')).toBe('CNY 86,000,000');
    expect(translator('en', { largeUnits: true }).moneyShort(8_600_000_000, 'CNY')).toBe('CNY 86,000,000');
    expect(translator('zh-CN', { largeUnits: true }).moneyShort(950_000, 'CNY')).toBe('CNY 9,500');
  });

  it('writes dates as each locale does', () => {
    expect(translator('en').date('2026-12-07')).toBe('7 Dec 2026');
    expect(translator('zh-CN').date('2026-12-07')).toBe('2026年12月7日');
    expect(translator('zh-TW').date('2026-12-07')).toBe('2026年12月7日');
    expect(() => translator('en').date('2026-13-01')).toThrow(RangeError);
  });
});
