/**
 * PB-01: days overdue count calendar days, so the stored worklist (account_summary) goes stale when the
 * business day turns, sync or no sync. The first reader of a new business date (a scheduler tick, a job,
 * `/overdue`) reassesses the whole worklist for it; a row per business date in worklist_days makes that
 * happen once across every replica, and readers on other replicas wait for it rather than read stale ages.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import type { Policy } from '../collections/account.ts';
import { type AssessContext, refreshWorklist } from './assess.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * What a stored assessment depends on besides the ledger and the date: the policy (ladder, thresholds,
 * calendar) and the duebot version that applied it. Sets and Maps are written as sorted arrays.
 */
export function policyFingerprint(policy: Policy): string {
  const json = JSON.stringify(policy, (_key, value: unknown) =>
    value instanceof Set || value instanceof Map ? [...value].sort() : value,
  );
  return createHash('sha256').update(`${VERSION}\n${json}`).digest('hex').slice(0, 32);
}

/** Per database handle: the latest business date known to be refreshed, so a fresh day costs no query. */
const knownFresh = new WeakMap<object, string>();

/** What ensureWorklistDay did: refreshed the worklist for the date, or found it already done. */
export type DayTurn = { status: 'refreshed'; accounts: number } | { status: 'fresh' };

const runnerName = () => `${hostname()}:${process.pid}`;

async function doneFor(db: Knex, today: string): Promise<boolean> {
  const row = await db('worklist_days').where('business_date', '>=', today).first('business_date');
  return row !== undefined;
}

/**
 * Makes the stored worklist current for `ctx.today`: the first caller of a business date reassesses every
 * account with open items in one transaction holding that date's row; callers already past the date, or
 * arriving after, do nothing. A date earlier than one already refreshed never moves the worklist back.
 */
export async function ensureWorklistDay(ctx: AssessContext): Promise<DayTurn> {
  const { db, today } = ctx;
  const seen = knownFresh.get(db);
  if (seen !== undefined && seen >= today) return { status: 'fresh' };
  if (await doneFor(db, today)) {
    knownFresh.set(db, today);
    return { status: 'fresh' };
  }
  const turn = await db.transaction(async (trx): Promise<DayTurn> => {
    // A replica inserting the same date at once waits here until this one commits, then finds the row.
    const inserted = await trx('worklist_days')
      .insert({ business_date: today, runner: runnerName(), policy: policyFingerprint(ctx.policy) })
      .onConflict('business_date')
      .ignore()
      .returning('business_date');
    if (inserted.length === 0 || (await laterDayExists(trx, today))) return { status: 'fresh' };
    const { assessed } = await refreshWorklist({ ...ctx, db: trx });
    await trx('worklist_days').where('business_date', today).update({ accounts: assessed });
    return { status: 'refreshed', accounts: assessed };
  });
  knownFresh.set(db, today);
  return turn;
}

async function laterDayExists(trx: Knex.Transaction, today: string): Promise<boolean> {
  const row = await trx('worklist_days').where('business_date', '>', today).first('business_date');
  return row !== undefined;
}

/**
 * Records that the worklist was just fully reassessed for `today` under `policy` (after a sync), so the day
 * turn does not repeat it and a sync that changes nothing may keep it (worklistCurrent).
 */
export async function markWorklistDay(
  db: Knex,
  today: string,
  accounts: number,
  policy: Policy,
): Promise<void> {
  await db('worklist_days')
    .insert({ business_date: today, runner: runnerName(), accounts, policy: policyFingerprint(policy) })
    .onConflict('business_date')
    .merge(['accounts', 'policy']);
  const seen = knownFresh.get(db);
  if (seen === undefined || seen < today) knownFresh.set(db, today);
}

/**
 * True when the stored worklist was fully assessed for `today` under this policy and version: a sync that
 * changed nothing (no item, no settlement, no promise decided) need not assess it again. A new process
 * with other settings, or another duebot version, finds a different fingerprint and reassesses.
 */
export async function worklistCurrent(db: Knex, today: string, policy: Policy): Promise<boolean> {
  const row = await db('worklist_days').where({ business_date: today }).first('policy');
  return row?.policy === policyFingerprint(policy);
}
