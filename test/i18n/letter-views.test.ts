/**
 * Issue 20: the letter, plan, promise, call-log and escalation views in every language. Drawn in the
 * pseudo-locale they show no English of ours outside the catalogs; drawn in en, zh-CN and zh-TW they fit
 * Slack, Teams and the terminal; counts follow each locale's plural rules.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/collections/account.ts';
import { escalationNotice } from '../../src/commands/escalation-notices.ts';
import { LETTER_TEMPLATES } from '../../src/commands/overdue-grammar.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { followUpMessage, keyAccountMessage } from '../../src/jobs/promise-follow-up.ts';
import type { LetterRecord } from '../../src/letters/letter-record.ts';
import type { PreparedLetter } from '../../src/letters/letter-types.ts';
import {
  callSummaryOffer,
  letterChooserForm,
  letterDecisionConfirm,
  letterExistsNotice,
  letterFailedNotice,
  letterOutcomeMessage,
  letterPreviewForm,
} from '../../src/views/letter-views.ts';
import { logOutcomeForm } from '../../src/views/log-form.ts';
import type { Form, Message } from '../../src/views/model.ts';
import { notice } from '../../src/views/notices.ts';
import {
  planCancelConfirm,
  planCurrencyForm,
  planForm,
  planOfferBlocks,
  planPreviewForm,
  planRecordedMessage,
} from '../../src/views/plan-views.ts';
import { promiseBlocks, promiseKeptForm } from '../../src/views/promise-views.ts';
import { letterMarkedSentMessage, uncertainLetterNotice } from '../../src/views/uncertain-letter.ts';
import { checkOutcome } from '../../src/worklist/log-outcome.ts';
import type { Confirm } from '../../src/commands/interaction.ts';
import {
  everyLocale,
  formProblems,
  messageProblems,
  pseudoT,
  strayEnglish,
  DATE_WORDS,
} from '../support/view-locales.ts';

const CUSTOMER = 'Contoso Trading';
const ZONE = 'Asia/Shanghai';
/** Words the fixtures themselves put into the views: names, addresses, subjects, ids, ladder steps. */
const DATA = [
  CUSTOMER,
  'Ann Li',
  'Mia Wong',
  'ap@contoso.example',
  'Formal demand overdue invoices',
  '<duebot.letter.12.1.mi4x0@acme.example>',
  'contoso-formal-demand.pdf',
  'PDF',
  'application/pdf',
  'INV-1001 INV-1002',
  'Message-ID',
  'smtp relay timeout',
  ...LETTER_TEMPLATES,
  ...defaultPolicy.ladder.steps.map((s) => s.id),
];

const prepared: PreparedLetter = {
  accountId: 7,
  customerName: CUSTOMER,
  contactName: 'Ann Li',
  recipient: { ok: true, email: 'ap@contoso.example' },
  letter: {
    template: 'formal-demand',
    locale: 'zh-CN',
    subject: 'Formal demand overdue invoices',
    text: '尊敬的客户：贵司的发票 INV-1001 已逾期 45 天。',
    html: '<p>…</p>',
    pdf: new Uint8Array([37, 80, 68, 70]),
    filename: 'contoso-formal-demand.pdf',
  },
};

const letter = (status: LetterRecord['status'], extra: Partial<LetterRecord> = {}): LetterRecord => ({
  id: 12,
  accountId: 7,
  template: 'formal-demand',
  locale: 'zh-CN',
  status,
  delivery: 'email',
  requestedBy: { userId: 3, name: 'Ann Li' },
  approvedBy: null,
  rejectedBy: null,
  recipient: 'ap@contoso.example',
  subject: 'Formal demand overdue invoices',
  messageId: '<duebot.letter.12.1.mi4x0@acme.example>',
  error: null,
  attempts: 1,
  createdAt: new Date('2026-12-07T02:00:00Z'),
  updatedAt: new Date('2026-12-07T02:00:00Z'),
  sentAt: null,
  ...extra,
});

const installments = [
  { amountMinor: 25_800_00, dueDate: '2026-12-14' },
  { amountMinor: 30_100_00, dueDate: '2027-01-13' },
  { amountMinor: 30_100_00, dueDate: '2027-02-12' },
];

const promise = {
  promiseId: 5,
  amountMinor: 10_000_00,
  currency: 'CNY',
  promisedDate: '2026-12-20',
  status: 'broken',
  installment: null,
};
const installment = { ...promise, promiseId: 6, status: 'partial', installment: { planId: 4, no: 2 } };

const decided = {
  id: 12,
  accountId: 7,
  customerName: CUSTOMER,
  template: 'formal-demand',
  recipient: 'ap@contoso.example',
};

const confirmAsMessage = (c: Confirm): Message => notice(`${c.title}\n${c.question}\n${c.yes}`);

