import type { Knex } from 'knex';
import { currentOwner, type Owner } from './claims.ts';

/** One entry of an account's history, newest first (PB-02, PB-03). */
export interface HistoryEntry {
  id: number;
  at: Date;
  kind: string;
  actor: string | null;
  platform: string;
  details: Record<string, unknown>;
}

/** Everything a colleague, an agency or a lawyer needs to continue the case (PB-02). */
export interface CustomerFile {
  customer: {
    id: number;
    externalId: string;
    name: string;
    contactName: string | null;
    contactEmail: string | null;
    contactPhone: string | null;
    salesRep: string | null;
    locale: string | null;
  };
  owner: Owner | null;
  history: HistoryEntry[];
}

/** The account's file: contact details, owner and the full history, newest first. */
export async function customerFile(db: Knex, customerId: number, limit = 200): Promise<CustomerFile | null> {
  const customer = await db('customers').where({ id: customerId }).first();
  if (!customer) return null;
  const rows = await db('activities')
    .leftJoin('users', 'users.id', 'activities.actor_user_id')
    .where('activities.customer_id', customerId)
    .orderBy('activities.id', 'desc')
    .limit(limit)
    .select(
      'activities.id',
      'activities.created_at',
      'activities.kind',
      'activities.platform',
      'activities.details',
      'users.display_name',
    );
  return {
    customer: {
      id: Number(customer.id),
      externalId: customer.external_id,
      name: customer.name,
      contactName: customer.contact_name,
      contactEmail: customer.contact_email,
      contactPhone: customer.contact_phone,
      salesRep: customer.sales_rep,
      locale: customer.locale,
    },
    owner: await currentOwner(db, customerId),
    history: rows.map((r) => ({
      id: Number(r.id),
      at: r.created_at,
      kind: r.kind,
      actor: r.display_name ?? null,
      platform: r.platform,
      details: (r.details ?? {}) as Record<string, unknown>,
    })),
  };
}
