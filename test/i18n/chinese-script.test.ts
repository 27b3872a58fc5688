/**
 * Issue 20: the Chinese catalogs, letter templates and Teams manifest strings are written in the script
 * their readers expect. OpenCC (opencc-js, its own tables rather than a hand-kept character list) turns
 * simplified text into traditional with Taiwan's character forms, and traditional into simplified: a
 * zh-TW text that changes under cn -> tw has a simplified (or non-Taiwan) character, a zh-CN text that
 * changes under tw -> cn has a traditional one. The ICU syntax and placeholders are ASCII, which OpenCC
 * leaves alone, so whole messages are checked.
 *
 * OpenCC's `twp` target (Taiwan phrases) is not used: it rewrites correct Taiwan wording (項目 -> 專案,
 * 法律程序 -> 法律程式, 權限 -> 許可權, 代碼 -> 程式碼), so it cannot be a gate; the catalogs' wording is
 * reviewed by people instead.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../src/letters/templates.ts';
import { CATALOGS } from '../../src/i18n/translate.ts';

type ChineseLocale = 'zh-CN' | 'zh-TW';

const CONVERT: Record<ChineseLocale, (text: string) => string> = {
  'zh-TW': Converter({ from: 'cn', to: 'tw' }),
  'zh-CN': Converter({ from: 'tw', to: 'cn' }),
};

/**
 * Correct text that OpenCC would still change, each with why. OpenCC splits text into the longest words
 * its dictionary knows and converts a lone 准 to 準 (準備), so it reads 待核准 as 待 + 核 + 准; 核准 (to
 * approve) is the Taiwan form. A difference inside one of these phrases is not reported.
 */
const ALLOWED: Record<ChineseLocale, Record<string, string>> = {
  'zh-TW': { 待核准: '核准 (approve) is the Taiwan form; OpenCC does not see 核准 after 待 and writes 準' },
  'zh-CN': {},
};

interface Finding {
  where: string;
  changes: string[];
}

/** The characters OpenCC changes in `text`, outside the allowed phrases: `准 -> 準 in 「…待核准…」`. */
function changesIn(text: string, locale: ChineseLocale, used: Set<string>): string[] {
  const converted = CONVERT[locale](text);
  if (converted === text) return [];
  const from = [...text];
  const to = [...converted];
  if (from.length !== to.length) return [`${text} -> ${converted}`];
  const allowedAt = new Set<number>();
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of from) {
    offsets.push(offset);
    offset += ch.length;
  }
  for (const phrase of Object.keys(ALLOWED[locale])) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      from.forEach((_, i) => {
        if (offsets[i]! >= at && offsets[i]! < at + phrase.length && from[i] !== to[i]) {
          allowedAt.add(i);
          used.add(phrase);
        }
      });
    }
  }
  const changes: string[] = [];
  from.forEach((ch, i) => {
    if (ch === to[i] || allowedAt.has(i)) return;
    const context = from.slice(Math.max(0, i - 4), i + 5).join('');
    changes.push(`${ch} -> ${to[i]} in 「${context}」`);
  });
  return changes;
}

function check(texts: [string, string][], locale: ChineseLocale, used = new Set<string>()): Finding[] {
  return texts
    .map(([where, text]) => ({ where, changes: changesIn(text, locale, used) }))
    .filter((f) => f.changes.length > 0);
}

const TEMPLATE_DIR: Record<ChineseLocale, string> = { 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW' };
const MANIFEST_FILE: Record<ChineseLocale, string> = { 'zh-CN': 'zh-cn.json', 'zh-TW': 'zh-tw.json' };

async function templates(locale: ChineseLocale): Promise<[string, string][]> {
  const dir = join(BUILT_IN_TEMPLATES, TEMPLATE_DIR[locale]);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.hbs')).sort();
  expect(names.length).toBeGreaterThan(0);
  return Promise.all(
    names.map(async (n): Promise<[string, string]> => [
      `${locale}/${n}`,
      await readFile(join(dir, n), 'utf8'),
    ]),
  );
}

async function manifestStrings(locale: ChineseLocale): Promise<[string, string][]> {
  const file = join('adapters', 'teams', 'manifest', MANIFEST_FILE[locale]);
  const strings = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  return Object.entries(strings)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('$'))
    .map(([key, text]) => [`${MANIFEST_FILE[locale]} ${key}`, text]);
}

async function everyText(locale: ChineseLocale): Promise<[string, string][]> {
  return [
    ...Object.entries(CATALOGS[locale]),
    ...(await templates(locale)),
    ...(await manifestStrings(locale)),
  ];
}

describe('Chinese text is in its own script (issue 20, OpenCC)', () => {
  it.each(['zh-TW', 'zh-CN'] as const)('every %s catalog message', (locale) => {
    const messages = Object.entries(CATALOGS[locale]);
    expect(messages.length).toBeGreaterThan(100);
    expect(check(messages, locale)).toEqual([]);
  });

  it.each(['zh-TW', 'zh-CN'] as const)('every %s letter template', async (locale) => {
    expect(check(await templates(locale), locale)).toEqual([]);
  });

  it.each(['zh-TW', 'zh-CN'] as const)("the Teams manifest's %s strings", async (locale) => {
    const strings = await manifestStrings(locale);
    expect(strings.map(([where]) => where)).toContain(`${MANIFEST_FILE[locale]} description.full`);
    expect(check(strings, locale)).toEqual([]);
  });

  it('reports the key and the characters OpenCC changes, and keeps no allowance it does not need', async () => {
    expect(check([['k', '逾期账款待核准']], 'zh-TW')).toEqual([
      { where: 'k', changes: ['账 -> 賬 in 「逾期账款待核准」'] },
    ]);
    expect(check([['k', '應收帳款']], 'zh-CN')).toEqual([
      { where: 'k', changes: ['應 -> 应 in 「應收帳款」', '帳 -> 帐 in 「應收帳款」'] },
    ]);
    const needed = new Set<string>();
    for (const locale of ['zh-TW', 'zh-CN'] as const) check(await everyText(locale), locale, needed);
    const allowed = [...Object.keys(ALLOWED['zh-TW']), ...Object.keys(ALLOWED['zh-CN'])];
    expect(allowed.filter((p) => !needed.has(p))).toEqual([]);
  });
});
