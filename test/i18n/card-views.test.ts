/**
 * Issue 20: the account card, its history, the candidates and the notices around a click say nothing
 * in English of ours when drawn in another language (the pseudo-locale shows every word that bypassed
 * the catalogs), and fit Slack, Teams and an 80-column terminal in every locale duebot speaks.
 */
import { describe, expect, it } from 'vitest';
import {
  type AccountAssessment,
  type AccountSnapshot,
  assessAccount,
  defaultPolicy,
} from '../../src/collections/account.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { type AccountStory, accountCardView, dueStatus } from '../../src/views/account-card.ts';
import { confirmView } from '../../src/views/confirm-view.ts';
import { ladderLine, nextActionWords } from '../../src/views/ladder-words.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import { ledgerOutageView, ledgerRecoveredView, staleLedgerLine } from '../../src/views/freshness.ts';
import { describeEntry, historyView } from '../../src/views/history-view.ts';
import type { Block, Message } from '../../src/views/model.ts';
import { candidatesView, notice } from '../../src/views/notices.ts';
import { promiseBlocks } from '../../src/views/promise-views.ts';
import { planStateLine, type PlanState } from '../../src/worklist/plan-agreement.ts';
import type { AccountHistory, HistoryEntry } from '../../src/worklist/account-history.ts';
import type { OpenDispute } from '../../src/worklist/disputes.ts';
import type { ItemState } from '../../src/worklist/item-states.ts';
import type { MarkablePromise } from '../../src/worklist/promises.ts';
import { everyLocale, messageProblems, pseudoT, strayEnglish } from '../support/view-locales.ts';

const today = '2026-11-22';
const TZ = 'Asia/Shanghai';

/** Words the fixture itself puts on the card: names, people, places, typed reasons. */
const FIXTURE = [
  'Acme Trading Shanghai',
  'Li Wei',
  'Wang Fang',
  'Zhang Min',
  'ap@acme.example',
  'Apex Recovery',
  'goods arrived damaged',
  'quality team Zhou',
  'waiting for the audit',
  'customer asked for time',
  'Reminder paid asap',
  'mid-mail',
  'smtp refused relay',
  'SLACK_MANAGERS',
];
/** Months as `Intl` writes them in English dates (the pseudo-locale formats like English). */
const MONTHS = ['Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'];

const item = (n: number, dueDate: string, extra: Partial<AccountSnapshot['openItems'][number]> = {}) => ({
  id: String(n),
  number: `INV-${n}`,
  issueDate: dueDate,
  dueDate,
  totalMinor: 12_345_678_900,
  openMinor: 12_345_678_900,
  currency: n % 3 === 0 ? 'USD' : 'CNY',
  disputed: false,
  pause: null,
  ...extra,
});

/** Twenty open invoices (disputed, paused, far overdue and not yet due), settled ones, broken promises. */
const snapshot: AccountSnapshot = {
  accountId: '7',
  customerName: 'Acme Trading Shanghai',
  firstInvoiceDate: '2024-01-01',
  openItems: Array.from({ length: 20 }, (_, i) => {
    const due = `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`;
    if (i === 0) return item(i + 1, '2025-09-01');
    if (i === 1) return item(i + 1, due, { disputed: true });
    if (i === 2) return item(i + 1, due, { pause: { reason: 'waiting for the audit', until: '2026-12-20' } });
    if (i === 3) return item(i + 1, '2026-11-23');
    if (i === 4) return item(i + 1, '2026-12-15');
    return item(i + 1, due);
  }),
  settledItems: [
    { number: 'INV-90', dueDate: '2026-10-30', paidDate: '2026-11-20', totalMinor: 250_000, currency: 'CNY' },
    { number: 'INV-91', dueDate: '2026-08-01', paidDate: '2026-09-01', totalMinor: 50_000, currency: 'CNY' },
  ],
  promises: [
    { promisedDate: '2026-10-01', amountMinor: 100_000, currency: 'CNY', status: 'broken' },
    { promisedDate: '2026-10-15', amountMinor: 100_000, currency: 'CNY', status: 'broken' },
  ],
  lastContactDate: '2026-11-10',
  escalations: 1,
  escalatedOn: '2026-10-16',
  pause: null,
  interestRatePerDay: '0.05%',
};

