/**
 * The morning digest's private part for every owner at once (PB-24): what each person who owns accounts
 * is told privately (promises due and broken PB-20, follow-ups due PB-12, quiet accounts PB-26, how many
 * accounts they own PB-25). The same numbers as myWork gives one person (App Home), but one statement per
 * section for all owners (each ranked within its owner, `row_number() OVER (PARTITION BY owner)`), not a
 * handful per owner: 50 owners of a million-account ledger took 20 s one by one.
 */
import type { Knex } from 'knex';
import { addDays } from '../collections/dates.ts';
import {
  BROKEN_PROMISE_DAYS,
  type FollowUpDue,
  type MyWork,
  PROMISE_COLUMNS,
  type PromiseEntry,
  toPromiseEntry,
} from './my-work.ts';
import { overdueCutoff } from './overdue-days.ts';
import { NOT_AN_UPDATE, type QuietAccount, type QuietRule } from './status-updates.ts';

/** What the owner's digest shows of their work (myWork's sections of the same names). */
export type OwnerWork = Pick<
  MyWork,
  'claimedTotal' | 'followUps' | 'promisesDue' | 'promisesBroken' | 'quiet'
>;

/** A person who owns accounts now. */
export interface Owner {
  id: number;
  name: string;
}

/** Staff who own accounts now, by id. */
export async function accountOwners(db: Knex): Promise<Owner[]> {
  const rows = await db('claims as cl')
    .join('users as u', 'u.id', 'cl.user_id')
    .whereNull('cl.released_at')
    .distinct('u.id', 'u.display_name')
    .orderBy('u.id');
  return rows.map((r) => ({ id: Number(r.id), name: String(r.display_name) }));
}

/** An owner (accountOwners) with how many worklist accounts they own, and how many of them are overdue. */
export interface OwnerClaims extends Owner {
  /** PB-25: listWorklist's total for the owner (ownersWork's claimedTotal). */
  claimedTotal: number;
  /** Of those, the ones at least `minDays` overdue (listWorklist's total for the owner and `minDays`). */
  claimedOverdue: number;
}

/**
 * accountOwners with each one's claimed accounts counted, all and overdue, in one statement: the digest
 * needs the owners, their totals and (for the accounts still unclaimed) how many overdue accounts are
 * claimed; each was a statement of its own, two of them reading every claimed account's worklist row.
 */
export async function ownerClaims(db: Knex, today: string, minDays: number): Promise<OwnerClaims[]> {
  const { rows } = (await db.raw(
    `SELECT u.id, u.display_name, count(s.customer_id)::int AS total,
            count(s.customer_id) FILTER (WHERE s.oldest_due <= :cutoff::date)::int AS overdue
     FROM claims cl JOIN users u ON u.id = cl.user_id
     LEFT JOIN account_summary s ON s.customer_id = cl.customer_id
     WHERE cl.released_at IS NULL
     GROUP BY u.id, u.display_name
     ORDER BY u.id`,
    { cutoff: overdueCutoff(today, minDays) },
  )) as { rows: { id: string | number; display_name: string; total: number; overdue: number }[] };
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.display_name),
    claimedTotal: Number(r.total),
    claimedOverdue: Number(r.overdue),
  }));
}

/** Rows of one owner ranked `rn` within the owner (1 first), each section's statement. */
type Ranked = Record<string, unknown> & { owner: string | number };

/**
 * PB-26 for every owner: the accounts each owns with open items and no status update for the rule's
 * working days, longest quiet first, at most `limit` each (quietAccounts per owner). The working days since
 * each account's last update come from a calendar of the days in question built by the statement itself.
 */
async function quietByOwner(db: Knex, today: string, rule: QuietRule, limit: number): Promise<Ranked[]> {
  if (rule.afterWorkingDays <= 0) return [];
  const { rows } = (await db.raw(
    `WITH q AS MATERIALIZED (
       SELECT cl.user_id AS owner, c.id, c.name,
              (greatest(cl.claimed_at, (
                 SELECT max(a.created_at) FROM activities a
                 WHERE a.customer_id = c.id AND a.actor_user_id IS NOT NULL AND a.kind <> ALL(:kinds::text[])
               )) AT TIME ZONE :tz)::date AS since
       FROM claims cl JOIN customers c ON c.id = cl.customer_id
       WHERE cl.released_at IS NULL
         AND EXISTS (SELECT 1 FROM open_items o WHERE o.customer_id = c.id AND o.status = 'open')
     ),
     days AS (SELECT d::date AS day FROM generate_series((SELECT min(since) FROM q), :today::date, '1 day') d),
     cal AS (
       -- Working days after each day up to and including today (workingDaysBetween).
       SELECT day, count(*) FILTER (WHERE extract(dow FROM day)::int <> ALL(:weekend::int[])
                                      AND day <> ALL(:holidays::date[]))
                     OVER (ORDER BY day DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS working
       FROM days
     )
     SELECT owner, id, name, since::text AS since, working::int AS working FROM (
       SELECT q.*, cal.working,
              row_number() OVER (PARTITION BY q.owner ORDER BY cal.working DESC, q.id) AS rn
       FROM q JOIN cal ON cal.day = q.since
       WHERE q.since < :today::date AND cal.working >= :after
     ) r WHERE rn <= :limit
     ORDER BY owner, rn`,
    {
      kinds: NOT_AN_UPDATE,
      tz: rule.timeZone,
      today,
      weekend: [...rule.calendar.weekend],
      holidays: [...rule.calendar.holidays],
      after: rule.afterWorkingDays,
      limit,
    },
  )) as { rows: Ranked[] };
  return rows;
}

