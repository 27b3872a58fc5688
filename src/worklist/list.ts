import type { Knex } from 'knex';
import type { Grade } from '../collections/grade.ts';
import type { PriorityReasons } from '../collections/priority.ts';
import type { NextStepNote } from '../collections/ladder.ts';
import { rowDaysOverdue, whereOverdueAtLeast } from './overdue-days.ts';
import { parseRowId } from './row-id.ts';

/** The filters of `/overdue` (the same on every platform). */
export interface WorklistFilter {
  /** Accounts owned by this staff user. */
  ownerUserId?: number;
  /** Owner by display name (`@person`). */
  ownerName?: string;
  unclaimed?: boolean;
  /** At least this many days overdue (`30+`). */
  minDays?: number;
  /** Open balance in the account's main currency of at least this many major units (`>50k`). */
  minAmountMajor?: number;
  grade?: Grade;
  /** Part of the customer's name, or its id. */
  customer?: string;
}

/** One account on the worklist, as stored after the last assessment. */
export interface WorklistRow {
  accountId: number;
  externalId: string;
  name: string;
  mainCurrency: string;
  mainOpenMinor: number;
  openByCurrency: Record<string, number>;
  openItems: number;
  maxDaysOverdue: number;
  priority: number;
  /** The parts of the priority's explanation (PB-08), said by the view in its reader's language; null
   * until the account is next assessed. */
  reasons: PriorityReasons | null;
  grade: Grade | null;
  keyAccount: boolean;
  /** PB-04: an undisputed item is overdue past the policy's red threshold. */
  red: boolean;
  creditHold: boolean;
  blacklisted: boolean;
  ladderStep: string | null;
  /** What comes next, for the view to say in its reader's language (views/ladder-words.ts). */
  nextAction: NextStepNote | null;
  nextActionDue: string | null;
  suggestedLetter: string | null;
  owner: { userId: number; name: string } | null;
  version: number;
}

export interface WorklistPage {
  rows: WorklistRow[];
  /** The matching accounts; with `more`, a lower bound (counting stopped there). */
  total: number;
  page: number;
  /** Pages of `total`; with `more`, there are further pages. */
  pages: number;
  pageSize: number;
  /** True when counting stopped at `total` (paging.countUpTo) and more accounts match. */
  more?: boolean;
}

/**
 * How far `/overdue` counts the accounts a filter matches: "more than 1,000 accounts" reads as well as the
 * exact number and, unlike it, costs the same at 10,000 accounts as at a million (an exact count reads
 * every matching index entry on every request).
 */
export const LIST_COUNT_CAP = 1000;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The worklist rows matching `filter`, joined only to what the filter needs: every join is at most one
 * row per account (one active claim per account, PB-25; one state row), so counting and choosing a page
 * need none of the others; a page joins its own rows to them afterwards (listWorklist).
 */
function baseQuery(db: Knex, today: string, filter: WorklistFilter) {
  const q = db('account_summary as s');
  // The owner is on the row (owner_user_id, kept in step with the active claim, PB-25), so an owner's
  // accounts are walked in list order through account_summary_by_owner and a page stops after its rows,
  // instead of joining every claim of theirs and sorting (67 ms at a million accounts for 2,000 claims).
  if (filter.ownerUserId !== undefined) q.where('s.owner_user_id', filter.ownerUserId);
  if (filter.ownerName !== undefined)
    q.whereIn(
      's.owner_user_id',
      db('users as u').whereRaw('lower(u.display_name) = lower(?)', [filter.ownerName]).select('u.id'),
    );
  // NOT EXISTS on the claims, not `owner_user_id IS NULL`: the planner then walks the priority index (and
  // counts through the primary key against the few active claims) in shared buffers, where the owner
  // column made it count by a sequential scan, read through a small ring of buffers at a million rows.
  if (filter.unclaimed)
    q.whereNotExists(
      db('claims as ucl')
        .whereRaw('ucl.customer_id = s.customer_id')
        .whereNull('ucl.released_at')
        .select(db.raw('1')),
    );
  if (filter.minDays !== undefined) whereOverdueAtLeast(q, 's', today, filter.minDays);
  if (filter.grade) q.where('s.grade', filter.grade);
  // The customers a name matches are found once per statement (the MATCHED_CUSTOMERS CTE).
  if (filter.customer) q.whereIn('s.customer_id', db(MATCHED_CUSTOMERS).select('id'));
  if (filter.minAmountMajor !== undefined) atLeastMajor(q, filter.minAmountMajor);
  return q;
}

