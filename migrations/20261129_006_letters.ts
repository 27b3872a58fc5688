import type { Knex } from 'knex';

/**
 * The letter log (issue 6): the `letters` table of the initial schema gains what a sent letter must
 * answer (subject, channel, who rejected, when it was decided) and constraints that make "sent once" a
 * database fact: one row per idempotency key (account + template + day, already unique), a known status,
 * and a recipient and message id on every letter that went out.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('letters', (t) => {
    t.text('subject');
    t.text('delivery').notNullable().defaultTo('email');
    t.bigInteger('rejected_by_user_id').references('users.id');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['customer_id', 'created_at']);
  });
  await knex.raw(`
    ALTER TABLE letters
      ADD CONSTRAINT letters_status CHECK (status IN
        ('requested', 'awaiting_approval', 'sending', 'sent', 'not_sent', 'failed', 'rejected')),
      ADD CONSTRAINT letters_delivery CHECK (delivery IN ('email', 'manual')),
      ADD CONSTRAINT letters_sent_has_receipt CHECK
        (status <> 'sent' OR (recipient IS NOT NULL AND message_id IS NOT NULL AND sent_at IS NOT NULL)),
      ADD CONSTRAINT letters_approver_not_requester CHECK
        (approved_by_user_id IS NULL OR approved_by_user_id IS DISTINCT FROM requested_by_user_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE letters
      DROP CONSTRAINT IF EXISTS letters_status,
      DROP CONSTRAINT IF EXISTS letters_delivery,
      DROP CONSTRAINT IF EXISTS letters_sent_has_receipt,
      DROP CONSTRAINT IF EXISTS letters_approver_not_requester`);
  await knex.schema.alterTable('letters', (t) => {
    t.dropIndex(['customer_id', 'created_at']);
    t.dropColumn('updated_at');
    t.dropColumn('attempts');
    t.dropColumn('rejected_by_user_id');
    t.dropColumn('delivery');
    t.dropColumn('subject');
  });
}