/** Every message view of this area, drawn in `t`. */
function messages(t: Translator): [string, Message][] {
  return [
    ['sent', letterOutcomeMessage({ kind: 'sent', letter: letter('sent'), prepared }, 'Mia Wong', t)],
    [
      'not sent',
      letterOutcomeMessage(
        { kind: 'not_sent', letter: letter('not_sent'), prepared, reason: 'not configured' },
        'Mia Wong',
        t,
      ),
    ],
    [
      'approval',
      letterOutcomeMessage(
        { kind: 'awaiting_approval', letter: letter('awaiting_approval'), prepared },
        'Mia Wong',
        t,
      ),
    ],
    ...(['sent', 'awaiting_approval', 'sending', 'uncertain', 'failed', 'rejected'] as const).map(
      (s): [string, Message] => [`exists ${s}`, letterExistsNotice(letter(s), ZONE, t)],
    ),
    ['exists summary', letterExistsNotice(letter('sent', { callId: 9 }), ZONE, t)],
    ['failed', letterFailedNotice('smtp relay timeout', true, t)],
    ['uncertain stopped', uncertainLetterNotice(letter('uncertain'), CUSTOMER, ZONE, t)],
    [
      'uncertain lost',
      uncertainLetterNotice(
        letter('uncertain', { messageId: null }),
        CUSTOMER,
        ZONE,
        t,
        'smtp relay timeout',
      ),
    ],
    ['marked sent', letterMarkedSentMessage(letter('sent'), 'Mia Wong', t)],
    ['summary offer', { blocks: [callSummaryOffer(7, 9, t)] }],
    ['reject', confirmAsMessage(letterDecisionConfirm('reject', decided, t))],
    ['send again', confirmAsMessage(letterDecisionConfirm('send-again', { ...decided, recipient: null }, t))],
    ['plan offer', { blocks: planOfferBlocks(7, t) }],
    [
      'plan recorded',
      planRecordedMessage(
        'Mia Wong',
        { id: 7, name: CUSTOMER },
        { planId: 5, currency: 'CNY', totalMinor: 86_000_00, installments, replacedPlanId: 4 },
        t.t('plan.recorded.letter'),
        t,
      ),
    ],
    ['plan cancel', confirmAsMessage(planCancelConfirm({ id: 7, name: CUSTOMER }, 5, t))],
    ['promises', { blocks: promiseBlocks(7, 3, [promise, installment, { ...promise, status: 'open' }], t) }],
    [
      'escalation owner',
      escalationNotice(
        { name: CUSTOMER, accountId: 7, inProcessTimes: 2, owner: 'Ann Li', forManager: false },
        t,
      ),
    ],
    [
      'escalation manager',
      escalationNotice({ name: null, accountId: 7, inProcessTimes: 3, owner: null, forManager: true }, t),
    ],
    ...(['owner', 'manager', 'thread'] as const).map((audience): [string, Message] => [
      `missed ${audience}`,
      followUpMessage(
        {
          name: CUSTOMER,
          accountId: 7,
          status: 'partial',
          amountMinor: 30_000_00,
          paidMinor: 5_000_00,
          currency: 'CNY',
          promisedDate: '2026-12-20',
          owner: audience === 'thread' ? null : 'Ann Li',
          installment: audience === 'owner' ? null : { planId: 4, no: 2 },
          audience,
          managers: ['Mia Wong'],
        },
        t,
      ),
    ]),
    ['key account', keyAccountMessage({ name: CUSTOMER, days: 61, limit: 60, owner: null }, t)],
  ];
}

/** Every form of this area, drawn in `t` (the log form with real field errors in its language). */
async function forms(t: Translator): Promise<[string, Form][]> {
  const log = logOutcomeForm(
    {
      accountId: 7,
      name: CUSTOMER,
      version: 3,
      currencies: ['CNY', 'USD'],
      invoiceNumbers: ['INV-1001', 'INV-1002'],
    },
    t,
  );
  // The form's own checks answer before the database is read.
  const checked = await checkOutcome(
    {} as Knex,
    7,
    {
      channel: 'fax',
      result: 'promised',
      notes: 'x'.repeat(4001),
      nextFollowUp: '2026-11-31',
      promiseDate: '2026-13-01',
      currency: 'yuan',
      afterSales: 'y'.repeat(500),
    },
    '2026-12-07',
    { t },
  );
  const errors = checked.ok ? {} : (checked.error.fields ?? {});
  const draft = { currency: 'CNY', openMinor: 86_000_00, replacesPlanId: 4, installments };
  return [
    ['chooser', letterChooserForm(defaultPolicy.ladder, { id: 7, name: CUSTOMER }, 'formal-demand', t)],
    ['chooser none', letterChooserForm(defaultPolicy.ladder, { id: 7, name: CUSTOMER }, null, t)],
    [
      'preview',
      letterPreviewForm(
        prepared,
        { template: 'formal-demand', suggested: true, approval: true, email: false },
        t,
      ),
    ],
    [
      'preview summary',
      letterPreviewForm(
        { ...prepared, recipient: { ok: false, problem: 'smtp relay timeout' } },
        { template: 'call-summary', suggested: false, approval: false, email: true, callId: 9 },
        t,
      ),
    ],
    ['plan currency', planCurrencyForm({ id: 7, name: CUSTOMER }, ['CNY', 'USD'], t)],
    ['plan form', planForm({ id: 7, name: CUSTOMER }, draft, t)],
    [
      'plan preview',
      planPreviewForm(
        { id: 7, name: CUSTOMER },
        { proposalId: 5, currency: 'CNY', totalMinor: 86_000_00, installments },
        prepared,
        null,
        t,
      ),
    ],
    [
      'plan preview without letter',
      planPreviewForm(
        { id: 7, name: CUSTOMER },
        { proposalId: 5, currency: 'CNY', totalMinor: 86_000_00, installments },
        null,
        null,
        t,
      ),
    ],
    ['promise kept', promiseKeptForm({ id: 7, name: CUSTOMER }, installment, t)],
    ['log', { ...log, errors }],
  ];
}

