/**
 * Issue 20: what is wrong in a company's ladder or policy file is said in the company's language, in
 * `duebot doctor` and in a refused start (both go through the setting-file checks), with file names, keys,
 * values and examples as they are. Every kind of problem the files can have is drawn here: in the
 * pseudo-locale no Latin word of ours is left (placeholders included), in Chinese no English word of ours
 * at all, and a few lines word for word in simplified and traditional Chinese.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.ts';
import { issueSays } from '../../src/collections/file-problems.ts';
import { LadderFileError, loadLadder } from '../../src/collections/ladder.ts';
import { loadPolicyFile, PolicyFileError } from '../../src/collections/policy-file.ts';
import { policyEn } from '../../src/i18n/messages/policy-en.ts';
import { type Said, sayIn } from '../../src/i18n/said.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { checkSettingFiles, problemLine } from '../../src/setting-checks.ts';
import { notice } from '../../src/views/notices.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';

/** Ladder files with every problem a ladder can have. */
const LADDERS = [
  'steps: [',
  'steps:\n\t- { id: L1 }',
  'a: 1\na: 2',
  'a: "x\n',
  'followUp: { minDays: 5, maxDays: 7, untilDay: 30 }',
  '- L1',
  'followUp: 3\nsteps: []',
  'steps:\n  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }\n  - { id: L1, day: 3, action: Call, tone: firm, channel: call }',
  'steps:\n  - { id: T1, anchor: term, action: Call, tone: friendly, channel: call }\n  - { id: T2, anchor: term, fraction: 0.5, day: 3, action: Call, tone: friendly, channel: call }',
  `followUp: { minDays: 9, maxDays: 7, untilDay: 30 }
steps:
  - { id: L1, day: 5, action: [Remind], tone: shouty, channel: email }
  - { id: L1, day: 3, action: { fr: Appeler }, tone: firm, channel: pigeon, onlyFor: [D] }
  - { id: T1, anchor: term, day: 3, action: {}, tone: friendly, channel: call }
  - { id: T2, anchor: term, fraction: 1.5, perInvoice: maybe, action: Call, tone: friendly, channel: call }
  - { id: I1, anchor: issue, fraction: 0.5, perInvoice: true, action: Call, tone: friendly, channel: call }
  - { id: D1, anchor: sometime, day: 3, action: { en: "" }, tone: friendly, channel: call }
  - { id: D2, day: 40, minInvoice: -5, within: -1, letter: Big Letter, onlyFor: A, tone: firm, channel: call }
  - { id: visit, day: 50, tone: firm, channel: call }
  - { id: "no such id", day: soon, action: Call, tone: firm, channel: call }
  - 5`,
];

/** Policy files with every problem a policy file can have. */
const POLICIES = [
  'aging: [30, 60\n',
  '- aging',
  'aging:\n  redAfterDay: 20\nbuckets: [1]\n',
  'aging: 5\ngrade: [1]\npriority:\n  gradeFactor: { A: -1, D: 2 }\n  window: 3\n  likelihoodByAge: [5]\n',
  'aging:\n  bucketEdges: 30\n  redAfterDays: thirty\n  keyAccountDays: 45.5\n',
  'aging:\n  bucketEdges: []\ngrade:\n  cLateShare: 1.5\n  historyMonths: 0\n  cMinLate: 0\n  largeCustomerMajor: -1\n  minTenureMonths: x\n',
  'blacklist:\n  incidents: 0\nescalation:\n  inProcessAnswers: 0\nsevenSevenSeven:\n  attempts: 0\n  weeks: 0\n',
  'creditHold:\n  monthRule: sometimes\n  minDaysInMonth: 40\nworkingDays: [monday, funday]\n',
  'workingDays: []\n',
  'grade:\n  largeCustomerMajor: lots\npriority:\n  gradeFactor: 3\n  tinyFactor: 0\n',
  'workingDays: monday\n',
  'workingDays: [monday, monday]\n',
  'contactWindow:\n  sendTimes: ["9 am", 900]\n  windowMinutes: 2000\n  days: weekdays\n',
  'contactWindow:\n  sendTimes: []\n  windowMinutes: 0\n',
  'contactWindow:\n  windowMinutes: 400\n',
  'aging:\n  bucketEdges: [30, 30, 20]\n  keyAccountDays: 70\npriority:\n  window: { fromDays: 50, toDays: 40 }\n  likelihoodByAge:\n    - { upToDays: 30, likelihood: 0.9 }\n    - { upToDays: 10, likelihood: 0.5 }\n',
];

