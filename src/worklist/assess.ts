import type { Knex } from 'knex';
import {
  type AccountAssessment,
  type AccountSnapshot,
  assessAccount,
  paymentHistory,
  type Policy,
} from '../collections/account.ts';
import { nextStepNote } from '../collections/ladder.ts';
import { majorUnitsText } from '../collections/money.ts';
import { reassessOn } from '../collections/reassess-on.ts';
import { loadSnapshots } from './snapshots.ts';

/** Where and when accounts are assessed. */
export interface AssessContext {
  db: Knex;
  policy: Policy;
  today: string;
  timeZone: string;
}

const CHUNK = 1000;

/** An account assessed for the worklist: the assessment and the first date its row may change (PB-01). */
interface Assessed {
  assessment: AccountAssessment;
  reassessOn: string | null;
}

function assessForWorklist(snapshot: AccountSnapshot, policy: Policy, today: string): Assessed {
  const assessment = assessAccount(snapshot, policy, today);
  const history = paymentHistory(snapshot, policy);
  return { assessment, reassessOn: reassessOn(snapshot, assessment, history, policy, today) };
}

function summaryRow({ assessment: a, reassessOn: reassess }: Assessed, today: string) {
  const main = a.mainCurrency ?? Object.keys(a.openByCurrency)[0] ?? 'XXX';
  const next = a.ladder.nextAction;
  return {
    customer_id: Number(a.accountId),
    assessed_on: today,
    name: a.customerName,
    main_currency: main,
    main_open_minor: a.openByCurrency[main] ?? 0,
    main_open_major: majorUnitsText({ minor: a.openByCurrency[main] ?? 0, currency: main }),
    open_by_currency: a.openByCurrency,
    open_items: a.items.length,
    // PB-01: the date the days overdue count from (maxDaysOverdue on any later day), not the count, so the
    // row stays true as days pass (src/worklist/overdue-days.ts).
    oldest_due: oldestUndisputedDue(a),
    priority: a.priority.score,
    // The parts of the explanation, said by each view in its reader's language (issue 20).
    priority_reasons: a.priority.reasons,
    grade: a.grade.grade,
    key_account: a.keyAccount.keyAccount,
    // PB-04: red by the policy's threshold (markingFor), for every list to draw.
    red: a.items.some((i) => !i.disputed && i.marking === 'red'),
    credit_hold: a.creditHold.set,
    blacklisted: a.blacklist.set,
    ladder_step: a.ladder.step?.id ?? null,
    // The step (or a paused account's pause and its end) as a note each reader's view says in their language.
    next_action: nextStepNote(a.ladder),
    next_action_due: next?.due ?? null,
    suggested_letter: a.ladder.letter,
    // PB-01: until this date the day turn only moves the days on (src/worklist/day-turn.ts).
    reassess_on: reassess,
  };
}

type SummaryRow = ReturnType<typeof summaryRow>;

/** PB-01/PB-21: the oldest due date of the account's undisputed open items, null when all are disputed. */
function oldestUndisputedDue(a: AccountAssessment): string | null {
  let oldest: string | null = null;
  for (const item of a.items)
    if (!item.disputed && (oldest === null || item.dueDate < oldest)) oldest = item.dueDate;
  return oldest;
}

/**
 * Writes worklist rows (a chunk of a reassessment, or the one row a Claim rewrites) in one statement with
 * one bind parameter: the rows travel as a JSON array read by json_populate_recordset, not as 22
 * parameters per row for the client to number and send (issue 19: a full reassessment writes every row).
 * The jsonb columns go as their objects, not as strings inside the string.
 */
async function upsertSummaries(db: Knex, rows: SummaryRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const list = columns.map((c) => `"${c}"`).join(', ');
  const updates = columns
    .filter((c) => c !== 'customer_id')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  const json = JSON.stringify(rows);
  // A new row takes its owner from the account's active claim (PB-25); an existing row keeps the one the
  // claims' trigger keeps in step, never one read earlier than a claim that committed since.
  // TODO(issue 19): a claim committed while this statement first inserts the account's row is seen by
  // neither (the trigger's UPDATE finds no row yet, this statement's snapshot no claim): that row keeps
  // no owner until the account's claim next changes. Locking the customer row in both would close it.
  const fromRecord = columns.map((c) => `r."${c}"`).join(', ');
  await db.raw(
    `INSERT INTO account_summary (${list}, owner_user_id)
     SELECT ${fromRecord}, cl.user_id FROM json_populate_recordset(null::account_summary, ?::json) r
     LEFT JOIN claims cl ON cl.customer_id = r.customer_id AND cl.released_at IS NULL
     ON CONFLICT (customer_id) DO UPDATE SET ${updates}`,
    [json],
  );
}

/**
 * Reassesses one account after a change, keeps its worklist row in step and returns the assessment, so
 * the card drawn next needs no second assessment (a Claim used to assess the account twice).
 */
