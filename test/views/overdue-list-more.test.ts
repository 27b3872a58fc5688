/**
 * `/overdue` counts the matching accounts only up to LIST_COUNT_CAP (an exact count reads every matching
 * account on every request): a list counted that far says "more than 1,000 accounts", and its pager
 * "of 100+" with a Next button, in every language and on every platform.
 */
import { describe, expect, it } from 'vitest';
import { toTerminalText } from '../../adapters/shell/text.ts';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import { translator } from '../../src/i18n/translate.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type { Message, PagerBlock } from '../../src/views/model.ts';
import { overdueListView } from '../../src/views/overdue-list.ts';
import type { WorklistPage, WorklistRow } from '../../src/worklist/list.ts';
import { everyLocale, messageProblems, pseudoT, strayEnglish } from '../support/view-locales.ts';

const row = (i: number): WorklistRow => ({
  accountId: i,
  externalId: `C${i}`,
  name: `Acme ${i}`,
  mainCurrency: 'CNY',
  mainOpenMinor: 1_000_00,
  openByCurrency: { CNY: 1_000_00 },
  openItems: 1,
  maxDaysOverdue: 40,
  priority: 1000 - i,
  reasons: null,
  grade: 'B',
  keyAccount: false,
  red: false,
  creditHold: false,
  blacklisted: false,
  ladderStep: null,
  nextAction: null,
  nextActionDue: null,
  suggestedLetter: null,
  owner: null,
  version: 1,
});

/** Page `pageNo` of a list whose count stopped at 1,000 (100 pages of 10 counted, more behind). */
const counted = (pageNo: number): WorklistPage => ({
  rows: Array.from({ length: 10 }, (_, i) => row((pageNo - 1) * 10 + i + 1)),
  total: 1000,
  page: pageNo,
  pages: 100,
  pageSize: 10,
  more: true,
});

const view = (page: WorklistPage, t = translator('en'), query = '') =>
  overdueListView(page, { query, today: '2026-12-07', t });

const pager = (message: Message) => message.blocks.find((b): b is PagerBlock => b.type === 'pager');

describe('a worklist counted only so far', () => {
  it('says "more than 1,000 accounts" in each locale, filtered or not', () => {
    const said = (t = translator('en'), query = '') => JSON.stringify(view(counted(1), t, query));
    expect(said()).toContain('More than 1,000 accounts, highest expected recovery first. Showing 1-10.');
    expect(said(translator('en'), '60+')).toContain('More than 1,000 accounts matching `60+`');
    expect(said(translator('zh-CN'))).toContain('账户超过 1,000 个');
    expect(said(translator('zh-CN'), '60+')).toContain('符合 `60+` 的账户超过 1,000 个');
    expect(said(translator('zh-TW'))).toContain('帳戶超過 1,000 個');
    expect(view(counted(1)).fallbackText).toBe('More than 1,000 overdue accounts; top: Acme 1');
    expect(view(counted(1), translator('zh-TW')).fallbackText).toBe('逾期帳戶超過 1,000 個；首位：Acme 1');
  });

  it('pages on past the count: "of 100+" with a Next button, on the last counted page too', () => {
    for (const pageNo of [1, 100]) {
      const p = pager(view(counted(pageNo)));
      expect(p?.morePages).toBe(true);
      expect(p?.nextRef).toBeDefined();
    }
    const message = { ...view(counted(100)), locale: 'en' as const };
    expect(JSON.stringify(toBlockKit(message).blocks)).toContain('Page 100 of 100+');
    expect(JSON.stringify(toAdaptiveCard(message))).toContain('Page 100 of 100+');
    expect(toTerminalText(message, { color: false, width: 80 })).toContain('Page 100 of 100+');
    const bare = { blocks: message.blocks.filter((b) => b.type === 'pager') };
    expect(toFallbackText(bare)).toBe('Page 100 of 100+');
    const zh = { ...view(counted(3), translator('zh-CN')), locale: 'zh-CN' as const };
    expect(JSON.stringify(toBlockKit(zh).blocks)).toContain('第 3 / 100+ 页');
  });

  it('shows an exact count as before: no "more than", no page past the last', () => {
    const exact: WorklistPage = { ...counted(100), more: undefined };
    const message = view(exact);
    expect(JSON.stringify(message)).toContain('1,000 accounts, highest expected recovery first');
    expect(JSON.stringify(message)).not.toContain('More than');
    expect(pager(message)?.morePages).toBeUndefined();
    expect(pager(message)?.nextRef).toBeUndefined();
  });

  it('has no English of ours outside the catalogs and fits every platform in every locale', () => {
    const refs = new Set(['openRef', 'prevRef', 'nextRef']);
    const readable = JSON.parse(
      JSON.stringify(view(counted(2), pseudoT()), (k, v: unknown) => (refs.has(k) ? undefined : v)),
    ) as Message;
    expect(strayEnglish(readable, ['Acme', 'recovery'])).toEqual([]);
    for (const t of everyLocale())
      expect(messageProblems({ ...view(counted(2), t), locale: t.locale }), t.locale).toEqual([]);
  });
});
