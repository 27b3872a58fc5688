/**
 * PB-24: the customer's time zone when the ledger has none, or overriding it: a company default
 * (DUEBOT_CUSTOMER_TIME_ZONE; unset: the business zone, DUEBOT_TIMEZONE) and per customer
 * (DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES, ledger customer id = IANA zone). Each zone is checked by name.
 */
import { z } from 'zod';
import { emptyAsUndefined, expects, isTimeZone } from '../settings-input.ts';

/** Where a customer's zone comes from, in this order. */
export interface CustomerZoneSettings {
  /** Ledger customer id -> IANA zone; overrides the ledger's zone. */
  overrides: Readonly<Record<string, string>>;
  /** The zone of customers with none in the ledger; undefined: the business time zone. */
  fallback: string | undefined;
}

export const noCustomerZones: CustomerZoneSettings = { overrides: {}, fallback: undefined };

/** The zones a message names as examples. */
const ZONE_EXAMPLE = { first: 'Europe/Berlin', second: 'America/New_York' };

/** `C-1001=Europe/Berlin, 4711=America/Chicago` as a map, or the first problem found (a schema's message). */
export function parseZoneOverrides(
  text: string,
): { ok: true; map: Record<string, string> } | { ok: false; problem: string } {
  const map: Record<string, string> = {};
  for (const entry of text.split(',')) {
    const part = entry.trim();
    if (!part) continue;
    const eq = part.lastIndexOf('=');
    const id = eq > 0 ? part.slice(0, eq).trim() : '';
    const zone = eq > 0 ? part.slice(eq + 1).trim() : '';
    if (!id || !zone)
      return {
        ok: false,
        problem: expects('settings.zone.notPair', {
          part,
          example: 'C-1001=Europe/Berlin, 4711=America/Chicago',
        }),
      };
    if (!isTimeZone(zone))
      return { ok: false, problem: expects('settings.zone.customerNotZone', { id, zone, ...ZONE_EXAMPLE }) };
    if (map[id] !== undefined) return { ok: false, problem: expects('settings.zone.twice', { id }) };
    map[id] = zone;
  }
  return { ok: true, map };
}

/** The two variables, for the letters fragment. */
export const customerZoneVariables = {
  DUEBOT_CUSTOMER_TIME_ZONE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine(isTimeZone, {
        error: (issue) => expects('settings.zone.notZone', { zone: String(issue.input), ...ZONE_EXAMPLE }),
      })
      .optional(),
  ),
  DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const parsed = parseZoneOverrides(v);
        if (parsed.ok) return parsed.map;
        ctx.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      })
      .default({}),
  ),
};
