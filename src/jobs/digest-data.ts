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

/** Reads the digest's content as of `today`. */
export async function loadDigest(
  db: Knex,
  options: { today: string; calendar: WorkingCalendar; top: number; edges: readonly number[] },
): Promise<DigestData> {
  const { today } = options;
  const since = previousWorkingDay(today, options.calendar);
  const [totals, previous, top, unclaimed, promisesDue, promisesBroken] = await allQueries(db, [
    () => bucketTotals(db, today, options.edges),
    () => previousSnapshot(db, today),
    () => listWorklist(db, { minDays: 1 }, { today, page: 1, pageSize: options.top }),
    () => listWorklist(db, { minDays: 1, unclaimed: true }, { today, page: 1, pageSize: 1 }),
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
    unclaimed: unclaimed.total,
    promisesDue,
    promisesBroken,
  };
}
