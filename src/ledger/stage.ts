/**
 * The sync's staging area: the rows a sync reads are first appended by COPY (SyncIntake writes the
 * text) to two temporary tables of the sync's own session, and written into customers and open_items afterwards by one
 * set-based statement each. Comparing a million staged rows with the stored ones is one hash join;
 * the same comparison batch by batch was an index lookup per row and five times slower. The staged
 * invoice ids are also the reconcile's list of what the ledger still holds.
 *
 * A sync that fails while reading writes nothing: the staged rows vanish with the session's tables,
 * and the watermark only moves once everything is written.
 */
import type { Knex } from 'knex';

/** What writing the staged rows changed. */
export interface StageResult {
  itemsChanged: number;
  customersChanged: number;
  /** Items that went from open to settled (paid in the ledger). */
  itemsSettled: number;
  /**
   * Accounts this write queued for reassessment (worklist_stale): those with an item written, and those
   * whose assessed customer fields changed. Accounts already queued are not counted again.
   */
  accountsQueued: number;
}

/** The temporary tables of one sync run. */
export interface Stage {
  readonly items: string;
  readonly customers: string;
}

const rowsOf = (result: unknown): Record<string, unknown>[] =>
  (result as { rows?: Record<string, unknown>[] }).rows ?? [];

/** The customer stage's columns, in the order of the lines SyncIntake writes for it. */
export const CUSTOMER_STAGE_COLUMNS = [
  'external_id',
  'name',
  'contact_name',
  'contact_email',
  'contact_phone',
  'sales_rep',
  'locale',
  'ledger_interest_percent',
  'time_zone',
  'next_delivery_date',
] as const;

/**
 * Creates the run's staging tables in the session of `trx`; they live until dropStage or the session
 * ends. Their columns are in the order of the COPY text written to them (ITEM_STAGE_COLUMNS,
 * CUSTOMER_STAGE_COLUMNS); `n` numbers the valid items in the order read.
 */
export async function createStage(trx: Knex | Knex.Transaction, runId: number): Promise<Stage> {
  const stage = { items: `duebot_stage_items_${runId}`, customers: `duebot_stage_customers_${runId}` };
  // `valid` false: a row skipped as bad, kept only so that the reconcile knows the ledger still has it.
  await trx.raw(`CREATE TEMPORARY TABLE ${stage.items} (
    external_id text NOT NULL, invoice_number text, issue_date date, due_date date, total_minor bigint,
    open_minor bigint, currency text, ledger_updated_at timestamptz, customer_external_id text,
    valid boolean NOT NULL, n bigint, ledger_paid_at timestamptz, discount_until date, discount_minor bigint)`);
  await trx.raw(`CREATE TEMPORARY TABLE ${stage.customers} (
    external_id text NOT NULL, name text NOT NULL, contact_name text, contact_email text,
    contact_phone text, sales_rep text, locale text, ledger_interest_percent text, time_zone text,
    next_delivery_date date)`);
  return stage;
}

export async function dropStage(trx: Knex | Knex.Transaction, stage: Stage): Promise<void> {
  await trx.raw(`DROP TABLE IF EXISTS ${stage.items}, ${stage.customers}`);
}

/**
 * How a statement finds the stored row of each staged one by its external_id. `lookup`: each staged
 * row looks its row up in the table's unique index, a nested loop the planner cannot change (a
 * lateral subquery with a LIMIT is never turned back into a plain join). Otherwise the planner joins
 * as it likes: a hash join over the whole table, the fast way for a large stage (a full sync). Left to
 * itself, the planner takes that scan even for a few thousand staged rows: it prices a read of the
 * whole table, cached or not, below as many index lookups.
 */
function joinByKey(
  kind: 'JOIN' | 'LEFT JOIN',
  table: 'customers' | 'open_items',
  alias: string,
  key: string,
  columns: string,
  lookup: boolean,
): string {
  return lookup
    ? `${kind} LATERAL (SELECT ${columns} FROM ${table} WHERE ${table}.external_id = ${key} LIMIT 1) ${alias} ON true`
    : `${kind} ${table} ${alias} ON ${alias}.external_id = ${key}`;
}

/** Which of the stage's joins look the stored rows up one by one (joinByKey). */
interface Lookups {
  customers: boolean;
  items: boolean;
}

