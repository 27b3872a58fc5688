import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_240_customer_name_search.ts';
import type { Database } from '../../src/db.ts';
import { findAccounts } from '../../src/worklist/list.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';
import { seedAccount } from '../support/seed.ts';

/**
 * `customer <name>` and `show <name>` search by part of the name through a trigram index where PostgreSQL
 * can install pg_trgm; where it cannot (the embedded database), the migration changes nothing and the
 * search works as before.
 */
describe.each(backends())('the customer name search index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = () => indexDefs(db.knex, 'customers', 'customers_name_trigrams');
  const installable = async () =>
    (await db.knex.raw(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).rows.length > 0;

  it('is there where pg_trgm could be installed, goes with down and comes back with up', async () => {
    const before = await indexes();
    if (await installable()) expect(before[0]).toMatch(/USING gin \(name_folded gin_trgm_ops\)/);
    else expect(before).toEqual([]);
    await down(db.knex);
    expect(await indexes()).toEqual([]);
    await down(db.knex); // twice: nothing to drop, no error
    await up(db.knex);
    expect(await indexes()).toEqual(before);
    await up(db.knex); // twice: nothing more, no error
    expect(await indexes()).toEqual(before);
  });

  it('finds a customer by part of its name, in any case, with the index or without', async () => {
    await seedAccount(db.knex, {
      name: 'Suzhou Trigram Works',
      items: [{ dueDate: '2026-10-01', totalMinor: 100 }],
    });
    await seedAccount(db.knex, { name: '上海华联贸易', items: [{ dueDate: '2026-10-01', totalMinor: 100 }] });
    expect((await findAccounts(db.knex, 'TRIGRAM wo')).map((a) => a.name)).toEqual(['Suzhou Trigram Works']);
    expect((await findAccounts(db.knex, '华联')).map((a) => a.name)).toEqual(['上海华联贸易']);
  });
});
