import { describe, expect, it } from 'vitest';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toAdaptiveCard } from '../../adapters/teams/adaptive-card.ts';
import type { Locale } from '../../src/i18n/locale.ts';
import type { Message } from '../../src/views/model.ts';

/** A list page with a row, a confirm button and a pager, drawn in `locale`. */
const page = (locale?: Locale): Message => ({
  blocks: [
    {
      type: 'accountRow',
      accountId: 7,
      customerName: '苏州永信机械制造有限公司',
      amountLines: [],
      daysOverdue: 1,
      tone: 'danger',
      owner: null,
      explanation: '',
      actions: [{ label: '认领', ref: 'd1:claim:a=7:s=1', confirm: '认领这个客户？' }],
      openRef: 'd1:open:a=7',
    },
    { type: 'pager', page: 2, pages: 5, prevRef: 'd1:page:p=1', nextRef: 'd1:page:p=3' },
  ],
  ...(locale ? { locale } : {}),
});

describe("the adapters' own words follow the message's language (issue 20)", () => {
  it('Slack: the confirm dialog, the row and the pager', () => {
    const zh = JSON.stringify(toBlockKit(page('zh-TW')));
    for (const word of ['確定嗎？', '取消', '逾期 1 天', '未認領', '無未結金額', '第 2 / 5 頁', '下一頁 ▶'])
      expect(zh).toContain(word);
    const en = JSON.stringify(toBlockKit(page()));
    for (const word of ['Are you sure?', 'Cancel', '1 day overdue', 'unclaimed', 'Page 2 of 5', 'Next ▶'])
      expect(en).toContain(word);
    expect(en).not.toContain('逾期');
  });

  it('Teams: the row, its open action and the pager', () => {
    const zh = JSON.stringify(toAdaptiveCard(page('zh-CN')));
    for (const word of ['逾期 1 天', '未认领', '第 2 / 5 页', '上一页']) expect(zh).toContain(word);
    expect(zh).not.toMatch(/days overdue|Page 2 of 5|unclaimed/);
  });
});
