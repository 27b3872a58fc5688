/**
 * Issue 20: the account forms (dispute, resolve, pause, reassign, terms, agency hand-over), the collector
 * credit summary, the own worklist and the dispute check's posts come only from the catalogs (no stray
 * English in the pseudo-locale) and fit Slack, Teams and the terminal in every locale, field messages
 * included; counts are plural-correct in every locale.
 */
import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locale.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { pauseEndedMessage, raiseMessage } from '../../src/jobs/dispute-check.ts';
import { agencyForm } from '../../src/views/agency-form.ts';
import { collectorCreditView } from '../../src/views/collector-credit.ts';
import { disputeForm, pauseForm, resolveDisputeForm } from '../../src/views/dispute-forms.ts';
import type { Form, Message } from '../../src/views/model.ts';
import { myWorkView, quietLine } from '../../src/views/my-work.ts';
import { reassignForm } from '../../src/views/reassign-form.ts';
import { termsForm } from '../../src/views/terms-form.ts';
import { handOver } from '../../src/worklist/agency.ts';
import { setTerms } from '../../src/worklist/account-terms.ts';
import type { CollectorCredit } from '../../src/worklist/collector-credit.ts';
import { openDispute, type OpenDispute, resolveDispute } from '../../src/worklist/disputes.ts';
import type { WorklistRow } from '../../src/worklist/list.ts';
import type { MyWork } from '../../src/worklist/my-work.ts';
import { pauseChasing } from '../../src/worklist/pauses.ts';
import type { Actor } from '../../src/worklist/staff.ts';
import {
  everyLocale,
  formProblems,
  messageProblems,
  pseudoT,
  strayEnglish,
  DATE_WORDS,
} from '../support/view-locales.ts';

/** Validation answers before any query: a database touched here fails the test (and would have written). */
const untouchable = new Proxy(() => undefined, {
  get() {
    throw new Error('validation reached the database');
  },
  apply() {
    throw new Error('validation reached the database');
  },
}) as unknown as Knex;

const NAME = '上海华联贸易有限公司 Shanghai Hualian Trading Company Limited';
const MANAGER: Actor = { userId: 1, name: 'Mia', role: 'manager', platform: 'slack' };
const INVOICES = ['INV-2026-000123', 'INV-2026-000124', 'INV-2026-000125', 'INV-2026-000126'];
const REASON = 'Damaged pallet on delivery; the customer asks for a credit note for the whole shipment';
const DATA = [NAME, REASON, 'Mia', 'Ann', 'perhaps', ...INVOICES, 'CN-12'];
const FIXTURE_WORDS = DATA.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase());

/** Stray English, a fixture word cut short by a platform's length limit ("Tradin") being the fixture's. */
const stray = (view: Form | Message) =>
  strayEnglish(view, [...DATA, ...DATE_WORDS], { placeholders: true }).filter(
    (w) => !FIXTURE_WORDS.some((f) => f.startsWith(w.toLowerCase())),
  );

const account = { accountId: 7, name: NAME, version: 3, invoiceNumbers: INVOICES };
const dispute: OpenDispute = {
  id: 41,
  reason: REASON,
  contact: 'Ann',
  openedOn: '2026-11-02',
  openedBy: 'Mia',
  invoices: INVOICES.slice(0, 2),
};

/** Every form of this area, drawn in `t`'s language. */
function forms(t: Translator): [string, Form][] {
  return [
    ['dispute', disputeForm(account, t)],
    ['resolve', resolveDisputeForm(account, [dispute, { ...dispute, id: 42 }], t)],
    ['resolve one', resolveDisputeForm(account, [dispute], t)],
    ['pause', pauseForm(account, '2026-12-07', t)],
    ['reassign', reassignForm({ id: 7, name: NAME }, { name: 'Ann' }, [{ value: '2', label: 'Mia' }], t)],
    ['reassign, no owner', reassignForm({ id: 7, name: NAME }, null, [{ value: '2', label: 'Mia' }], t)],
    [
      'terms',
      termsForm(
        { id: 7, name: NAME, version: 3 },
        { keyAccountExempt: true, habitualLatePayer: false, interestRatePerDay: '0.05%' },
        '0.03%',
        t,
      ),
    ],
    ['agency', agencyForm({ id: 7, name: NAME, version: 3 }, t.money(123_456_789_00, 'CNY'), t)],
    ['agency, nothing open', agencyForm({ id: 7, name: NAME, version: 3 }, '', t)],
  ];
}

