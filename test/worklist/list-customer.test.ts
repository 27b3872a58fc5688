import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { listWorklist } from '../../src/worklist/list.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';

const TODAY = '2026-11-22';

/** `/overdue customer <text>`: the customer of that full name or id, else every name containing the text. */
describe.each(backends())('the customer filter on %s', (kind) => {
  let db: Database;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    for (const [name, totalMinor] of [
      ['Acme', 100_000],
      ['Acme Holdings', 300_000],
      ['Big ACME Ltd', 200_000],
      ['Northwind', 50_000],
    ] as const) {
      ids[name] = (
        await seedAccount(db.knex, { name, items: [{ dueDate: '2026-09-01', totalMinor }] })
      ).accountId;
    }
    await assessSeeded(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  const names = async (customer: string) => {
    const page = await listWorklist(
      db.knex,
      { customer },
      { today: TODAY, page: 1, pageSize: 10, countUpTo: 1000 },
    );
    return [page.total, page.rows.map((r) => r.name).sort()];
  };

  it('lists the customer whose whole name (any case) the text is, alone', async () => {
    expect(await names('Acme')).toEqual([1, ['Acme']]);
    expect(await names('  aCME ')).toEqual([1, ['Acme']]);
    expect(await names('acme holdings')).toEqual([1, ['Acme Holdings']]);
  });

  it('lists every customer whose name contains the text when none is named so', async () => {
    expect(await names('acm')).toEqual([3, ['Acme', 'Acme Holdings', 'Big ACME Ltd']]);
    expect(await names('ME L')).toEqual([1, ['Big ACME Ltd']]);
    expect(await names('100%')).toEqual([0, []]);
  });

  it('lists the customer of an id or external id alone', async () => {
    const id = ids['Northwind'] ?? 0;
    expect(await names(String(id))).toEqual([1, ['Northwind']]);
    const row = await db.knex('customers').where({ id: ids['Big ACME Ltd'] }).first('external_id');
    expect(await names(row.external_id)).toEqual([1, ['Big ACME Ltd']]);
  });
});