const assessment: AccountAssessment = assessAccount(snapshot, defaultPolicy, today);

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const entry = (id: number, kind: string, details: Record<string, unknown>, actor: string | null = 'Li Wei') =>
  ({ id, at: at('2026-11-20'), kind, actor, platform: 'slack', details }) satisfies HistoryEntry;

/** One entry of every kind the history knows, and one it does not. */
const ENTRIES: HistoryEntry[] = [
  entry(1, 'outcome', {
    channel: 'call',
    result: 'promised',
    promiseAmount: 'CNY 5,000.00',
    promiseDate: '2026-12-01',
    nextFollowUp: '2026-12-02',
    notes: 'customer asked for time',
  }),
  entry(2, 'outcome', { channel: 'email', result: 'cash_flow' }),
  entry(3, 'outcome', {
    channel: 'visit',
    result: 'wrong_contact',
    notes: 'customer asked for time; '.repeat(60),
  }),
  entry(4, 'note', { notes: 'customer asked for time' }),
  entry(5, 'claimed', {}),
  entry(6, 'released', { from: 'Wang Fang' }),
  entry(7, 'reassigned', { from: 'Wang Fang', to: 'Zhang Min' }),
  entry(8, 'reassigned', { to: 'Zhang Min' }),
  entry(9, 'promise_kept', { amountMinor: 100_000, currency: 'CNY', paidMinor: 100_000 }),
  entry(10, 'promise_partial', { amountMinor: 100_000, currency: 'CNY', paidMinor: 40_000 }),
  entry(11, 'promise_broken', { amountMinor: 100_000, currency: 'CNY', paidMinor: 0 }),
  entry(12, 'dispute_opened', {
    disputeId: 3,
    invoices: ['INV-2'],
    reason: 'goods arrived damaged',
    contact: 'quality team Zhou',
  }),
  entry(13, 'dispute_resolved', {
    disputeId: 3,
    invoices: ['INV-2'],
    outcome: 'partially_credited',
    note: 'goods arrived damaged',
  }),
  entry(14, 'dispute_raised', { disputeId: 3, days: 30, owner: 'Zhang Min' }),
  entry(15, 'dispute_raised', { disputeId: 4, days: 30 }),
  entry(16, 'plan_created', { totalMinor: 300_000, currency: 'CNY', amounts: [1, 2, 3] }),
  entry(17, 'paused', { invoices: ['INV-3'], until: '2026-12-20', reason: 'waiting for the audit' }),
  entry(18, 'pause_lifted', {}),
  entry(19, 'pause_ended', { until: '2026-11-01' }, null),
  entry(20, 'letter_requested', { template: 'reminder' }),
  entry(21, 'letter_sent', {
    template: 'reminder',
    locale: 'zh-CN',
    recipient: 'ap@acme.example',
    subject: 'Reminder paid asap',
    messageId: 'mid-mail',
  }),
  entry(22, 'letter_prepared', {
    template: 'polite-reminder',
    locale: 'zh-TW',
    reason: 'smtp refused relay',
  }),
  entry(23, 'letter_failed', { template: 'final-notice', locale: 'en', error: 'smtp refused relay' }),
  entry(24, 'letter_approval_requested', { template: 'final-notice', letterId: 5 }),
  entry(25, 'letter_approved', { template: 'final-notice', letterId: 5, requestedBy: 'Wang Fang' }),
  entry(26, 'letter_rejected', { template: 'final-notice', letterId: 5, requestedBy: 'Wang Fang' }),
  entry(27, 'letter_uncertain', {
    template: 'reminder',
    letterId: 6,
    locale: 'en',
    requestedBy: 'Wang Fang',
  }),
  entry(28, 'letter_marked_sent', {
    template: 'reminder',
    letterId: 6,
    recipient: 'ap@acme.example',
    messageId: 'mid-mail',
  }),
  entry(29, 'letter_sent_again', { template: 'reminder', letterId: 6 }),
  entry(30, 'role_changed', { name: 'Wang Fang', role: 'manager', from: 'collector' }),
  entry(31, 'role_changed', { name: 'Wang Fang', role: 'manager', setting: 'SLACK_MANAGERS' }, null),
  entry(32, 'role_changed', {
    name: 'Wang Fang',
    role: 'collector',
    setting: 'SLACK_MANAGERS',
    listed: false,
  }),
  entry(33, 'terms_changed', {
    after: { keyAccountExempt: true, habitualLatePayer: false, interestRatePerDay: '0.05%' },
    reason: 'customer asked for time',
  }),
  entry(34, 'handed_over', {
    agency: 'Apex Recovery',
    handedOverOn: '2026-11-21',
    amounts: { CNY: 1_000_000, USD: 20_000 },
    daysWorked: 120,
    contactAttempts: 9,
  }),
  entry(35, 'escalated', { reason: 'customer asked for time' }, null),
  // What duebot itself records is kept by its cause, not as English (PB-06, PB-14, PB-20).
  entry(36, 'escalated', { cause: 'stalled', times: 2 }, null),
  entry(37, 'escalated', { cause: 'promise', promiseDate: '2026-11-30', status: 'partial' }, null),
  entry(38, 'escalated', { cause: 'key-account', days: 61 }, null),
  entry(39, 'owner_told', { cause: 'stalled', times: 3, owner: 'Li Wei', managers: ['Zhang Min'] }, null),
  entry(40, 'owner_told', { promiseDate: '2026-11-30', status: 'broken', owner: null, managers: [] }, null),
  entry(41, 'plan_cancelled', { planId: 4, currency: 'CNY', openInstallmentsCancelled: 2 }),
  entry(42, 'meeting_decision', { meeting: '2026-11', decision: 'payment_plan' }),
  entry(43, 'meeting_decision', {
    meeting: '2026-11',
    decision: 'agency',
    previous: 'keep_working',
    previousBy: 'Zhang Min',
  }),
  // Entries written before (append-only, PB-03): duebot's English sentences are read, not shown.
  entry(44, 'escalated', { reason: '"in process" twice with no concrete step (PB-14)' }, null),
  entry(45, 'escalated', { reason: 'promise to pay by 2026-11-30 only partly kept' }, null),
  entry(46, 'escalated', { reason: 'key account at 61 days overdue (PB-06); a manager was told' }, null),
  entry(
    47,
    'owner_told',
    { reason: 'promise to pay by 2026-11-30 broken', owner: 'Li Wei', managers: ['Zhang Min'] },
    null,
  ),
  entry(48, 'letter_prepared', {
    template: 'reminder',
    locale: 'zh-CN',
    reason: 'e-mail delivery is not configured (SMTP_URL and LETTER_FROM)',
  }),
];

