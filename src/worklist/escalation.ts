/**
 * PB-14: escalation moves a case up the organisation, from the collector who owns the account to their
 * department manager. DUEBOT_ESCALATION_MANAGERS maps collectors to managers by name; a collector it does
 * not name (and every collector when it is empty) escalates to every manager.
 */
import type { Knex } from 'knex';

/** Collector name (lower case) -> the names (lower case) of their managers. */
export type EscalationMap = Record<string, string[]>;

/** "Ann=Mia, Bob=Mia, Bob=Max" -> { ann: ['mia'], bob: ['mia', 'max'] }; null when malformed. */
export function parseEscalationMap(text: string): EscalationMap | null {
  const map: EscalationMap = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([^=]+?)\s*=\s*([^=]+)$/.exec(part);
    if (!m?.[1] || !m[2]) return null;
    const collector = m[1].trim().toLowerCase();
    (map[collector] ??= []).push(m[2].trim().toLowerCase());
  }
  return map;
}

/** A person an escalation reaches. */
export interface Escalee {
  userId: number;
  name: string;
}

/**
 * The managers an escalation on an account owned by `ownerUserId` reaches: those the map names for the
 * owner (by display name or platform id), else every manager; never the owner themself.
 */
export async function managersFor(
  db: Knex,
  ownerUserId: number | null,
  map: EscalationMap,
): Promise<Escalee[]> {
  const owner = ownerUserId
    ? await db('users').where({ id: ownerUserId }).first('display_name', 'platform_user_id')
    : null;
  const keys = owner
    ? [String(owner.display_name), String(owner.platform_user_id)].map((k) => k.toLowerCase())
    : [];
  const named = keys.flatMap((k) => map[k] ?? []);
  const query = db('users').orderBy('id').select('id', 'display_name');
  if (named.length > 0)
    query.where((w) =>
      w
        .whereRaw(`lower(display_name) IN (${named.map(() => '?').join(', ')})`, named)
        .orWhereRaw(`lower(platform_user_id) IN (${named.map(() => '?').join(', ')})`, named),
    );
  else query.where({ role: 'manager' });
  if (ownerUserId) query.whereNot({ id: ownerUserId });
  const rows = await query;
  return rows.map((r) => ({ userId: Number(r.id), name: String(r.display_name) }));
}