/** The field messages each form answers bad input with, as the worklist words them in `t`'s language. */
async function withErrors(t: Translator): Promise<[string, Form][]> {
  const errorsOf = (r: { ok: boolean; error?: { fields?: Record<string, string> } }) => {
    if (r.ok || !r.error?.fields) throw new Error('expected field messages');
    return r.error.fields;
  };
  const [byName] = forms(t).filter(([n]) => n === 'dispute');
  const drawn = new Map(forms(t));
  const pause = errorsOf(
    await pauseChasing(untouchable, MANAGER, 7, { until: '2026-13-40', reason: '' }, '2026-12-07', t),
  );
  const pastPause = errorsOf(
    await pauseChasing(
      untouchable,
      MANAGER,
      7,
      { until: '2026-12-01', reason: 'x'.repeat(3000) },
      '2026-12-07',
      t,
    ),
  );
  const late = errorsOf(
    await pauseChasing(untouchable, MANAGER, 7, { until: '2028-01-01', reason: 'ok' }, '2026-12-07', t),
  );
  const opened = errorsOf(await openDispute(untouchable, MANAGER, 7, { itemIds: [], reason: '' }, t));
  const resolved = errorsOf(
    await resolveDispute(untouchable, MANAGER, 7, { disputeId: 0, outcome: 'maybe', note: '' }, t),
  );
  const terms = errorsOf(
    await setTerms(
      untouchable,
      MANAGER,
      7,
      { keyAccountExempt: 'perhaps', habitualLatePayer: 7, interestRate: '12%', reason: '' },
      3,
      t,
    ),
  );
  const agency = errorsOf(
    await handOver(
      untouchable,
      MANAGER,
      7,
      { agency: 'A\u0007B', note: 'n'.repeat(1200) },
      '2026-12-07',
      3,
      t,
    ),
  );
  const listed = {
    invoices: t.t('dispute.field.notOfAccount', { invoices: INVOICES.join(', ') }),
  };
  const form = (name: string) => {
    const f = drawn.get(name);
    if (!f) throw new Error(name);
    return f;
  };
  return [
    ['dispute', { ...(byName?.[1] ?? form('dispute')), errors: { ...opened, ...listed } }],
    ['resolve', { ...form('resolve'), errors: resolved }],
    ['pause', { ...form('pause'), errors: pause }],
    ['pause in the past', { ...form('pause'), errors: pastPause }],
    ['pause too late', { ...form('pause'), errors: late }],
    ['reassign', { ...form('reassign'), errors: { owner: t.t('reassign.field.choose') } }],
    ['terms', { ...form('terms'), errors: terms }],
    ['agency', { ...form('agency'), errors: agency }],
  ];
}

const row = (i: number): WorklistRow => ({
  accountId: i,
  externalId: `C-${i}`,
  name: `${NAME} ${i}`,
  mainCurrency: 'CNY',
  mainOpenMinor: 8_600_000_00 + i,
  openByCurrency: { CNY: 8_600_000_00 + i },
  openItems: 3,
  maxDaysOverdue: 40 + i,
  priority: 1000 - i,
  reasons: null,
  grade: 'B',
  keyAccount: false,
  red: true,
  creditHold: false,
  blacklisted: false,
  ladderStep: 'L3',
  nextAction: null,
  nextActionDue: null,
  suggestedLetter: null,
  owner: { userId: 1, name: 'Ann' },
  version: i,
});

const promise = (status: 'open' | 'partial' | 'broken', paidMinor = 0) => ({
  promiseId: 1,
  accountId: 7,
  name: NAME,
  amountMinor: 123_456_789_00,
  paidMinor,
  currency: 'CNY',
  promisedDate: '2026-12-01',
  status,
});

const work = (claimed: number): MyWork => ({
  claimed: Array.from({ length: claimed }, (_, i) => row(i + 1)),
  claimedTotal: claimed * 2,
  followUps: [
    { accountId: 7, name: NAME, dueOn: '2026-12-03' },
    { accountId: 8, name: NAME, dueOn: '2026-12-07' },
  ],
  promisesDue: [promise('open')],
  promisesBroken: [promise('broken'), promise('partial', 5_000_00)],
  quiet: [
    { accountId: 7, name: NAME, since: '2026-11-20', workingDays: 1 },
    { accountId: 8, name: NAME, since: '2026-11-10', workingDays: 19 },
  ],
});