/**
 * A lookup reads a page or two of the index and one of the table; a join over the whole table reads
 * every page once. Looking up more than about two rows per page of the table costs more than reading
 * it whole: on 1M open items (18,500 pages), 10,000 lookups took 0.2-0.3 s against 1.1-1.5 s for the
 * join over the whole table, 40,000 about as long as it. Customers, a small table that stays cached,
 * break even later.
 */
const LOOKUPS_PER_PAGE = 2;

/** How many rows a sync staged: items (the bad rows kept for the reconcile may be counted) and customers. */
export interface StagedRows {
  items: number;
  customers: number;
}

/**
 * Picks each join's plan from the stage's size (counted as it was written) and the size of the table
 * it is joined with (its pages now, which needs no statistics of open_items or customers).
 */
async function chooseLookups(trx: Knex.Transaction, staged: StagedRows): Promise<Lookups> {
  const sizes = rowsOf(
    await trx.raw(
      `SELECT pg_relation_size('open_items') / current_setting('block_size')::int AS item_pages,
         pg_relation_size('customers') / current_setting('block_size')::int AS customer_pages`,
    ),
  )[0];
  const few = (rows: number, pages: unknown) => rows < LOOKUPS_PER_PAGE * Number(pages ?? 0);
  return {
    items: few(staged.items, sizes?.item_pages),
    customers: few(staged.customers, sizes?.customer_pages),
  };
}

/**
 * Planner statistics of the stage (autovacuum never sees temporary tables) for the joins the planner
 * plans itself; a lookup's plan is fixed and needs none. Only the columns those joins and filters use:
 * ANALYZE of every column cost more than writing the changes of an incremental sync (0.3-0.6 s for
 * 33,000 staged rows, against 0.1-0.15 s for the keys).
 */
async function analyzeStage(trx: Knex.Transaction, stage: Stage, lookups: Lookups): Promise<void> {
  const tables = [
    ...(lookups.items ? [] : [`${stage.items} (external_id, customer_external_id, valid)`]),
    ...(lookups.customers ? [] : [`${stage.customers} (external_id)`]),
  ];
  if (tables.length > 0) await trx.raw(`ANALYZE ${tables.join(', ')}`);
}

// Each customer is staged once, with the fields of its latest row (SyncIntake); only customers whose
// fields differ are written. Those equal to the stored ones are dropped before the upsert, as items
// are: an upsert locks (and so writes) every row it meets, even one its WHERE then leaves alone.
// A stored customer whose assessed fields (ASSESSED_FIELDS) change is queued for the worklist; a new
// customer is queued by its new items.
const CUSTOMER_COLUMNS = CUSTOMER_STAGE_COLUMNS.join(', ');
const CUSTOMER_FIELDS = CUSTOMER_STAGE_COLUMNS.filter((c) => c !== 'external_id');
const customerFields = (alias: string) => CUSTOMER_FIELDS.map((c) => `${alias}.${c}`).join(', ');
/** The customers' columns an assessment reads (worklist/snapshots.ts loadSnapshots). */
const ASSESSED_FIELDS = ['name', 'ledger_interest_percent'] as const;
const assessedFields = (alias: string) => ASSESSED_FIELDS.map((c) => `${alias}.${c}`).join(', ');
const CUSTOMERS_SQL = (stage: Stage, lookup: boolean) => `
  WITH changed AS (
    SELECT ${CUSTOMER_STAGE_COLUMNS.map((c) => `s.${c}`).join(', ')}, old.id AS old_id,
      (${assessedFields('old')}) IS DISTINCT FROM (${assessedFields('s')}) AS assessed
    FROM ${stage.customers} s
      ${joinByKey('LEFT JOIN', 'customers', 'old', 's.external_id', `id, ${CUSTOMER_FIELDS.join(', ')}`, lookup)}
    WHERE old.id IS NULL OR (${customerFields('old')}) IS DISTINCT FROM (${customerFields('s')})
  ),
  up AS (
    INSERT INTO customers AS c (${CUSTOMER_COLUMNS})
    SELECT ${CUSTOMER_COLUMNS} FROM changed
    ON CONFLICT (external_id) DO UPDATE SET
      ${CUSTOMER_FIELDS.map((c) => `${c} = excluded.${c}`).join(', ')},
      updated_at = now()
    WHERE (${customerFields('c')}) IS DISTINCT FROM (${customerFields('excluded')})
    RETURNING 1
  ),
  queued AS (
    INSERT INTO worklist_stale (customer_id)
    SELECT old_id FROM changed WHERE old_id IS NOT NULL AND assessed
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM up) AS changed, (SELECT count(*) FROM queued) AS queued`;

