import { readFile } from 'node:fs/promises';
import { defaultPolicy, type Policy } from './collections/account.ts';
import { loadLadder } from './collections/ladder.ts';
import { currencyDigits } from './collections/money.ts';
import type { Config } from './config.ts';

/** A policy setting that cannot be used, named for the person fixing it. */
export class PolicyError extends Error {
  readonly code = 'policy_invalid';
}

/** The collections policy: playbook defaults overridden by the settings (and a company's ladder file). */
export async function buildPolicy(config: Config): Promise<Policy> {
  const c = config.collections;
  let ladder = defaultPolicy.ladder;
  if (c.ladderFile) {
    const text = await readFile(c.ladderFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new PolicyError(
        `DUEBOT_LADDER_FILE: cannot read ${c.ladderFile} (${error.code ?? error.message})`,
      );
    });
    try {
      ladder = loadLadder(text);
    } catch (error) {
      throw new PolicyError(`DUEBOT_LADDER_FILE: ${(error as Error).message}`);
    }
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
    interest: { ratePerDay: c.interestPerDay },
    minBalanceMinor,
    priority: { ...defaultPolicy.priority, baseCurrency: c.baseCurrency, rates: c.fxRates },
    calendar: { ...defaultPolicy.calendar, holidays: c.holidays },
    statusUpdateWorkingDays: c.statusUpdateWorkingDays,
  };
}
