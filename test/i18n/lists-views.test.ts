/**
 * Issue 20: the `/overdue` list, the digest and its companions, the aging report, the large-account
 * alerts (PB-07) and the ledger outage notices say everything through the catalogs, fit every adapter in
 * every locale, count with each locale's plural rules, write large totals in 万 / 亿 when asked, and a
 * channel's posts stay in the channel's language whoever reads them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { LOCALES } from '../../src/i18n/locale.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import type { DigestData } from '../../src/jobs/digest-data.ts';
import { refreshDigest } from '../../src/jobs/digest.ts';
import { createJobs } from '../../src/jobs/registry.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import type { Freshness } from '../../src/ledger/freshness.ts';
import { createOutboxWorker } from '../../src/outbox/worker.ts';
import {
  baselineAlertView,
  type BaselineLine,
  type CrossingAlert,
  crossingAlertView,
  jumpAlertView,
} from '../../src/views/alerts.ts';
import { agingReportView, digestView, nudgeView, ownerDigestView } from '../../src/views/digest.ts';
import { ledgerOutageView, ledgerRecoveredView } from '../../src/views/freshness.ts';
import type { Message } from '../../src/views/model.ts';
import { overdueListView } from '../../src/views/overdue-list.ts';
import type { WorklistPage, WorklistRow } from '../../src/worklist/list.ts';
import type { MyWork } from '../../src/worklist/my-work.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { claimAccount } from '../../src/worklist/claims.ts';
import { recordPromise } from '../../src/worklist/promises.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { DATE_WORDS, everyLocale, messageProblems, pseudoT, strayEnglish } from '../support/view-locales.ts';
import { fakePlatform, installedAt, silentLog, testConfig, testPolicy } from '../jobs/support.ts';

const TODAY = '2026-12-07';
const NOW = new Date('2026-12-07T09:00:00+08:00');

/** The worklist's stored next step (structured: each view says it in the reader's language). */
const NEXT = { kind: 'step', step: 'L2' } as const;

function row(i: number, overrides: Partial<WorklistRow> = {}): WorklistRow {
  return {
    accountId: i,
    externalId: `C${i}`,
    name: `上海华联贸易有限公司 ${i}`,
    mainCurrency: 'CNY',
    mainOpenMinor: 86_000_000_00 + i,
    openByCurrency: { CNY: 86_000_000_00 + i, USD: 1_200_00 },
    openItems: 3,
    maxDaysOverdue: 96,
    priority: 100 - i,
    // PB-08: the explanation's parts, said through the catalog with the row's days (PB-01).
    reasons: { open: { CNY: 8_200_000 }, missed: 2, lastMissed: '2026-11-30', window: false, tiny: false },
    grade: 'C',
    keyAccount: false,
    red: i % 2 === 0,
    creditHold: false,
    blacklisted: false,
    ladderStep: null,
    nextAction: NEXT,
    nextActionDue: '2026-12-09',
    suggestedLetter: null,
    owner: i % 3 === 0 ? { userId: 1, name: '李伟' } : null,
    version: 1,
    ...overrides,
  };
}

const page = (rows: number, total: number, pageNo = 1, pageSize = 10): WorklistPage => ({
  rows: Array.from({ length: rows }, (_, i) => row((pageNo - 1) * pageSize + i + 1)),
  total,
  page: pageNo,
  pages: Math.max(1, Math.ceil(total / pageSize)),
  pageSize,
});

/** Words the fixtures put in themselves (the ISO week, an attached file's name). */
const DATA = ['W50', 'alert-baseline-2026-12-07.csv'];

/** Keys of a message that carry no text anyone reads: action refs and a file's type. */
const NOT_READ = new Set(['openRef', 'prevRef', 'nextRef', 'mimeType']);
const readable = (view: Message): Message =>
  JSON.parse(JSON.stringify(view, (key, value: unknown) => (NOT_READ.has(key) ? undefined : value)));

const stale: Freshness = {
  lastRead: new Date('2026-12-07T07:00:00+08:00'),
  stale: true,
  failingSince: new Date('2026-12-07T07:20:00+08:00'),
  failure: { kind: 'unreachable', detail: 'connection refused', at: NOW },
};

