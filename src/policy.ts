import { readFile } from 'node:fs/promises';
import { defaultPolicy, type Policy } from './collections/account.ts';
import { LadderFileError, loadLadder } from './collections/ladder.ts';
import { currencyDigits } from './collections/money.ts';
import {
  defaultPolicyNumbers,
  loadPolicyFile,
  PolicyFileError,
  type PolicyNumbers,
} from './collections/policy-file.ts';
import type { Config } from './config.ts';
import { said, type Said, sayIn } from './i18n/said.ts';

/**
 * A policy setting that cannot be used, named for the person fixing it. Given as the setting and a
 * catalog message (`says`: the problem without the setting's name), doctor and a refused start say it in
 * the company's language; the message is `SETTING: ` and its English.
 */
export class PolicyError extends Error {
  readonly code = 'policy_invalid';
  readonly says?: Said;
  readonly variable?: string;
  constructor(problem: string | { variable: string; says: Said }) {
    super(typeof problem === 'string' ? problem : `${problem.variable}: ${sayIn(undefined, problem.says)}`);
    if (typeof problem !== 'string') {
      this.says = problem.says;
      this.variable = problem.variable;
    }
  }
}

/** The text of a file a setting names, or a PolicyError naming the setting. */
async function readSettingFile(variable: string, file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const says = said('doctor.policy.unreadable', { file, code: error.code ?? error.message });
    throw new PolicyError({ variable, says });
  });
}

/**
 * Parses a file's text with `load`, its error named by the setting that names the file: what is wrong
 * with a ladder or policy file said in the reader's language around the file's own problems.
 */
function parseSettingFile<T>(variable: string, file: string, text: string, load: (text: string) => T): T {
  try {
    return load(text);
  } catch (error) {
    if (error instanceof LadderFileError || error instanceof PolicyFileError) {
      const ladder = error instanceof LadderFileError ? 'yes' : 'no';
      const says = said('settings.file.invalid', { ladder, file, problems: error.said });
      throw new PolicyError({ variable, says });
    }
    throw new PolicyError(`${variable}: ${(error as Error).message}`);
  }
}

/**
 * The collections policy: playbook defaults overridden by the settings, the company's policy file (every
 * number of the playbook) and its ladder file.
 */
export async function buildPolicy(config: Config): Promise<Policy> {
  const c = config.collections;
  let ladder = defaultPolicy.ladder;
  if (c.ladderFile) {
    const text = await readSettingFile('DUEBOT_LADDER_FILE', c.ladderFile);
    ladder = parseSettingFile('DUEBOT_LADDER_FILE', c.ladderFile, text, loadLadder);
  }
  let numbers: PolicyNumbers = defaultPolicyNumbers;
  if (c.policyFile) {
    const text = await readSettingFile('DUEBOT_POLICY_FILE', c.policyFile);
    numbers = parseSettingFile('DUEBOT_POLICY_FILE', c.policyFile, text, loadPolicyFile);
  }
  const minBalanceMinor = Object.fromEntries(
    Object.entries(c.minBalance).map(([currency, major]) => [
      currency,
      Math.round(major * 10 ** currencyDigits(currency)),
    ]),
  );
  return {
    ...defaultPolicy,
    ladder,
    aging: numbers.aging,
    grade: numbers.grade,
    interest: { ratePerDay: c.interestPerDay },
    minBalanceMinor,
    priority: { ...numbers.priority, baseCurrency: c.baseCurrency, rates: c.fxRates },
    calendar: { weekend: numbers.weekend, holidays: c.holidays },
    statusUpdateWorkingDays: c.statusUpdateWorkingDays,
    escalation: numbers.escalation,
    sevenSevenSeven: numbers.sevenSevenSeven,
    collectorCredit: numbers.collectorCredit,
    contactWindow: numbers.contactWindow,
  };
}