/** Name of the CTE holding the customers a `customer <name>` filter matches. */
const MATCHED_CUSTOMERS = 'matched_customers';
/** Name of the CTE holding the customers a `customer <name>` filter names exactly (matchedCustomers). */
const EXACT_CUSTOMERS = 'exact_customers';

/**
 * The customers a `customer <text>` filter names, for one statement's count and page alike: the customer
 * whose whole name (any case), external id or id the text is, found through B-tree indexes; when there is
 * none, those whose name contains the text (the trigram index, customers_name_trigrams). A name typed in
 * full is one customer, as for `/overdue show` (findAccounts), and costs the same at a million customers as
 * at ten thousand: a name shared by many (every "Scale account 000...") makes the trigram scan read most
 * of the index (150 ms at a million). name_folded is lower(name), kept by the database, so LIKE on it is
 * ILIKE without lower-casing every name on each request.
 */
function matchedCustomers(db: Knex, customer: string) {
  const text = customer.trim();
  const exact = db('customers as e')
    .where((w) => {
      w.whereRaw('e.name_folded = lower(?)', [text]).orWhere('e.external_id', text);
      if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) w.orWhere('e.id', Number(text));
    })
    .select('e.id');
  const containing = db('customers as c')
    .whereRaw(`c.name_folded LIKE lower(?) ESCAPE '\\'`, [`%${escapeLike(text)}%`])
    .whereNotExists(db(EXACT_CUSTOMERS).select(db.raw('1')))
    .select('c.id');
  return { exact, containing };
}

/**
 * The count of the rows matching `filter`. PB-25 keeps at most one active claim per account, so
 * "unclaimed" is every matching account minus the claimed ones: an index count and a join of the few
 * active claims, instead of probing the claims for each of 50,000 accounts.
 */
