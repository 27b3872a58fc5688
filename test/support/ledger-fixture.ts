/**
 * A small accounting database for ledger tests: `<schema>.customers` and `<schema>.invoices` with
 * NUMERIC amounts and timestamptz updated_at, loose like a real ledger (so bad rows can be stored),
 * plus its mapping SQL. Each test uses its own schema.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../../src/db.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import type { LEDGER_TERM_COLUMNS, LedgerColumn, LedgerSource } from '../../src/ledger/types.ts';
import { testDatabaseUrl } from './databases.ts';

/** One invoice; everything but the id has a default. */
export interface FixtureInvoice {
  id: string;
  customerId?: string;
  number?: string;
  issueDate?: string | null;
  dueDate?: string | null;
  total?: string | null;
  open?: string | null;
  currency?: string | null;
  updatedAt?: string;
}

/** The accounting tables of one test. */
export interface LedgerFixture {
  schema: string;
  /** The mapping over these tables; `columns` replaces column expressions (e.g. to return junk). */
  mappingSql(columns?: Partial<Record<LedgerColumn, string>>, omit?: LedgerColumn[]): string;
  addCustomer(id: string, name?: string | null): Promise<void>;
  addInvoices(invoices: FixtureInvoice[]): Promise<void>;
  /** Changes an invoice the way the accounting system would: new values and a new updated_at. */
  updateInvoice(id: string, fields: Partial<Omit<FixtureInvoice, 'id'>>): Promise<void>;
  deleteInvoice(id: string): Promise<void>;
  invoiceCount(): Promise<number>;
}

const COLUMNS: Record<
  Exclude<
    LedgerColumn,
    'paid_at' | (typeof LEDGER_TERM_COLUMNS)[number] | 'customer_time_zone' | 'next_delivery_date'
  >,
  string
> &
  Partial<Record<LedgerColumn, string>> = {
  invoice_id: 'i.id',
  invoice_number: 'i.number',
  customer_id: 'c.id',
  customer_name: 'c.name',
  issue_date: 'i.issue_date',
  due_date: 'i.due_date',
  total: 'i.total',
  open_amount: 'i.open_amount',
  currency: 'i.currency',
  updated_at: 'i.updated_at',
  contact_name: 'c.contact_name',
  contact_email: 'c.contact_email',
  contact_phone: 'c.contact_phone',
  sales_rep: 'c.sales_rep',
  customer_locale: 'c.locale',
};

function invoiceRow(invoice: FixtureInvoice) {
  return {
    id: invoice.id,
    number: invoice.number ?? `N-${invoice.id}`,
    customer_id: invoice.customerId ?? 'C1',
    issue_date: invoice.issueDate === undefined ? '2026-10-01' : invoice.issueDate,
    due_date: invoice.dueDate === undefined ? '2026-10-31' : invoice.dueDate,
    total: invoice.total === undefined ? '100.00' : invoice.total,
    open_amount: invoice.open === undefined ? (invoice.total ?? '100.00') : invoice.open,
    currency: invoice.currency === undefined ? 'CNY' : invoice.currency,
    updated_at: invoice.updatedAt ?? '2026-11-01T00:00:00Z',
  };
}

/** Creates the accounting tables in `db` under a fresh schema, with customer C1 ("Acme 有限公司"). */
export async function createLedgerFixture(db: Knex): Promise<LedgerFixture> {
  const schema = `acct_${randomBytes(5).toString('hex')}`;
  await db.raw(`create schema ${schema}`);
  await db.raw(`create table ${schema}.customers (
    id text primary key, name text, contact_name text, contact_email text, contact_phone text,
    sales_rep text, locale text)`);
  await db.raw(`create table ${schema}.invoices (
    id text primary key, number text, customer_id text not null references ${schema}.customers (id),
    issue_date date, due_date date, total numeric, open_amount numeric, currency text,
    updated_at timestamptz not null)`);
  const fixture: LedgerFixture = {
    schema,
    mappingSql(columns = {}, omit = []) {
      const select = (Object.entries({ ...COLUMNS, ...columns }) as [LedgerColumn, string][])
        .filter(([name]) => !omit.includes(name))
        .map(([name, expression]) => `  ${expression} AS ${name}`)
        .join(',\n');
      return `-- test ledger ${schema}\nSELECT\n${select}\nFROM ${schema}.invoices i\nJOIN ${schema}.customers c ON c.id = i.customer_id\nWHERE i.updated_at > :watermark\n`;
    },
    async addCustomer(id, name = `Customer ${id}`) {
      await db
        .withSchema(schema)
        .table('customers')
        .insert({
          id,
          name,
          contact_name: `Contact ${id}`,
          contact_email: `${id.toLowerCase()}@example.com`,
          contact_phone: '+86 21 5555 0100',
          sales_rep: 'Li Wei',
          locale: 'zh-CN',
        });
    },
    async addInvoices(invoices) {
      if (invoices.length > 0) await db.withSchema(schema).table('invoices').insert(invoices.map(invoiceRow));
    },
    async updateInvoice(id, fields) {
      const row = invoiceRow({ id, ...fields });
      const changes: Record<string, unknown> = {};
      const keys: [keyof FixtureInvoice, keyof typeof row][] = [
        ['number', 'number'],
        ['customerId', 'customer_id'],
        ['issueDate', 'issue_date'],
        ['dueDate', 'due_date'],
        ['total', 'total'],
        ['open', 'open_amount'],
        ['currency', 'currency'],
      ];
      for (const [key, columnName] of keys) if (key in fields) changes[columnName] = row[columnName];
      changes.updated_at = fields.updatedAt ?? db.raw('clock_timestamp()');
      await db.withSchema(schema).table('invoices').where({ id }).update(changes);
    },
    async deleteInvoice(id) {
      await db.withSchema(schema).table('invoices').where({ id }).delete();
    },
    async invoiceCount() {
      const row = await db.withSchema(schema).table('invoices').count({ n: '*' }).first();
      return Number(row?.n);
    },
  };
  await fixture.addCustomer('C1', 'Acme 有限公司');
  return fixture;
}

