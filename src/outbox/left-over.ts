/**
 * What a run left in the outbox: a job command (`duebot meeting`) drains the outbox once and must say
 * when posts did not all go out, instead of exiting as if they had.
 */
import type { Knex } from 'knex';

/** Posts enqueued after a mark, by how far they got. */
export interface LeftOver {
  total: number;
  /** Not delivered yet on some platform: retried by the next worker (the next `duebot start`). */
  waiting: number;
  /** Failed for good on some platform (a permanent error, or out of attempts). */
  failed: number;
  /** One stored error of a failed or waiting delivery, to say why. */
  lastError: string | null;
}

/** The newest post's id: posts enqueued from now on have larger ids. */
export async function outboxMark(db: Knex): Promise<number> {
  const row = await db('outbox').max({ id: 'id' }).first();
  return Number(row?.id ?? 0);
}

/**
 * How the posts enqueued after `mark` stand on the platforms that took them (a post no platform can take,
 * e.g. a private notice to someone with no chat identity, is logged by the worker and not counted).
 */
export async function leftOverSince(db: Knex, mark: number): Promise<LeftOver> {
  const rows: { status: string; last_error: string | null }[] = await db('outbox as o')
    .join('outbox_deliveries as d', 'd.outbox_id', 'o.id')
    .where('o.id', '>', mark)
    .groupBy('o.id')
    .select(
      db.raw(`CASE WHEN bool_or(d.status = 'failed') THEN 'failed'
                   WHEN bool_and(d.status = 'sent') THEN 'sent' ELSE 'waiting' END AS status`),
      db.raw('max(d.last_error) AS last_error'),
    );
  const failed = rows.filter((r) => r.status === 'failed');
  const waiting = rows.filter((r) => r.status === 'waiting');
  const why = [...failed, ...waiting].find((r) => r.last_error)?.last_error ?? null;
  return { total: rows.length, waiting: waiting.length, failed: failed.length, lastError: why };
}
