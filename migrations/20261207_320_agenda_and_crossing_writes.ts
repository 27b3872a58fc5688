import type { Knex } from 'knex';

/**
 * PB-28 and PB-07 at scale: opening a meeting writes one agenda row per account over 30 days (787,502 at
 * 1M accounts) and a first alert check one row per crossing; most of their time went to constraints that
 * guard nothing another one does not:
 * - meeting_accounts.post_key (a unique text column) is the meeting's post key and the account id: it is
 *   now derived from meetings.post_key (unique) and the primary key (meeting_id, customer_id), so it is
 *   unique by construction and no longer stored or indexed per account;
 * - the foreign keys to customers and meetings (meeting_accounts) and to customers and open_items
 *   (alert_crossings) each ran a per-row check that locked the referenced row: the rows are copied in the
 *   same statement from account_summary / open_items, whose own keys reference customers, and nothing
 *   deletes customers, open items or meetings. The decisions' foreign keys to users stay.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meeting_accounts', (t) => {
    t.dropForeign(['meeting_id']);
    t.dropForeign(['customer_id']);
    t.dropColumn('post_key');
  });
  await knex.schema.alterTable('alert_crossings', (t) => {
    t.dropForeign(['customer_id']);
    t.dropForeign(['open_item_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('alert_crossings', (t) => {
    t.foreign('customer_id').references('customers.id');
    t.foreign('open_item_id').references('open_items.id');
  });
  await knex.schema.alterTable('meeting_accounts', (t) => {
    t.text('post_key');
    t.foreign('meeting_id').references('meetings.id');
    t.foreign('customer_id').references('customers.id');
  });
  await knex.raw(
    `UPDATE meeting_accounts ma SET post_key = m.post_key || ':account:' || ma.customer_id
     FROM meetings m WHERE m.id = ma.meeting_id`,
  );
  await knex.schema.alterTable('meeting_accounts', (t) => {
    t.text('post_key').notNullable().alter();
    t.unique(['post_key']);
  });
}