const file = (owned: boolean, history: HistoryEntry[] = ENTRIES): AccountHistory => ({
  customer: {
    id: 7,
    externalId: 'C-7',
    name: 'Acme Trading Shanghai',
    contactName: 'Wang Fang',
    contactEmail: 'ap@acme.example',
    contactPhone: '+86 21 5555 0000',
    salesRep: 'Zhang Min',
    locale: 'zh-CN',
  },
  owner: owned ? { userId: 1, name: 'Li Wei', since: at('2026-11-01') } : null,
  version: 12,
  history,
  historyTotal: history.length,
});

const states = new Map<number, ItemState[]>([
  [2, [{ kind: 'disputed', disputeId: 3, since: '2026-11-02', reason: 'goods arrived damaged' }]],
  [
    3,
    [
      {
        kind: 'paused',
        pauseId: 1,
        until: '2026-12-20',
        reason: 'waiting for the audit',
        wholeAccount: false,
      },
      { kind: 'plan', planId: 4, installmentNo: 1, nextDate: '2026-12-01' },
    ],
  ],
  [6, [{ kind: 'promised', promiseId: 9, date: '2026-12-05', amountMinor: 500_000, currency: 'CNY' }]],
  [7, [{ kind: 'paused', pauseId: 2, until: null, reason: 'waiting for the audit', wholeAccount: true }]],
]);

