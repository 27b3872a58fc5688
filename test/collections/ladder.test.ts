import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import { defaultLadder, defaultLadderYaml } from '../../src/collections/default-ladder.ts';
import {
  type LadderAccount,
  LadderFileError,
  type LadderItem,
  type LadderOptions,
  ladderPosition,
  loadLadder,
} from '../../src/collections/ladder.ts';

// A Monday, so due dates on working days stay put.
const due = '2026-11-02';
const options: LadderOptions = { minBalanceMinor: {}, calendar: { weekend: [], holidays: [] } };
const item = (extra: Partial<LadderItem> = {}): LadderItem => ({
  dueDate: due,
  openMinor: 100_000,
  currency: 'CNY',
  disputed: false,
  pause: null,
  ...extra,
});
const account = (extra: Partial<LadderAccount> = {}): LadderAccount => ({
  grade: 'B',
  items: [item()],
  pause: null,
  escalations: 0,
  lastContactDate: null,
  ...extra,
});
const at = (day: number, a: LadderAccount = account(), o: LadderOptions = options) =>
  ladderPosition(a, defaultLadder, addDays(due, day), o);

describe('the default ladder file (PLAYBOOK ladder table)', () => {
  it('has the playbook steps, days and letters', () => {
    expect(defaultLadder.steps.map((s) => [s.id, s.day, s.letter])).toEqual([
      ['pre-due', -10, null],
      ['L1', 1, 'reminder'],
      ['L2', 5, 'polite-reminder'],
      ['L3', 10, null],
      ['L4', 20, 'formal-demand'],
      ['L5', 30, 'final-notice'],
      ['L6', 45, 'lawyer-letter-request'],
      ['L7', 52, null],
      ['L8', 90, null],
    ]);
    expect(defaultLadder.followUp).toEqual({ minDays: 5, maxDays: 7, untilDay: 30 });
    expect(loadLadder(defaultLadderYaml)).toEqual(defaultLadder);
  });
});

describe('loading a company ladder file', () => {
  const problemsOf = (yaml: string): string[] => {
    try {
      loadLadder(yaml);
    } catch (error) {
      if (error instanceof LadderFileError) return error.problems;
      throw error;
    }
    throw new Error('expected the ladder to be rejected');
  };

  it('names the step and the field that is wrong', () => {
    const yaml = `steps:
  - { id: L1, day: 1, action: Remind, tone: friendly, letter: reminder, channel: email }
  - { id: L2, day: soon, action: Letter, tone: polite, letter: polite-reminder, channel: letter }`;
    expect(problemsOf(yaml)).toEqual([expect.stringMatching(/^step 2 \(L2\), field day: /)]);
  });

  it('rejects an unknown tone, naming the allowed ones', () => {
    const yaml = 'steps:\n  - { id: L1, day: 5, action: Remind, tone: shouty, channel: email }';
    expect(problemsOf(yaml)).toEqual([expect.stringMatching(/^step 1 \(L1\), field tone: .*"friendly"/)]);
  });

  it('rejects duplicate ids and days out of order', () => {
    const yaml = `steps:
  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }
  - { id: L1, day: 3, action: Call, tone: firm, channel: call }`;
    expect(problemsOf(yaml)).toEqual([
      'step 2 (L1), field id: duplicate step id "L1"',
      'step 2 (L1), field day: expected a day after step L1 (day 5)',
    ]);
  });

  it('reports YAML syntax errors and missing steps with a code', () => {
    expect(() => loadLadder('steps: [')).toThrow(LadderFileError);
    expect(problemsOf('followUp: { minDays: 5, maxDays: 7, untilDay: 30 }')).toEqual([
      expect.stringMatching(/^field steps: /),
    ]);
    expect(new LadderFileError(['x']).code).toBe('ladder_invalid');
  });

  it('defaults a missing letter to none and the follow-up rhythm to PB-12', () => {
    const ladder = loadLadder('steps:\n  - { id: L1, day: 1, action: Call, tone: firm, channel: call }');
    expect(ladder.steps[0]?.letter).toBeNull();
    expect(ladder.followUp).toEqual({ minDays: 5, maxDays: 7, untilDay: 30 });
  });
});

