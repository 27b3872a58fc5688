/**
 * Issue 20: what comes up from below the views is said in the reader's language too: the ladder's steps,
 * its next action and why an account stands where it does (PB-09, PB-12, PB-14, PB-21), the role
 * refusals and the letter refusals. Drawn in the pseudo-locale, no Latin word of ours is left outside a
 * catalog message; drawn in Chinese, no English word of ours is left at all.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_STEPS, type LadderReason, type NextStepNote } from '../../src/collections/ladder.ts';
import { defaultLadder } from '../../src/collections/default-ladder.ts';
import { roleMissing } from '../../src/commands/roles.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { noSuchLetter } from '../../src/letters/send-letter.ts';
import type { LetterStatus } from '../../src/letters/letter-record.ts';
import { ladderLine, ladderReasonWords, nextActionWords, stepWords } from '../../src/views/ladder-words.ts';
import { letterName } from '../../src/views/letter-name.ts';
import { notice } from '../../src/views/notices.ts';
import type { Actor, Role, RoleNeededFor } from '../../src/worklist/staff.ts';
import { failSaying, failureText } from '../../src/worklist/outcome.ts';
import { DATE_WORDS, pseudoT, strayEnglish } from '../support/view-locales.ts';

const chinese = [translator('zh-CN'), translator('zh-TW')];

/** English words (three letters or more) left in a Chinese text, but for the fixture's own. */
function englishIn(text: string, data: string[]): string[] {
  const allowed = new Set(data.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w.toLowerCase()));
}

/** Every way a text is drawn: the pseudo-locale leaves nothing of ours outside ⟦ ⟧, Chinese no English. */
function checkEverywhere(draw: (t: Translator) => string, data: string[] = []): void {
  expect(strayEnglish(notice(draw(pseudoT())), [...data, ...DATE_WORDS], { placeholders: true })).toEqual([]);
  for (const t of chinese) expect(englishIn(draw(t), data), `${t.locale}: ${draw(t)}`).toEqual([]);
}

const STEP_IDS = [...BUILT_IN_STEPS];

const NOTES: NextStepNote[] = [
  ...STEP_IDS.map((step): NextStepNote => ({ kind: 'step', step })),
  { kind: 'step', step: 'C-due', invoice: 'INV-7' },
  { kind: 'follow-up', step: 'L2', minDays: 5, maxDays: 7, untilDay: 30 },
  { kind: 'paused', until: '2026-12-20', why: '客户系统迁移' },
  { kind: 'paused', until: null, why: '客户系统迁移' },
  // PB-30: duebot's own reason, kept by its kind (never as an English sentence).
  { kind: 'paused', until: null, why: { kind: 'handed-over', agency: 'Apex Recovery' } },
  { kind: 'items-paused', until: '2026-12-20' },
  { kind: 'items-paused', until: null },
];

const REASONS: LadderReason[] = [
  { kind: 'nothing-open' },
  { kind: 'paused', until: '2026-12-20', why: '客户系统迁移' },
  { kind: 'paused', until: '2026-12-20', why: { kind: 'handed-over', agency: 'Apex Recovery' } },
  { kind: 'disputed' },
  { kind: 'items-paused', until: null },
  { kind: 'below-minimum' },
  { kind: 'first-step', stepId: 'L1', on: '2026-12-09' },
  { kind: 'no-step' },
  { kind: 'on-step', stepId: 'L3', day: 12, escalatedBy: 0, last: false },
  { kind: 'on-step', stepId: 'L8', day: 120, escalatedBy: 2, last: true },
];

