import type { Database } from '../../../src/db.ts';
import { assessSeeded, seedAccount } from '../../support/seed.ts';

/** Two overdue accounts (one in two currencies), assessed as of 2026-11-22 in Shanghai. */
export async function seedSlackAccounts(db: Database): Promise<{ north: number; dual: number }> {
  const north = await seedAccount(db.knex, {
    name: 'Northwind Traders Ltd',
    items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
  });
  const dual = await seedAccount(db.knex, {
    name: 'Dual Currency Co',
    items: [
      { number: 'D-1', dueDate: '2026-10-01', totalMinor: 1_000_000, currency: 'CNY' },
      { number: 'D-2', dueDate: '2026-10-05', totalMinor: 50_000, currency: 'USD' },
    ],
  });
  await assessSeeded(db.knex);
  return { north: north.accountId, dual: dual.accountId };
}