const digestData = (overrides: Partial<DigestData> = {}): DigestData => ({
  today: TODAY,
  buckets: ['current', '1-30', '31-60', '61-90', '90+'],
  totals: [
    { currency: 'CNY', bucket: 'current', openMinor: 1_000_00, accounts: 1 },
    { currency: 'CNY', bucket: '90+', openMinor: 186_000_000_00, accounts: 2 },
    { currency: 'USD', bucket: '1-30', openMinor: 3_000_00, accounts: 1 },
  ],
  previous: {
    day: '2026-12-04',
    totals: [{ currency: 'CNY', bucket: '90+', openMinor: 176_000_000_00, accounts: 2 }],
  },
  top: [row(1), row(2), row(3)],
  overdueAccounts: 3,
  unclaimed: 2,
  promisesDue: [
    {
      promiseId: 1,
      accountId: 1,
      name: '苏州精密机械',
      amountMinor: 50_000_00,
      paidMinor: 0,
      currency: 'CNY',
      promisedDate: TODAY,
      status: 'open',
      owner: '李伟',
    },
  ],
  promisesBroken: [
    {
      promiseId: 2,
      accountId: 2,
      name: '台北電子',
      amountMinor: 20_000_00,
      paidMinor: 5_000_00,
      currency: 'CNY',
      promisedDate: '2026-12-04',
      status: 'partial',
      owner: null,
    },
    {
      promiseId: 3,
      accountId: 3,
      name: '杭州纺织',
      amountMinor: 8_000_00,
      paidMinor: 0,
      currency: 'CNY',
      promisedDate: '2026-12-04',
      status: 'broken',
      owner: '李伟',
    },
  ],
  ...overrides,
});

const work: MyWork = {
  claimed: [row(3)],
  claimedTotal: 1,
  followUps: [
    { accountId: 3, name: '杭州纺织', dueOn: TODAY },
    { accountId: 4, name: '南京化工', dueOn: '2026-12-01' },
  ],
  promisesDue: digestData().promisesDue,
  promisesBroken: digestData().promisesBroken,
  quiet: [{ accountId: 5, name: '广州物流', since: '2026-12-01', workingDays: 4 }],
};

const crossing: CrossingAlert = {
  accountId: 7,
  customerName: '上海华联贸易有限公司',
  salesRep: '@[李伟](slack:U0LIWEI)',
  owner: null,
  minDaysOverdue: 1,
  redAfterDays: 60,
  crossings: [
    {
      kind: 'account',
      currency: 'CNY',
      amountMinor: 600_000_00,
      thresholdMinor: 500_000_00,
      daysOverdue: 96,
      invoiceNumber: null,
    },
    {
      kind: 'invoice',
      currency: 'CNY',
      amountMinor: 600_000_00,
      thresholdMinor: 500_000_00,
      daysOverdue: 96,
      invoiceNumber: 'INV-2026-0042',
    },
    {
      kind: 'invoice',
      currency: 'USD',
      amountMinor: 80_000_00,
      thresholdMinor: 70_000_00,
      daysOverdue: 1,
      invoiceNumber: 'INV-2026-0077',
    },
  ],
};

const baseline: BaselineLine[] = Array.from({ length: 20 }, (_, i) => ({
  accountId: i + 1,
  customerName: `深圳电子 ${i + 1}`,
  amountMinor: 600_000_00 + i,
  currency: i % 4 === 0 ? 'USD' : 'CNY',
  daysOverdue: 30 + i,
}));

/** Every view of this area, drawn in `t`'s language. */
function views(t: Translator): [string, Message][] {
  const ledger = { freshness: stale, now: NOW };
  return [
    ['list: full page', overdueListView(page(10, 34, 2), { query: '', today: TODAY, ledger, t })],
    ['list: empty', overdueListView(page(0, 0), { query: '', today: TODAY, t })],
    ['list: filtered', overdueListView(page(1, 1), { query: '60+ 苏州', today: TODAY, t })],
    ['list: filtered empty', overdueListView(page(0, 0), { query: '我的 60+', today: TODAY, t })],
    ['digest', digestView(digestData(), { ledger, updatedAt: '10:15', t })],
    ['digest: first, nothing open', digestView(digestData({ totals: [], previous: null, top: [] }), { t })],
    ['owner digest', ownerDigestView(work, { name: '李伟', today: TODAY, t }) as Message],
    ['nudge', nudgeView([row(1), row(2)], 3, t)],
    ['aging report', agingReportView(digestData(), '2026-W50', t)],
    [
      'aging report: empty',
      agingReportView(digestData({ totals: [], top: [], unclaimed: 0 }), '2026-W50', t),
    ],
    ['crossing alert', crossingAlertView(crossing, t)],
    ['crossing alert: owned', crossingAlertView({ ...crossing, owner: '李伟', salesRep: null }, t)],
    [
      'jump alert',
      jumpAlertView(
        {
          currency: 'CNY',
          previousMinor: 80_000_000_00,
          currentMinor: 100_000_000_00,
          previousDate: '2026-11-07',
          today: TODAY,
          thresholdPercent: 20,
        },
        t,
      ),
    ],
    [
      'baseline alert',
      baselineAlertView(baseline, {
        t,
        file: { filename: 'alert-baseline-2026-12-07.csv', mimeType: 'text/csv', data: new Uint8Array() },
      }),
    ],
    ['outage notice', ledgerOutageView(stale, NOW, 'Asia/Shanghai', t)],
    ['outage notice: never read', ledgerOutageView({ ...stale, lastRead: null }, NOW, 'Asia/Shanghai', t)],
    ['recovered notice', ledgerRecoveredView(stale.failingSince as Date, NOW, 'Asia/Shanghai', t)],
  ];
}

