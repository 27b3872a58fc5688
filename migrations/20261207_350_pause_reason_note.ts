import type { Knex } from 'knex';

/**
 * A pause duebot makes itself keeps its reason by kind (PB-30: `{"kind":"handed-over","agency":"..."}` in
 * `reason_note`), not as an English sentence in `reason`, so each reader's view says it in their own
 * language (issue 20); `reason` keeps the words a person typed. The hand-overs' pauses written before are
 * read back from their hand-over (the sentence named the agency the hand-over records).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pauses ADD COLUMN reason_note jsonb');
  await knex.raw('ALTER TABLE pauses ALTER COLUMN reason DROP NOT NULL');
  await knex.raw(
    `UPDATE pauses p
     SET reason_note = jsonb_build_object('kind', 'handed-over', 'agency', h.agency), reason = NULL
     FROM agency_handovers h
     WHERE h.pause_id = p.id AND p.reason = 'handed over to ' || h.agency || ' (PB-30)'`,
  );
  await knex.raw(
    'ALTER TABLE pauses ADD CONSTRAINT pauses_reason_given CHECK (reason IS NOT NULL OR reason_note IS NOT NULL)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE pauses DROP CONSTRAINT IF EXISTS pauses_reason_given');
  await knex.raw(
    `UPDATE pauses SET reason = 'handed over to ' || (reason_note->>'agency') || ' (PB-30)'
     WHERE reason IS NULL AND reason_note->>'kind' = 'handed-over'`,
  );
  await knex.raw(`UPDATE pauses SET reason = '' WHERE reason IS NULL`);
  await knex.raw('ALTER TABLE pauses ALTER COLUMN reason SET NOT NULL');
  await knex.raw('ALTER TABLE pauses DROP COLUMN reason_note');
}
