import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db.ts';
import { backends, openTestDatabase } from './support/databases.ts';

describe.each(backends())('bot database on %s', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function customer(externalId: string) {
    const [row] = await db
      .knex('customers')
      .insert({ external_id: externalId, name: externalId })
      .returning('id');
    return row.id as number;
  }

  it('returns int8 as numbers and dates as YYYY-MM-DD strings', async () => {
    const { rows } = await db.knex.raw("select count(*) as n, date '2026-03-01' as d");
    expect(rows[0]).toEqual({ n: 1, d: '2026-03-01' });
  });

  it('keeps activities append-only (PB-03)', async () => {
    const id = await customer('append-only');
    await db.knex('activities').insert({ customer_id: id, platform: 'shell', kind: 'note' });
    await expect(db.knex('activities').update({ kind: 'edited' })).rejects.toThrow(/append-only/);
    await expect(db.knex('activities').delete()).rejects.toThrow(/append-only/);
  });

  it('allows one active claim per account (PB-25)', async () => {
    const id = await customer('one-owner');
    const [user] = await db
      .knex('users')
      .insert({ platform: 'shell', platform_user_id: 'ann', display_name: 'Ann' })
      .returning('id');
    await db.knex('claims').insert({ customer_id: id, user_id: user.id });
    await expect(db.knex('claims').insert({ customer_id: id, user_id: user.id })).rejects.toThrow(
      /claims_one_owner/,
    );
  });

  it('rejects open amounts above the total, negative amounts and bad currencies', async () => {
    const id = await customer('amounts');
    const item = {
      customer_id: id,
      invoice_number: 'INV-1',
      issue_date: '2026-01-01',
      due_date: '2026-02-01',
      ledger_updated_at: new Date(),
    };
    const bad = [
      { external_id: 'a', total_minor: 100, open_minor: 101, currency: 'EUR' },
      { external_id: 'b', total_minor: 100, open_minor: -1, currency: 'EUR' },
      { external_id: 'c', total_minor: 100, open_minor: 1, currency: 'eur' },
    ];
    for (const row of bad) {
      await expect(db.knex('open_items').insert({ ...item, ...row })).rejects.toThrow(/open_items_/);
    }
    await db
      .knex('open_items')
      .insert({ ...item, external_id: 'ok', total_minor: 100, open_minor: 50, currency: 'EUR' });
    await expect(
      db
        .knex('open_items')
        .insert({ ...item, external_id: 'ok', total_minor: 100, open_minor: 50, currency: 'EUR' }),
    ).rejects.toThrow(/unique|duplicate/);
  });
});
