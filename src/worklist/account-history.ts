import type { Knex } from 'knex';
import type { Owner } from './claims.ts';

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
export interface AccountHistory {
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
  /** The account's state version (0 before anything happened to it), for the buttons drawn from the file. */
  version: number;
  /** Newest first, from `offset` on (see accountHistory). */
  history: HistoryEntry[];
  /** How many entries the history has in all (for paging). */
  historyTotal: number;
}

/** One row: the customer, its state version, the owner and the newest history as JSON. */
const FILE_SQL = `
  SELECT c.external_id, c.name, c.contact_name, c.contact_email, c.contact_phone, c.sales_rep, c.locale,
         coalesce(st.version, 0) AS version,
         (SELECT count(*) FROM activities a WHERE a.customer_id = c.id)::int AS history_total,
         o.user_id AS owner_id, o.display_name AS owner_name, o.claimed_at AS owner_since,
         (SELECT coalesce(json_agg(h ORDER BY h.id DESC), '[]'::json) FROM (
            SELECT a.id, a.created_at, a.kind, a.platform, a.details, u.display_name
            FROM activities a LEFT JOIN users u ON u.id = a.actor_user_id
            WHERE a.customer_id = c.id ORDER BY a.id DESC LIMIT ? OFFSET ?
          ) h) AS history
  FROM customers c
  LEFT JOIN account_state st ON st.customer_id = c.id
  LEFT JOIN LATERAL (
    SELECT cl.user_id, u.display_name, cl.claimed_at FROM claims cl JOIN users u ON u.id = cl.user_id
    WHERE cl.customer_id = c.id AND cl.released_at IS NULL
  ) o ON true
  WHERE c.id = ?`;

/** A history entry as the file statement's JSON gives it (the time as an ISO 8601 text). */
interface HistoryJson {
  id: number;
  created_at: string;
  kind: string;
  platform: string;
  details: Record<string, unknown> | null;
  display_name: string | null;
}

/**
 * The account's file: contact details, owner and `limit` history entries, newest first, after skipping the
 * `offset` newest (a page of the history); one round trip.
 */
export async function accountHistory(
  db: Knex,
  accountId: number,
  limit = 200,
  offset = 0,
): Promise<AccountHistory | null> {
  const result = await db.raw(FILE_SQL, [limit, offset, accountId]);
  const row = result.rows[0];
  if (!row) return null;
  return {
    customer: {
      id: accountId,
      externalId: row.external_id,
      name: row.name,
      contactName: row.contact_name,
      contactEmail: row.contact_email,
      contactPhone: row.contact_phone,
      salesRep: row.sales_rep,
      locale: row.locale,
    },
    owner:
      row.owner_id === null
        ? null
        : { userId: Number(row.owner_id), name: row.owner_name, since: row.owner_since },
    version: Number(row.version),
    historyTotal: Number(row.history_total),
    history: (row.history as HistoryJson[]).map((r) => ({
      id: Number(r.id),
      at: new Date(r.created_at),
      kind: r.kind,
      actor: r.display_name ?? null,
      platform: r.platform,
      details: r.details ?? {},
    })),
  };
}

/**
 * PB-13: every business day contact was attempted on the account (letters that went out, logged calls,
 * visits and e-mails; not notes), oldest first, in the business time zone. Read from all of the history,
 * not from the page of it a card shows, so the first attempt and the count in the last weeks are right
 * however busy the account is.
 */
export async function contactAttemptDays(db: Knex, accountId: number, timeZone: string): Promise<string[]> {
  const rows = await db('activities')
    .where({ customer_id: accountId })
    .where((q) =>
      q
        .whereIn('kind', ['letter_sent', 'letter_marked_sent'])
        .orWhere((o) => o.where('kind', 'outcome').whereRaw("coalesce(details->>'channel', '') <> 'note'")),
    )
    .orderBy('id')
    .select(db.raw('(created_at at time zone ?)::date::text as day', [timeZone]));
  return rows.map((r: { day: string }) => String(r.day));
}
