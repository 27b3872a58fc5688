import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import { defaultLadder, defaultLadderYaml } from '../../src/collections/default-ladder.ts';
import { translator } from '../../src/i18n/translate.ts';
import { ladderReasonWords, nextActionWords, stepWords } from '../../src/views/ladder-words.ts';
import {
  type LadderAccount,
  LadderFileError,
  type LadderItem,
  type LadderOptions,
  isInvoiceStep,
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
      ['B-mid-term', 0, null],
      ['C-due', 0, null],
      ['large-after-issue', 15, null],
      ['large-before-due', -15, null],
    ]);
    expect(
      defaultLadder.steps.filter(isInvoiceStep).map((s) => [s.id, s.anchor, s.fraction ?? null]),
    ).toEqual([
      ['B-mid-term', 'term', 0.5],
      ['C-due', 'due', null],
      ['large-after-issue', 'issue', null],
      ['large-before-due', 'due', null],
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
    expect(problemsOf(yaml)).toEqual([
      'step 2 (L2), field day (line 3): found "soon", expected a whole number of days from the anchor',
    ]);
  });

  it('rejects an unknown tone, naming the allowed ones', () => {
    const yaml = 'steps:\n  - { id: L1, day: 5, action: Remind, tone: shouty, channel: email }';
    expect(problemsOf(yaml)).toEqual([
      'step 1 (L1), field tone (line 2): found "shouty", expected the tone, one of friendly, polite, firm, formal, legal, external',
    ]);
  });

  it('rejects duplicate ids and days out of order', () => {
    const yaml = `steps:
  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }
  - { id: L1, day: 3, action: Call, tone: firm, channel: call }`;
    expect(problemsOf(yaml)).toEqual([
      'step 2 (L1), field id (line 3): duplicate step id "L1"',
      'step 2 (L1), field day (line 3): expected a day after step L1 (day 5), got 3',
    ]);
  });

  it('checks anchored steps, naming the step and the field (PB-09)', () => {
    const yaml = `steps:
  - { id: L1, day: 1, action: Remind, tone: friendly, channel: email }
  - { id: T1, anchor: term, action: Call, tone: friendly, channel: call }
  - { id: T2, anchor: term, fraction: 1.5, action: Call, tone: friendly, channel: call }
  - { id: T3, anchor: term, fraction: 0.5, day: 3, action: Call, tone: friendly, channel: call }
  - { id: I1, anchor: issue, action: Call, tone: friendly, channel: call }
  - { id: I2, anchor: issue, day: 15, fraction: 0.5, perInvoice: true, action: Call, tone: friendly, channel: call }
  - { id: D1, anchor: sometime, day: 3, action: Call, tone: friendly, channel: call }
  - { id: D2, day: -15, perInvoice: true, minInvoice: -5, within: -1, action: Call, tone: friendly, channel: call }`;
    expect(problemsOf(yaml)).toEqual([
      'step 2 (T1), field fraction (line 3): a step anchored on the term needs a fraction, e.g. 0.5 for halfway',
      'step 3 (T2), field fraction (line 4): found 1.5, expected a number between 0 and 1, e.g. 0.5 for halfway through the term',
      'step 4 (T3), field day (line 5): a step anchored on the term takes a fraction, not a day',
      'step 5 (I1), field day (line 6): expected the days from the issue date',
      'step 6 (I2), field fraction (line 7): only a step anchored on the term (anchor: term) takes a fraction',
      'step 6 (I2), field perInvoice (line 7): a step anchored on the issue date is always per invoice; leave perInvoice out',
      'step 7 (D1), field anchor (line 8): found "sometime", expected due (the due date), issue (the invoice date) or term (a fraction of the payment term)',
      'step 8 (D2), field within (line 9): found -1, expected 0 or more days',
      'step 8 (D2), field minInvoice (line 9): found -5, expected an invoice amount above 0',
    ]);
  });

  it('says a custom step in its own words per language, a built-in one from the catalog (issue 20)', () => {
    const ladder = loadLadder(`steps:
  - { id: L1, day: 1, tone: friendly, letter: reminder, channel: email }
  - id: visit
    day: 10
    action: { en: Visit the buyer's office, zh-CN: 拜访买方办公室, zh-TW: 拜訪買方辦公室 }
    tone: firm
    channel: call
  - { id: fax, day: 20, action: { zh-CN: 发传真 }, tone: firm, channel: letter }
  - { id: L2, day: 30, action: Our own words for everyone, tone: polite, channel: letter }`);
    const words = (locale: 'en' | 'zh-CN' | 'zh-TW', id: string) => {
      const step = ladder.steps.find((s) => s.id === id);
      return stepWords(translator(locale), id, step?.action);
    };
    expect(words('en', 'L1')).toBe('Friendly reminder; confirm the invoice was received and approved');
    expect(words('zh-TW', 'L1')).toBe('友善提醒；確認客戶已收到發票並已核准');
    expect(words('en', 'visit')).toBe("Visit the buyer's office");
    expect(words('zh-CN', 'visit')).toBe('拜访买方办公室');
    expect(words('zh-TW', 'visit')).toBe('拜訪買方辦公室');
    // A language the step does not give: its English, else the first it gives.
    expect(words('en', 'fax')).toBe('发传真');
    // A built-in id with an action of its own: the company's words replace the catalog's.
    expect(words('zh-CN', 'L2')).toBe('Our own words for everyone');
  });

  it('asks a custom step for its action, and only in the languages duebot speaks', () => {
    const yaml = `steps:
  - { id: L1, day: 1, tone: friendly, channel: email }
  - { id: visit, day: 10, tone: firm, channel: call }
  - { id: fax, day: 20, action: { fr: Envoyer un fax }, tone: firm, channel: letter }
  - { id: memo, day: 30, action: {}, tone: firm, channel: letter }`;
    expect(problemsOf(yaml)).toEqual([
      'step 2 (visit), field action (line 3): expected the action (text, or text per language); only the built-in steps (pre-due, L1, L2, L3, L4, L5, L6, L7, L8, B-mid-term, C-due, large-after-issue, large-before-due) may leave it out',
      'step 3 (fax), field action (line 4): expected the action per language, one of en, zh-CN, zh-TW; not "fr"',
      'step 4 (memo), field action (line 5): expected the action in at least one language (en, zh-CN, zh-TW)',
    ]);
  });

  it('says what a step holds that its field does not take, and what the field takes', () => {
    const yaml = `steps:
  - { id: L1, day: 1, action: [Remind], tone: friendly, channel: email }
  - { id: m3, day: 32, action: { en: "" }, tone: firm, channel: pigeon, onlyFor: [D], perInvoice: maybe, letter: "Big Letter" }
  - 5
  - { id: 7, day: 40, tone: firm, channel: letter }
followUp: { minDays: 9, maxDays: 7, untilDay: 30 }`;
    expect(problemsOf(yaml)).toEqual([
      'field followUp.minDays (line 6): expected at most followUp.maxDays (7), got 9',
      'step 1 (L1), field action (line 2): found a list, expected the action as text, or as text per language (en, zh-CN, zh-TW)',
      'step 2 (m3), field perInvoice (line 3): found "maybe", expected true or false',
      'step 2 (m3), field action (line 3): en: expected a description of the action',
      'step 2 (m3), field letter (line 3): found "Big Letter", expected a letter template name such as formal-demand',
      'step 2 (m3), field channel (line 3): found "pigeon", expected the channel, one of email, text, letter, call, legal, agency',
      'step 2 (m3), field onlyFor[0] (line 3): found "D", expected a grade, one of A, B, C',
      'step 3 (line 4): found 5, expected a set of fields (name: value)',
      'step 4, field id (line 5): found 7, expected a short id such as L1 or pre-due (letters, digits, - and _)',
    ]);
  });

  it('orders only the account steps by day; invoice steps may come anywhere', () => {
    const yaml = `steps:
  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }
  - { id: X, day: -15, perInvoice: true, action: Call, tone: friendly, channel: call }
  - { id: L2, day: 10, action: Call, tone: firm, channel: call }`;
    expect(loadLadder(yaml).steps.map((s) => s.id)).toEqual(['L1', 'X', 'L2']);
  });

  it('reports YAML syntax errors and missing steps with a code', () => {
    expect(problemsOf('steps: [')).toEqual([
      'not valid YAML at line 1, column 9: a [ ] or { } is not closed, or a line is not indented enough',
    ]);
    expect(problemsOf('steps:\n\t- { id: L1 }')).toEqual([
      'not valid YAML at line 2, column 1: a tab indents a line (YAML indents with spaces)',
    ]);
    expect(problemsOf('followUp: { minDays: 5, maxDays: 7, untilDay: 30 }')).toEqual([
      'field steps: found nothing, expected the steps as a list of at least one step',
    ]);
    expect(problemsOf('- L1')).toEqual([
      'the file: found a list, expected the ladder as fields followUp and steps',
    ]);
    expect(() => loadLadder('steps: [')).toThrow(
      expect.objectContaining({ code: 'ladder_invalid', name: 'LadderFileError' }),
    );
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
    expect(position.reason).toMatchObject({ kind: 'on-step', last: true });
    expect(ladderReasonWords(translator('en'), position.reason)).toMatch(/last step reached/);
  });
});

