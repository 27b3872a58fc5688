import type { Knex } from 'knex';

/**
 * The worklist keeps what comes next on an account as a note (the step id and its invoice, a follow-up's
 * rhythm, a pause and its end), not as an English sentence, so each reader's view says it in their own
 * language (issue 20). The sentences written before cannot be read back into notes: they are cleared, and
 * the next worklist refresh (each sync, the day turn) writes the notes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE account_summary ALTER COLUMN next_action TYPE jsonb USING NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE account_summary ALTER COLUMN next_action TYPE text USING NULL');
}
