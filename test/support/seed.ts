import type { Knex } from 'knex';
import { defaultPolicy } from '../../src/collections/account.ts';
import { refreshWorklist } from '../../src/worklist/assess.ts';
import { type Actor, type Role, resolveActor } from '../../src/worklist/staff.ts';

let counter = 0;

/** An account with open items, written straight into the bot tables (as a sync would). */
export async function seedAccount(
  db: Knex,
  options: {
    name?: string;
    items?: {
      number?: string;
      issueDate?: string;
      dueDate: string;
      totalMinor: number;
      openMinor?: number;
      currency?: string;
    }[];
  } = {},
): Promise<{ accountId: number; itemIds: number[] }> {
  counter += 1;
  const key = `${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const [customer] = await db('customers')
    .insert({
      external_id: `C-${key}`,
      name: options.name ?? `Customer ${key}`,
      contact_email: 'ap@example.com',
    })
    .returning('id');
  const itemIds: number[] = [];
  for (const [i, item] of (options.items ?? []).entries()) {
    const [row] = await db('open_items')
      .insert({
        external_id: `I-${key}-${i}`,
        customer_id: customer.id,
        invoice_number: item.number ?? `INV-${counter}-${i}`,
        issue_date: item.issueDate ?? item.dueDate,
        due_date: item.dueDate,
        total_minor: item.totalMinor,
        open_minor: item.openMinor ?? item.totalMinor,
        currency: item.currency ?? 'CNY',
        ledger_updated_at: new Date('2026-01-01T00:00:00Z'),
      })
      .returning('id');
    itemIds.push(Number(row.id));
  }
  return { accountId: Number(customer.id), itemIds };
}

/** A staff member with a role, as a chat identity would create one. */
export async function seedStaff(
  db: Knex,
  name: string,
  role: Role = 'collector',
  platform = 'shell',
): Promise<Actor> {
  const actor = await resolveActor(
    db,
    { platform, platformUserId: name.toLowerCase(), displayName: name },
    role,
  );
  if (actor.role !== role) await db('users').where({ id: actor.userId }).update({ role });
  return { ...actor, role };
}

/** `count` collectors at once, "<prefix> 001" onwards on `platform`; returns their user ids in order. */
export async function seedManyStaff(
  db: Knex,
  count: number,
  prefix = 'Staff',
  platform = 'shell',
): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const name = `${prefix} ${String(i + 1).padStart(3, '0')}`;
    return {
      platform,
      platform_user_id: name.toLowerCase().replace(/ /g, '-'),
      display_name: name,
      role: 'collector',
    };
  });
  const inserted = await db('users').insert(rows).returning('id');
  return inserted.map((r: { id: number | string }) => Number(r.id));
}

/** Assesses the seeded accounts onto the worklist as the tests' business day, 2026-11-22 in Shanghai, sees them. */
export async function assessSeeded(db: Knex): Promise<void> {
  await refreshWorklist({ db, policy: defaultPolicy, today: '2026-11-22', timeZone: 'Asia/Shanghai' });
}