describe('invoice steps anchored on the issue date, the term or each due date (PB-09)', () => {
  // A 60-day term: issued 2026-09-03, due 2026-11-02; halfway is 2026-10-03.
  const issued = addDays(due, -60);
  const termItem = (extra: Partial<LadderItem> = {}) =>
    item({ number: 'INV-7', issueDate: issued, totalMinor: 100_000, ...extra });
  const on = (date: string, a: LadderAccount) => ladderPosition(a, defaultLadder, date, options);

  it('grade B gets a call halfway through the payment term; grade A does not', () => {
    const b = on(addDays(issued, 25), account({ grade: 'B', items: [termItem()] }));
    expect(b.nextAction).toMatchObject({ stepId: 'B-mid-term', due: addDays(issued, 30), invoice: 'INV-7' });
    expect(nextActionWords(translator('en'), b.nextAction)).toMatch(
      /halfway through the payment term .*\(INV-7\)/,
    );
    expect(nextActionWords(translator('zh-TW'), b.nextAction)).toBe(
      '在付款期限過半時致電（B 級，PB-09）（INV-7）',
    );
    const a = on(addDays(issued, 25), account({ grade: 'A', items: [termItem()] }));
    expect(a.invoiceSteps).toEqual([]);
    expect(a.nextAction?.stepId).toBe('L1');
  });

  it('a call logged on or after the halfway day does the mid-term step; one before does not', () => {
    const halfway = addDays(issued, 30);
    const before = on(
      addDays(halfway, 2),
      account({ items: [termItem()], lastContactDate: addDays(halfway, -1) }),
    );
    expect(before.nextAction).toMatchObject({ stepId: 'B-mid-term', due: halfway });
    const after = on(addDays(halfway, 2), account({ items: [termItem()], lastContactDate: halfway }));
    expect(after.invoiceSteps).toEqual([]);
  });

  it('grade C gets a contact within 3 days of each due date, for every invoice, then it lapses', () => {
    const later = addDays(due, 20);
    const a = account({ grade: 'C', items: [termItem(), termItem({ number: 'INV-8', dueDate: later })] });
    // Contacted the day before (the pre-due step done): on the due date the due-date contact is next.
    const dueDay = on(due, { ...a, lastContactDate: addDays(due, -1) });
    expect(dueDay.nextAction).toMatchObject({ stepId: 'C-due', due, invoice: 'INV-7' });
    expect(on(addDays(due, 3), a).invoiceSteps.map((s) => s.invoice)).toContain('INV-7');
    expect(on(addDays(due, 4), a).invoiceSteps.map((s) => s.invoice)).not.toContain('INV-7');
    const second = on(addDays(later, 1), { ...a, lastContactDate: addDays(due, 1) });
    expect(second.invoiceSteps).toMatchObject([{ stepId: 'C-due', invoice: 'INV-8', due: later }]);
  });

  it('large invoices get service calls 15 days after issue and 15 days before due; small ones none', () => {
    const large = termItem({ totalMinor: 100_000 * 100 });
    const a = account({ grade: 'A', items: [large] });
    expect(on(addDays(issued, 1), a).invoiceSteps.map((s) => [s.stepId, s.due])).toEqual([
      ['large-after-issue', addDays(issued, 15)],
      ['large-before-due', addDays(due, -15)],
    ]);
    expect(on(addDays(issued, 1), a).nextAction?.stepId).toBe('large-after-issue');
    expect(on(addDays(issued, 1), account({ grade: 'A', items: [termItem()] })).invoiceSteps).toEqual([]);
    // JPY has no minor unit: 100,000 yen is large.
    const yen = termItem({ currency: 'JPY', totalMinor: 100_000, openMinor: 100_000 });
    expect(on(addDays(issued, 1), account({ grade: 'A', items: [yen] })).invoiceSteps).toHaveLength(2);
  });

  it('treats a habitual late payer as grade C: the due-date contact, not the mid-term call of grade B', () => {
    const a = account({ grade: 'A', habitualLatePayer: true, items: [termItem()] });
    expect(on(addDays(issued, 25), a).invoiceSteps.map((s) => s.stepId)).toEqual(['C-due']);
  });

  it('leaves disputed invoices out of the invoice steps (PB-21)', () => {
    const a = account({ grade: 'C', items: [termItem(), termItem({ number: 'INV-9', disputed: true })] });
    expect(on(due, a).invoiceSteps.map((s) => s.invoice)).toEqual(['INV-7']);
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
      reason: { kind: 'paused', until: addDays(due, 20), why: 'customer in restructuring talks' },
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
