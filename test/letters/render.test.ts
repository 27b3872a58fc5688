import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import { addDays } from '../../src/collections/dates.ts';
import { defaultLetterConfig, LETTER_LOCALES, type LetterConfig } from '../../src/config.ts';
import { LETTER_TEMPLATES } from '../../src/commands/overdue-grammar.ts';
import type { Database } from '../../src/db.ts';
import { type LetterData, letterData } from '../../src/letters/letter-data.ts';
import { renderLetter } from '../../src/letters/render.ts';
import { prepareLetter } from '../../src/letters/send-letter.ts';
import { LetterTemplateError, renderTemplate } from '../../src/letters/templates.ts';
import { assessOne } from '../../src/worklist/assess.ts';
import { logOutcome } from '../../src/worklist/log-outcome.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedStaff } from '../support/seed.ts';
import { loadDemo } from './support/demo.ts';

const TODAY = '2026-11-22';
const clock = createFixedClock(`${TODAY}T03:00:00Z`, 'Asia/Shanghai');
const config: LetterConfig = {
  ...defaultLetterConfig,
  company: {
    name: '杭州示例贸易有限公司',
    address: ['浙江省杭州市西湖区文三路 1 号'],
    registration: '91330100MA2XXXXX1A',
    stampImage: undefined,
  },
  payment: { link: 'https://pay.example.com/acme', bank: ['招商银行杭州分行', '账号 5719 0000 0000 001'] },
};

async function pdfText(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/\s+/g, '');
}