const ITEM_COLUMNS = ['customer_id', 'invoice_number', 'issue_date', 'due_date', 'total_minor', 'open_minor']
  .concat(['currency', 'status', 'ledger_paid_at', 'discount_until', 'discount_minor'])
  .join(', ');
const qualified = (alias: string) => ITEM_COLUMNS.replace(/(\w+)/g, `${alias}.$1`);

// One row per invoice, so that no statement writes a row twice: when an invoice may have been read
// more than once (`repeats`), the latest change wins, which takes a sort of every staged row; otherwise
// each row already is the only one of its invoice. An item with nothing left open is settled as of its
// payment (the mapping's paid_at), or of the ledger's change when the mapping has no paid_at.
const LATEST_ITEMS = (stage: Stage, repeats: boolean, lookups: Lookups) => `
  SELECT ${repeats ? 'DISTINCT ON (s.external_id)' : ''} s.external_id, c.id AS customer_id, s.invoice_number,
    s.issue_date, s.due_date, s.total_minor, s.open_minor, s.currency, s.ledger_updated_at, s.ledger_paid_at,
    s.discount_until, s.discount_minor,
    CASE WHEN s.open_minor = 0 THEN 'settled' ELSE 'open' END AS status
  FROM ${stage.items} s
    ${joinByKey('JOIN', 'customers', 'c', 's.customer_external_id', 'id', lookups.customers)}
  WHERE s.valid
  ${repeats ? 'ORDER BY s.external_id, s.ledger_updated_at DESC, s.n DESC' : ''}`;

const INSERT_COLUMNS = `external_id, customer_id, invoice_number, issue_date, due_date, total_minor, open_minor,
  currency, ledger_updated_at, ledger_paid_at, discount_until, discount_minor, status, settled_at, last_seen_sync`;
const INSERT_VALUES = `external_id, customer_id, invoice_number, issue_date, due_date, total_minor, open_minor,
  currency, ledger_updated_at, ledger_paid_at, discount_until, discount_minor, status,
  CASE WHEN status = 'settled' THEN coalesce(ledger_paid_at, ledger_updated_at) END, ?::bigint`;

// The first load into an empty table (locked by the caller): a plain insert, nothing to compare with.
const LOAD_SQL = (stage: Stage, repeats: boolean, lookups: Lookups) => `
  INSERT INTO open_items (${INSERT_COLUMNS})
  SELECT ${INSERT_VALUES} FROM (${LATEST_ITEMS(stage, repeats, lookups)}) latest`;

