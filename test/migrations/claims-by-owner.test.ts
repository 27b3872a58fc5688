import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_210_claims_by_owner.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { indexDefs } from '../support/indexes.ts';

/** A collector's active claims are found by an index (App Home, the digest per owner, `/overdue mine`). */
describe.each(backends())('the claims-by-owner index on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const indexes = () => indexDefs(db.knex, 'claims', 'claims_by_owner');

  it('is there after the migrations, covers only active claims, and goes with down and comes back with up', async () => {
    const [def] = await indexes();
    expect(def).toMatch(/\(user_id, customer_id\) WHERE \(released_at IS NULL\)/);
    await down(db.knex);
    expect(await indexes()).toEqual([]);
    await down(db.knex); // twice: nothing to drop, no error
    await up(db.knex);
    expect(await indexes()).toHaveLength(1);
  });
});
