/**
 * Loads into an empty open_items table, done the way PostgreSQL's manual advises for populating a
 * table ("Populating a Database": drop indexes and foreign keys, load, recreate them): in the
 * transaction that writes the rows, the indexes, unique constraints and foreign keys are dropped, the
 * rows are written, and the same indexes and constraints are created again from their catalog
 * definitions before the commit. Building an index once costs a fraction of keeping it up to date row
 * by row, and the foreign keys are checked by one query instead of once per row. A failure rolls
 * everything back, schema included (PostgreSQL DDL is transactional).
 *
 * Two loads use this: the first load of a bot database with no customers either (beginFirstLoad:
 * rows copied straight into the tables while the ledger is read), and a staged sync that finds
 * open_items empty (deferConstraintsIfEmpty: rows inserted from the stage).
 */
import type { Knex } from 'knex';

/** Indexes and constraints of open_items taken away for a load; `restore` puts them back. */
export interface DeferredConstraints {
  restore(trx: Knex.Transaction): Promise<void>;
}

interface Definition {
  name: string;
  definition: string;
}

const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? []) as T[];

/**
 * When none of `tables` has a row, locks them in `trx` for the rest of the transaction and returns
 * true; otherwise false, without taking any lock. Checked before locking, so that a sync of a
 * populated table never blocks its readers, and again after, for a row written meanwhile.
 */
async function lockIfEmpty(trx: Knex.Transaction, tables: readonly string[]): Promise<boolean> {
  // NOT EXISTS stops at the first row, unlike count(*).
  const sql = `SELECT ${tables.map((t) => `NOT EXISTS (SELECT 1 FROM ${t})`).join(' AND ')} AS empty`;
  const empty = async () => rowsOf<{ empty: boolean }>(await trx.raw(sql))[0]?.empty === true;
  if (!(await empty())) return false;
  await trx.raw(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  return empty();
}

/**
 * When open_items is empty, locks it in `trx`, defers its indexes and constraints (deferOpenItems)
 * and returns how to restore them; otherwise (the usual case) returns null without taking any lock.
 */
export async function deferConstraintsIfEmpty(trx: Knex.Transaction): Promise<DeferredConstraints | null> {
  return (await lockIfEmpty(trx, ['open_items'])) ? deferOpenItems(trx) : null;
}

/** A first load under way: open_items' indexes and constraints to restore, and the first ids to give. */
export interface FirstLoadTables extends DeferredConstraints {
  firstCustomerId: number;
  firstItemId: number;
  /** Moves the two id sequences past the ids the load numbered itself. */
  numbered(trx: Knex.Transaction, counts: { customers: number; items: number }): Promise<void>;
}

/**
 * When neither customers nor open_items has a row (nothing was ever synced), locks both in `trx` for
 * the rest of the transaction, defers open_items' indexes and constraints, and reserves the ids the
 * first customer and item get (the load numbers the rest itself: a sequence call per row costs the
 * server more than the row's other defaults); null otherwise, without taking any lock.
 */
export async function beginFirstLoad(trx: Knex.Transaction): Promise<FirstLoadTables | null> {
  if (!(await lockIfEmpty(trx, ['customers', 'open_items']))) return null;
  const deferred = await deferOpenItems(trx);
  const first = rowsOf<{ customer: string; item: string }>(
    await trx.raw(
      `SELECT nextval(pg_get_serial_sequence('customers', 'id')) AS customer,
              nextval(pg_get_serial_sequence('open_items', 'id')) AS item`,
    ),
  )[0];
  const firstCustomerId = Number(first?.customer);
  const firstItemId = Number(first?.item);
  return {
    ...deferred,
    firstCustomerId,
    firstItemId,
    async numbered(t, counts) {
      const last = (table: string, firstId: number, count: number) =>
        count > 0
          ? t.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), ?)`, [firstId + count - 1])
          : undefined;
      await last('customers', firstCustomerId, counts.customers);
      await last('open_items', firstItemId, counts.items);
    },
  };
}

/**
 * Drops open_items' indexes (except the primary key, which other tables' foreign keys point at), its
 * unique constraints and its foreign keys, and returns how to restore them. The loads that use this
 * write one row per invoice: rebuilding a unique index afterwards checks the same invariant as keeping
 * it row by row (a duplicate fails the transaction), at a third of the cost.
 */
async function deferOpenItems(trx: Knex.Transaction): Promise<DeferredConstraints> {
  // Indexes of their own (not the index of a constraint, which goes with its constraint).
  const indexes = rowsOf<Definition>(
    await trx.raw(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       WHERE i.indrelid = 'open_items'::regclass AND NOT i.indisprimary
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`,
    ),
  );
  // Unique constraints first, then foreign keys: restored in that order too.
  const constraints = rowsOf<Definition>(
    await trx.raw(
      `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
       WHERE conrelid = 'open_items'::regclass AND contype IN ('u', 'f')
       ORDER BY contype DESC, 1`,
    ),
  );
  for (const constraint of constraints) {
    await trx.raw(`ALTER TABLE open_items DROP CONSTRAINT ${constraint.name}`);
  }
  for (const index of indexes) await trx.raw(`DROP INDEX ${index.name}`);
  return {
    async restore(t) {
      // The manual's advice for building indexes after a load: more sort memory, for this transaction only.
      await t.raw("SET LOCAL maintenance_work_mem = '256MB'");
      for (const index of indexes) await t.raw(index.definition);
      for (const constraint of constraints) {
        await t.raw(`ALTER TABLE open_items ADD CONSTRAINT ${constraint.name} ${constraint.definition}`);
      }
    },
  };
}
