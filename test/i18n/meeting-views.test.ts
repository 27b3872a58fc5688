import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translate.ts';
import {
  meetingAccountView,
  meetingParentView,
  meetingSummaryView,
  segmentDecisionForm,
  segmentDecisionPreview,
} from '../../src/views/meeting.ts';
import type { MeetingAccount } from '../../src/worklist/meeting-decisions.ts';
import {
  everyLocale,
  formProblems,
  messageProblems,
  pseudoT,
  strayEnglish,
  DATE_WORDS,
} from '../support/view-locales.ts';

const account: MeetingAccount = {
  accountId: 7,
  name: '苏州永信机械制造有限公司',
  owner: null,
  salesRep: null,
  openByCurrency: { CNY: 8_600_000_00, USD: 50_00 },
  mainCurrency: 'CNY',
  daysOverdue: 47,
  ladderStep: null,
  nextAction: null,
  lastContact: null,
  grade: 'C',
  expectedRecovery: 12345.5,
};
const decided = {
  decision: 'lawyer_letter' as const,
  decidedBy: '王芳',
  decidedAt: '2026-12-01 10:05',
  previousDecision: 'keep_working' as const,
  previousBy: '李雷',
  revision: 2,
};
const undecided = { ...decided, decision: null, decidedBy: null, previousDecision: null, previousBy: null };
const metrics = [
  {
    month: '2026-11',
    dso: { days: 91, complete: false },
    cei: 12.5,
    salesMinor: 0,
    endingMinor: 0,
    endingCurrentMinor: 0,
  },
];
const parent = (t: ReturnType<typeof translator>) =>
  meetingParentView(
    {
      month: '2026-12',
      heldOn: '2026-12-01',
      accounts: 14_500,
      minDaysOverdue: 30,
      currencies: [{ currency: 'CNY', openMinor: 9_000_000_00, over90Minor: 1_000_000_00, metrics }],
      chart: null,
      rest: {
        replies: 50,
        meetingId: 3,
        files: [{ kind: 'meeting-agenda', meetingId: 3, format: 'csv', filename: 'agenda.csv' }],
        segments: {
          grade: [{ label: '', accounts: 3, openByCurrency: { CNY: 100 } }],
          bucket: [{ label: '31-60', accounts: 3, openByCurrency: { CNY: 100 } }],
          owner: [{ label: '', accounts: 3, openByCurrency: { CNY: 100 } }],
        },
      },
    },
    t,
  );
const summary = (t: ReturnType<typeof translator>) =>
  meetingSummaryView('2026-12', [{ name: account.name, decision: 'agency', decidedBy: '王芳' }], t, 12);
const segment = { dimension: 'grade' as const, value: 'C' };

describe('the credit meeting in every language (issue 20, PB-28)', () => {
  it('draws no English of ours outside the catalogs (pseudo-locale)', () => {
    const t = pseudoT();
    const data = ['agenda', 'csv', 'DSO', 'CEI', 'PB'];
    for (const view of [
      parent(t),
      meetingAccountView(3, account, decided, t, 1),
      meetingAccountView(3, account, undecided, t, 1),
      summary(t),
      segmentDecisionPreview(3, segment, 'credit_hold', 120, t),
    ])
      expect(strayEnglish(view, [...data, ...DATE_WORDS], { placeholders: true })).toEqual([]);
    expect(
      strayEnglish(segmentDecisionForm(3, [{ ...segment, undecided: 120 }], t), [...data, ...DATE_WORDS], {
        placeholders: true,
      }),
    ).toEqual([]);
  });

  it('fits Slack, Teams and the terminal in every locale', () => {
    for (const t of everyLocale()) {
      for (const view of [
        parent(t),
        meetingAccountView(3, account, decided, t, 1),
        summary(t),
        segmentDecisionPreview(3, segment, 'credit_hold', 120, t),
      ])
        expect(messageProblems(view)).toEqual([]);
      expect(formProblems(segmentDecisionForm(3, [{ ...segment, undecided: 120 }], t))).toEqual([]);
    }
  });

  it('says the decisions in the channel’s language', () => {
    expect(JSON.stringify(meetingAccountView(3, account, decided, translator('zh-CN'), 1))).toContain(
      '律师函',
    );
    expect(JSON.stringify(meetingAccountView(3, account, decided, translator('zh-TW'), 1))).toContain(
      '律師函',
    );
    expect(JSON.stringify(parent(translator('zh-TW')))).toContain('按分組決定');
    expect(JSON.stringify(parent(translator('en')))).toContain('Decide a segment');
  });
});
