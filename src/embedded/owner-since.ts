/**
 * When the process that owns an embedded database took it, marked on each knex that uses it (the owner's
 * and every attached process's): work recorded as under way before then belongs to a dead process.
 */
import type { Knex } from 'knex';

const OWNER_SINCE = Symbol.for('duebot.embeddedOwnerSince');

type Marked = { [OWNER_SINCE]?: Date };

export function markEmbedded(db: Knex, ownerSince: Date): void {
  (db.client as Marked)[OWNER_SINCE] = ownerSince;
}

/** The owner's start on an embedded database; null on a database server. */
export function embeddedOwnerSince(db: Knex): Date | null {
  return (db.client as Marked)[OWNER_SINCE] ?? null;
}
