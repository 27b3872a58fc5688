import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knexForPostgres } from '../../src/db.ts';
import {
  bindParameters,
  inlineParameters,
  mappingParameters,
  mappingTables,
  parameterLookups,
} from '../../src/ledger/mapping.ts';
import { PRESET_NAMES, presetFile } from '../../src/ledger/presets.ts';
import { ledgerConfig, ledgerSettings, writtenParam } from '../../src/ledger/settings.ts';
import { openLedgerSource } from '../../src/ledger/source.ts';
import { readFragment } from '../../src/settings-input.ts';
import type { LedgerSource, RawLedgerRow } from '../../src/ledger/types.ts';
import { localTimestamp, watermarkInZone } from '../../src/ledger/zone.ts';
import { createServerDatabase, type ServerDatabase } from '../support/databases.ts';
import { mariadbAdmin } from '../support/ledger-fixture.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('mapping parameters', () => {
  const sql = `-- @tables a, "b" ,c
-- @param company_id: SELECT id, name FROM res_company ORDER BY id
-- a comment with :not_a_param
SELECT x::date, to_char(t, 'HH24:MI') AS at, ':quoted' AS q
FROM a WHERE a.company = :company_id AND a.u > :watermark AND a.v >= :watermark
  AND a.branch = :branch /* :commented */`;

  it('finds the named parameters outside comments, quoted text and casts, and the header lines', () => {
    expect(mappingParameters(sql)).toEqual(['company_id', 'branch']);
    expect(mappingTables(sql)).toEqual(['a', 'b', 'c']);
    expect([...parameterLookups(sql)]).toEqual([
      ['company_id', 'SELECT id, name FROM res_company ORDER BY id'],
    ]);
  });

  it('binds every parameter by position and writes them in as quoted literals for COPY', () => {
    const bound = bindParameters(sql, 'postgres');
    expect(bound.names).toEqual(['company_id', 'watermark', 'watermark', 'branch']);
    expect(bound.sql).toContain("'HH24:MI'");
    expect(bound.sql).toContain('a.company = ? AND a.u > ? AND a.v >= ?');
    const inlined = inlineParameters(sql, { company_id: '1', watermark: '2026-01-01', branch: "O'Neil" });
    expect(inlined).toContain("a.company = '1' AND a.u > '2026-01-01'");
    // A quote in a value cannot end the literal.
    expect(inlined).toContain("a.branch = 'O''Neil'");
    expect(() => inlineParameters(sql, { watermark: 'x' })).toThrow(/company_id has no value/);
  });
});

