import type { Knex } from 'knex';

/**
 * Claims an event id for processing; false when it was handled already (a Slack retry after a slow
 * or lost acknowledgement). The primary key decides, so two replicas never both handle one event.
 */
export async function claimEvent(db: Knex, eventId: string): Promise<boolean> {
  const inserted = await db('handled_events')
    .insert({ platform: 'slack', event_id: eventId })
    .onConflict(['platform', 'event_id'])
    .ignore()
    .returning('event_id');
  return inserted.length > 0;
}

/** Gives an event id back after its processing failed, so Slack's next retry can do the work. */
export async function releaseEvent(db: Knex, eventId: string): Promise<void> {
  await db('handled_events').where({ platform: 'slack', event_id: eventId }).delete();
}
