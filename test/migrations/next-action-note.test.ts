import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261207_250_next_action_note.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

/** The worklist keeps the next action as a note said in each reader's language (issue 20), not a sentence. */
describe.each(backends())('the next-action note column on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });
  const typeOf = async () =>
    (
      await db.knex.raw(
        `SELECT data_type FROM information_schema.columns
         WHERE table_name = 'account_summary' AND column_name = 'next_action'`,
      )
    ).rows[0]?.data_type;

  it('is jsonb after the migrations, goes back to text with down and comes back with up', async () => {
    expect(await typeOf()).toBe('jsonb');
    await down(db.knex);
    expect(await typeOf()).toBe('text');
    await up(db.knex);
    expect(await typeOf()).toBe('jsonb');
  });
});
