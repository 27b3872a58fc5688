import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import type { Database } from '../../src/db.ts';
import { LedgerMappingError, openLedgerSource } from '../../src/ledger/source.ts';
import { syncLedger } from '../../src/ledger/sync.ts';
import type { LedgerSource, RawLedgerRow } from '../../src/ledger/types.ts';
import { openTestDatabase } from '../support/databases.ts';
import { mariadbAdmin } from '../support/ledger-fixture.ts';

const url = process.env.TEST_MARIADB_URL ?? '';

/** A company ledger in MariaDB/MySQL: DECIMAL amounts, DATE columns and a DATETIME(6) change time. */
describe.skipIf(!url)('ledger source on MariaDB/MySQL', () => {
  const prefix = `duebot_t_${randomBytes(4).toString('hex')}`;
  const invoices = `${prefix}_invoices`;
  const customers = `${prefix}_customers`;
  let admin: Knex;
  let source: LedgerSource | undefined;

  const mapping = (extra = '') => `
    SELECT i.id AS invoice_id, i.number AS invoice_number, c.id AS customer_id, c.name AS customer_name,
           i.issue_date, i.due_date, i.total, i.open_amount, i.currency, i.updated_at,
           c.contact_name, c.contact_email, c.contact_phone, c.sales_rep ${extra}
    FROM ${invoices} i JOIN ${customers} c ON c.id = i.customer_id
    WHERE i.updated_at > :watermark;`;
  const open = async (sql = mapping(), batchSize = 100) => {
    source = await openLedgerSource({ name: 'mariadb', url, mappingSql: sql, batchSize });
    return source;
  };
  const readAll = async (s: LedgerSource, watermark: Date | null = null) => {
    const batches: RawLedgerRow[][] = [];
    for await (const batch of s.changedSince(watermark)) batches.push(batch);
    return batches;
  };

  beforeAll(async () => {
    admin = await mariadbAdmin(url);
    await admin.raw(`CREATE TABLE ${customers} (id BIGINT PRIMARY KEY, name VARCHAR(200), contact_name TEXT,
      contact_email TEXT, contact_phone TEXT, sales_rep TEXT) CHARACTER SET utf8mb4`);
    await admin.raw(`CREATE TABLE ${invoices} (id BIGINT PRIMARY KEY, number VARCHAR(40), customer_id BIGINT,
      issue_date DATE, due_date DATE, total DECIMAL(18,4), open_amount DECIMAL(18,4), currency CHAR(3),
      updated_at DATETIME(6) NOT NULL)`);
  });
  beforeEach(async () => {
    await admin(invoices).delete();
    await admin(customers).delete();
    await admin(customers).insert({
      id: 9007199254740993n.toString(),
      name: '北京星河科技有限公司',
      sales_rep: 'Li Wei',
    });
    await admin(invoices).insert(
      Array.from({ length: 10 }, (_, i) => ({
        id: i + 1,
        number: `SO-${i + 1}`,
        customer_id: '9007199254740993',
        issue_date: '2026-10-01',
        due_date: '2026-10-31',
        total: '1234.5000',
        open_amount: i === 0 ? '0.0000' : '1000.2500',
        currency: i % 2 ? 'CNY' : 'JPY',
        updated_at: `2026-11-0${1 + (i % 5)} 08:00:00.000000`,
      })),
    );
  });
  afterEach(async () => {
    await source?.close();
    source = undefined;
  });
  afterAll(async () => {
    await admin.raw(`DROP TABLE IF EXISTS ${invoices}, ${customers}`);
    await admin.destroy();
  });

  it('names the missing columns of a mapping', async () => {
    const sql = mapping().replace('c.sales_rep', 'c.sales_rep AS rep');
    const error = await (await open(sql)).validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerMappingError);
    expect((error as LedgerMappingError).missing).toEqual(['sales_rep']);
  });

  it('streams batches of 3 with decimals, dates and big ids as exact strings', async () => {
    const s = await open(undefined, 3);
    await s.validate();
    const batches = await readAll(s);
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    const first = batches.flat().find((r) => String(r.invoice_id) === '2');
    expect(first).toMatchObject({
      customer_id: '9007199254740993',
      total: '1234.5000',
      issue_date: '2026-10-01',
      updated_at: '2026-11-02 08:00:00.000000',
    });
    expect((await readAll(s, new Date('2026-11-04T08:00:00Z'))).flat()).toHaveLength(2);
  });

  it('can stop early and read again', async () => {
    const s = await open(undefined, 2);
    for await (const batch of s.changedSince(null)) {
      expect(batch).toHaveLength(2);
      break;
    }
    expect((await readAll(s)).flat()).toHaveLength(10);
  });

  it('syncs into the bot database, skipping amounts with decimals the currency lacks', async () => {
    let database: Database | undefined;
    try {
      database = await openTestDatabase('pglite');
      const s = await open();
      const clock = createFixedClock('2026-11-23T09:00:00Z');
      const run = (mode: 'full' | 'incremental') =>
        syncLedger({ db: database?.knex as Knex, source: s, mode, clock, lookbackSeconds: 0, batchSize: 4 });
      const full = await run('full');
      // JPY has no minor unit: 1234.5 JPY cannot be right.
      expect(full).toMatchObject({ rowsRead: 10, rowsChanged: 5, rowsSkipped: 5 });
      expect(full.skipped.bad_amount?.count).toBe(5);
      expect(full.watermark?.toISOString()).toBe('2026-11-05T08:00:00.000Z');
      const item = await database.knex('open_items').where({ external_id: '2' }).first();
      expect(item).toMatchObject({
        currency: 'CNY',
        total_minor: 123450,
        open_minor: 100025,
        status: 'open',
      });

      await admin(invoices).where({ id: 2 }).update({ open_amount: 0, updated_at: '2026-11-20 10:00:00' });
      expect(await run('incremental')).toMatchObject({ rowsRead: 1, rowsChanged: 1, itemsSettled: 1 });
      expect(await run('incremental')).toMatchObject({ rowsRead: 0, rowsChanged: 0 });
    } finally {
      await database?.close();
    }
  });

  it('reads in a READ ONLY transaction: a mapping that writes fails and changes nothing', async () => {
    await admin.raw(`CREATE FUNCTION ${prefix}_touch(x BIGINT) RETURNS BIGINT MODIFIES SQL DATA
      BEGIN UPDATE ${invoices} SET total = 0 WHERE id = x; RETURN x; END`);
    try {
      const s = await open(mapping(`, ${prefix}_touch(i.id) AS touched`));
      await expect(readAll(s)).rejects.toThrow(/READ ONLY/i);
      const [rows] = await admin.raw(`SELECT count(*) AS n FROM ${invoices} WHERE total = 0`);
      expect(Number(rows[0].n)).toBe(0);
    } finally {
      await admin.raw(`DROP FUNCTION IF EXISTS ${prefix}_touch`);
    }
  });
});
