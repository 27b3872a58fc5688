import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLadderYaml } from '../src/collections/default-ladder.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { buildPolicy } from '../src/policy.ts';

function config(env: Record<string, string>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

describe('collections settings', () => {
  it('turns minimum balances into minor units per currency and passes rates, holidays and interest on', async () => {
    const policy = await buildPolicy(
      config({
        DUEBOT_MIN_BALANCE: 'CNY=100, jpy=500',
        DUEBOT_FX_RATES: 'USD=7.1,EUR=7.8',
        DUEBOT_HOLIDAYS: '2026-12-25,2027-01-01',
        DUEBOT_INTEREST_PER_DAY: '0.03%',
      }),
    );
    expect(policy.minBalanceMinor).toEqual({ CNY: 10_000, JPY: 500 });
    expect(policy.priority.rates).toEqual({ USD: 7.1, EUR: 7.8 });
    expect(policy.calendar.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(policy.interest.ratePerDay).toBe('0.03%');
  });

  it('names malformed collections settings', () => {
    const result = loadConfig({
      DUEBOT_MIN_BALANCE: 'CNY:100',
      DUEBOT_FX_RATES: 'XXY=2',
      DUEBOT_HOLIDAYS: '2026-12-25,Christmas',
      DUEBOT_INTEREST_PER_DAY: 'a lot',
      DUEBOT_BASE_CURRENCY: 'RMB',
    });
    expect(result.ok ? [] : result.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'DUEBOT_BASE_CURRENCY',
      'DUEBOT_FX_RATES',
      'DUEBOT_HOLIDAYS',
      'DUEBOT_INTEREST_PER_DAY',
      'DUEBOT_MIN_BALANCE',
    ]);
  });

  it('uses a company ladder file, and names the step and field of a broken one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'duebot-ladder-'));
    const good = join(dir, 'ladder.yaml');
    await writeFile(good, defaultLadderYaml.replace(/day: 5\b/, 'day: 6'));
    const policy = await buildPolicy(config({ DUEBOT_LADDER_FILE: good }));
    expect(policy.ladder.steps.find((s) => s.id === 'L2')?.day).toBe(6);

    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, defaultLadderYaml.replace(/day: 5\b/, 'day: five'));
    await expect(buildPolicy(config({ DUEBOT_LADDER_FILE: broken }))).rejects.toThrow(
      /^DUEBOT_LADDER_FILE: the escalation ladder file \S+ is not valid: step \d+ \(L2\), field day \(line \d+\): found "five"/,
    );
    await expect(buildPolicy(config({ DUEBOT_LADDER_FILE: join(dir, 'missing.yaml') }))).rejects.toThrow(
      /DUEBOT_LADDER_FILE: cannot read .*missing\.yaml \(ENOENT\)/,
    );
  });
});
