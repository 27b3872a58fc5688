/**
 * PB-22: a letter never misstates facts. Every built-in template in every language is rendered against
 * an empty history, one reminder and several, and must word its past from what is on record; a template
 * that claims an earlier reminder, demand or conversation the history lacks does not render.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LETTER_TEMPLATES } from '../../src/commands/overdue-grammar.ts';
import { defaultLetterConfig, LETTER_LOCALES, type LetterConfig } from '../../src/config.ts';
import { misstatements } from '../../src/letters/fact-check.ts';
import type { LetterData, LetterItem } from '../../src/letters/letter-data.ts';
import { EMPTY_HISTORY, historyOf, type LetterHistory } from '../../src/letters/letter-history.ts';
import { renderLetter } from '../../src/letters/render.ts';
import type { LetterLocale } from '../../src/letters/settings.ts';

const config: LetterConfig = { ...defaultLetterConfig };

const items: LetterItem[] = [
  {
    number: 'INV-1',
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    daysOverdue: 52,
    currency: 'CNY',
    openMinor: 1_000_000,
    interestMinor: 26_000,
  },
];

function letter(template: string, locale: LetterLocale, history: LetterHistory, reached = true): LetterData {
  return {
    template,
    locale,
    today: '2026-11-22',
    company: { name: 'Acme Trading', address: ['1 Road'], registration: 'R-1' },
    customer: { id: 'C-1', name: 'Globex Ltd', contact: 'Wang Fang', email: 'ap@example.cn' },
    sender: { name: 'Ann' },
    items,
    count: 1,
    many: false,
    totals: [{ currency: 'CNY', openMinor: 1_000_000, interestMinor: 26_000, dueMinor: 1_026_000 }],
    maxDaysOverdue: 52,
    interestRate: '0.05%',
    payBy: '2026-11-29',
    legalAction: { afterDays: 30, on: '2026-11-29' },
    payment: { link: '', bank: [], any: false },
    plan: {
      currency: 'CNY',
      totalMinor: 1_000_000,
      count: 1,
      agreed: false,
      items,
      installments: [{ no: 1, dueDate: '2026-12-01', amountMinor: 1_000_000, currency: 'CNY' }],
    },
    history,
    call: {
      logged: true,
      reached,
      channel: 'call',
      date: '2026-11-21',
      by: 'Ann',
      result: reached ? 'promised' : 'no answer',
      notes: '',
      promiseDate: '',
      promiseAmount: '',
      nextFollowUp: '',
    },
    discount: {
      percent: '2%',
      days: 10,
      policy: true,
      items: [
        {
          number: 'INV-1',
          issueDate: '2026-09-01',
          deadline: '2026-09-11',
          currency: 'CNY',
          amountMinor: 20_000,
          fromLedger: false,
        },
      ],
      totals: [{ currency: 'CNY', amountMinor: 20_000 }],
    },
  };
}

const noAnswer = historyOf([], [{ date: '2026-11-21', channel: 'call', reached: false }], 0);
const spoke = historyOf([], [{ date: '2026-11-21', channel: 'call', reached: true }], 0);
const oneReminder = historyOf(
  [{ template: 'polite-reminder', date: '2026-11-03' }],
  [{ date: '2026-11-21', channel: 'call', reached: true }],
  0,
);
const full = historyOf(
  [
    { template: 'reminder', date: '2026-10-03' },
    { template: 'polite-reminder', date: '2026-10-07' },
    { template: 'formal-demand', date: '2026-10-22' },
    { template: 'final-notice', date: '2026-11-01' },
  ],
  [{ date: '2026-10-12', channel: 'call', reached: true }],
  0,
);

describe('letters state only the history on record (PB-22)', () => {
  for (const template of LETTER_TEMPLATES) {
    for (const locale of LETTER_LOCALES) {
      it(`${template} (${locale}) renders truthfully with no history, a call nobody answered, one reminder and a full history`, async () => {
        const call = template === 'call-summary';
        // A call summary always follows a logged call: its "empty" history is that call.
        const histories = call ? [noAnswer, spoke, oneReminder, full] : [EMPTY_HISTORY, oneReminder, full];
        for (const history of histories) {
          const reached = history !== noAnswer;
          const out = await renderLetter(letter(template, locale, history, reached), config, { pdf: false });
          expect(misstatements(`${out.subject}\n${out.text}`, history)).toEqual([]);
        }
      });
    }
  }

  it('words the formal demand from the reminders that went, with their dates', async () => {
    const none = await renderLetter(letter('formal-demand', 'en', EMPTY_HISTORY), config, { pdf: false });
    expect(none.text).not.toMatch(/despite|reminder/i);
    const one = await renderLetter(letter('formal-demand', 'en', oneReminder), config, { pdf: false });
    expect(one.text).toContain('Despite our reminder of 3 November 2026,');
    const many = await renderLetter(letter('formal-demand', 'en', full), config, { pdf: false });
    expect(many.text).toContain(
      'Despite our reminders of 3 October 2026, 7 October 2026, 22 October 2026 and 1 November 2026,',
    );
    const zhNone = await renderLetter(letter('formal-demand', 'zh-CN', EMPTY_HISTORY), config, {
      pdf: false,
    });
    expect(zhNone.text).not.toMatch(/提醒|多次/);
    const zhMany = await renderLetter(letter('formal-demand', 'zh-TW', full), config, { pdf: false });
    expect(zhMany.text).toContain(
      '儘管我們已於 2026年10月3日、2026年10月7日、2026年10月22日、2026年11月1日 多次去函提醒',
    );
  });

  it('lists the earlier letters and calls in the legal referral instead of claiming them', async () => {
    const none = await renderLetter(letter('lawyer-letter-request', 'en', EMPTY_HISTORY), config, {
      pdf: false,
    });
    expect(none.text).not.toMatch(/reminders|formal demand|final notice|earlier contacts/i);
    const all = await renderLetter(letter('lawyer-letter-request', 'en', full), config, { pdf: false });
    expect(all.text).toContain('22 October 2026: formal demand (letter)');
    expect(all.text).toContain('12 October 2026: phone call, we spoke with you');
    const zh = await renderLetter(letter('lawyer-letter-request', 'zh-CN', full), config, { pdf: false });
    expect(zh.text).toContain('2026年11月1日：最后通知');
  });

  it('does not thank a customer for a conversation when the call reached nobody', async () => {
    const out = await renderLetter(letter('call-summary', 'en', noAnswer, false), config, { pdf: false });
    expect(out.text).not.toMatch(/speaking with|discussed/);
    expect(out.text).toContain('could not speak with you');
    const zh = await renderLetter(letter('call-summary', 'zh-CN', noAnswer, false), config, { pdf: false });
    expect(zh.subject).not.toContain('通话纪要');
  });

  it('fails to render a template claiming an earlier reminder the history lacks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-facts-'));
    await mkdir(join(dir, 'en'));
    await mkdir(join(dir, 'zh-CN'));
    await writeFile(
      join(dir, 'en', 'formal-demand.hbs'),
      'subject: Demand\n---\nDespite our repeated reminders, {{customer.name}} has not paid.\n',
    );
    await writeFile(
      join(dir, 'zh-CN', 'formal-demand.hbs'),
      'subject: 催款\n---\n尽管我们此前已多次提醒，{{customer.name}}仍未付款。\n',
    );
    const own = { ...config, templatesDir: dir };
    await expect(renderLetter(letter('formal-demand', 'en', EMPTY_HISTORY), own)).rejects.toThrow(
      /misstate facts \(PB-22\).*repeated reminders".*no reminder went out before/,
    );
    await expect(renderLetter(letter('formal-demand', 'zh-CN', EMPTY_HISTORY), own)).rejects.toThrow(
      /PB-22.*多次/,
    );
    // One reminder is not "repeated reminders" either.
    await expect(renderLetter(letter('formal-demand', 'en', oneReminder), own)).rejects.toThrow(
      /only one reminder went out before \(polite-reminder on 2026-11-03\)/,
    );
    // With two reminders on record the same words are true and the letter renders.
    await expect(
      renderLetter(letter('formal-demand', 'en', full), own, { pdf: false }),
    ).resolves.toBeDefined();
  });

  it('fails to render a claimed conversation, formal demand or final notice the history lacks', () => {
    expect(misstatements('As discussed when we spoke with you on Monday', EMPTY_HISTORY)[0]?.says).toBe(
      'a conversation with the customer',
    );
    expect(misstatements('As discussed when we spoke with you on Monday', noAnswer)).toHaveLength(1);
    expect(misstatements('As discussed when we spoke with you on Monday', spoke)).toEqual([]);
    expect(misstatements('Following our formal demand of 1 May', oneReminder)[0]?.says).toBe(
      'an earlier formal demand',
    );
    expect(misstatements('Despite our previous final notice', oneReminder).map((m) => m.says)).toContain(
      'an earlier final notice',
    );
    expect(misstatements('我们此前已发出正式催款函', EMPTY_HISTORY).map((m) => m.says)).toContain(
      'an earlier formal demand',
    );
    expect(misstatements('We called you twice last week', EMPTY_HISTORY)[0]?.says).toBe('an earlier call');
    expect(misstatements('Following our formal demand of 1 May', full)).toEqual([]);
  });
});