/** PB-12 for every owner: follow-ups due by today on the accounts each owns, at most `limit` each. */
async function followUpsByOwner(db: Knex, today: string, limit: number): Promise<Ranked[]> {
  const { rows } = (await db.raw(
    `SELECT owner, id, name, next_follow_up_on FROM (
       SELECT cl.user_id AS owner, c.id, c.name, st.next_follow_up_on,
              row_number() OVER (PARTITION BY cl.user_id ORDER BY st.next_follow_up_on, c.id) AS rn
       FROM account_state st
       JOIN claims cl ON cl.customer_id = st.customer_id AND cl.released_at IS NULL
       JOIN customers c ON c.id = st.customer_id
       WHERE st.next_follow_up_on <= :today::date
     ) f WHERE rn <= :limit
     ORDER BY owner, rn`,
    { today, limit },
  )) as { rows: Ranked[] };
  return rows;
}

/**
 * PB-20 for every owner: promises due by today and recently broken on the accounts each owns or that
 * they recorded themselves, earliest first, the first `2 * limit` (as myWork reads them).
 */
async function promisesByOwner(db: Knex, today: string, limit: number): Promise<Ranked[]> {
  const columns = PROMISE_COLUMNS.join(', ');
  const { rows } = (await db.raw(
    `WITH p AS (
       SELECT p.* FROM promises p
       WHERE (p.status = 'open' AND p.promised_date <= :today::date)
          OR (p.status IN ('broken', 'partial') AND p.promised_date >= :brokenSince::date)
     ),
     theirs AS (
       SELECT cl.user_id AS owner, p.id AS promise_id
       FROM p JOIN claims cl ON cl.customer_id = p.customer_id AND cl.released_at IS NULL
       UNION
       SELECT p.created_by_user_id, p.id FROM p
       WHERE p.created_by_user_id IN (SELECT user_id FROM claims WHERE released_at IS NULL)
     )
     SELECT * FROM (
       SELECT t.owner, ${columns},
              row_number() OVER (PARTITION BY t.owner ORDER BY p.promised_date, p.id) AS rn
       FROM theirs t JOIN p ON p.id = t.promise_id JOIN customers c ON c.id = p.customer_id
     ) r WHERE rn <= :twice
     ORDER BY owner, rn`,
    { today, brokenSince: addDays(today, -BROKEN_PROMISE_DAYS), twice: limit * 2 },
  )) as { rows: Ranked[] };
  return rows;
}

/** What `work` holds for an owner with nothing yet. */
const nothing = (): OwnerWork => ({
  claimedTotal: 0,
  followUps: [],
  promisesDue: [],
  promisesBroken: [],
  quiet: [],
});

/**
 * Each owner's digest sections (myWork's for the same owner, `limit` and quiet rule), for every owner of
 * `owners` (ownerClaims, which counts their accounts), in three statements however many owners and
 * accounts there are. The sections run one after another: a job's transaction is one connection.
 */
export async function ownersWork(
  db: Knex,
  owners: readonly OwnerClaims[],
  today: string,
  limit: number,
  quiet?: QuietRule,
): Promise<Map<number, OwnerWork>> {
  const out = new Map<number, OwnerWork>(
    owners.map((o) => [o.id, { ...nothing(), claimedTotal: o.claimedTotal }]),
  );
  const of = (owner: string | number) => out.get(Number(owner));
  for (const r of await followUpsByOwner(db, today, limit)) {
    const follow: FollowUpDue = {
      accountId: Number(r.id),
      name: r.name as string,
      dueOn: String(r.next_follow_up_on),
    };
    of(r.owner)?.followUps.push(follow);
  }
  const promises = new Map<number, PromiseEntry[]>();
  for (const r of await promisesByOwner(db, today, limit)) {
    const owner = Number(r.owner);
    promises.set(owner, [...(promises.get(owner) ?? []), toPromiseEntry(r)]);
  }
  for (const [owner, entries] of promises) {
    const work = of(owner);
    if (!work) continue;
    work.promisesDue = entries.filter((e) => e.status === 'open').slice(0, limit);
    work.promisesBroken = entries.filter((e) => e.status !== 'open').slice(0, limit);
  }
  if (quiet)
    for (const r of await quietByOwner(db, today, quiet, limit)) {
      const account: QuietAccount = {
        accountId: Number(r.id),
        name: String(r.name),
        since: String(r.since).slice(0, 10),
        workingDays: Number(r.working),
      };
      of(r.owner)?.quiet?.push(account);
    }
  return out;
}
