/**
 * The collections policy's settings (README, "Settings"): the ladder, the policy file, late interest (PB-16), the balance
 * below which nothing is done, how currencies are ranked, and the non-working days. One fragment of the
 * settings src/config.ts composes; src/policy.ts turns them into the policy.
 */
import { z } from 'zod';
import { emptyAsUndefined, expects, settingsFragment, wholeNumber } from '../settings-input.ts';
import { isIsoDate } from './dates.ts';
import { parseDailyRate } from './interest.ts';
import { isCurrencyCode } from './money.ts';

/** "CNY=100, USD=20" -> { CNY: 100, USD: 20 }; null when malformed. */
export function parseCurrencyList(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m?.[1] || !m[2] || !isCurrencyCode(m[1].toUpperCase())) return null;
    out[m[1].toUpperCase()] = Number(m[2]);
  }
  return out;
}

/** A setting of currency=amount pairs; `example` is shown when it is malformed. */
export const currencyList = (example: string) =>
  z
    .string()
    .refine((v) => parseCurrencyList(v) !== null, expects('settings.currencyList', { example }))
    .transform((v) => parseCurrencyList(v) ?? {});

/** The policy settings by variable name. */
export const collectionsSettings = settingsFragment({
  DUEBOT_LADDER_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  DUEBOT_POLICY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  DUEBOT_INTEREST_PER_DAY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => parseDailyRate(v) !== null,
        expects('settings.interest', { percent: '0.05%', basisPoints: '5bp', fraction: '0.0005' }),
      )
      .default('0.05%'),
  ),
  DUEBOT_MIN_BALANCE: z.preprocess(emptyAsUndefined, currencyList('CNY=100,USD=20').default({})),
  DUEBOT_BASE_CURRENCY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) => v.toUpperCase())
      .refine(isCurrencyCode, expects('settings.currency', { example: 'CNY' }))
      .default('CNY'),
  ),
  DUEBOT_FX_RATES: z.preprocess(emptyAsUndefined, currencyList('USD=7.1,EUR=7.8').default({})),
  DUEBOT_HOLIDAYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean),
      )
      .refine((dates) => dates.every(isIsoDate), expects('settings.holidays', { format: 'YYYY-MM-DD' }))
      .default([]),
  ),
  DUEBOT_STATUS_UPDATE_DAYS: wholeNumber({
    min: 0,
    max: 60,
    range: expects('settings.statusUpdateDays', { min: 0, max: 60 }),
    fallback: 2,
  }),
  // PB-20: a promise further out than this is a payment plan (PB-17).
  DUEBOT_PROMISE_HORIZON_DAYS: wholeNumber({ min: 1, max: 365, fallback: 90 }),
});

/** The policy settings as src/policy.ts reads them. */
export interface CollectionsConfig {
  ladderFile: string | undefined;
  /** The policy file: every number of the playbook (collections/policy-file.ts); unset: the playbook's. */
  policyFile: string | undefined;
  interestPerDay: string;
  /** Major units per currency below which the ladder does nothing. */
  minBalance: Record<string, number>;
  baseCurrency: string;
  /** Base-currency units per unit of each currency, for ranking only. */
  fxRates: Record<string, number>;
  holidays: string[];
  /** PB-26: working days without a status update before an owned account is named to its owner (0: off). */
  statusUpdateWorkingDays: number;
  /** PB-20: days ahead a promise to pay may be. */
  promiseHorizonDays: number;
}

/** The policy's part of the settings, from its parsed variables. */
export function collectionsConfig(s: z.output<typeof collectionsSettings.schema>): CollectionsConfig {
  return {
    ladderFile: s.DUEBOT_LADDER_FILE,
    policyFile: s.DUEBOT_POLICY_FILE,
    interestPerDay: s.DUEBOT_INTEREST_PER_DAY,
    minBalance: s.DUEBOT_MIN_BALANCE,
    baseCurrency: s.DUEBOT_BASE_CURRENCY,
    fxRates: s.DUEBOT_FX_RATES,
    holidays: s.DUEBOT_HOLIDAYS,
    statusUpdateWorkingDays: s.DUEBOT_STATUS_UPDATE_DAYS,
    promiseHorizonDays: s.DUEBOT_PROMISE_HORIZON_DAYS,
  };
}
