/**
 * PB-01: days overdue count calendar days, so the stored worklist (account_summary) goes stale when the
 * business day turns, sync or no sync. The first reader of a new business date (a scheduler tick, a job,
 * `/overdue`) reassesses the whole worklist for it; a row per business date in worklist_days makes that
 * happen once across every replica, and readers on other replicas wait for it rather than read stale ages.
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { type AssessContext, refreshWorklist } from './assess.ts';

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
      .insert({ business_date: today, runner: runnerName() })
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
 * Records that the worklist was just fully reassessed for `today` (after a sync), so the day turn does not
 * repeat it. Harmless when the date is already recorded.
 */
export async function markWorklistDay(db: Knex, today: string, accounts: number): Promise<void> {
  await db('worklist_days')
    .insert({ business_date: today, runner: runnerName(), accounts })
    .onConflict('business_date')
    .ignore();
  const seen = knownFresh.get(db);
  if (seen === undefined || seen < today) knownFresh.set(db, today);
}