describe("the ladder in the reader's language (issue 20)", () => {
  it('says every built-in step of the default ladder from the catalog', () => {
    expect(defaultLadder.steps.map((s) => s.id).sort()).toEqual([...STEP_IDS].sort());
    for (const step of defaultLadder.steps) {
      expect(step.action).toBeUndefined();
      checkEverywhere((t) => stepWords(t, step.id, step.action), STEP_IDS);
      checkEverywhere((t) => ladderLine(t, { step, reason: { kind: 'no-step' } }), STEP_IDS);
    }
    expect(stepWords(translator('zh-CN'), 'L4')).toBe(
      '正式催款函（加盖公章），说明逾期超过 30 天将启动法律程序',
    );
    expect(stepWords(translator('zh-TW'), 'L4')).toBe(
      '正式催款函（加蓋公司印章），說明逾期超過 30 天將啟動法律程序',
    );
  });

  it.each(NOTES.map((n) => [JSON.stringify(n), n] as const))('says the next action %s', (_, note) => {
    checkEverywhere((t) => nextActionWords(t, note) ?? '', [...STEP_IDS, 'INV', 'Apex Recovery']);
  });

  it('marks a next action recorded in English that no migration could read (a custom step, a meeting opened before notes)', () => {
    const old = 'Call the CFO about the audit';
    // The old sentence is data: stored as it was typed then; only the words around it are ours.
    expect(
      strayEnglish(notice(nextActionWords(pseudoT(), old) ?? ''), [old], { placeholders: true }),
    ).toEqual([]);
    expect(nextActionWords(translator('en'), old)).toBe(`${old} (as recorded then, in English)`);
    expect(nextActionWords(translator('zh-CN'), old)).toBe(`${old}（当时的英文记录）`);
    expect(nextActionWords(translator('zh-TW'), old)).toBe(`${old}（當時的英文紀錄）`);
  });

  it.each(REASONS.map((r) => [JSON.stringify(r), r] as const))('says why: %s', (_, reason) => {
    checkEverywhere((t) => ladderReasonWords(t, reason), [...STEP_IDS, 'Apex Recovery']);
  });

  it('counts escalations with the plural rules of each language', () => {
    const on = (n: number): LadderReason => ({
      kind: 'on-step',
      stepId: 'L3',
      day: 12,
      escalatedBy: n,
      last: false,
    });
    const en = translator('en');
    expect(ladderReasonWords(en, on(0))).toBe('L3 at day 12');
    expect(ladderReasonWords(en, on(1))).toBe('L3 at day 12, escalated 1 step (PB-14)');
    expect(ladderReasonWords(en, on(2))).toBe('L3 at day 12, escalated 2 steps (PB-14)');
    expect(ladderReasonWords(translator('zh-CN'), on(2))).toBe('L3，逾期第 12 天，已升级 2 级（PB-14）');
  });
});

describe("refusals in the reader's language (issue 20)", () => {
  const viewer: Actor = { userId: 9, name: 'Vic', role: 'viewer', platform: 'shell' };
  const DOINGS: RoleNeededFor[] = [
    'dispute',
    'resolve',
    'pause',
    'unpause',
    'reassign',
    'terms',
    'handOver',
    'credits',
    'role',
    'claim',
    'release',
    'meeting',
    'planAgree',
    'planCancel',
    'logContact',
    'note',
    'promiseKept',
    'letter',
    'letterSend',
    'letterApprove',
    'letterReject',
    'letterMarkSent',
    'letterSendAgain',
    'letterCancel',
  ];
  const ROLE_SETS: Role[][] = [
    ['manager'],
    ['collector', 'manager'],
    ['collector', 'manager', 'sales'],
    ['sales', 'manager'],
  ];

  it.each(DOINGS)('a role refusal for %s', (doing) => {
    for (const roles of ROLE_SETS)
      checkEverywhere(
        (t) =>
          roleMissing(t, viewer, roles, doing, { owner: 'Ann', letter: letterName('formal-demand', t) }) ??
          '',
        // The command to type stays as typed: /overdue role @Vic manager.
        ['Vic Ann overdue role collector manager sales'],
      );
  });

  it('the letter refusals', () => {
    const STATUSES: LetterStatus[] = [
      'awaiting_approval',
      'sending',
      'sent',
      'uncertain',
      'not_sent',
      'failed',
      'rejected',
      'queued',
      'cancelled',
    ];
    const data = ['Max ap@customer.example Europe Berlin'];
    const missing = noSuchLetter(12);
    checkEverywhere((t) => (missing.kind === 'refused' ? (missing.say?.(t) ?? '') : ''), data);
    for (const t of [pseudoT(), ...chinese]) {
      const letter = letterName('formal-demand', t);
      const texts = [
        t.t('letter.refused.ownApproval'),
        t.t('letter.refused.noRecord', { id: 12 }),
        t.t('letter.refused.outsideWindow', { time: t.date('2026-12-09'), zone: 'Europe/Berlin' }),
        ...STATUSES.flatMap((status) => [
          t.t('letter.refused.notAwaiting', { letter, id: 12, status, hasBy: 'yes', by: 'Max' }),
          t.t('letter.refused.notQueued', { letter, id: 12, status }),
          t.t('letter.refused.notUncertain', {
            letter,
            id: 12,
            status,
            hasRecipient: 'yes',
            recipient: 'ap@customer.example',
            messageId: '12',
          }),
        ]),
      ];
      for (const text of texts)
        if (t === pseudoT())
          expect(strayEnglish(notice(text), [...data, ...DATE_WORDS], { placeholders: true }), text).toEqual(
            [],
          );
        else expect(englishIn(text, [...data, 'Message ID']), text).toEqual([]);
    }
  });

  it('the worklist failures said from the catalog', () => {
    const failures = [
      failSaying('not_found', 'meeting.error.noMeeting'),
      failSaying('not_found', 'meeting.error.notOnMeeting'),
      failSaying('invalid_input', 'plan.error.nothingOpen', { currency: 'CNY' }),
    ];
    for (const failed of failures) {
      if (failed.ok) throw new Error('expected a failure');
      expect(failed.error.message).toMatch(/^[A-Z]/); // its English, for the log
      checkEverywhere((t) => failureText(t, failed.error), ['CNY']);
    }
  });
});