/**
 * A source over the fixture: on PGlite through the bot database itself (like the demo ledger), on
 * real Postgres through its own connection by URL (like a company's accounting database).
 */
export async function openFixtureSource(
  database: Database,
  mappingSql: string,
  batchSize = 100,
): Promise<LedgerSource> {
  if (database.kind === 'pglite') {
    return openLedgerSource({ name: 'test', botDb: database.knex, mappingSql, batchSize });
  }
  const { rows } = await database.knex.raw('select current_database() as name');
  return openLedgerSource({
    name: 'test',
    url: testDatabaseUrl(String(rows[0].name)),
    mappingSql,
    batchSize,
  });
}

/** A small accounting database in MariaDB/MySQL (one customer, one overdue invoice) and its mapping. */
export interface MariadbLedger {
  prefix: string;
  /** The mapping over these tables; `columns` replaces column expressions, `omit` leaves columns out. */
  mappingSql(columns?: Partial<Record<LedgerColumn, string>>, omit?: LedgerColumn[]): string;
  /** Runs SQL as the server's admin user (the URL's). */
  admin: Knex;
  drop(): Promise<void>;
}

/** A one-connection knex on a MariaDB/MySQL server as the URL's user (TEST_MARIADB_URL), in UTC. */
export async function mariadbAdmin(url: string): Promise<Knex> {
  const { default: knex } = await import('knex');
  const parsed = new URL(url);
  return knex({
    client: 'mysql2',
    connection: {
      host: parsed.hostname,
      port: Number(parsed.port || 3306),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
      database: parsed.pathname.slice(1),
      timezone: 'Z',
    },
    pool: { min: 0, max: 1 },
  });
}

/** Creates `<prefix>_customers` and `<prefix>_invoices` in the database of `url` (TEST_MARIADB_URL). */
export async function createMariadbLedger(url: string): Promise<MariadbLedger> {
  const admin = await mariadbAdmin(url);
  const prefix = `duebot_t_${randomBytes(4).toString('hex')}`;
  await admin.raw(`CREATE TABLE ${prefix}_customers (id VARCHAR(40) PRIMARY KEY, name VARCHAR(200),
    contact_name TEXT, contact_email TEXT, contact_phone TEXT, sales_rep TEXT, locale TEXT) CHARACTER SET utf8mb4`);
  await admin.raw(`CREATE TABLE ${prefix}_invoices (id VARCHAR(40) PRIMARY KEY, number VARCHAR(40),
    customer_id VARCHAR(40), issue_date DATE, due_date DATE, total DECIMAL(18,4), open_amount DECIMAL(18,4),
    currency CHAR(3), updated_at DATETIME(6) NOT NULL)`);
  await admin(`${prefix}_customers`).insert({ id: 'C1', name: 'Acme Ltd', contact_email: 'ap@acme.example' });
  await admin(`${prefix}_invoices`).insert({
    ...invoiceRow({ id: 'I1', total: '1200.00', dueDate: '2026-09-30' }),
    updated_at: '2026-11-01 00:00:00',
  });
  return {
    prefix,
    admin,
    mappingSql(columns = {}, omit = []) {
      const select = (Object.entries({ ...COLUMNS, ...columns }) as [LedgerColumn, string][])
        .filter(([name]) => !omit.includes(name))
        .map(([name, expression]) => `  ${expression} AS ${name}`)
        .join(',\n');
      return `SELECT\n${select}\nFROM ${prefix}_invoices i\nJOIN ${prefix}_customers c ON c.id = i.customer_id\nWHERE i.updated_at > :watermark\n`;
    },
    async drop() {
      await admin.raw(`DROP TABLE IF EXISTS ${prefix}_invoices, ${prefix}_customers`);
      await admin.destroy();
    },
  };
}