function countQuery(db: Knex, today: string, filter: WorklistFilter) {
  if (!filter.unclaimed || filter.ownerUserId !== undefined || filter.ownerName !== undefined)
    return baseQuery(db, today, filter).count({ total: '*' });
  const { unclaimed: _unclaimed, ...rest } = filter;
  const all = baseQuery(db, today, rest).count('*');
  const claimed = baseQuery(db, today, rest)
    .join('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
    .count('*');
  return db.select(db.raw('(?) - (?) as total', [all, claimed]));
}

/**
 * `>50k`: the open balance in the account's main currency is at least that many major units, each
 * currency with its own minor digits (main_open_major is stored in major units, with an index).
 */
function atLeastMajor(q: Knex.QueryBuilder, major: number): void {
  q.where('s.main_open_major', '>=', major);
}

/** What a worklist row shows. */
const SUMMARY_COLUMNS = [
  'customer_id',
  'name',
  'main_currency',
  'main_open_minor',
  'open_by_currency',
  'open_items',
  'oldest_due',
  'priority',
  'priority_reasons',
  'grade',
  'key_account',
  'red',
  'credit_hold',
  'blacklisted',
  'ladder_step',
  'next_action',
  'next_action_due',
  'suggested_letter',
] as const;

/**
 * The count of the rows matching `filter`, stopping after `limit` + 1: `limit` + 1 means "more than
 * `limit`". The rows are walked through the filter's index and never all read.
 */
function cappedCountQuery(db: Knex, today: string, filter: WorklistFilter, limit: number) {
  const matching = baseQuery(db, today, filter)
    .select(db.raw('1'))
    .limit(limit + 1)
    .as('m');
  return db.from(matching).count({ total: '*' });
}

/**
 * The worklist, highest priority first (PB-08), one page at a time. With `countUpTo`, the count stops
 * after that many accounts (or after the asked-for page, if later) and the page says `more`; without it
 * the count is exact (the digest's numbers). Days overdue are counted for `paging.today`, the reader's
 * business date (PB-01).
 */
export async function listWorklist(
  db: Knex,
  filter: WorklistFilter,
  paging: { today: string; page: number; pageSize: number; countUpTo?: number },
): Promise<WorklistPage> {
  const pageSize = paging.pageSize;
  // The page's accounts are chosen on the worklist alone (and what the filter needs), then only they are
  // joined to their customer, claim, owner and state: a later page or an owner's list sorts bare rows.
  const order = (p: string) => [
    { column: `${p}.priority`, order: 'desc' },
    { column: `${p}.customer_id`, order: 'asc' },
  ];
  const pageOf = (page: number) =>
    db
      .from(
        baseQuery(db, paging.today, filter)
          .orderBy(order('s'))
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .select('s.customer_id', 's.priority')
          .as('pg'),
      )
      .join('account_summary as s', 's.customer_id', 'pg.customer_id')
      .join('customers as c', 'c.id', 's.customer_id')
      .leftJoin('claims as cl', (j) => j.on('cl.customer_id', 's.customer_id').andOnNull('cl.released_at'))
      .leftJoin('users as u', 'u.id', 'cl.user_id')
      .leftJoin('account_state as st', 'st.customer_id', 's.customer_id')
      .orderBy(order('pg'))
      .select(
        ...SUMMARY_COLUMNS.map((column) => `s.${column}`),
        'c.external_id',
        'u.id as owner_id',
        'u.display_name as owner_name',
        db.raw('coalesce(st.version, 0) as version'),
      );
  // One round trip: the count and the asked-for page in one statement (each planned on its own, so the
  // count reads an index and the page walks the priority index); only a page past the end is read again.
  const wanted = Math.max(1, paging.page);
  // A capped count covers the asked-for page, so a later page is never taken for one past the end.
  const limit = paging.countUpTo === undefined ? null : Math.max(paging.countUpTo, wanted * pageSize);
  const withCount = (page: number) => {
    const q = db
      .select('t.total', 'p.*')
      .from(
        (limit === null
          ? countQuery(db, paging.today, filter)
          : cappedCountQuery(db, paging.today, filter, limit)
        ).as('t'),
      )
      .joinRaw('LEFT JOIN LATERAL ? p ON true', [db.raw('?', [pageOf(page)])]);
    if (filter.customer) {
      const { exact, containing } = matchedCustomers(db, filter.customer);
      q.withMaterialized(EXACT_CUSTOMERS, exact).withMaterialized(
        MATCHED_CUSTOMERS,
        db.select('id').from(EXACT_CUSTOMERS).unionAll(containing),
      );
    }
    return q;
  };
  const firstTry = await withCount(wanted);
  const counted = Number(firstTry[0]?.total ?? 0);
  const more = limit !== null && counted > limit;
  const total = more ? limit : counted;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(wanted, pages);
  const found = page === wanted ? firstTry : await withCount(page);
  const rows = found.filter((r) => r.customer_id !== null);
  return {
    total,
    page,
    pages,
    pageSize,
    ...(more ? { more: true } : {}),
    rows: rows.map((r): WorklistRow => ({
      accountId: Number(r.customer_id),
      externalId: r.external_id,
      name: r.name,
      mainCurrency: r.main_currency,
      mainOpenMinor: Number(r.main_open_minor),
      openByCurrency: r.open_by_currency,
      openItems: Number(r.open_items),
      maxDaysOverdue: rowDaysOverdue(r.oldest_due, paging.today),
      priority: Number(r.priority),
      reasons: r.priority_reasons ?? null,
      grade: r.grade,
      keyAccount: Boolean(r.key_account),
      red: Boolean(r.red),
      creditHold: Boolean(r.credit_hold),
      blacklisted: Boolean(r.blacklisted),
      ladderStep: r.ladder_step,
      nextAction: r.next_action,
      nextActionDue: r.next_action_due,
      suggestedLetter: r.suggested_letter,
      owner: r.owner_id === null ? null : { userId: Number(r.owner_id), name: r.owner_name },
      version: Number(r.version),
    })),
  };
}

/** Accounts matching a typed name or id (`/overdue show 上海华联`, `#68`): an exact id or name wins outright. */
export async function findAccounts(
  db: Knex,
  text: string,
  limit = 10,
): Promise<{ id: number; name: string }[]> {
  const needle = text.trim();
  if (!needle) return [];
  // `#68` names the customer id and nothing else (the shell's and the help's id form).
  const hashed = /^#(\d+)$/.exec(needle);
  if (hashed) {
    const only = parseRowId(hashed[1] ?? '');
    if (only === null) return [];
    const rows = await db('customers').where('id', only).select('id', 'name');
    return rows.map((r) => ({ id: Number(r.id), name: r.name }));
  }
  const id = parseRowId(needle);
  const exact = await db('customers')
    .where((w) => {
      w.where('external_id', needle).orWhereRaw('name_folded = lower(?)', [needle]);
      if (id !== null) w.orWhere('id', id);
    })
    .select('id', 'name');
  if (exact.length === 1) return exact.map((r) => ({ id: Number(r.id), name: r.name }));
  const rows = await db('customers')
    .whereRaw(`name_folded LIKE lower(?) ESCAPE '\\'`, [`%${escapeLike(needle)}%`])
    .orderBy('name')
    .limit(limit)
    .select('id', 'name');
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}
