import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_501_customer_name_exact.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';

/** `/overdue customer <name>` finds a customer of exactly that name through a B-tree on the folded name. */
describe.each(backends())('the customers-by-folded-name index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = () => indexDefs(db.knex, 'customers', 'customers_by_name_folded');

  it('is there after the migrations, on the folded name, and goes with down and comes back with up', async () => {
    const [def] = await indexes();
    expect(def).toMatch(/btree \(name_folded\)/);
    await down(db.knex);
    expect(await indexes()).toEqual([]);
    await down(db.knex); // twice: nothing to drop, no error
    await up(db.knex);
    expect(await indexes()).toHaveLength(1);
  });
});
