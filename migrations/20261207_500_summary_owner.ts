import type { Knex } from 'knex';

/**
 * Scale: `/overdue mine` (and `@person`, `unclaimed`) read the owner from the worklist row itself
 * instead of joining every claim of the person and sorting their accounts (75 ms at a million accounts
 * for a collector with 2,000 accounts). account_summary.owner_user_id is the user of the account's active
 * claim (PB-25), kept in step by a trigger on claims wherever a claim is taken, released or reassigned;
 * a new worklist row takes it from the claims when it is written (src/worklist/assess.ts). The index walks
 * one owner's accounts in list order (priority, then account), so a page stops after its rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE account_summary ADD COLUMN IF NOT EXISTS owner_user_id bigint');
  await knex.raw(`
    UPDATE account_summary s SET owner_user_id = cl.user_id
    FROM claims cl WHERE cl.customer_id = s.customer_id AND cl.released_at IS NULL`);
  // NOTE: the owner is read again from the claims, not taken from the changed row: a reassignment
  // releases one claim and inserts another in either order, and the row ends with the active one.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION duebot_summary_owner() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      account bigint := CASE WHEN TG_OP = 'DELETE' THEN OLD.customer_id ELSE NEW.customer_id END;
      owner bigint;
    BEGIN
      SELECT user_id INTO owner FROM claims WHERE customer_id = account AND released_at IS NULL;
      UPDATE account_summary SET owner_user_id = owner
        WHERE customer_id = account AND owner_user_id IS DISTINCT FROM owner;
      IF TG_OP = 'UPDATE' THEN
        IF OLD.customer_id <> NEW.customer_id THEN
          SELECT user_id INTO owner FROM claims WHERE customer_id = OLD.customer_id AND released_at IS NULL;
          UPDATE account_summary SET owner_user_id = owner
            WHERE customer_id = OLD.customer_id AND owner_user_id IS DISTINCT FROM owner;
        END IF;
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw('DROP TRIGGER IF EXISTS claims_summary_owner ON claims');
  await knex.raw(`
    CREATE TRIGGER claims_summary_owner AFTER INSERT OR DELETE OR UPDATE OF customer_id, user_id, released_at
    ON claims FOR EACH ROW EXECUTE FUNCTION duebot_summary_owner()`);
  await knex.raw(`
    CREATE INDEX IF NOT EXISTS account_summary_by_owner
    ON account_summary (owner_user_id, priority DESC, customer_id) WHERE owner_user_id IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS claims_summary_owner ON claims');
  await knex.raw('DROP FUNCTION IF EXISTS duebot_summary_owner()');
  await knex.raw('DROP INDEX IF EXISTS account_summary_by_owner');
  await knex.raw('ALTER TABLE account_summary DROP COLUMN IF EXISTS owner_user_id');
}
