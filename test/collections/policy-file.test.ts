import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AccountSnapshot, assessAccount, defaultPolicy } from '../../src/collections/account.ts';
import { nextWorkingDay } from '../../src/collections/dates.ts';
import { defaultPolicyNumbers, loadPolicyFile, PolicyFileError } from '../../src/collections/policy-file.ts';
import { sevenSevenSeven } from '../../src/collections/seven-seven-seven.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { buildPolicy } from '../../src/policy.ts';

const defaultYaml = readFileSync(
  new URL('../../src/collections/default-policy.yaml', import.meta.url),
  'utf8',
);

function problems(yaml: string): string[] {
  try {
    loadPolicyFile(yaml);
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the policy file to be refused');
}

function config(env: Record<string, string>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

const snapshot = (dueDate: string, extra: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
  accountId: '1',
  customerName: 'Acme',
  firstInvoiceDate: '2024-01-01',
  openItems: [
    {
      id: '1',
      number: 'INV-1',
      issueDate: dueDate,
      dueDate,
      totalMinor: 100_000,
      openMinor: 100_000,
      currency: 'CNY',
      disputed: false,
      pause: null,
    },
  ],
  settledItems: [],
  promises: [],
  lastContactDate: null,
  escalations: 0,
  pause: null,
  ...extra,
});

describe('the policy file: every number is configuration', () => {
  it('ships the playbook numbers: the default file gives exactly the built-in defaults', () => {
    expect(loadPolicyFile(defaultYaml)).toEqual(defaultPolicyNumbers);
    expect(loadPolicyFile('')).toEqual(defaultPolicyNumbers);
    expect(defaultPolicyNumbers.aging).toEqual(defaultPolicy.aging);
    expect(defaultPolicyNumbers.grade).toEqual(defaultPolicy.grade);
    expect(defaultPolicyNumbers.weekend).toEqual([0, 6]);
    expect(defaultPolicyNumbers.escalation).toEqual(defaultPolicy.escalation);
    expect(defaultPolicyNumbers.escalation.inProcessAnswers).toBe(2);
    expect(defaultPolicyNumbers.sevenSevenSeven).toEqual({
      firstContactDays: 7,
      attempts: 7,
      weeks: 7,
      months: 7,
    });
  });

  it('keeps the playbook value of every field a file leaves out', () => {
    const n = loadPolicyFile('aging:\n  redAfterDays: 20\ncreditHold:\n  monthRule: days\n');
    expect(n.aging).toEqual({ ...defaultPolicy.aging, redAfterDays: 20 });
    expect(n.grade).toEqual({ ...defaultPolicy.grade, holdMonthRule: 'days' });
    expect(n.priority.likelihoodByAge).toEqual(defaultPolicy.priority.likelihoodByAge);
  });

  it('PB-04/05/06: bucket edges, the red threshold and key-account days from the file decide the assessment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'policy.yaml');
    await writeFile(
      file,
      'aging:\n  bucketEdges: [15, 30]\n  redAfterDays: 20\n  procedureAfterDays: 10\n  keyAccountDays: 21\n  keyAccountNoExceptionDays: 40\n',
    );
    const policy = await buildPolicy(config({ DUEBOT_POLICY_FILE: file }));
    const a = assessAccount(snapshot('2026-10-29'), policy, '2026-11-22'); // 24 days overdue
    expect(a.items[0]?.bucket).toBe('16-30');
    expect(a.items[0]?.marking).toBe('red');
    expect(a.inCollection).toBe(true);
    expect(a.keyAccount.keyAccount).toBe(true);
    expect(a.aging[0]?.buckets).toEqual({ current: 0, '1-15': 0, '16-30': 100_000, '30+': 0 });
    const playbook = assessAccount(snapshot('2026-10-29'), defaultPolicy, '2026-11-22');
    expect([playbook.items[0]?.bucket, playbook.items[0]?.marking, playbook.keyAccount.keyAccount]).toEqual([
      '1-30',
      'none',
      false,
    ]);
  });

  it('PB-10/11: grade, hold and blacklist thresholds from the file decide the flags', () => {
    const n = loadPolicyFile(
      'blacklist:\n  unpaidDays: 20\ncreditHold:\n  overdueInvoicesPerMonth: 1\n  consecutiveMonths: 1\n',
    );
    const policy = { ...defaultPolicy, grade: n.grade };
    const a = assessAccount(snapshot('2026-09-29'), policy, '2026-11-22');
    expect(a.blacklist.reason).toBe('blacklisted: INV-1 unpaid 54 days past due (PB-11)');
    expect(a.creditHold.reason).toBe(
      'credit hold: 1+ invoices overdue at the end of each of 2026-10; until INV-1 is cleared (PB-10)',
    );
    const playbook = assessAccount(snapshot('2026-09-29'), defaultPolicy, '2026-11-22');
    expect([playbook.blacklist.set, playbook.creditHold.set]).toEqual([false, false]);
  });

  it('PB-08: priority weights from the file decide the ranking score', () => {
    const n = loadPolicyFile(
      [
        'priority:',
        '  costOfWorkingMajor: 0',
        '  tinyBalanceMajor: 0',
        '  likelihoodByAge:',
        '    - { upToDays: null, likelihood: 1 }',
        '  gradeFactor: { A: 1, B: 1, C: 1 }',
      ].join('\n'),
    );
    const policy = { ...defaultPolicy, priority: { ...defaultPolicy.priority, ...n.priority } };
    // CNY 1,000.00 open 2 days: likelihood 1 whatever the grade, no cost, no small-balance discount.
    expect(assessAccount(snapshot('2026-11-20'), policy, '2026-11-22').priority.score).toBe(1000);
    expect(assessAccount(snapshot('2026-11-20'), defaultPolicy, '2026-11-22').priority.score).toBeLessThan(
      1000,
    );
  });

  describe('PB-13: the sevens of 7-7-7 from the file decide where the account stands', () => {
    // Overdue since 2026-09-01; contact on day 5 and day 10.
    const standing = (yaml: string, today: string) =>
      sevenSevenSeven(
        '2026-09-01',
        ['2026-09-06', '2026-09-11'],
        today,
        loadPolicyFile(yaml).sevenSevenSeven,
      );

    it('PB-13 firstContactDays: first contact on day 5 is late when the file wants it within 3 days', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
      const file = join(dir, 'sevens.yaml');
      await writeFile(file, 'sevenSevenSeven:\n  firstContactDays: 3\n');
      const policy = await buildPolicy(config({ DUEBOT_POLICY_FILE: file }));
      const seen = sevenSevenSeven('2026-09-01', ['2026-09-06'], '2026-09-20', policy.sevenSevenSeven);
      expect(seen?.firstContactLate).toBe(true);
      expect(seen?.text).toContain('first contact on day 5 (late: within 3)');
      expect(standing('', '2026-09-20')?.firstContactLate).toBe(false);
    });

    it('PB-13 attempts: two attempts in the weeks fall short of 7 but meet a file asking 2', () => {
      expect(standing('', '2026-11-01')?.attemptsShort).toBe(true);
      const two = standing('sevenSevenSeven:\n  attempts: 2\n', '2026-11-01');
      expect(two?.attemptsShort).toBe(false);
      expect(two?.text).toContain('2 of 2 attempts in 7 weeks');
    });

    it('PB-13 weeks: a 2-week window is over (and short) where 7 weeks still run', () => {
      expect(standing('', '2026-09-20')?.text).toContain('2 of 7 attempts, week 3 of 7');
      const short = standing('sevenSevenSeven:\n  weeks: 2\n', '2026-09-20');
      expect(short?.attemptsShort).toBe(true);
      expect(short?.text).toContain('2 of 7 attempts in 2 weeks (short)');
    });

    it('PB-13 months: resolved within 3 months puts the resolve-by date three months on', () => {
      expect(standing('', '2026-09-20')?.resolveBy).toBe('2027-04-01');
      const three = standing('sevenSevenSeven:\n  months: 3\n', '2026-12-05');
      expect(three?.resolveBy).toBe('2026-12-01');
      expect(three?.text).toContain('unresolved 4 days past 3 months (2026-12-01)');
    });
  });

  it('PB-14: the number of "in process" answers that escalate comes from the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'escalation.yaml');
    await writeFile(file, 'escalation:\n  inProcessAnswers: 3\n');
    const policy = await buildPolicy(config({ DUEBOT_POLICY_FILE: file }));
    expect(policy.escalation.inProcessAnswers).toBe(3);
    expect(defaultPolicy.escalation.inProcessAnswers).toBe(2);
  });

  it('PB-24: a six-day week makes Saturday a working day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
    const file = join(dir, 'six-days.yaml');
    await writeFile(file, 'workingDays: [monday, tuesday, wednesday, thursday, friday, saturday]\n');
    const policy = await buildPolicy(config({ DUEBOT_POLICY_FILE: file, DUEBOT_HOLIDAYS: '2026-12-25' }));
    expect(policy.calendar).toEqual({ weekend: [0], holidays: ['2026-12-25'] });
    expect(nextWorkingDay('2026-11-28', policy.calendar)).toBe('2026-11-28'); // a Saturday
    expect(nextWorkingDay('2026-11-28', defaultPolicy.calendar)).toBe('2026-11-30');
  });

  describe('refuses a broken file naming the field of each problem', () => {
    it('not YAML', () => {
      expect(problems('aging: [30, 60\n')).toEqual([
        'not valid YAML at line 2, column 1: a [ ] or { } is not closed, or a line is not indented enough',
      ]);
      expect(problems('aging: 1\naging: 2\n')).toEqual([
        'not valid YAML at line 2, column 1: a key is given twice',
      ]);
      expect(problems('aging: "30\n')).toEqual([
        'not valid YAML at line 2, column 1: a closing bracket, brace or quote is missing',
      ]);
    });

    it('a field that is not a policy field, naming the fields it could be', () => {
      expect(problems('aging:\n  redAfterDay: 20\nbuckets: [1]\n')).toEqual([
        'field aging.redAfterDay (line 2): not a field of this file (expected one of bucketEdges, redAfterDays, procedureAfterDays, keyAccountDays, keyAccountNoExceptionDays, settledShownDays)',
        'field buckets (line 3): not a field of this file (expected one of aging, grade, creditHold, blacklist, priority, escalation, sevenSevenSeven, collectorCredit, contactWindow, workingDays)',
      ]);
    });

    it('a value of the wrong type', () => {
      expect(problems('aging:\n  redAfterDays: thirty\n')).toEqual([
        'field aging.redAfterDays (line 2): found "thirty", expected a whole number of days',
      ]);
      expect(problems('aging:\n  bucketEdges: 30\n')).toEqual([
        'field aging.bucketEdges (line 2): found 30, expected a list of at least one day, such as [30, 60, 90]',
      ]);
      expect(
        problems('aging: 5\ngrade: [1]\npriority:\n  gradeFactor: { A: -1, D: 2 }\n  window: 3\n'),
      ).toEqual([
        'field aging (line 1): found 5, expected the aging section as fields (name: value)',
        'field grade (line 2): found a list, expected the grade section as fields (name: value)',
        'field priority.gradeFactor.A (line 4): found -1, expected a positive number, such as 1.2',
        'field priority.gradeFactor.D (line 4): not a field of this file (expected one of A, B, C)',
        'field priority.window (line 5): found 3, expected the window as fields, such as { fromDays: 30, toDays: 60 }',
      ]);
      expect(problems('- aging')).toEqual([
        'the file: found a list, expected the policy as sections of fields, such as aging: { redAfterDays: 30 }',
      ]);
    });

    it('a number out of range, or not whole', () => {
      expect(
        problems('grade:\n  cLateShare: 1.5\n  historyMonths: 0\naging:\n  keyAccountDays: 45.5\n'),
      ).toEqual([
        'field aging.keyAccountDays (line 5): found 45.5, expected a whole number of days',
        'field grade.historyMonths (line 3): found 0, expected 1 or more months',
        'field grade.cLateShare (line 2): found 1.5, expected a share between 0 and 1, such as 0.5',
      ]);
      expect(problems('priority:\n  likelihoodByAge:\n    - { upToDays: -1, likelihood: 0.5 }\n')).toEqual([
        'field priority.likelihoodByAge[0].upToDays (line 3): found -1, expected 0 or more days',
      ]);
      expect(problems('creditHold:\n  minDaysInMonth: 40\n')).toEqual([
        'field creditHold.minDaysInMonth (line 2): found 40, expected at most 31 days (a month has no more)',
      ]);
    });

    it('PB-14: an "in process" count that is not a whole number of 1 or more', () => {
      expect(problems('escalation:\n  inProcessAnswers: 0\n')).toEqual([
        'field escalation.inProcessAnswers (line 2): found 0, expected 1 or more answers',
      ]);
      expect(problems('escalation:\n  inProcessAnswers: twice\n')).toEqual([
        'field escalation.inProcessAnswers (line 2): found "twice", expected a whole number of answers',
      ]);
      expect(problems('escalation:\n  inProcessTimes: 3\n')).toEqual([
        'field escalation.inProcessTimes (line 2): not a field of this file (expected one of inProcessAnswers)',
      ]);
    });

    it('PB-13: each of the sevens refused naming its field', () => {
      expect(
        problems('sevenSevenSeven:\n  firstContactDays: -1\n  attempts: 0\n  weeks: 1.5\n  months: seven\n'),
      ).toEqual([
        'field sevenSevenSeven.firstContactDays (line 2): found -1, expected 0 or more days',
        'field sevenSevenSeven.attempts (line 3): found 0, expected 1 or more attempts',
        'field sevenSevenSeven.weeks (line 4): found 1.5, expected a whole number of weeks',
        'field sevenSevenSeven.months (line 5): found "seven", expected a whole number of months',
      ]);
    });

    it('PB-29: bonus days that are not a whole number of 0 or more', () => {
      expect(problems('collectorCredit:\n  bonusAfterDays: -5\n')).toEqual([
        'field collectorCredit.bonusAfterDays (line 2): found -5, expected 0 or more days',
      ]);
      expect(problems('collectorCredit:\n  bonusAfterDays: 90.5\n')).toEqual([
        'field collectorCredit.bonusAfterDays (line 2): found 90.5, expected a whole number of days',
      ]);
    });

    it('PB-06: the days that tell a manager of a key account refused naming the field', () => {
      expect(problems('aging:\n  keyAccountNoExceptionDays: 0\n')).toEqual([
        'field aging.keyAccountNoExceptionDays (line 2): found 0, expected 1 or more days',
      ]);
      // keyAccountDays is not in the file: the problem names it at the line of its section.
      expect(problems('aging:\n  keyAccountNoExceptionDays: 40\n')).toEqual([
        'field aging.keyAccountDays (line 1): expected at most aging.keyAccountNoExceptionDays (40), got 45',
      ]);
    });

    it('a choice that is not one of the choices', () => {
      expect(problems('creditHold:\n  monthRule: sometimes\nworkingDays: [monday, funday]\n')).toEqual([
        'field creditHold.monthRule (line 2): found "sometimes", expected month-end (a month counts when an invoice is overdue at its end) or days (when overdue on at least minDaysInMonth days of it)',
        'field workingDays[1] (line 3): found "funday", expected a weekday name: sunday, monday, tuesday, wednesday, thursday, friday, saturday',
      ]);
      expect(problems('workingDays: []\n')).toEqual([
        'field workingDays (line 1): found a list, expected a list of at least one weekday, such as [monday, tuesday, wednesday, thursday, friday]',
      ]);
      expect(problems('workingDays: [monday, monday]\n')).toEqual([
        'field workingDays[1] (line 1): monday is listed twice',
      ]);
    });

    it('fields that contradict each other, also against the defaults of the fields left out', () => {
      expect(
        problems(
          'aging:\n  bucketEdges: [30, 30, 20]\n  keyAccountDays: 70\npriority:\n  window: { fromDays: 50, toDays: 40 }\n  likelihoodByAge:\n    - { upToDays: 30, likelihood: 0.9 }\n    - { upToDays: 10, likelihood: 0.5 }\n',
        ),
      ).toEqual([
        'field aging.bucketEdges[1] (line 2): expected more than the edge before it (30), got 30',
        'field aging.bucketEdges[2] (line 2): expected more than the edge before it (30), got 20',
        'field aging.keyAccountDays (line 3): expected at most aging.keyAccountNoExceptionDays (60), got 70',
        'field priority.likelihoodByAge[1].upToDays (line 8): expected more than the row before it (30), got 10',
        'field priority.window.fromDays (line 5): expected at most priority.window.toDays (40), got 50',
      ]);
    });

    it('a file that cannot be read, or is broken, is named by its setting at start', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'duebot-policy-'));
      await expect(buildPolicy(config({ DUEBOT_POLICY_FILE: join(dir, 'missing.yaml') }))).rejects.toThrow(
        /^DUEBOT_POLICY_FILE: cannot read .*missing\.yaml \(ENOENT\)$/,
      );
      const broken = join(dir, 'broken.yaml');
      await writeFile(broken, 'aging:\n  redAfterDays: -1\n');
      await expect(buildPolicy(config({ DUEBOT_POLICY_FILE: broken }))).rejects.toThrow(
        `DUEBOT_POLICY_FILE: the policy file ${broken} is not valid: field aging.redAfterDays (line 2): found -1, expected 0 or more days`,
      );
    });
  });
});
