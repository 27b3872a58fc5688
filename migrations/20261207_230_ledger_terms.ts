import type { Knex } from 'knex';

/**
 * Terms the ledger may carry (issue 18), read through optional mapping columns:
 * - customers.ledger_interest_percent: the customer's contract late-interest rate, percent a day
 *   (PB-16; a manager's rate in account_state wins over it);
 * - open_items.discount_until / discount_minor: the invoice's early-payment discount (PB-18), the last
 *   day it may be taken and what it saves in minor units of the item's currency. Null minor: the ledger
 *   says nothing (the global policy applies); 0 with no date: the invoice has no such discount.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customers', (t) => {
    t.text('ledger_interest_percent');
  });
  await knex.schema.alterTable('open_items', (t) => {
    t.date('discount_until');
    t.bigInteger('discount_minor');
  });
  await knex.raw(
    `ALTER TABLE open_items ADD CONSTRAINT open_items_discount_minor CHECK (discount_minor >= 0)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('open_items', (t) => {
    t.dropChecks(['open_items_discount_minor']);
    t.dropColumn('discount_until');
    t.dropColumn('discount_minor');
  });
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('ledger_interest_percent');
  });
}