// An item that opens again (a reversed payment or credit) goes back to open with no settled date (the
// open_items_settled constraint). Rows equal to the stored item are dropped before the upsert
// (`changed`), so an unchanged ledger costs no write and no row lock; the upsert's WHERE still guards
// against a concurrent sync having written the same item meanwhile.
const ITEMS_SQL = (stage: Stage, repeats: boolean, lookups: Lookups) => `
  WITH changed AS (
    SELECT i.*, old.status AS old_status, old.customer_id AS old_customer_id
    FROM (${LATEST_ITEMS(stage, repeats, lookups)}) i
      ${joinByKey('LEFT JOIN', 'open_items', 'old', 'i.external_id', `external_id, ${ITEM_COLUMNS}`, lookups.items)}
    WHERE old.external_id IS NULL OR (${qualified('old')}) IS DISTINCT FROM (${qualified('i')})
  ),
  up AS (
    INSERT INTO open_items AS o (${INSERT_COLUMNS})
    SELECT ${INSERT_VALUES} FROM changed
    ON CONFLICT (external_id) DO UPDATE SET
      customer_id = excluded.customer_id, invoice_number = excluded.invoice_number,
      issue_date = excluded.issue_date, due_date = excluded.due_date, total_minor = excluded.total_minor,
      open_minor = excluded.open_minor, currency = excluded.currency,
      ledger_updated_at = excluded.ledger_updated_at, ledger_paid_at = excluded.ledger_paid_at,
      discount_until = excluded.discount_until, discount_minor = excluded.discount_minor,
      status = excluded.status,
      -- Without paid_at, a settled item keeps the date it was first seen settled; paid_at is the ledger's word.
      settled_at = CASE WHEN excluded.status = 'settled' AND o.status = 'settled'
                         AND excluded.ledger_paid_at IS NULL THEN o.settled_at
                        ELSE excluded.settled_at END,
      last_seen_sync = excluded.last_seen_sync,
      updated_at = now()
    WHERE (${qualified('o')}) IS DISTINCT FROM (${qualified('excluded')})
    RETURNING customer_id
  ),
  -- The accounts whose items the upsert wrote, and the account an item moved away from.
  queued AS (
    INSERT INTO worklist_stale (customer_id)
    SELECT customer_id FROM up
    UNION
    SELECT old_customer_id FROM changed
    WHERE old_customer_id IS NOT NULL AND old_customer_id <> customer_id
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  -- NOTE: counted from the comparison, not joined with what the upsert returned (two sorts of every
  -- written row); they differ only for an item another sync wrote at the same moment.
  SELECT (SELECT count(*) FROM up) AS changed,
         (SELECT count(*) FROM changed WHERE status = 'settled' AND old_status = 'open') AS settled,
         (SELECT count(*) FROM queued) AS queued`;

/**
 * Writes the staged rows into customers and open_items in the caller's transaction: customers first,
 * so that every staged item finds its customer's id by a join. `empty`: open_items is empty and locked
 * (the first load), so the items are simply inserted. `repeats`: an invoice may have been read more
 * than once (SyncIntake#mayRepeatInvoices), so the latest of its rows must be picked. `staged`: how
 * many rows the stage holds.
 */
export async function applyStage(
  trx: Knex.Transaction,
  stage: Stage,
  runId: number,
  options: { empty: boolean; repeats: boolean; staged: StagedRows },
): Promise<StageResult> {
  const lookups = await chooseLookups(trx, options.staged);
  await analyzeStage(trx, stage, lookups);
  const customers = rowsOf(await trx.raw(CUSTOMERS_SQL(stage, lookups.customers)))[0] ?? {};
  const customersChanged = Number(customers.changed ?? 0);
  const customersQueued = Number(customers.queued ?? 0);
  if (options.empty) {
    // Nothing was assessed before a first load: the whole worklist is assessed after it (SyncSummary).
    const loaded = await trx.raw(LOAD_SQL(stage, options.repeats, lookups), [runId]);
    const itemsChanged = Number((loaded as { rowCount?: unknown }).rowCount ?? 0);
    return { customersChanged, itemsChanged, itemsSettled: 0, accountsQueued: customersQueued };
  }
  const items = rowsOf(await trx.raw(ITEMS_SQL(stage, options.repeats, lookups), [runId]))[0] ?? {};
  return {
    customersChanged,
    itemsChanged: Number(items.changed ?? 0),
    itemsSettled: Number(items.settled ?? 0),
    accountsQueued: customersQueued + Number(items.queued ?? 0),
  };
}

/**
 * Full sync reconcile: every open item the ledger no longer returns is settled as of `at`, and its
 * account queued for reassessment. Returns the items settled and the accounts newly queued.
 */
export async function settleUnseen(
  trx: Knex.Transaction,
  stage: Stage,
  at: Date,
): Promise<{ itemsSettled: number; accountsQueued: number }> {
  const result = await trx.raw(
    `WITH settled AS (
       UPDATE open_items o SET status = 'settled', settled_at = ?, updated_at = now()
       WHERE o.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM ${stage.items} s WHERE s.external_id = o.external_id)
       RETURNING o.customer_id
     ),
     queued AS (
       INSERT INTO worklist_stale (customer_id)
       SELECT DISTINCT customer_id FROM settled
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM settled) AS settled, (SELECT count(*) FROM queued) AS queued`,
    [at.toISOString()],
  );
  const row = rowsOf(result)[0] ?? {};
  return { itemsSettled: Number(row.settled ?? 0), accountsQueued: Number(row.queued ?? 0) };
}
