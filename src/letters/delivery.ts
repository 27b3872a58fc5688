/**
 * PB-24: the letter delivery. Letters asked for outside their customer's contact window wait as `queued`
 * with the time the window opens; this sends each once that time has come, as the person who asked for
 * it would have: re-rendered from the account as it stands then (a letter never states stale facts,
 * PB-22), through the same steps and safeguards as every send.
 *
 * Exactly once: a queued letter is taken by one conditional update (queued -> sending), so of two runs or
 * two replicas only one sends it. From `sending` on it is an ordinary send: recipient and Message-ID are
 * recorded before the mail server is asked, so a process that dies between the mail server and the
 * letter log leaves a `sending` letter that the letter check turns `uncertain` for a person to decide;
 * it is never picked up again here. A letter whose window closed again before it was taken (the bot was
 * down at 9:00 and starts at 12:00) waits for the next opening instead of going out late.
 */
import type { Logger } from '../log.ts';
import { letterWindow } from './contact-time.ts';
import { type LetterRecord, LETTER_COLUMNS, letterSelect, toRecord } from './letter-record.ts';
import { takeQueued } from './letter-log.ts';
import type { LetterContext, SendOutcome } from './letter-types.ts';
import { reload } from './mail-letter.ts';
import { deliverClaimed } from './send-letter.ts';

/** What one delivery run did. */
export interface DeliveryReport {
  /** The outcome of each letter this run took and sent (or failed to). */
  sent: SendOutcome[];
  /** Letters whose window had closed again; they wait for the next opening. */
  postponed: number;
}

/** Letters taken per run: a run is short, the next one takes the rest. */
const BATCH = 50;

/** Sends the queued letters whose time has come (once each, across replicas). */
export async function deliverDueLetters(ctx: LetterContext, log?: Logger): Promise<DeliveryReport> {
  const now = ctx.clock.now();
  const rows = await letterSelect(ctx.db)
    .where('letters.status', 'queued')
    .where('letters.send_at', '<=', now)
    .orderBy([{ column: 'letters.send_at' }, { column: 'letters.id' }])
    .limit(BATCH)
    .select(LETTER_COLUMNS);
  const report: DeliveryReport = { sent: [], postponed: 0 };
  for (const letter of rows.map(toRecord)) {
    const { state } = await letterWindow(ctx.db, letter.accountId, now, {
      policy: ctx.policy,
      zones: ctx.letters.customerZones,
      businessZone: ctx.clock.timeZone,
    });
    if (!state.open) {
      await postpone(ctx, letter, state.opensAt);
      report.postponed++;
      continue;
    }
    if (!(await takeQueued(ctx.db, letter, now))) continue; // another run took it
    const sending = await reload(ctx.db, letter);
    const outcome = await deliverClaimed(ctx, sending, null, letter.requestedBy.name ?? 'duebot');
    log?.info({ letterId: letter.id, outcome: outcome.kind }, 'letter delivery: a queued letter went out');
    report.sent.push(outcome);
  }
  return report;
}

/** A queued letter found after its window closed again waits for the next opening. */
async function postpone(ctx: LetterContext, letter: LetterRecord, opensAt: Date): Promise<void> {
  await ctx
    .db('letters')
    .where({ id: letter.id, status: 'queued' })
    .update({ send_at: opensAt, updated_at: ctx.db.fn.now() });
}

/** The delivery as a loop of a running duebot: every `everyMs`, until stopped. */
export interface LetterDelivery {
  start(): void;
  /** One run now (tests, and the CLI). */
  runOnce(): Promise<DeliveryReport>;
  stop(): Promise<void>;
}

export function createLetterDelivery(ctx: LetterContext, log: Logger, everyMs = 60_000): LetterDelivery {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runOnce = () => {
    const run = running.then(() => deliverDueLetters(ctx, log));
    running = run.catch((error: unknown) => {
      log.error({ err: error }, 'letter delivery: a run failed; the next one tries again');
    });
    return run;
  };
  return {
    start() {
      if (stopped || timer) return;
      void runOnce().catch(() => undefined);
      timer = setInterval(() => void runOnce().catch(() => undefined), everyMs);
      timer.unref();
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
