import type { Knex } from 'knex';

/**
 * Letters keep what went out, and a letter can be `uncertain` (issue 6).
 * - letter_files holds each letter's rendered e-mail (subject, text and HTML bodies) and the PDF bytes as
 *   they were handed to the mail server (or to the collector, for letters not sent), so a link to the
 *   PDF serves exactly what the customer got and "Send again" repeats exactly the same message.
 * - `uncertain`: the process stopped between handing a letter to the mail server and recording the
 *   answer; a person decides whether it went out (it is never sent again on its own).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('letter_files', (t) => {
    t.bigInteger('letter_id').primary().references('letters.id').onDelete('CASCADE');
    t.text('filename').notNullable();
    t.binary('pdf').notNullable();
    t.text('pdf_sha256').notNullable();
    t.text('subject').notNullable();
    t.text('body_text').notNullable();
    t.text('body_html').notNullable();
    t.timestamp('stored_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE letters
      DROP CONSTRAINT letters_status,
      ADD CONSTRAINT letters_status CHECK (status IN
        ('requested', 'awaiting_approval', 'sending', 'sent', 'not_sent', 'failed', 'rejected', 'uncertain'))`);
  // The recovery check looks for letters left in `sending`.
  await knex.raw(`CREATE INDEX letters_sending ON letters (updated_at) WHERE status = 'sending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS letters_sending');
  await knex.raw(
    `UPDATE letters SET status = 'failed', error = 'uncertain before a downgrade' WHERE status = 'uncertain'`,
  );
  await knex.raw(`
    ALTER TABLE letters
      DROP CONSTRAINT letters_status,
      ADD CONSTRAINT letters_status CHECK (status IN
        ('requested', 'awaiting_approval', 'sending', 'sent', 'not_sent', 'failed', 'rejected'))`);
  await knex.schema.dropTableIfExists('letter_files');
}
