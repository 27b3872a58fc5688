/**
 * PB-01: the accounts a sync changed (worklist_stale, filled by ledger/stage.ts in the sync's own
 * transaction) are reassessed after it, a chunk at a time; the rest of the worklist only needs the day
 * turn. Each chunk leaves the queue in the transaction that rewrites its rows, so a process that stops
 * midway leaves the rest queued for the next sync, and two replicas draining at once skip each other's
 * chunks rather than wait on them.
 */
import type { Knex } from 'knex';
import { type AssessContext, refreshWorklist } from './assess.ts';

const CHUNK = 1000;

/** Queues accounts for reassessment (a change the sync did not write, such as a promise decided). */
export async function queueStale(db: Knex, accountIds: readonly number[]): Promise<void> {
  const ids = [...new Set(accountIds)];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = ids.slice(start, start + CHUNK).map((customer_id) => ({ customer_id }));
    await db('worklist_stale').insert(rows).onConflict('customer_id').ignore();
  }
}

/** Reassesses every queued account and takes it off the queue; returns how many accounts were reassessed. */
export async function reassessStale(ctx: AssessContext): Promise<number> {
  let reassessed = 0;
  for (;;) {
    const taken = await ctx.db.transaction(async (trx) => {
      const result = await trx.raw(
        `DELETE FROM worklist_stale WHERE customer_id IN (
           SELECT customer_id FROM worklist_stale ORDER BY customer_id LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING customer_id`,
        [CHUNK],
      );
      const ids = ((result as { rows: { customer_id: string | number }[] }).rows ?? [])
        .map((r) => Number(r.customer_id))
        .sort((a, b) => a - b);
      if (ids.length > 0) await refreshWorklist({ ...ctx, db: trx }, ids);
      return ids.length;
    });
    if (taken === 0) return reassessed;
    reassessed += taken;
  }
}