function refused(load: (yaml: string) => unknown, yaml: string): Said[] {
  try {
    load(yaml);
  } catch (error) {
    if (error instanceof LadderFileError || error instanceof PolicyFileError) return error.said;
    throw error;
  }
  throw new Error(`expected the file to be refused:\n${yaml}`);
}

const everyProblem = (): Said[] => [
  ...LADDERS.flatMap((yaml) => refused(loadLadder, yaml)),
  ...POLICIES.flatMap((yaml) => refused(loadPolicyFile, yaml)),
];

/** What the files hold and the fields, steps, examples and choices they name: data, as written. */
const DATA = [
  ...LADDERS,
  ...POLICIES,
  'bucketEdges redAfterDays procedureAfterDays keyAccountDays keyAccountNoExceptionDays settledShownDays',
  'aging grade creditHold blacklist priority escalation sevenSevenSeven collectorCredit contactWindow workingDays',
  'inProcessAnswers followUp steps pre-due mid-term large-after-issue large-before-due upToDays likelihood',
  'friendly polite firm formal legal external email text letter call agency perInvoice anchor term due issue',
  'true false fraction within minInvoice onlyFor action formal-demand month-end minDaysInMonth fromDays toDays',
  'working every sunday monday tuesday wednesday thursday friday saturday redAfterDays windowMinutes',
  'sendTimes gradeFactor window id day',
];

/** The name of the file format, written as it is in every language. */
const NAMES = ['YAML'];

function englishIn(text: string, words: string[]): string[] {
  const allowed = new Set(words.flatMap((d) => d.match(/[A-Za-z]{3,}/g) ?? []).map((w) => w.toLowerCase()));
  return [...new Set((text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.has(w.toLowerCase())))];
}

