/**
 * PB-01: days overdue count calendar days, so the stored worklist (account_summary) goes stale when the
 * business day turns, sync or no sync. The first reader of a new business date (a scheduler tick, a job,
 * `/overdue`) brings the worklist to it; a row per business date in worklist_days makes that happen once
 * across every replica, and readers on other replicas wait for it rather than read stale ages.
 *
 * The turn is incremental (issue 19): each stored row carries the first date it may change other than by
 * its day count (reassess_on, src/collections/reassess-on.ts). Rows due by the new date, and accounts with
 * no row, are reassessed; every other row is left as it is, since readers count its days from its oldest
 * due date. When the policy or the duebot version changed since the last turn, every account is
 * reassessed, as before.
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

/**
 * What ensureWorklistDay did: refreshed the worklist for the date (`accounts` rows current for it, of which
 * `reassessed` were assessed again and the rest left as they were), or found it already done.
 */
export type DayTurn = { status: 'refreshed'; accounts: number; reassessed: number } | { status: 'fresh' };

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
    const { accounts, reassessed } = (await sameAssessment(trx, today, ctx.policy))
      ? await turnRows({ ...ctx, db: trx })
      : await refreshWorklist({ ...ctx, db: trx }).then((r) => ({
          accounts: r.assessed,
          reassessed: r.assessed,
        }));
    await trx('worklist_days').where('business_date', today).update({ accounts });
    return { status: 'refreshed', accounts, reassessed };
  });
  knownFresh.set(db, today);
  return turn;
}

/**
 * True when the stored rows were assessed under this policy and version: the last business date before
 * `today` was refreshed with the same fingerprint. Otherwise their reassess_on dates say nothing.
 */
async function sameAssessment(trx: Knex.Transaction, today: string, policy: Policy): Promise<boolean> {
  const row = await trx('worklist_days')
    .where('business_date', '<', today)
    .orderBy('business_date', 'desc')
    .first('policy');
  return row !== undefined && row.policy === policyFingerprint(policy);
}

/**
 * PB-01: the incremental turn. Accounts whose row is due (reassess_on on or before `today`) or that have
 * open items and no row are reassessed; every other row stays as it is: its days overdue are counted from
 * its stored oldest due date when read (src/worklist/overdue-days.ts), and nothing else in it depends on the
 * date until its reassess_on. Only the rows due are written (a million-account turn used to rewrite every
 * row to add a day: 35 s).
 *
 * The rows are counted in the same pass that finds the due ones, before they are rewritten: afterwards
 * there are the rows not due plus the rows the reassessment wrote. Counting the worklist again after the
 * writes read every row a second time, most of them from the heap, as the rewritten pages are no longer
 * all-visible (issue 19: a third of a million-account turn).
 */
export async function turnRows(ctx: AssessContext): Promise<{ accounts: number; reassessed: number }> {
  const { db, today } = ctx;
  const stored = await db.raw(
    `SELECT count(*) AS n, coalesce(array_agg(customer_id) FILTER (WHERE reassess_on <= ?::date), '{}') AS due
     FROM account_summary`,
    [today],
  );
  const { n, due } = (stored.rows as { n: string | number; due: (string | number)[] }[])[0] ?? {
    n: 0,
    due: [],
  };
  const missing = await db.raw(
    `SELECT DISTINCT o.customer_id FROM open_items o
     WHERE o.status = 'open' AND o.open_minor > 0
       AND NOT EXISTS (SELECT 1 FROM account_summary s WHERE s.customer_id = o.customer_id)`,
  );
  const ids = [...due, ...(missing.rows as { customer_id: string | number }[]).map((r) => r.customer_id)]
    .map(Number)
    .sort((a, b) => a - b);
  const { assessed } = await refreshWorklist(ctx, ids);
  return { accounts: Number(n) - due.length + assessed, reassessed: assessed };
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