describe('ladder position', () => {
  it('L1 the day after the due date with the reminder letter (PB-05)', () => {
    const position = at(1);
    expect(position).toMatchObject({ status: 'active', day: 1, letter: 'reminder' });
    expect(position.step?.id).toBe('L1');
    expect(position.nextAction).toMatchObject({ kind: 'step', stepId: 'L1', due: addDays(due, 1) });
  });

  it('follows the table by day: L4 formal demand at 20, L5 final notice at 30, L6 lawyer letter at 45', () => {
    expect([19, 20, 30, 45, 52, 90].map((d) => [at(d).step?.id, at(d).letter])).toEqual([
      ['L3', null],
      ['L4', 'formal-demand'],
      ['L5', 'final-notice'],
      ['L6', 'lawyer-letter-request'],
      ['L7', null],
      ['L8', null],
    ]);
  });

  it('before the due date nothing has started and L1 is next (grade A and B get no pre-due reminder)', () => {
    const position = at(-10, account({ grade: 'A' }));
    expect(position).toMatchObject({ status: 'not-started', stepIndex: -1, step: null });
    expect(position.nextAction).toMatchObject({ stepId: 'L1', due: addDays(due, 1) });
  });

  it('PB-09: grade C and habitual late payers get the reminder 10 days before the due date', () => {
    expect(at(-10, account({ grade: 'C' })).step?.id).toBe('pre-due');
    expect(at(-10, account({ grade: 'A', habitualLatePayer: true })).step?.id).toBe('pre-due');
    expect(at(-11, account({ grade: 'C' })).nextAction).toMatchObject({
      stepId: 'pre-due',
      due: addDays(due, -10),
    });
  });

  it('PB-12: after the step is done, contacts again within 7 days until day 30', () => {
    const position = at(11, account({ lastContactDate: addDays(due, 10) }));
    expect(position.step?.id).toBe('L3');
    expect(position.nextAction).toMatchObject({
      kind: 'follow-up',
      due: addDays(due, 17),
      notBefore: addDays(due, 15),
    });
  });

  it('PB-12: the next step comes first when it is sooner than the follow-up', () => {
    const position = at(6, account({ lastContactDate: addDays(due, 5) }));
    expect(position.nextAction).toMatchObject({ kind: 'step', stepId: 'L3', due: addDays(due, 10) });
  });

  it('past day 30 the next step is the next action, with no follow-ups in between', () => {
    const position = at(31, account({ lastContactDate: addDays(due, 30) }));
    expect(position.nextAction).toMatchObject({ kind: 'step', stepId: 'L6', due: addDays(due, 45) });
  });

  it('moves due dates to the next working day (PB-24)', () => {
    const weekdays = { ...options, calendar: { weekend: [0, 6], holidays: [] } };
    // due + 5 is Saturday 2026-11-07.
    expect(at(5, account(), weekdays).nextAction?.due).toBe('2026-11-09');
  });

  it('says when the last step has been done', () => {
    const position = at(100, account({ lastContactDate: addDays(due, 95) }));
    expect(position.nextAction).toBeNull();
    expect(position.reason).toMatch(/last step reached/);
  });
});

describe('escalation on delay signals (PB-14)', () => {
  it('a broken promise moves the account one step up immediately, regardless of the calendar', () => {
    const position = at(12, account({ escalations: 1, escalatedOn: addDays(due, 12) }));
    expect(position).toMatchObject({ escalatedBy: 1, letter: 'formal-demand' });
    expect(position.step?.id).toBe('L4');
    expect(position.nextAction).toMatchObject({ stepId: 'L4', due: addDays(due, 12) });
  });

  it('two escalations move two steps, and never past the last step', () => {
    expect(at(12, account({ escalations: 2 })).step?.id).toBe('L5');
    expect(at(95, account({ escalations: 3 })).step?.id).toBe('L8');
  });

  it('escalates an account that has not reached L1 to L1, skipping a pre-due step it does not get', () => {
    expect(at(-3, account({ grade: 'A', escalations: 1 })).step?.id).toBe('L1');
  });
});

describe('what the ladder leaves alone', () => {
  it('a paused account gets no actions, and chasing resumes after the end date', () => {
    const pause = { reason: 'customer in restructuring talks', until: addDays(due, 20) };
    expect(at(15, account({ pause }))).toMatchObject({
      status: 'paused',
      nextAction: null,
      reason: `chasing paused until ${addDays(due, 20)}: customer in restructuring talks`,
    });
    expect(at(21, account({ pause })).step?.id).toBe('L4');
  });

  it('a paused invoice is left out, so the ladder follows the other items', () => {
    const items = [
      item({ pause: { reason: 'credit note coming', until: null } }),
      item({ dueDate: addDays(due, 10) }),
    ];
    expect(at(12, account({ items }))).toMatchObject({ anchorDueDate: addDays(due, 10), day: 2 });
  });

  it('PB-21: disputed items are excluded; an account with only disputed items is not chased', () => {
    expect(at(40, account({ items: [item({ disputed: true })] }))).toMatchObject({
      status: 'disputed',
      nextAction: null,
    });
    const items = [item({ disputed: true }), item({ dueDate: addDays(due, 35) })];
    expect(at(40, account({ items })).step?.id).toBe('L2');
  });

  it('does nothing below the minimum balance per currency', () => {
    const min = { ...options, minBalanceMinor: { CNY: 500_000 } };
    expect(at(40, account(), min)).toMatchObject({ status: 'below-minimum', nextAction: null });
    const items = [item(), item({ currency: 'USD', dueDate: addDays(due, 25) })];
    expect(at(40, account({ items }), min)).toMatchObject({
      status: 'active',
      anchorDueDate: addDays(due, 25),
    });
  });

  it('an account with nothing open is done', () => {
    expect(at(40, account({ items: [item({ openMinor: 0 })] })).status).toBe('nothing-open');
  });
});

describe('ladder properties', () => {
  it('the step never goes backwards as days pass while nothing is paid', () => {
    const arbItem = fc.record({
      dueDate: fc.integer({ min: -60, max: 60 }).map((d) => addDays(due, d)),
      openMinor: fc.integer({ min: 1, max: 1e9 }),
      currency: fc.constantFrom('CNY', 'USD'),
      disputed: fc.boolean(),
      pause: fc.constant(null),
    });
    fc.assert(
      fc.property(
        fc.array(arbItem, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('A' as const, 'B' as const, 'C' as const),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -30, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (items, grade, escalations, start, later) => {
          const a = account({ items, grade, escalations });
          const min = { ...options, minBalanceMinor: { CNY: 1_000_000 } };
          const before = ladderPosition(a, defaultLadder, addDays(due, start), min);
          const after = ladderPosition(a, defaultLadder, addDays(due, start + later), min);
          expect(after.stepIndex).toBeGreaterThanOrEqual(before.stepIndex);
        },
      ),
    );
  });
});