describe('what is wrong in a ladder or policy file, in the company’s language', () => {
  it('says every kind of problem in words of ours: none is left to zod', () => {
    const keys = new Set(everyProblem().map((line) => (line.values.problem as Said | undefined)?.key));
    expect(keys.has('policy.expected.other')).toBe(false);
    // Each zod issue code the files meet, in our words (checked by a message each can only come from).
    for (const key of [
      'policy.expected.type', // invalid_type where a field gives no words of its own
      'policy.atLeast', // too_small
      'policy.unknownField', // unrecognized_keys
      'policy.ladder.tone', // invalid_value
      'policy.ladder.duplicateId', // custom
      'policy.sendTime', // custom, from a refinement
      'policy.windowMinutes', // too_big
    ] as const)
      expect(keys.has(key), key).toBe(true);
    // Every message of the files is drawn here (zod's generic checks, which no field of ours meets, below).
    const drawn = new Set<string>();
    const walk = (line: Said): void => {
      drawn.add(line.key);
      for (const value of Object.values(line.values))
        if (Array.isArray(value)) (value as Said[]).forEach(walk);
        else if (typeof value === 'object') walk(value as Said);
    };
    everyProblem().forEach(walk);
    const generic = /^policy\.expected\.(oneOf|entries|atLeast|atMost|other)$/;
    const unseen = Object.keys(policyEn).filter((key) => key.startsWith('policy.') && !generic.test(key));
    expect(unseen.filter((key) => !drawn.has(key))).toEqual([]);
    for (const text of everyProblem().map((line) => sayIn(undefined, line)))
      expect(text).not.toMatch(/Invalid|received|Too (small|big)|Unrecognized/);
  });

  it('says zod’s checks a field gives no words for in words of ours, with their numbers', () => {
    const issue = (schema: z.ZodType, value: unknown) => {
      const parsed = schema.safeParse(value);
      if (parsed.success) throw new Error('expected an issue');
      return sayIn(translator('en'), issueSays(parsed.error.issues[0]!));
    };
    expect(issue(z.number().min(3), 2)).toBe('expected 3 or more');
    expect(issue(z.number().positive(), 0)).toBe('expected more than 0');
    expect(issue(z.number().max(5), 6)).toBe('expected 5 or less');
    expect(issue(z.number().lt(5), 5)).toBe('expected less than 5');
    expect(issue(z.array(z.number()).min(2), [1])).toBe('expected at least 2 entries');
    expect(issue(z.string().min(2), 'a')).toBe('expected a value this field takes');
    expect(issue(z.enum(['a', 'b']), 'c')).toBe('expected one of a, b');
    expect(issue(z.number(), 'x')).toBe('expected a number');
    expect(issue(z.number().int(), 1.5)).toBe('expected a whole number');
    expect(issue(z.string(), 1)).toBe('expected text');
    expect(issue(z.boolean(), 1)).toBe('expected true or false');
    expect(issue(z.array(z.number()), 1)).toBe('expected a list');
    expect(issue(z.object({}), 1)).toBe('expected a set of fields (name: value)');
    expect(issue(z.date(), 1)).toBe('expected another kind of value');
    expect(issue(z.union([z.number(), z.boolean()]), 'x')).toBe('expected a value this field takes');
    expect(sayIn(translator('zh-TW'), issueSays(z.number().min(3).safeParse(2).error!.issues[0]!))).toBe(
      '應為 3 或以上',
    );
  });

  it('leaves no English of ours in Chinese, and no Latin word of ours in the pseudo-locale', () => {
    const lines = everyProblem();
    for (const t of [translator('zh-CN'), translator('zh-TW')]) {
      const text = lines.map((line) => sayIn(t, line)).join('\n');
      expect(englishIn(text, [...DATA, ...NAMES]), `${t.locale}:\n${text}`).toEqual([]);
    }
    const pseudo = lines.map((line) => sayIn(pseudoT(), line)).join('\n');
    expect(strayEnglish(notice(pseudo), [...DATA, ...NAMES], { placeholders: true })).toEqual([]);
  });

  it('says a few lines word for word in English, simplified and traditional Chinese', () => {
    const yaml = `steps:
  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }
  - { id: L2, day: soon, action: Call, tone: shouty, channel: call }`;
    const [day, tone] = refused(loadLadder, yaml);
    const say = (t: Translator) => [day, tone].map((line) => sayIn(t, line!));
    expect(say(translator('en'))).toEqual([
      'step 2 (L2), field day (line 3): found "soon", expected a whole number of days from the anchor',
      'step 2 (L2), field tone (line 3): found "shouty", expected the tone, one of friendly, polite, firm, formal, legal, external',
    ]);
    expect(say(translator('zh-CN'))).toEqual([
      '第 2 步（L2）的 day 字段（第 3 行）：得到的是"soon"，应为从起算日起的整数天数',
      '第 2 步（L2）的 tone 字段（第 3 行）：得到的是"shouty"，应为以下语气之一：friendly, polite, firm, formal, legal, external',
    ]);
    expect(say(translator('zh-TW'))).toEqual([
      '第 2 步（L2）的 day 欄位（第 3 行）：得到的是"soon"，應為從起算日起的整數天數',
      '第 2 步（L2）的 tone 欄位（第 3 行）：得到的是"shouty"，應為下列語氣之一：friendly, polite, firm, formal, legal, external',
    ]);
    const policy = refused(
      loadPolicyFile,
      'aging:\n  redAfterDay: 20\ncontactWindow:\n  windowMinutes: 400\n',
    );
    expect(policy.map((line) => sayIn(translator('zh-CN'), line))).toEqual([
      'aging.redAfterDay 字段（第 2 行）：不是此文件的字段（应为以下之一：bucketEdges, redAfterDays, procedureAfterDays, keyAccountDays, keyAccountNoExceptionDays, settledShownDays）',
    ]);
    const overlap = refused(loadPolicyFile, 'contactWindow:\n  windowMinutes: 400\n');
    expect(overlap.map((line) => sayIn(translator('zh-TW'), line))).toEqual([
      'contactWindow.windowMinutes 欄位（第 2 行）：09:00 之後的寄送時段（400 分鐘）與下一個寄送時間 14:00 重疊',
    ]);
    expect(
      refused(loadPolicyFile, 'aging: [30, 60\n').map((line) => sayIn(translator('zh-TW'), line)),
    ).toEqual(['不是有效的 YAML（第 2 行第 1 欄）：[ ] 或 { } 沒有閉合，或某行縮排不足']);
  });
});