export async function refreshOne(ctx: AssessContext, accountId: number): Promise<AccountAssessment | null> {
  const snapshot = await loadOne(ctx, accountId);
  const assessed = snapshot ? assessForWorklist(snapshot, ctx.policy, ctx.today) : null;
  if (assessed && assessed.assessment.items.length > 0) {
    await upsertSummaries(ctx.db, [summaryRow(assessed, ctx.today)]);
  } else {
    await ctx.db('account_summary').where({ customer_id: accountId }).delete();
  }
  return assessed?.assessment ?? null;
}

async function loadOne(ctx: AssessContext, accountId: number): Promise<AccountSnapshot | undefined> {
  const [snapshot] = await loadSnapshots(
    ctx.db,
    [accountId],
    ctx.today,
    ctx.timeZone,
    ctx.policy.grade.historyMonths,
  );
  return snapshot;
}

/** Assesses one account now, from the database (for an account card). */
export async function assessOne(ctx: AssessContext, accountId: number): Promise<AccountAssessment | null> {
  const snapshot = await loadOne(ctx, accountId);
  return snapshot ? assessAccount(snapshot, ctx.policy, ctx.today) : null;
}

/**
 * Recomputes the stored worklist (account_summary) for the given accounts, or for every account with
 * open items; accounts with nothing open leave the worklist. Run after each sync and each worklist change.
 * Every account is taken a chunk at a time, its ids paged from open_items by customer id (issue 19: at a
 * million accounts, the whole id list and its snapshots held at once were most of 422 MB). The next chunk
 * is read and the last one written while this one is assessed, so the database and the process work side
 * by side instead of in turn (at most three chunks are held).
 */
export async function refreshWorklist(
  ctx: AssessContext,
  accountIds?: number[],
): Promise<{ assessed: number }> {
  const { db } = ctx;
  const read = async (start: number, after: number): Promise<LoadedChunk | null> => {
    const chunk = accountIds ? accountIds.slice(start, start + CHUNK) : await openAccountsAfter(db, after);
    if (chunk.length === 0) return null;
    const snapshots = await loadSnapshots(db, chunk, ctx.today, ctx.timeZone, ctx.policy.grade.historyMonths);
    return { chunk, snapshots };
  };
  let assessed = 0;
  let next = read(0, 0);
  let writing: Promise<number> = Promise.resolve(0);
  for (let start = 0; ; start += CHUNK) {
    const current = await next;
    if (!current) break;
    next = read(start + CHUNK, current.chunk[current.chunk.length - 1] ?? 0);
    // Observed here so a failure while this chunk is assessed or the last one written cannot leave it an
    // unhandled rejection; the loop awaits it (and its error) next time round.
    next.catch(() => undefined);
    // Assessed while the database writes the last chunk and reads the next one: the process does not wait
    // for a write before assessing again (issue 19: in a day turn's one transaction the write of each
    // chunk used to leave the process idle).
    const rows = assessChunk(ctx, current);
    assessed += await writing;
    writing = writeChunk(ctx, current.chunk, rows);
    writing.catch(() => undefined);
  }
  assessed += await writing;
  if (!accountIds) {
    await db('account_summary')
      .whereNotExists(
        db('open_items')
          .whereRaw('open_items.customer_id = account_summary.customer_id')
          .where('status', 'open'),
      )
      .delete();
    // Every row was just rewritten: VACUUM clears the old versions and marks the pages all-visible, so
    // counting the worklist (each `/overdue`) reads the narrow primary key, not the wide rows.
    if (!(db as { isTransaction?: boolean }).isTransaction) await db.raw('VACUUM (ANALYZE) account_summary');
  }
  return { assessed };
}

/** A chunk of accounts and their snapshots, read for reassessment. */
interface LoadedChunk {
  chunk: number[];
  snapshots: AccountSnapshot[];
}

/** The next CHUNK accounts with open items after customer id `after`, in id order. */
async function openAccountsAfter(db: Knex, after: number): Promise<number[]> {
  const rows = await db('open_items')
    .where({ status: 'open' })
    .where('customer_id', '>', after)
    .distinct('customer_id')
    .orderBy('customer_id')
    .limit(CHUNK);
  return rows.map((r: { customer_id: string | number }) => Number(r.customer_id));
}

/** The worklist rows of a chunk of accounts: those with open items (the others leave the worklist). */
function assessChunk(ctx: AssessContext, { snapshots }: LoadedChunk): SummaryRow[] {
  return snapshots
    .map((s) => assessForWorklist(s, ctx.policy, ctx.today))
    .filter((a) => a.assessment.items.length > 0)
    .map((a) => summaryRow(a, ctx.today));
}

/** Writes a chunk's rows and removes the rows of its accounts with none; returns the rows written. */
async function writeChunk(ctx: AssessContext, chunk: number[], rows: SummaryRow[]): Promise<number> {
  const keep = new Set(rows.map((r) => r.customer_id));
  const gone = chunk.filter((id) => !keep.has(id));
  await ctx.db.transaction(async (trx) => {
    if (rows.length > 0) await upsertSummaries(trx, rows);
    if (gone.length > 0) await trx('account_summary').whereIn('customer_id', gone).delete();
  });
  return rows.length;
}
