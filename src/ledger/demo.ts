import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { generateDemoLedger } from './demo-data.ts';

/** The mapping query over the demo ledger, to read with the same code path as a real accounting database. */
export const DEMO_MAPPING_FILE = fileURLToPath(new URL('./demo-mapping.sql', import.meta.url));

/** The seed used when none is given: every fresh install shows the same demo. */
export const DEMO_SEED = 20261122;

const BATCH = 500;

/** What loadDemoLedger found or made. */
export interface DemoLedgerResult {
  /** True when the tables were (re)created now, false when an existing demo ledger was kept. */
  created: boolean;
  customers: number;
  invoices: number;
}

async function demoExists(db: Knex): Promise<boolean> {
  const { rows } = await db.raw("select to_regclass('ledger.invoices') is not null as present");
  return rows[0]?.present === true;
}

async function counts(db: Knex): Promise<{ customers: number; invoices: number }> {
  const { rows } = await db.raw(
    'select (select count(*) from ledger.customers) as customers, (select count(*) from ledger.invoices) as invoices',
  );
  return { customers: Number(rows[0]?.customers), invoices: Number(rows[0]?.invoices) };
}

async function createTables(trx: Knex.Transaction): Promise<void> {
  await trx.raw('create schema if not exists ledger');
  await trx.raw(`
    create table ledger.customers (
      id text primary key,
      name text not null,
      contact_name text,
      contact_email text,
      contact_phone text,
      sales_rep text,
      locale text
    )`);
  await trx.raw(`
    create table ledger.invoices (
      id text primary key,
      number text not null,
      customer_id text not null references ledger.customers (id),
      issue_date date not null,
      due_date date not null,
      total numeric(18, 2) not null,
      open_amount numeric(18, 2) not null,
      currency char(3) not null,
      updated_at timestamptz not null
    )`);
  await trx.raw('create index invoices_updated_at on ledger.invoices (updated_at)');
}

/**
 * Creates the demo accounting database (schema `ledger` inside the bot database) so duebot runs with no
 * settings. It plays a company's ledger, so it is not a bot migration. Existing demo tables are kept
 * unless `reset` is set; the content is deterministic in (`seed`, `today`).
 */
export async function loadDemoLedger(
  db: Knex,
  options: { today: string; reset?: boolean; seed?: number },
): Promise<DemoLedgerResult> {
  if (!options.reset && (await demoExists(db))) return { created: false, ...(await counts(db)) };
  const { customers, invoices } = generateDemoLedger(options.today, options.seed ?? DEMO_SEED);
  // NOTE: PGlite has one connection: every query below must go through `trx`.
  await db.transaction(async (trx) => {
    await trx.raw('drop schema if exists ledger cascade');
    await createTables(trx);
    await trx.withSchema('ledger').table('customers').insert(customers);
    for (let i = 0; i < invoices.length; i += BATCH) {
      await trx
        .withSchema('ledger')
        .table('invoices')
        .insert(invoices.slice(i, i + BATCH));
    }
  });
  return { created: true, customers: customers.length, invoices: invoices.length };
}