describe('a broken ladder or policy file in doctor and a refused start', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-policy-words-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the setting, the file and each of its problems in the company’s language', async () => {
    const ladder = join(dir, 'ladder.yaml');
    const policy = join(dir, 'policy.yaml');
    await writeFile(
      ladder,
      'steps:\n  - { id: L1, day: 5, action: Remind, tone: friendly, channel: email }\n  - { id: L1, day: 3, action: Call, tone: firm, channel: call }\n',
    );
    await writeFile(policy, 'aging:\n  redAfterDays: thirty\nworkingDays: [monday, funday]\n');
    const env = {
      DATABASE_URL: 'postgres://u@127.0.0.1:1/duebot',
      DUEBOT_LADDER_FILE: ladder,
      DUEBOT_POLICY_FILE: policy,
    };
    const loaded = loadConfig(env);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const lines = async (t: Translator) =>
      (await checkSettingFiles(loaded.config, t)).filter((c) => !c.ok).map((c) => problemLine(c, t));
    expect(await lines(translator('zh-TW'))).toEqual([
      `DUEBOT_LADDER_FILE：催收階梯檔案 ${ladder} 無效：第 2 步（L1）的 id 欄位（第 3 行）：步驟編號「L1」重複；第 2 步（L1）的 day 欄位（第 3 行）：應晚於步驟 L1（第 5 天），得到的是第 3 天；解決方法：修正催收階梯檔案（可從 src/collections/default-ladder.yaml 開始），或取消設定 DUEBOT_LADDER_FILE 以使用內建階梯`,
      `DUEBOT_POLICY_FILE：催收政策檔案 ${policy} 無效：aging.redAfterDays 欄位（第 2 行）：得到的是"thirty"，應為整數天數；workingDays[1] 欄位（第 3 行）：得到的是"funday"，應為星期幾的名稱：sunday, monday, tuesday, wednesday, thursday, friday, saturday；解決方法：修正催收政策檔案（可從 src/collections/default-policy.yaml 開始），或取消設定 DUEBOT_POLICY_FILE 以使用催收手冊中的數值`,
    ]);
    const english = await lines(translator('en'));
    expect(english[1]).toMatch(
      /^DUEBOT_POLICY_FILE: the policy file \S+ is not valid: field aging\.redAfterDays \(line 2\): found "thirty", expected a whole number of days; field workingDays\[1\] \(line 3\): found "funday", expected a weekday name: /,
    );
    const data = [...DATA, dir, 'DUEBOT_LADDER_FILE DUEBOT_POLICY_FILE src/collections/default-ladder.yaml'];
    for (const t of [translator('zh-CN'), translator('zh-TW')])
      expect(englishIn((await lines(t)).join('\n'), [...data, ...NAMES])).toEqual([]);
    const pseudo = (await lines(pseudoT())).join('\n');
    expect(strayEnglish(notice(pseudo), [...data, ...NAMES], { placeholders: true })).toEqual([]);
  });
});
