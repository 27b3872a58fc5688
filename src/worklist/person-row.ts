import type { Knex } from 'knex';

/** A person's row as an interaction reads it: who they are, their role, the language they chose. */
export interface PersonRow {
  id: string | number;
  display_name: string;
  role: string;
  platform: string;
  locale: string | null;
}

/** Reads of a person's row in flight, per database handle (a transaction has its own). */
const inFlight = new WeakMap<Knex, Map<string, Promise<PersonRow | undefined>>>();

/**
 * A person's row by their platform id. The lookups of one interaction that run side by side (the adapter
 * asks for the reader's language beside the answer; the answer for the person and, again, their language)
 * share one read of the row instead of three. Only a read still in flight is shared, never a settled one:
 * a lookup that starts after a read has settled reads again, so a change (a new language, a new role) is
 * seen by every lookup that starts after it is written.
 */
export function readPerson(
  db: Knex,
  platform: string,
  platformUserId: string,
): Promise<PersonRow | undefined> {
  let reads = inFlight.get(db);
  if (!reads) {
    reads = new Map();
    inFlight.set(db, reads);
  }
  const key = `${platform}\u0000${platformUserId}`;
  const pending = reads.get(key);
  if (pending) return pending;
  const read: Promise<PersonRow | undefined> = Promise.resolve(
    db('users')
      .where({ platform, platform_user_id: platformUserId })
      .first('id', 'display_name', 'role', 'platform', 'locale'),
  ).finally(() => {
    if (reads.get(key) === read) reads.delete(key);
  });
  reads.set(key, read);
  return read;
}