const story: AccountStory = {
  states,
  record: {
    paid: [
      {
        number: 'INV-90',
        totalMinor: 250_000,
        currency: 'CNY',
        dueDate: '2026-10-30',
        paidDate: '2026-11-20',
        daysLate: 21,
      },
      {
        number: 'INV-91',
        totalMinor: 50_000,
        currency: 'CNY',
        dueDate: '2026-08-01',
        paidDate: '2026-08-01',
        daysLate: 0,
      },
    ],
    paidCount: 12,
    paidLateCount: 5,
    promises: [
      {
        date: '2026-10-01',
        amountMinor: 100_000,
        paidMinor: 0,
        currency: 'CNY',
        status: 'broken',
        installment: false,
      },
      {
        date: '2026-10-15',
        amountMinor: 100_000,
        paidMinor: 40_000,
        currency: 'CNY',
        status: 'partial',
        installment: true,
      },
      {
        date: '2026-09-15',
        amountMinor: 100_000,
        paidMinor: 100_000,
        currency: 'CNY',
        status: 'kept',
        installment: false,
      },
    ],
    kept: 1,
    partial: 1,
    broken: 1,
  },
  contactDays: ['2025-09-05', '2025-10-01'],
};

const disputes: OpenDispute[] = Array.from({ length: 6 }, (_, i) => ({
  id: i + 1,
  reason: 'goods arrived damaged',
  contact: i % 2 === 0 ? 'quality team Zhou' : null,
  openedOn: '2026-11-02',
  openedBy: 'Li Wei',
  invoices: ['INV-2', 'INV-3'],
}));

const plans: PlanState[] = [
  {
    planId: 4,
    currency: 'CNY',
    totalMinor: 300_000,
    count: 3,
    paid: 1,
    missed: 1,
    nextDate: '2026-12-01',
    nextAmountMinor: 100_000,
  },
  {
    planId: 5,
    currency: 'USD',
    totalMinor: 90_000,
    count: 3,
    paid: 0,
    missed: 0,
    nextDate: '2026-12-10',
    nextAmountMinor: 30_000,
  },
];

const promises: MarkablePromise[] = [
  {
    promiseId: 9,
    amountMinor: 500_000,
    currency: 'CNY',
    promisedDate: '2026-12-05',
    status: 'open',
    installment: null,
  },
  {
    promiseId: 10,
    amountMinor: 100_000,
    currency: 'CNY',
    promisedDate: '2026-10-15',
    status: 'broken',
    installment: { planId: 4, no: 1 },
  },
];

const stale = {
  freshness: {
    lastRead: new Date('2026-11-22T01:00:00Z'),
    stale: true,
    failingSince: new Date('2026-11-22T01:10:00Z'),
    failure: { kind: 'unreachable' as const, detail: 'ECONNREFUSED', at: new Date('2026-11-22T02:55:00Z') },
  },
  now: new Date('2026-11-22T03:00:00Z'),
};

const card = (t: Translator, owned = false): Message =>
  accountCardView(file(owned), assessment, 12, stale, story, disputes, plans, promises, undefined, t);

/**
 * The card without what other views draw into it (plan lines, promise rows and the plan's cancel question:
 * plan-views and promise-views check their own words).
 */
function ownParts(message: Message): Message {
  const key = (b: Block) => (b.type === 'text' ? b.text : JSON.stringify(b));
  const theirs = new Set([...plans.map(planStateLine), ...promiseBlocks(7, 12, promises).map(key)]);
  const blocks = message.blocks
    .filter((b) => !theirs.has(key(b)))
    .map((b): Block =>
      b.type === 'actions'
        ? { ...b, buttons: b.buttons.map(({ confirm: _confirm, ...button }) => button) }
        : b,
    );
  return { ...message, blocks };
}

/** A pager's refs name the action clicked ("history"): not text anybody reads. */
function withoutRefs(message: Message): Message {
  return {
    ...message,
    blocks: message.blocks.map((b): Block => {
      if (b.type !== 'pager') return b;
      const { prevRef: _prev, nextRef: _next, ...rest } = b;
      return rest;
    }),
  };
}

/**
 * What a view breaks on a platform, but for the ladder's long step texts in a terminal field (the shell
 * prints a field's value on one line).
 */
function problems(message: Message, t: Translator): string[] {
  const policy = [ladderLine(t, assessment.ladder), nextActionWords(t, assessment.ladder.nextAction)].filter(
    (a): a is string => !!a,
  );
  return messageProblems(message).filter(
    (p) => !(p.startsWith('shell:') && policy.some((a) => p.includes(a))),
  );
}