describe.each(backends())('letter templates with the demo ledger on %s', (kind) => {
  let db: Database;
  /** One overdue demo account per ledger locale. */
  const accounts: Record<string, { id: number; name: string }> = {};

  const dataFor = async (accountId: number, template: string, locale: (typeof LETTER_LOCALES)[number]) => {
    const assessment = await assessOne(
      { db: db.knex, policy: defaultPolicy, today: TODAY, timeZone: 'Asia/Shanghai' },
      accountId,
    );
    if (!assessment) throw new Error('no assessment');
    return letterData(db.knex, {
      accountId,
      template,
      locale,
      assessment,
      senderName: 'Ann',
      config,
      today: TODAY,
      timeZone: 'Asia/Shanghai',
    });
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await loadDemo(db, TODAY);
    const ann = await seedStaff(db.knex, 'Ann', 'collector');
    for (const locale of LETTER_LOCALES) {
      const row = await db
        .knex('account_summary')
        .join('customers', 'customers.id', 'account_summary.customer_id')
        .where('customers.locale', locale)
        .where('account_summary.oldest_due', '<', addDays(TODAY, -20))
        .orderBy('account_summary.priority', 'desc')
        .first('customers.id', 'customers.name', 'account_summary.main_currency');
      accounts[locale] = { id: Number(row.id), name: String(row.name) };
      const logged = await logOutcome(
        db.knex,
        ann,
        Number(row.id),
        {
          channel: 'call',
          result: 'promised',
          notes: 'CFO confirmed',
          promiseDate: '2026-11-27',
          promiseAmount: '1000',
          currency: String(row.main_currency),
          nextFollowUp: '2026-11-28',
        },
        TODAY,
      );
      if (!logged.ok) throw new Error(JSON.stringify(logged.error));
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  for (const template of LETTER_TEMPLATES) {
    it(`renders ${template} in every locale with the demo data: amounts, invoices, dates and a way to pay`, async () => {
      for (const locale of LETTER_LOCALES) {
        const account = accounts[locale] ?? { id: 0, name: '' };
        const data = await dataFor(account.id, template, locale);
        const letter = await renderLetter(data, config);
        const first = data.items[0];
        if (!first) throw new Error('no items');
        expect(letter.subject.length).toBeGreaterThan(5);
        expect(letter.text).toContain(account.name);
        expect(letter.text).toContain(first.number);
        expect(letter.text).toContain('https://pay.example.com/acme');
        expect(letter.text).toContain('0.05%');
        expect(letter.text).not.toMatch(/undefined|null|NaN|\{\{/);
        expect(letter.html).toContain('<table');
        expect(letter.html).toContain(account.name.replace(/&/g, '&amp;'));
        expect(Buffer.from(letter.pdf).subarray(0, 5).toString()).toBe('%PDF-');
        expect(letter.filename).toBe(`${data.customer.id}-${template}-${TODAY}.pdf`);
      }
    });
  }

  it('states the open amount, days overdue and late interest of each item in the locale (PB-16)', async () => {
    const zh = accounts['zh-CN'] ?? { id: 0, name: '' };
    const data = await dataFor(zh.id, 'formal-demand', 'zh-CN');
    const letter = await renderLetter(data, config);
    const item = data.items[0];
    if (!item) throw new Error('no items');
    const [y, m, d] = item.dueDate.split('-').map(Number);
    expect(letter.text).toContain(`${y}年${m}月${d}日`);
    expect(letter.text).toContain(`${item.daysOverdue}天`);
    expect(letter.text).toMatch(new RegExp(`${item.currency} [\\d,]+\\.\\d{2}`));
    const en = await renderLetter({ ...data, locale: 'en' }, config);
    expect(en.text).toContain(`${item.daysOverdue} days`);
    expect(en.text).toContain('legal action');
  });

  it('prints the Chinese customer name and letterhead into the PDF with an embedded CJK font', async () => {
    const zh = accounts['zh-CN'] ?? { id: 0, name: '' };
    expect(zh.name).toMatch(/\p{Script=Han}/u);
    const prepared = await prepareLetter(
      { db: db.knex, clock, policy: defaultPolicy, letters: config },
      zh.id,
      'final-notice',
      'Ann',
    );
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.value.letter.locale).toBe('zh-CN');
    const text = await pdfText(prepared.value.letter.pdf);
    expect(text).toContain(zh.name.replace(/\s+/g, ''));
    expect(text).toContain('杭州示例贸易有限公司');
    expect(text).toContain('最后通知');
  });

  it('fails the render when a template names a variable the data does not have', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-letters-'));
    await mkdir(join(dir, 'en'));
    await writeFile(
      join(dir, 'en', 'reminder.hbs'),
      'subject: Hi {{customer.name}}\n---\nDear {{customer.nmae}},\n',
    );
    await writeFile(
      join(dir, 'en', 'polite-reminder.hbs'),
      'subject: Hi\n---\n{{#each invoices}}{{number}}{{/each}}\n',
    );
    const en = accounts.en ?? { id: 0, name: '' };
    const data = await dataFor(en.id, 'reminder', 'en');
    await expect(renderTemplate('reminder', 'en', data, dir)).rejects.toThrow(
      /reminder \(en\).*"nmae" not defined/,
    );
    await expect(renderTemplate('polite-reminder', 'en', data, dir)).rejects.toThrow(LetterTemplateError);
    const { payBy: _dropped, ...incomplete } = data;
    await expect(renderLetter(incomplete as LetterData, config)).resolves.toBeDefined();
    await expect(
      renderLetter({ ...(incomplete as LetterData), template: 'polite-reminder' }, config),
    ).rejects.toThrow(/date needs/);
  });

  it('words the formal demand from the letters the log shows as sent, and the call summary from the call (PB-22)', async () => {
    const en = accounts.en ?? { id: 0, name: '' };
    const before = await renderLetter(await dataFor(en.id, 'formal-demand', 'en'), config);
    expect(before.text).not.toMatch(/despite|reminder/i);
    // A letter that failed or waits for approval is not a reminder the customer got.
    const letter = (status: string, day: string, extra: Record<string, unknown> = {}) => ({
      customer_id: en.id,
      template: 'polite-reminder',
      locale: 'en',
      idempotency_key: `${en.id}:polite-reminder:${day}`,
      status,
      ...extra,
    });
    await db.knex('letters').insert(letter('failed', '2026-11-01'));
    await db.knex('letters').insert(
      letter('sent', '2026-11-05', {
        recipient: 'ap@example.com',
        message_id: '<m1@example.com>',
        sent_at: new Date('2026-11-05T02:00:00Z'),
      }),
    );
    const after = await dataFor(en.id, 'formal-demand', 'en');
    expect(after.history.reminders).toEqual([{ template: 'polite-reminder', date: '2026-11-05' }]);
    expect((await renderLetter(after, config)).text).toContain('Despite our reminder of 5 November 2026,');
    const ann = await seedStaff(db.knex, 'Bea', 'collector');
    const logged = await logOutcome(db.knex, ann, en.id, { channel: 'call', result: 'no_answer' }, TODAY);
    if (!logged.ok) throw new Error(JSON.stringify(logged.error));
    const summary = await renderLetter(await dataFor(en.id, 'call-summary', 'en'), config);
    expect(summary.text).not.toContain('Thank you for speaking');
    expect(summary.text).toContain('could not speak with you');
  });

  it('uses a company template from LETTER_TEMPLATES_DIR before the built-in one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-letters-'));
    await mkdir(join(dir, 'en'));
    await writeFile(
      join(dir, 'en', 'reminder.hbs'),
      'subject: Our own reminder for {{customer.name}}\n---\nOwn words, {{count}} invoices.\n',
    );
    const en = accounts.en ?? { id: 0, name: '' };
    const data = await dataFor(en.id, 'reminder', 'en');
    const letter = await renderLetter(data, { ...config, templatesDir: dir });
    expect(letter.subject).toBe(`Our own reminder for ${en.name}`);
    const builtIn = await renderLetter(
      { ...data, template: 'polite-reminder' },
      { ...config, templatesDir: dir },
    );
    expect(builtIn.subject).toMatch(/^Payment reminder/);
  });
});
