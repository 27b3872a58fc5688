import type { Knex } from 'knex';

/**
 * When customers are contacted.
 * - PB-24: `customers.time_zone`, the customer's IANA zone from the ledger (the mapping's optional
 *   customer_time_zone); letters reach a customer on working days around 9:00 or 14:00 on its clock.
 *   A letter sent outside that window is `queued` with `send_at` (the window's next opening) and goes out
 *   then, once; a queued letter can be `cancelled`.
 * - PB-15: `customers.next_delivery_date`, the next delivery to a continuous-supply customer (the
 *   mapping's optional next_delivery_date); a late customer gets a call a week before it.
 */
const STATUSES = `'requested', 'awaiting_approval', 'sending', 'sent', 'not_sent', 'failed', 'rejected', 'uncertain'`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    t.text('time_zone');
    t.date('next_delivery_date');
  });
  await knex.schema.alterTable('letters', (t) => {
    t.timestamp('send_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE letters
      DROP CONSTRAINT letters_status,
      ADD CONSTRAINT letters_status CHECK (status IN (${STATUSES}, 'queued', 'cancelled')),
      ADD CONSTRAINT letters_queued_has_time CHECK (status <> 'queued' OR send_at IS NOT NULL)`);
  // The delivery looks for queued letters whose time has come.
  await knex.raw(`CREATE INDEX letters_queued ON letters (send_at) WHERE status = 'queued'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS letters_queued');
  // A queued letter never went out: before the downgrade it is failed, so it can be sent again by hand.
  await knex.raw(
    `UPDATE letters SET status = 'failed', error = 'queued or cancelled before a downgrade'
     WHERE status IN ('queued', 'cancelled')`,
  );
  await knex.raw(`
    ALTER TABLE letters
      DROP CONSTRAINT letters_queued_has_time,
      DROP CONSTRAINT letters_status,
      ADD CONSTRAINT letters_status CHECK (status IN (${STATUSES}))`);
  await knex.schema.alterTable('letters', (t) => {
    t.dropColumn('send_at');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('next_delivery_date');
    t.dropColumn('time_zone');
  });
}
