import type { Knex } from 'knex';

/**
 * PB-28 at scale (issue 19): a credit meeting stores its agenda as a definition on its row (the cutoff
 * date: accounts whose oldest undisputed due date is on or before it; the order; how many accounts and how
 * many replies it opened with) and a meeting_accounts row only for an account posted as a reply or decided
 * (by segment, from the file); the file, the chart and the segments read the worklist by the definition.
 * Opening a meeting of 787,502 accounts over 30 days no longer writes 787,502 rows.
 *
 * Meetings opened before keep working:
 * - their definition is derived from their rows: the cutoff is the latest that keeps every stored account
 *   on the agenda (the meeting's day less the fewest days overdue stored; a meeting with no account, the
 *   meeting's day less 31, DUEBOT_MEETING_MIN_DAYS' default of 30 days), worth most first when some
 *   accounts were in the file, the counts as stored;
 * - rows in the thread and rows with a decision stay as they are;
 * - the undecided rows of the file are deleted: they held only the snapshot the posted file already shows,
 *   and in the new model a row means "a reply, or decided", so a decision by segment inserts the row it
 *   records. Their accounts stay on the meeting's agenda through the definition: a segment decided later
 *   reaches those still open and over the cutoff, as on a meeting opened now.
 * Rows of accounts decided by segment have no position (their place was in the file); down numbers them
 * after the meeting's others and gives each meeting with a file its undecided rows back from the worklist
 * by the definition (sales rep as the ledger names it, last contact's UTC day), as the old code expects.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('meetings', (t) => {
    t.date('cutoff');
    t.text('agenda_order');
    t.integer('accounts');
    t.integer('replies');
  });
  await knex.raw(
    `UPDATE meetings m
     SET cutoff = m.held_on - coalesce(a.fewest_days, 31),
         agenda_order = CASE WHEN coalesce(a.in_file, 0) > 0 THEN 'recovery' ELSE 'oldest-due' END,
         accounts = coalesce(a.accounts, 0),
         replies = coalesce(a.replies, 0)
     FROM meetings m2
     LEFT JOIN (
       SELECT meeting_id, min((snapshot->>'daysOverdue')::int) AS fewest_days, count(*)::int AS accounts,
              (count(*) FILTER (WHERE in_thread))::int AS replies,
              (count(*) FILTER (WHERE NOT in_thread))::int AS in_file
       FROM meeting_accounts GROUP BY meeting_id
     ) a ON a.meeting_id = m2.id
     WHERE m2.id = m.id`,
  );
  await knex.raw(
    `ALTER TABLE meetings
       ALTER COLUMN cutoff SET NOT NULL, ALTER COLUMN agenda_order SET NOT NULL,
       ALTER COLUMN accounts SET NOT NULL, ALTER COLUMN replies SET NOT NULL,
       ADD CONSTRAINT meetings_agenda_order CHECK (agenda_order IN ('recovery', 'oldest-due'))`,
  );
  await knex('meeting_accounts').where({ in_thread: false }).whereNull('decision').delete();
  await knex.raw('ALTER TABLE meeting_accounts ALTER COLUMN position DROP NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  // Positions for the rows decided by segment, after the meeting's others, worth most first.
  await knex.raw(
    `UPDATE meeting_accounts ma SET position = x.position
     FROM (
       SELECT meeting_id, customer_id,
              (SELECT coalesce(max(o.position), 0) FROM meeting_accounts o WHERE o.meeting_id = n.meeting_id)
                + row_number() OVER (PARTITION BY meeting_id
                                     ORDER BY (snapshot->>'expectedRecovery')::float8 DESC NULLS LAST, customer_id)
                AS position
       FROM meeting_accounts n WHERE position IS NULL
     ) x
     WHERE ma.meeting_id = x.meeting_id AND ma.customer_id = x.customer_id`,
  );
  // The file's undecided rows, from the worklist by each meeting's definition, after its other rows.
  await knex.raw(
    `INSERT INTO meeting_accounts (meeting_id, customer_id, position, snapshot, in_thread)
     SELECT m.id, s.customer_id,
            (SELECT coalesce(max(o.position), 0) FROM meeting_accounts o WHERE o.meeting_id = m.id)
              + row_number() OVER (PARTITION BY m.id ORDER BY s.priority DESC, s.customer_id),
            jsonb_build_object(
              'accountId', s.customer_id, 'name', c.name, 'owner', u.display_name, 'salesRep', c.sales_rep,
              'openByCurrency', s.open_by_currency, 'mainCurrency', s.main_currency,
              'daysOverdue', m.held_on - s.oldest_due, 'ladderStep', s.ladder_step, 'nextAction', s.next_action,
              'lastContact', to_char(st.last_contact_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
              'grade', s.grade, 'expectedRecovery', s.priority
            ),
            false
     FROM meetings m
     JOIN account_summary s ON s.oldest_due <= m.cutoff
     JOIN customers c ON c.id = s.customer_id
     LEFT JOIN claims cl ON cl.customer_id = s.customer_id AND cl.released_at IS NULL
     LEFT JOIN users u ON u.id = cl.user_id
     LEFT JOIN account_state st ON st.customer_id = s.customer_id
     WHERE m.agenda_order = 'recovery'
       AND NOT EXISTS (SELECT 1 FROM meeting_accounts o WHERE o.meeting_id = m.id AND o.customer_id = s.customer_id)`,
  );
  await knex.raw('ALTER TABLE meeting_accounts ALTER COLUMN position SET NOT NULL');
  await knex.raw('ALTER TABLE meetings DROP CONSTRAINT meetings_agenda_order');
  await knex.schema.alterTable('meetings', (t) => {
    t.dropColumn('cutoff');
    t.dropColumn('agenda_order');
    t.dropColumn('accounts');
    t.dropColumn('replies');
  });
}