describe('letter, plan, promise, log and escalation views in every language (issue 20)', () => {
  it('show no English of ours outside the catalogs (pseudo-locale)', async () => {
    const t = pseudoT();
    for (const [name, view] of messages(t))
      expect(strayEnglish(view, [...DATA, ...DATE_WORDS], { placeholders: true }), name).toEqual([]);
    for (const [name, form] of await forms(t))
      expect(strayEnglish(form, [...DATA, ...DATE_WORDS], { placeholders: true }), name).toEqual([]);
  });

  it('fit Slack, Teams and the terminal in en, zh-CN and zh-TW', async () => {
    for (const t of everyLocale()) {
      for (const [name, view] of messages(t))
        expect(messageProblems(view), `${t.locale} ${name}`).toEqual([]);
      for (const [name, form] of await forms(t)) {
        expect(formProblems(form), `${t.locale} ${name}`).toEqual([]);
      }
    }
  });

  it('gives the log form its field errors in the reader language', async () => {
    const errorsIn = async (t: Translator) => {
      const log = (await forms(t)).find(([n]) => n === 'log')?.[1];
      return log?.errors ?? {};
    };
    const en = await errorsIn(translator('en'));
    expect(en.nextFollowUp).toBe('2026-11-31 is not a date: November 2026 has 30 days');
    expect(en.promiseDate).toBe('2026-13-01 is not a date: the month must be 01 to 12');
    expect(en.notes).toBe('at most 4,000 characters');
    expect(en.promiseAmount).toBe('required for a promise to pay');
    const cn = await errorsIn(translator('zh-CN'));
    expect(cn.nextFollowUp).toBe('2026-11-31 不是有效日期：2026年11月只有 30 天');
    expect(cn.notes).toBe('最多 4,000 个字符');
    expect(cn.promiseAmount).toBe('承诺付款必须填写');
    const tw = await errorsIn(translator('zh-TW'));
    expect(tw.notes).toBe('最多 4,000 個字元');
    expect(tw.currency).toBe('請輸入幣別代碼，例如 CNY');
    for (const errors of [cn, tw])
      for (const [field, text] of Object.entries(errors))
        expect(text.replace(/CNY|YYYY-MM-DD|PB-\d+|call, email, visit, note|\d/g, ''), field).not.toMatch(
          /[A-Za-z]{3,}/,
        );
  });

  it('counts installments and days with each locale plural rules', () => {
    const [en, cn, tw] = [translator('en'), translator('zh-CN'), translator('zh-TW')];
    const total = (t: Translator, count: number) => t.t('plan.preview.total', { total: 'CNY 1.00', count });
    expect(total(en, 1)).toBe('CNY 1.00 in 1 installment:');
    expect(total(en, 3)).toBe('CNY 1.00 in 3 installments:');
    expect(total(cn, 1)).toBe('CNY 1.00，分 1 期：');
    expect(total(tw, 3)).toBe('CNY 1.00，分 3 期：');
    const times = (t: Translator, n: number) => t.t('escalation.reason.in_process', { times: n });
    expect([1, 2, 3].map((n) => times(en, n))).toEqual([
      '"in process" once with no concrete step',
      '"in process" twice with no concrete step',
      '"in process" 3 times with no concrete step',
    ]);
    expect(times(cn, 2)).toBe('两次称“正在处理”，却没有具体步骤');
    expect(times(tw, 3)).toBe('3 次稱「正在處理」，卻沒有具體步驟');
    const days = (t: Translator, n: number) =>
      keyAccountMessage({ name: 'X', days: n, limit: 60, owner: 'A' }, t);
    expect(days(en, 1).fallbackText).toBe('Key account: X, 1 day overdue');
    expect(days(en, 61).fallbackText).toBe('Key account: X, 61 days overdue');
    expect(days(tw, 61).fallbackText).toBe('重點帳戶：X，已逾期 61 天');
  });

  it('names each letter and its language in the reader language', () => {
    const preview = (t: Translator) =>
      letterPreviewForm(
        prepared,
        { template: 'formal-demand', suggested: true, approval: false, email: true },
        t,
      );
    expect(JSON.stringify(preview(translator('en')).intro)).toContain(
      'Formal demand letter to Contoso Trading',
    );
    expect(JSON.stringify(preview(translator('en')).intro)).toContain('Simplified Chinese');
    expect(JSON.stringify(preview(translator('zh-CN')).intro)).toContain('发给Contoso Trading的正式催款函');
    expect(JSON.stringify(preview(translator('zh-TW')).intro)).toContain('簡體中文');
  });
});