describe('lists, digest, alerts and outage notices in every language (issue 20)', () => {
  it.each(views(pseudoT()).map(([name]) => name))('%s: no English of ours outside the catalogs', (name) => {
    const view = views(pseudoT()).find(([n]) => n === name)?.[1] as Message;
    expect(strayEnglish(readable(view), [...DATA, ...DATE_WORDS], { placeholders: true })).toEqual([]);
  });

  it.each(LOCALES)('%s: every view fits Slack, Teams and an 80-column terminal', (locale) => {
    const t = everyLocale().find((x) => x.locale === locale) as Translator;
    for (const [name, view] of views(t)) expect(messageProblems(view), `${locale} ${name}`).toEqual([]);
  });

  it('draws Chinese views without English words of ours, in simplified and traditional characters', () => {
    const cn = JSON.stringify(views(translator('zh-CN')).map(([, v]) => v));
    const tw = JSON.stringify(views(translator('zh-TW')).map(([, v]) => v));
    expect(cn).toContain('逾期晨报');
    expect(tw).toContain('逾期晨報');
    expect(cn).toContain('认领');
    expect(tw).toContain('認領');
    expect(tw).not.toContain('认领');
    for (const text of [cn, tw]) {
      for (const english of [
        'Claim',
        'Overdue digest',
        'promised for',
        'Nothing to chase',
        'Ledger last read',
      ])
        expect(text).not.toContain(english);
    }
  });

  it('counts with each locale’s plural rules', () => {
    const en = translator('en');
    const one = overdueListView(page(1, 1), { query: '', today: TODAY, t: en });
    const two = overdueListView(page(2, 2), { query: '', today: TODAY, t: en });
    expect(JSON.stringify(one)).toContain('1 account, highest expected recovery first. Showing 1-1.');
    expect(JSON.stringify(two)).toContain('2 accounts, highest expected recovery first. Showing 1-2.');
    expect(en.t('digest.owner.yours', { count: 1 })).toBe('1 account is yours. /overdue mine lists them.');
    expect(en.t('digest.owner.yours', { count: 2 })).toBe('2 accounts are yours. /overdue mine lists them.');
    expect(en.t('digest.nudge', { hours: 1 })).toContain('1 hour after');
    expect(en.t('alerts.baseline.line', { name: 'A', amount: 'CNY 1', days: 1 })).toContain('oldest 1 day');
    expect(en.t('alerts.baseline.line', { name: 'A', amount: 'CNY 1', days: 2 })).toContain('oldest 2 days');
    expect(en.t('card.age', { unit: 'days', n: 3 })).toBe('3 days');
    // Chinese has one form: the count and its measure word, whatever the number.
    for (const [locale, measure] of [
      ['zh-CN', '个'],
      ['zh-TW', '個'],
    ] as const) {
      const t = translator(locale);
      for (const n of [1, 2, 1000]) {
        const list = JSON.stringify(overdueListView(page(1, n), { query: '', today: TODAY, t }));
        expect(list).toContain(`共 ${t.number(n)} ${measure}`);
      }
      expect(t.t('alerts.baseline.line', { name: 'A', amount: 'CNY 1', days: 1 })).toContain('1 天');
    }
  });

  it('writes digest totals in 万 / 亿 for Chinese readers only with DUEBOT_LARGE_UNITS', () => {
    const text = (t: Translator) =>
      digestView(digestData(), { t })
        .blocks.map((b) => ('text' in b ? b.text : ''))
        .join('\n');
    expect(text(translator('zh-CN', { largeUnits: true }))).toContain(
      '未收 *CNY 1.86亿*（较上次 +1000.1万）',
    );
    expect(text(translator('zh-TW', { largeUnits: true }))).toContain(
      '未收 *CNY 1.86億*（較上次 +1000.1萬）',
    );
    expect(text(translator('zh-CN'))).toContain('未收 *CNY 186,001,000*（较上次 +10,001,000）');
    expect(text(translator('en', { largeUnits: true }))).toContain(
      '*CNY 186,001,000* open (+10,001,000 since then)',
    );
    // Exact amounts (a promise) never use them.
    expect(text(translator('zh-CN', { largeUnits: true }))).toContain('CNY 50,000.00');
  });
});