/** The ladder policy's own words: its steps' ids (their actions are the catalog's, issue 20). */
const assessmentWords = [assessment.ladder.step?.id ?? '', assessment.ladder.nextAction?.stepId ?? ''];

describe('the account card in every language (issue 20)', () => {
  it('is rich: every part the card can show is in the fixture', () => {
    const text = JSON.stringify(card(translator('en')));
    for (const part of [
      'Missed promises',
      'Key account',
      'Handed over to',
      'In the collection procedure',
      '7-7-7',
      'Payment history',
      'partly kept',
      'Dispute #5',
      'and 5 more invoices',
      'Renegotiate CNY plan',
      'Ledger last read',
      'account paused',
      'in plan #4, next 1 Dec',
      'promised CNY 5,000.00 by 5 Dec',
    ])
      expect(text, part).toContain(part);
  });

  it('shows no English word of ours in the pseudo-locale, owned or not', () => {
    for (const owned of [false, true]) {
      const stray = strayEnglish(
        ownParts(card(pseudoT(), owned)),
        [...FIXTURE, ...MONTHS, ...assessmentWords],
        { placeholders: true },
      );
      expect(stray).toEqual([]);
    }
  });

  it.each(everyLocale().map((t) => [t.locale, t] as const))(
    'fits Slack, Teams and the terminal in %s',
    (_, t) => {
      expect(problems(card(t), t)).toEqual([]);
      expect(problems(card(t, true), t)).toEqual([]);
    },
  );

  it('says the same things in Chinese as in English, in the reader’s characters', () => {
    const tw = JSON.stringify(card(translator('zh-TW')));
    const cn = JSON.stringify(card(translator('zh-CN')));
    expect(tw).toContain('認領');
    expect(tw).toContain('逾期');
    expect(tw).not.toContain('认领');
    expect(cn).toContain('认领');
    expect(cn).not.toContain('認領');
    expect(tw).toContain('12月1日');
    expect(JSON.stringify(card(translator('en')))).toContain('Claim');
  });

  it('counts days in every locale with the plural rules of each', () => {
    expect(dueStatus('2026-11-01', 1, today)).toBe('1 day overdue');
    expect(dueStatus('2026-11-01', 21, today)).toBe('21 days overdue');
    expect(dueStatus('2026-11-01', 21, today, translator('zh-CN'))).toBe('逾期 21 天');
    expect(dueStatus('2026-11-23', 0, today, translator('zh-TW'))).toBe('明天到期');
    expect(dueStatus('2026-12-01', 0, today, translator('zh-TW'))).toBe('9 天後到期');
  });
});

describe('the history in every language (issue 20)', () => {
  const page = (t: Translator, p = 1, asked?: number) =>
    historyView({ ...file(true, ENTRIES.slice(0, 20)), historyTotal: 45 }, TZ, t, p, asked);

  it('writes every kind of entry without English of ours in the pseudo-locale', () => {
    const all = historyView(file(true, ENTRIES), TZ, pseudoT());
    // duebot is the bot's own name, written where an entry has no person (a job, a settings list).
    expect(
      strayEnglish(withoutRefs(all), [...FIXTURE, ...MONTHS, 'zh-CN zh-TW duebot'], { placeholders: true }),
    ).toEqual([]);
    // What duebot recorded itself (escalations, notices, a letter not e-mailed) fills no placeholder
    // with English: each entry is checked inside its message too, against the fixture's own words.
    for (const e of ENTRIES.slice(34))
      expect(
        strayEnglish(notice(describeEntry(e, pseudoT())), [...FIXTURE, ...MONTHS, 'zh-CN duebot'], {
          placeholders: true,
        }),
        e.kind,
      ).toEqual([]);
    expect(strayEnglish(withoutRefs(page(pseudoT(), 3, 9)), FIXTURE, { placeholders: true })).toEqual([]);
    expect(strayEnglish(historyView(file(true, []), TZ, pseudoT()), FIXTURE, { placeholders: true })).toEqual(
      [],
    );
    // Every kind duebot records has its own sentence: none falls through to naming the stored kind.
    for (const e of ENTRIES)
      expect(describeEntry(e, pseudoT()), e.kind).not.toBe(
        pseudoT().t('card.history.other', { who: e.actor ?? 'duebot', kind: e.kind.replace(/_/g, ' ') }),
      );
    // An entry of a kind it does not know names the kind as stored.
    const odd = historyView(file(true, [entry(1, 'custom_kind', {})]), TZ, pseudoT());
    expect(strayEnglish(odd, [...FIXTURE, 'custom kind', 'duebot'], { placeholders: true })).toEqual([]);
  });

  it.each(everyLocale().map((t) => [t.locale, t] as const))(
    'fits every platform in %s, a full page and the page past the last',
    (_, t) => {
      expect(messageProblems(historyView(file(true, ENTRIES), TZ, t))).toEqual([]);
      expect(messageProblems(page(t, 2))).toEqual([]);
      expect(messageProblems(page(t, 3, 9))).toEqual([]);
    },
  );

  it('pages in the reader’s words, the notification text too', () => {
    const zh = page(translator('zh-TW'), 2);
    expect(JSON.stringify(zh.blocks)).toContain('較新');
    expect(toFallbackText(zh)).toContain('第 2 頁，共 3 頁');
    expect(toFallbackText(page(translator('en'), 2))).toContain('Page 2 of 3');
  });
});