const credits: CollectorCredit[] = [
  {
    userId: 1,
    collector: 'Ann',
    currency: 'CNY',
    items: 1,
    recoveredMinor: 123_456_789_00,
    bonusBaseMinor: 5_000_00,
    bonusItems: 1,
  },
  {
    userId: 1,
    collector: 'Ann',
    currency: 'USD',
    items: 3,
    recoveredMinor: 9_00,
    bonusBaseMinor: 0,
    bonusItems: 0,
  },
  {
    userId: null,
    collector: null,
    currency: 'CNY',
    items: 2,
    recoveredMinor: 1_00,
    bonusBaseMinor: 0,
    bonusItems: 0,
  },
];

const aged = {
  ...dispute,
  accountId: 7,
  accountName: NAME,
  ownerUserId: null,
  owner: null,
};

/** Every message of this area, drawn in `t`'s language (the worklist's own rows left out: not ours). */
function messages(t: Translator): [string, Message][] {
  const own = (m: Message): Message => ({ ...m, blocks: m.blocks.filter((b) => b.type !== 'accountRow') });
  return [
    ['own worklist', own(myWorkView(work(3), { name: 'Ann', today: '2026-12-07' }, t))],
    [
      'own worklist, nothing owned',
      myWorkView({ ...work(0), quiet: [] }, { name: 'Ann', today: '2026-12-07' }, t),
    ],
    ['credits', collectorCreditView('2026-11', credits, t, 90)],
    ['credits, none', collectorCreditView('2026-11', [], t, 90)],
    ['dispute raised, nobody owns it', raiseMessage(aged, 31, t)],
    [
      'dispute raised to its owner',
      raiseMessage({ ...aged, contact: null, ownerUserId: 2, owner: 'Ann' }, 1, t),
    ],
    ['pause ended', pauseEndedMessage(NAME, 7, '2026-12-06', t)],
    ['pause ended, account gone', pauseEndedMessage(undefined, 7, '2026-12-06', t)],
  ];
}

describe('the account forms in every language (issue 20)', () => {
  it.each(forms(pseudoT()).map(([name]) => name))('%s: every word comes from a catalog', (name) => {
    const form = new Map(forms(pseudoT())).get(name);
    expect(form && stray(form)).toEqual([]);
  });

  it('words every field message through a catalog, the zod ones included', async () => {
    for (const [name, form] of await withErrors(pseudoT())) {
      expect(Object.keys(form.errors ?? {}).length, name).toBeGreaterThan(0);
      expect(stray(form), name).toEqual([]);
    }
  });

  it.each(LOCALES)(
    '%s: every form fits a Slack modal, a Teams dialog and the shell, with its field messages',
    async (locale) => {
      const t = everyLocale().find((x) => x.locale === locale) ?? translator(locale);
      for (const [name, form] of [...forms(t), ...(await withErrors(t))])
        expect(formProblems(form), `${locale} ${name}`).toEqual([]);
    },
  );

  it('says field messages in the reader’s script: simplified for zh-CN, traditional for zh-TW', async () => {
    const cn = new Map(await withErrors(translator('zh-CN')));
    const tw = new Map(await withErrors(translator('zh-TW')));
    expect(cn.get('pause')?.errors?.reason).toBe('请说明暂停催收的原因');
    expect(tw.get('pause')?.errors?.reason).toBe('請說明暫停催收的原因');
    expect(tw.get('pause')?.errors?.until).toBe('2026-13-40 不是有效日期：月份必須為 01 到 12');
    expect(cn.get('terms')?.errors).toMatchObject({
      keyAccountExempt: '请选择是或否',
      interestRate: '每天最多 5%',
      reason: '请说明原因（记入历史）',
    });
    expect(tw.get('terms')?.errors?.habitualLatePayer).toBe('請選擇是或否');
    expect(tw.get('agency')?.errors).toEqual({
      agency: '只能一行，不能含控制字元',
      note: '最多 1,000 個字元',
    });
    expect(cn.get('resolve')?.errors?.note).toBe('请说明为何这样处理');
    // English stays as it was.
    const en = new Map(await withErrors(translator('en')));
    expect(en.get('pause too late')?.errors?.until).toBe('at most a year ahead (2027-12-07)');
    expect(en.get('terms')?.errors?.interestRate).toBe('at most 5% a day');
  });

  it('reads a date whose day is past the month’s end in every language, naming the month', async () => {
    const said = async (t: Translator) => {
      const r = await pauseChasing(
        untouchable,
        MANAGER,
        7,
        { until: '2027-02-30', reason: 'x' },
        '2026-12-07',
        t,
      );
      return r.ok ? '' : r.error.fields?.until;
    };
    expect(await said(translator('en'))).toBe('2027-02-30 is not a date: February 2027 has 28 days');
    expect(await said(translator('zh-CN'))).toBe('2027-02-30 不是有效日期：2027年2月只有 28 天');
  });
});