describe('ledger time zone (LEDGER_TIME_ZONE)', () => {
  it('reads a timestamp without a zone as wall-clock time in the zone, across DST', () => {
    expect(localTimestamp('2026-07-01 10:00:00', 'Europe/Berlin')).toBe('2026-07-01T08:00:00.000Z');
    expect(localTimestamp('2026-12-01 10:00:00.123456', 'Europe/Berlin')).toBe('2026-12-01T09:00:00.123Z');
    expect(localTimestamp('2026-12-01 10:00:00', 'Asia/Shanghai')).toBe('2026-12-01T02:00:00.000Z');
    // Values with a zone, dates and junk are left for the row checks.
    expect(localTimestamp('2026-12-01 10:00:00+00', 'Asia/Shanghai')).toBe('2026-12-01 10:00:00+00');
    expect(localTimestamp('not a time', 'Asia/Shanghai')).toBe('not a time');
    expect(localTimestamp(null, 'Asia/Shanghai')).toBeNull();
  });

  it('writes the watermark in the zone: with its offset for PostgreSQL, as wall-clock time for MySQL', () => {
    const at = new Date('2026-07-01T08:00:00.250Z');
    expect(watermarkInZone(at, 'Europe/Berlin', 'postgres')).toBe('2026-07-01 10:00:00.250+02:00');
    expect(watermarkInZone(at, 'Europe/Berlin', 'mysql')).toBe('2026-07-01 10:00:00.250');
    expect(watermarkInZone(at, 'UTC', 'postgres')).toBe('2026-07-01 08:00:00.250+00:00');
    expect(watermarkInZone(at, 'America/New_York', 'postgres')).toBe('2026-07-01 04:00:00.250-04:00');
  });

  const readAll = async (source: LedgerSource, watermark: Date | null) => {
    const rows: RawLedgerRow[] = [];
    for await (const batch of source.changedSince(watermark)) rows.push(...batch);
    return rows;
  };

  describe.skipIf(!process.env.TEST_DATABASE_URL)(
    'on PostgreSQL, local timestamps (timestamp without time zone)',
    () => {
      let db: ServerDatabase;
      beforeAll(async () => {
        db = await createServerDatabase({ template: null, prefix: 'duebot_tz' });
        const knex = knexForPostgres(db.url, { min: 0, max: 1 });
        await knex.raw(`CREATE TABLE inv (id int PRIMARY KEY, updated timestamp NOT NULL, paid timestamp)`);
        // Shanghai wall-clock time: 10:00 local is 02:00 UTC.
        await knex('inv').insert([
          { id: 1, updated: '2026-12-01 10:00:00', paid: '2026-11-30 09:00:00' },
          { id: 2, updated: '2026-12-01 11:00:00', paid: null },
        ]);
        await knex.destroy();
      });
      afterAll(async () => {
        await db?.drop();
      });

      it('neither skips nor re-reads rows around the watermark, by COPY', async () => {
        const source = await openLedgerSource({
          name: 'tz',
          url: db.url,
          batchSize: 10,
          timeZone: 'Asia/Shanghai',
          mappingSql: `SELECT id AS invoice_id, 'N' || id AS invoice_number, 'C1' AS customer_id, 'C' AS customer_name,
          date '2026-11-01' AS issue_date, date '2026-12-31' AS due_date, 10 AS total, 10 AS open_amount,
          'CNY' AS currency, updated AS updated_at, paid AS paid_at, NULL AS contact_name, NULL AS contact_email,
          NULL AS contact_phone, NULL AS sales_rep FROM inv WHERE updated > :watermark ORDER BY id`,
        });
        try {
          const all = await readAll(source, null);
          expect(all.map((r) => [r.updated_at, r.paid_at])).toEqual([
            ['2026-12-01T02:00:00.000Z', '2026-11-30T01:00:00.000Z'],
            ['2026-12-01T03:00:00.000Z', null],
          ]);
          // The watermark is the first row's instant: only the second row is newer.
          const after = await readAll(source, new Date('2026-12-01T02:00:00Z'));
          expect(after.map((r) => r.invoice_id)).toEqual(['2']);
          const justBefore = await readAll(source, new Date('2026-12-01T01:59:59.999Z'));
          expect(justBefore.map((r) => r.invoice_id)).toEqual(['1', '2']);
        } finally {
          await source.close();
        }
      });
    },
  );

  const mariadb = process.env.TEST_MARIADB_URL ?? '';
  describe.skipIf(!mariadb)('on MariaDB/MySQL, DATETIME in local time', () => {
    const table = `duebot_tz_${Math.random().toString(16).slice(2, 10)}`;
    beforeAll(async () => {
      const admin = await mariadbAdmin(mariadb);
      await admin.raw(`CREATE TABLE ${table} (id INT PRIMARY KEY, modified DATETIME(6) NOT NULL)`);
      await admin(table).insert([
        { id: 1, modified: '2026-07-01 10:00:00' },
        { id: 2, modified: '2026-07-01 10:30:00' },
      ]);
      await admin.destroy();
    });
    afterAll(async () => {
      const admin = await mariadbAdmin(mariadb);
      await admin.raw(`DROP TABLE IF EXISTS ${table}`);
      await admin.destroy();
    });

    it('compares the watermark as wall-clock time in the zone', async () => {
      const source = await openLedgerSource({
        name: 'tz',
        url: mariadb,
        batchSize: 10,
        timeZone: 'Europe/Berlin',
        mappingSql: `SELECT id AS invoice_id, CONCAT('N', id) AS invoice_number, 'C1' AS customer_id,
          'C' AS customer_name, DATE '2026-06-01' AS issue_date, DATE '2026-07-31' AS due_date, 10 AS total,
          10 AS open_amount, 'EUR' AS currency, modified AS updated_at, NULL AS contact_name,
          NULL AS contact_email, NULL AS contact_phone, NULL AS sales_rep FROM ${table}
          WHERE modified > :watermark ORDER BY id`,
      });
      try {
        const all = await readAll(source, null);
        expect(all.map((r) => r.updated_at)).toEqual([
          '2026-07-01T08:00:00.000Z',
          '2026-07-01T08:30:00.000Z',
        ]);
        const after = await readAll(source, new Date('2026-07-01T08:00:00Z'));
        expect(after.map((r) => String(r.invoice_id))).toEqual(['2']);
      } finally {
        await source.close();
      }
    });
  });
});