describe('candidates, confirm steps and the ledger notices in every language (issue 20)', () => {
  const candidates = (t: Translator) =>
    candidatesView(
      'Acme',
      Array.from({ length: 25 }, (_, i) => ({ id: i + 1, name: `Acme Trading Shanghai ${i + 1}` })),
      t,
    );
  const confirm = (t: Translator) =>
    confirmView({
      title: t.t('card.button.cancelPlan', { several: 'no', currency: 'CNY' }),
      question: t.t('card.stale.note'),
      yes: t.t('card.button.cancelPlan', { several: 'no', currency: 'CNY' }),
      no: t.t('card.confirm.no'),
      ref: 'd1:plan-cancel:a=7:n=4',
    });
  const outage = (t: Translator) => ledgerOutageView(stale.freshness, stale.now, TZ, t);
  const never = (t: Translator) => ledgerOutageView({ ...stale.freshness, lastRead: null }, stale.now, TZ, t);
  const recovered = (t: Translator) => ledgerRecoveredView(stale.freshness.failingSince, stale.now, TZ, t);
  const notices = (t: Translator) => [
    notice(t.t('card.account.missing', { id: '7' }), { tone: 'danger' }),
    notice(t.t('card.stale.takenNote', { owner: 'Li Wei' })),
    notice(
      t.t('card.refused.role', { doing: 'release', owner: 'Wang Fang', role: 'viewer', name: 'Li Wei' }),
    ),
    notice(
      t.t('card.unreadable.command', {
        what: t.t('card.unreadable.character', { code: '0000', kind: 'nul', position: 3 }),
      }),
    ),
    notice(t.t('card.log.escalatedTold', { times: 3, told: 'Wang Fang' })),
  ];
  const views = (t: Translator) => [
    candidates(t),
    confirm(t),
    outage(t),
    never(t),
    recovered(t),
    ...notices(t),
  ];

  it('shows no English word of ours in the pseudo-locale', () => {
    for (const view of views(pseudoT()))
      expect(strayEnglish(view, [...FIXTURE, 'GET healthz duebot doctor'], { placeholders: true })).toEqual(
        [],
      );
  });

  it.each(everyLocale().map((t) => [t.locale, t] as const))('fits every platform in %s', (_, t) => {
    for (const view of views(t)) expect(messageProblems(view)).toEqual([]);
  });

  it('keeps the English wording', () => {
    expect(staleLedgerLine(stale.freshness, stale.now)).toBe(
      'Ledger last read 2 h ago: the accounting database is unreachable.',
    );
    expect(staleLedgerLine(stale.freshness, stale.now, translator('zh-CN'))).toBe(
      '账务数据最后读取于 2 小时前：无法连接账务数据库。',
    );
    expect(confirmView({ title: 'x', question: 'y', yes: 'z', ref: 'd1:help' }).blocks).toContainEqual(
      expect.objectContaining({
        type: 'actions',
        buttons: expect.arrayContaining([expect.objectContaining({ label: 'Cancel' })]),
      }),
    );
  });
});