describe('the account messages in every language (issue 20)', () => {
  it.each(messages(pseudoT()).map(([name]) => name))('%s: every word comes from a catalog', (name) => {
    const message = new Map(messages(pseudoT())).get(name);
    expect(message && stray(message)).toEqual([]);
  });

  it.each(LOCALES)('%s: every message fits Slack, Teams and an 80-column terminal', (locale) => {
    const t = everyLocale().find((x) => x.locale === locale) ?? translator(locale);
    for (const [name, message] of messages(t))
      expect(messageProblems(message), `${locale} ${name}`).toEqual([]);
    expect(messageProblems(myWorkView(work(20), { name: 'Ann', today: '2026-12-07' }, t))).toEqual([]);
  });

  it('counts in every locale: one and many', () => {
    const say = (locale: (typeof LOCALES)[number], days: number) =>
      quietLine({ accountId: 7, name: 'A', since: '2026-11-20', workingDays: days }, translator(locale));
    expect(say('en', 1)).toContain('no update for 1 working day (since 20 Nov)');
    expect(say('en', 2)).toContain('no update for 2 working days');
    expect(say('zh-CN', 1)).toBe('• *A*：1 个工作日未更新（自 11月20日 起）');
    expect(say('zh-TW', 12)).toBe('• *A*：12 個工作天未更新（自 11月20日 起）');

    const line = (locale: (typeof LOCALES)[number]) =>
      collectorCreditView('2026-11', credits, translator(locale), 90).blocks.map((b) =>
        'text' in b ? b.text : '',
      );
    expect(line('en')[1]).toContain('*Ann*: CNY 123,456,789.00 + USD 9.00 (4 invoices)');
    expect(line('en')[1]).toContain('*Nobody owned the account*: CNY 1.00 (2 invoices)');
    expect(collectorCreditView('2026-11', credits.slice(0, 1), translator('en'), 90).blocks[1]).toMatchObject(
      { text: expect.stringContaining('(1 invoice)') },
    );
    expect(line('zh-CN')[1]).toContain('（4 张发票）');
    expect(line('zh-TW')[1]).toContain('*無人負責的帳戶*');

    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const n of [0, 1, 2, 5, 1000]) {
        for (const text of [
          t.t('mywork.count', { total: n, more: 'no', shown: n }),
          t.t('mywork.fallback', { total: n, count: n }),
          t.t('dispute.raise.fallback', { id: '1', days: n, name: 'A' }),
          t.t('credits.line', {
            hasName: 'yes',
            name: 'A',
            recovered: 'CNY 1',
            items: n,
            days: '90',
            hasBase: 'no',
            base: '',
          }),
        ])
          expect(text, `${locale} ${n}`).not.toMatch(/[{}]/);
      }
    }
    expect(translator('en').t('mywork.fallback', { total: 1, count: 2 })).toBe(
      '1 account, 2 things due today',
    );
    expect(translator('en').t('dispute.raise.fallback', { id: '9', days: 1, name: 'A' })).toBe(
      'Dispute #9 open for 1 day: A',
    );
    expect(translator('zh-TW').t('mywork.count', { total: 1000, more: 'yes', shown: 20 })).toBe(
      '您負責的 1,000 個帳戶，依預計回收額排序（顯示前 20 個）。',
    );
  });
});
