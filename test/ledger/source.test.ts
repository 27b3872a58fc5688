import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { bindWatermark, readMapping } from '../../src/ledger/mapping.ts';
import { LedgerMappingError } from '../../src/ledger/source.ts';
import type { LedgerSource, RawLedgerRow } from '../../src/ledger/types.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { createLedgerFixture, type LedgerFixture, openFixtureSource } from '../support/ledger-fixture.ts';

async function readAll(source: LedgerSource, watermark: Date | null = null): Promise<RawLedgerRow[][]> {
  const batches: RawLedgerRow[][] = [];
  for await (const batch of source.changedSince(watermark)) batches.push(batch);
  return batches;
}

describe.each(backends())('ledger source (%s)', (kind) => {
  let database: Database;
  let ledger: LedgerFixture;
  let source: LedgerSource | undefined;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    ledger = await createLedgerFixture(database.knex);
    source = undefined;
  });
  afterEach(async () => {
    await source?.close();
    await database.close();
  });

  const open = async (sql = ledger.mappingSql(), batchSize = 100) => {
    source = await openFixtureSource(database, sql, batchSize);
    return source;
  };

  it('accepts a mapping that returns every required column', async () => {
    await expect((await open()).validate()).resolves.toBeUndefined();
  });

  it('names every missing column and the columns found, before reading any row', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }]);
    // Reading a row would fail: validation must not get that far.
    const sql = ledger.mappingSql({ invoice_id: '(1 / (length(i.id) - 5))::text' }, [
      'due_date',
      'sales_rep',
    ]);
    const error = await (await open(sql)).validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerMappingError);
    const mappingError = error as LedgerMappingError;
    expect(mappingError.code).toBe('ledger_mapping_invalid');
    expect(mappingError.missing).toEqual(['due_date', 'sales_rep']);
    expect(mappingError.found).toContain('invoice_id');
    expect(mappingError.message).toMatch(/does not return due_date, sales_rep \(it returns invoice_id, /);
  });

  it('explains a mapping whose SQL fails as a mapping error', async () => {
    const sql = ledger.mappingSql().replace('.invoices i', '.invoice i');
    const error = await (await open(sql)).validate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerMappingError);
    expect((error as Error).message).toMatch(/the ledger mapping query fails: .*invoice.* does not exist/);
  });

  it('streams 10 rows in batches of 3 as 4 batches', async () => {
    await ledger.addInvoices(Array.from({ length: 10 }, (_, i) => ({ id: `INV-${i}` })));
    const batches = await readAll(await open(undefined, 3));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(new Set(batches.flat().map((r) => r.invoice_id)).size).toBe(10);
  });

  it('reads only rows changed after the watermark, and all rows for none', async () => {
    await ledger.addInvoices([
      { id: 'INV-1', updatedAt: '2026-11-01T00:00:00Z' },
      { id: 'INV-2', updatedAt: '2026-11-02T00:00:00Z' },
    ]);
    const s = await open();
    expect((await readAll(s, new Date('2026-11-01T00:00:00Z'))).flat().map((r) => r.invoice_id)).toEqual([
      'INV-2',
    ]);
    expect((await readAll(s)).flat()).toHaveLength(2);
  });

  it('keeps casts like ::date and binds a watermark used more than once', async () => {
    await ledger.addInvoices([{ id: 'INV-1', updatedAt: '2026-11-02T00:00:00Z' }]);
    const sql = ledger
      .mappingSql({ issue_date: "('2026-10-01'::date)" })
      .replace('> :watermark', '> :watermark AND i.updated_at >= :watermark');
    const rows = (await readAll(await open(sql), new Date('2026-11-01T00:00:00Z'))).flat();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ issue_date: '2026-10-01', total: '100.00', open_amount: '100.00' });
  });

  it('can stop early and read again: the cursor is closed', async () => {
    await ledger.addInvoices(Array.from({ length: 6 }, (_, i) => ({ id: `INV-${i}` })));
    const s = await open(undefined, 2);
    for await (const batch of s.changedSince(null)) {
      expect(batch).toHaveLength(2);
      break;
    }
    expect((await readAll(s)).flat()).toHaveLength(6);
    // The bot database is free again (PGlite has one connection).
    await expect(database.knex.raw('select 1')).resolves.toBeDefined();
  });

  it('reads in a READ ONLY transaction: a mapping that writes fails and changes nothing', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }]);
    await database.knex.raw(`
      create function ${ledger.schema}.touch(id text) returns text language plpgsql as $$
      begin
        update ${ledger.schema}.invoices set total = 0 where invoices.id = touch.id;
        return id;
      end $$`);
    const s = await open(ledger.mappingSql({ invoice_id: `${ledger.schema}.touch(i.id)` }));
    await expect(readAll(s)).rejects.toThrow(/read-only transaction/);
    const { rows } = await database.knex.raw(`select total from ${ledger.schema}.invoices`);
    expect(rows).toEqual([{ total: '100.00' }]);
  });

  it('refuses a data-modifying CTE in the mapping and changes nothing', async () => {
    await ledger.addInvoices([{ id: 'INV-1' }]);
    const sql = `WITH gone AS (DELETE FROM ${ledger.schema}.invoices RETURNING id) ${ledger.mappingSql()}`;
    await expect(readAll(await open(sql))).rejects.toThrow();
    expect(await ledger.invoiceCount()).toBe(1);
  });
});

describe('mapping files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duebot-mapping-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a mapping file with a :watermark placeholder', async () => {
    const file = join(dir, 'ledger.sql');
    await writeFile(file, 'SELECT * FROM invoices WHERE updated_at > :watermark;\n');
    await expect(readMapping(file)).resolves.toContain(':watermark');
  });

  it('refuses a missing file, an empty file and a query without :watermark, saying what to do', async () => {
    await expect(readMapping(join(dir, 'nope.sql'))).rejects.toThrow(/nope\.sql does not exist/);
    await expect(readMapping('')).rejects.toThrow(/no ledger mapping file is set/);
    const empty = join(dir, 'empty.sql');
    await writeFile(empty, '-- only a comment\n');
    await expect(readMapping(empty)).rejects.toThrow(/empty\.sql is empty/);
    const unbound = join(dir, 'unbound.sql');
    await writeFile(unbound, 'SELECT * FROM invoices WHERE updated_at::date > now()::date');
    await expect(readMapping(unbound)).rejects.toThrow(/has no :watermark placeholder/);
  });

  it('binds every :watermark by position and leaves casts and jsonb ? alone', () => {
    const sql = "SELECT x::date, d ? 'k' FROM t WHERE a > :watermark OR b >= :watermark; -- end";
    expect(bindWatermark(sql, 'postgres')).toEqual({
      sql: "SELECT x::date, d \\? 'k' FROM t WHERE a > ? OR b >= ?",
      positions: 2,
    });
    expect(bindWatermark('SELECT 1 WHERE u > :watermark', 'mysql')).toEqual({
      sql: 'SELECT 1 WHERE u > ?',
      positions: 1,
    });
  });
});
