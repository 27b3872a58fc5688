/**
 * What the morning digest shows (PB-24), read from the bot database: totals by aging bucket and currency
 * with the change since the last digest (a daily snapshot), the top accounts by priority, how many are
 * unclaimed, promises due today and promises broken since the last working day.
 */
import type { Knex } from 'knex';
import { agingBuckets } from '../collections/aging.ts';
import { allQueries } from '../db-queries.ts';
import { addDays, isWorkingDay, type WorkingCalendar } from '../collections/dates.ts';
import { type BucketTotal, bucketTotals } from '../ledger/receivable-aggregates.ts';

export type { BucketTotal };
import { listWorklist, type WorklistRow } from '../worklist/list.ts';
import { overdueCutoff } from '../worklist/overdue-days.ts';
import { PROMISE_COLUMNS, type PromiseEntry, toPromiseEntry } from '../worklist/my-work.ts';

/** A promise to pay on the digest (PB-20). */
export interface DigestPromise extends PromiseEntry {
  owner: string | null;
}

/** Everything one digest shows. */
export interface DigestData {
  today: string;
  buckets: string[];
  totals: BucketTotal[];
  /** Totals of the last earlier digest day, and which day that was. */
  previous: { day: string; totals: BucketTotal[] } | null;
  top: WorklistRow[];
  overdueAccounts: number;
  unclaimed: number;
  promisesDue: DigestPromise[];
  promisesBroken: DigestPromise[];
}

/** Keeps today's totals, so tomorrow's digest can say what changed (a second call the same day replaces them). */
export async function storeSnapshot(db: Knex, today: string, totals: BucketTotal[]): Promise<void> {
  await db('digest_snapshots').where({ day: today }).delete();
  if (totals.length === 0) return;
  await db('digest_snapshots').insert(
    totals.map((t) => ({
      day: today,
      bucket: t.bucket,
      currency: t.currency,
      open_minor: t.openMinor,
      accounts: t.accounts,
    })),
  );
}

async function previousSnapshot(db: Knex, today: string): Promise<DigestData['previous']> {
  const last = await db('digest_snapshots').where('day', '<', today).max({ day: 'day' }).first();
  if (!last?.day) return null;
  const day = String(last.day);
  const rows = await db('digest_snapshots').where({ day });
  return {
    day,
    totals: rows.map((r) => ({
      currency: String(r.currency).trim(),
      bucket: String(r.bucket),
      openMinor: Number(r.open_minor),
      accounts: Number(r.accounts),
    })),
  };
}

/** The working day before `today` (promises broken "yesterday" include a weekend's). */
export function previousWorkingDay(today: string, calendar: WorkingCalendar): string {
  let day = addDays(today, -1);
  for (let i = 0; i < 30 && !isWorkingDay(day, calendar); i++) day = addDays(day, -1);
  return day;
}

async function promises(db: Knex, where: (q: Knex.QueryBuilder) => void): Promise<DigestPromise[]> {
  const q = db('promises as p')
    .join('customers as c', 'c.id', 'p.customer_id')
    .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 'p.customer_id').andOnNull('cl.released_at'))
    .leftJoin('users as u', 'u.id', 'cl.user_id')
    .orderBy([{ column: 'p.promised_date' }, { column: 'p.id' }])
    .limit(20)
    .select(...PROMISE_COLUMNS, 'u.display_name');
  where(q);
  return (await q).map((p) => ({
    ...toPromiseEntry(p),
    owner: p.display_name ? String(p.display_name) : null,
  }));
}

/** The digest's overdue accounts: at least this many days overdue. */
export const DIGEST_MIN_DAYS = 1;

/** How many of the digest's overdue accounts are claimed (the rest are unclaimed): one join of the claims. */
async function claimedOverdue(db: Knex, today: string): Promise<number> {
  const row = await db('claims as cl')
    .join('account_summary as s', 's.customer_id', 'cl.customer_id')
    .whereNull('cl.released_at')
    .where('s.oldest_due', '<=', overdueCutoff(today, DIGEST_MIN_DAYS))
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/**
 * Reads the digest's content as of `today`. `claimedOverdue`: how many of its overdue accounts are claimed,
 * when the caller has counted them already (ownerClaims' claimedOverdue summed over the owners).
 */
export async function loadDigest(
  db: Knex,
  options: {
    today: string;
    calendar: WorkingCalendar;
    top: number;
    edges: readonly number[];
    claimedOverdue?: number;
  },
): Promise<DigestData> {
  const { today } = options;
  const since = previousWorkingDay(today, options.calendar);
  const known = options.claimedOverdue;
  // Unclaimed = the overdue accounts (the top list's exact count) minus the claimed ones (an account has at
  // most one active claim): not a second count of every overdue account.
  const [totals, previous, top, claimed, promisesDue, promisesBroken] = await allQueries(db, [
    () => bucketTotals(db, today, options.edges),
    () => previousSnapshot(db, today),
    () => listWorklist(db, { minDays: DIGEST_MIN_DAYS }, { today, page: 1, pageSize: options.top }),
    () => (known === undefined ? claimedOverdue(db, today) : Promise.resolve(known)),
    () => promises(db, (q) => q.where('p.status', 'open').where('p.promised_date', today)),
    () =>
      promises(db, (q) =>
        q
          .whereIn('p.status', ['broken', 'partial'])
          .where('p.promised_date', '>=', since)
          .where('p.promised_date', '<', today),
      ),
  ] as const);
  return {
    today,
    buckets: agingBuckets(options.edges).map((b) => b.id),
    totals,
    previous,
    top: top.rows,
    overdueAccounts: top.total,
    unclaimed: top.total - claimed,
    promisesDue,
    promisesBroken,
  };
}