describe('preset files', () => {
  it('are named <preset>.<dialect>.sql next to the module, and npm ships every one', async () => {
    expect(presetFile('odoo', 'postgres')).toBe(`${ROOT}src/ledger/presets/odoo.postgres.sql`);
    const files = (await readdir(`${ROOT}src/ledger/presets`)).filter((f) => f.endsWith('.sql'));
    expect(files).toContain('odoo.postgres.sql');
    for (const file of files) {
      const [name, dialect] = file.split('.');
      expect(PRESET_NAMES, file).toContain(name);
      expect(['postgres', 'mysql'], file).toContain(dialect);
    }
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
    });
    const packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const file of files) expect(packed).toContain(`src/ledger/presets/${file}`);
    expect(packed).toContain('src/ledger/presets.ts');
  }, 60_000);

  it('each declares the tables it reads and how to find every parameter it takes', async () => {
    const files = (await readdir(`${ROOT}src/ledger/presets`)).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBe(PRESET_NAMES.length);
    for (const file of files) {
      const sql = await readFile(`${ROOT}src/ledger/presets/${file}`, 'utf8');
      expect(mappingTables(sql).length, file).toBeGreaterThan(0);
      const params = mappingParameters(sql);
      expect(params.length, file).toBe(1);
      // A one-company database needs no LEDGER_PARAMS: every parameter has its lookup.
      expect([...parameterLookups(sql).keys()], file).toEqual(params);
    }
  });
});

describe('LEDGER_PARAMS', () => {
  const read = (value: string) => {
    const result = readFragment(ledgerSettings, { LEDGER_PARAMS: value });
    return result.ok ? ledgerConfig(result.values).ledger.params : result.problems;
  };

  it('takes a value with commas in double quotes, "" for a quote inside', () => {
    expect(read('company="Acme (Shanghai) Co., Ltd.", branch=North')).toEqual({
      company: 'Acme (Shanghai) Co., Ltd.',
      branch: 'North',
    });
    expect(read('company="Say ""Hi"", Ltd."')).toEqual({ company: 'Say "Hi", Ltd.' });
    expect(writtenParam('Acme (Shanghai) Co., Ltd.')).toBe('"Acme (Shanghai) Co., Ltd."');
    expect(writtenParam('Say "Hi"')).toBe('"Say ""Hi"""');
    expect(writtenParam('Beta Trading (HK) Ltd.')).toBe('Beta Trading (HK) Ltd.');
    for (const value of ['Acme (Shanghai) Co., Ltd.', 'Say "Hi", Ltd.', 'North']) {
      expect(read(`company=${writtenParam(value)}`)).toEqual({ company: value });
    }
  });

  it('refuses an unclosed quote, a quote inside an unquoted value and an unquoted comma, in one line each', () => {
    const unclosed = read('company="Acme, Ltd.');
    expect(unclosed).toHaveLength(1);
    expect(String((unclosed as string[])[0])).toMatch(/^LEDGER_PARAMS: .*expected a closing double quote/);
    expect(read('company=Acme "Ltd"')).toEqual([
      expect.stringMatching(/expected the value of company in double quotes as a whole/),
    ]);
    expect(read('company="Acme" Ltd')).toEqual([
      expect.stringMatching(/expected the value of company in double quotes as a whole/),
    ]);
    expect(read('company=Acme Co., Ltd.')).toEqual([
      expect.stringMatching(/expected name=value pairs separated by commas/),
    ]);
  });
});