describe.each(backends())('a channel reads its own language, whoever reads it privately, on %s', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db?.close();
  });

  it('posts the digest in C1’s Chinese, the alerts in C2’s company default English, and Ann’s follow-ups in her own traditional Chinese', async () => {
    const [C1, C2] = ['C012AB3CD', 'C098ZY7XW']; // the digest's channel reads Chinese; the alerts' has no setting
    const config = testConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      SLACK_DIGEST_CHANNEL: C1,
      SLACK_ALERTS_CHANNEL: C2,
      DUEBOT_CHANNEL_LOCALES: `${C1}=zh-CN`,
      DUEBOT_LOCALE: 'en',
      DUEBOT_LARGE_UNITS: 'on',
    });
    const policy = await testPolicy(config);
    const TZ = 'Asia/Shanghai';
    const clock = createFixedClock(new Date('2026-12-07T09:00:00+08:00'), TZ); // a Monday
    await installedAt(db.knex, new Date('2026-11-30T08:00:00+08:00'));
    const ann = await seedStaff(db.knex, 'Ann', 'collector', 'slack');
    await db.knex('users').where({ id: ann.userId }).update({ locale: 'zh-TW' });
    const big = await seedAccount(db.knex, {
      name: '上海华联贸易有限公司',
      items: [{ dueDate: '2026-09-01', totalMinor: 900_000_00 }],
    });
    const small = await seedAccount(db.knex, {
      name: '苏州精密机械',
      items: [{ dueDate: '2026-11-20', totalMinor: 20_000_00 }],
    });
    await refreshWorklist({ db: db.knex, policy, today: clock.today(), timeZone: TZ });
    await claimAccount(db.knex, ann, big.accountId);
    await db.knex.transaction((trx) =>
      recordPromise(trx, ann, big.accountId, {
        promisedDate: '2026-12-07',
        amountMinor: 100_000_00,
        currency: 'CNY',
      }),
    );

    const scheduler = createScheduler({
      db: db.knex,
      jobs: createJobs(config),
      clock,
      config,
      policy,
      log: silentLog,
    });
    const slack = fakePlatform('slack');
    const worker = createOutboxWorker({ db: db.knex, chatOuts: [slack], clock, log: silentLog, pacingMs: 0 });
    await scheduler.runNow('digest');
    await scheduler.runNow('alerts');
    await worker.drain();

    const posted = (prefix: string) => slack.messages.filter((m) => m.key.startsWith(prefix));
    const flat = (m: { message: Message }) => JSON.stringify(m.message);
    const [digest] = posted('digest:2026-12-07');
    expect(digest?.channel).toBe('#digest');
    expect(flat(digest as { message: Message })).toContain('逾期晨报');
    expect(flat(digest as { message: Message })).toContain('认领');
    expect(flat(digest as { message: Message })).not.toContain('Overdue digest');
    const alerts = posted('alert:');
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(flat(alert)).toContain('Large overdue balance');
      expect(flat(alert)).not.toMatch(/[逾期认领]/u);
    }
    const [mine] = posted(`digest:2026-12-07:user:${ann.userId}`);
    expect(mine).toBeDefined();
    expect(flat(mine as { message: Message })).toContain('您的待追蹤事項');

    // A claim redraws the digest in C1's language; its Chinese "updated" line is told apart from content,
    // so a redraw with nothing new edits nothing.
    await claimAccount(db.knex, ann, small.accountId);
    const deps = { db: db.knex, clock, config, policy };
    expect(await refreshDigest(deps)).toBe(true);
    const edited = await db
      .knex('outbox')
      .where({ idempotency_key: 'digest:2026-12-07' })
      .first('update_payload');
    expect(JSON.stringify(edited.update_payload)).toContain('更新于 09:00。');
    expect(await refreshDigest(deps)).toBe(false);
  });
});
