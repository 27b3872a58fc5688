import type { Knex } from 'knex';

/**
 * Where each staff user's role came from (issue 13), so the role lists (SLACK_MANAGERS, TEAMS_VIEWERS, ...)
 * can take back a role they gave without touching one a manager set by hand:
 * - `hand`: the newest role change a person made for this user set the role the user has now;
 * - `list`: a Slack or Teams manager or viewer with no such change: before this column, only the lists
 *   gave those roles there (on first use or at a start), so the next start takes the role back from
 *   whoever is no longer listed, even if they left the list before this upgrade;
 * - `default`: everyone else (collectors, and the shell user's DUEBOT_SHELL_ROLE).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE users ADD COLUMN role_source text NOT NULL DEFAULT 'default'
      CONSTRAINT users_role_source CHECK (role_source IN ('default', 'list', 'hand'))`);
  await knex.raw(`
    UPDATE users u SET role_source = 'hand'
    WHERE u.role = (
      SELECT a.details->>'role' FROM activities a
      WHERE a.kind = 'role_changed' AND a.actor_user_id IS NOT NULL AND a.details->>'userId' = u.id::text
      ORDER BY a.id DESC LIMIT 1)`);
  await knex.raw(`
    UPDATE users SET role_source = 'list'
    WHERE role_source = 'default' AND platform IN ('slack', 'teams') AND role IN ('manager', 'viewer')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.dropColumn('role_source'));
}
