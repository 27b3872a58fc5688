/**
 * What a scheduled job is (DESIGN: jobs/): a name, when it runs, which period a run belongs to, and a body
 * that returns posts for the outbox. The scheduler (scheduler.ts) runs each job once per period across
 * every replica; the body never posts anything itself.
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Policy } from '../collections/account.ts';
import type { WorkingCalendar } from '../collections/dates.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Logger } from '../log.ts';
import type { ChannelRole } from '../outbox/chat-out.ts';
import type { OutgoingPost } from '../outbox/post.ts';

/** Which days a cron slot counts on: every day it matches, working days only, or a month's first working day. */
export type JobDays = 'every' | 'working' | 'first-working-day';

/** What a job's body gets for one run (the settings a job reads it took when it was built: registry.ts). */
export interface JobContext {
  /** The transaction the run happens in: the run is recorded and its posts enqueued iff it commits. */
  db: Knex.Transaction;
  /** The slot this run is for (not necessarily the wall clock: a caught-up run has an earlier slot). */
  slot: Date;
  /** The business date of the slot (YYYY-MM-DD in the business time zone). */
  today: string;
  /** The period this run stands for ("2026-11-30", "2026-W49", "2026-12"). */
  periodKey: string;
  clock: Clock;
  policy: Policy;
  log: Logger;
  calendar: WorkingCalendar;
  /** `duebot <job> --dry-run`: the transaction is rolled back afterwards; do nothing outside the database. */
  dryRun: boolean;
  /** The language of posts to `role`'s channel (jobs/speech.ts: the channel's, else the company's). */
  channelT(role: ChannelRole): Translator;
  /** The language of a private post to staff user `userId` (their own choice, else the company's). */
  userT(userId: number): Promise<Translator>;
  /**
   * Work to do once the run has committed, on the database outside its transaction, in short transactions
   * of its own (housekeeping deletes in batches: one long transaction would hold the embedded database's
   * only connection and every row it deletes). Not done when the run fails or is a dry run; a stop before
   * it ends leaves the rest to the next run, so it must be safe to do again.
   */
  afterCommit(work: (db: Knex) => Promise<void>): void;
}

/** One scheduled job. */
export interface Job {
  /** Unique, kebab-case ("digest", "aging-report"); the run ledger and settings use it. */
  name: string;
  /** A node-cron expression in the business time zone (minute precision), or AFTER_SYNC (settings.ts). */
  schedule: string;
  days: JobDays;
  /** Run this many minutes after each cron slot (the nudge a set number of hours after the digest). */
  delayMinutes?: number;
  /** The period a slot belongs to; one run per period, and a missed run is caught up while its period is current. */
  periodKey(slot: Date, timeZone: string): string;
  /**
   * Whether a due run may start yet (checked before each attempt, nothing recorded when false): the nudge
   * waits until the digest it follows has been out for the set hours, however late the digest went.
   */
  ready?(db: Knex, now: Date, today: string): Promise<boolean>;
  /** Builds what to post; may also change state inside ctx.db (snapshots, escalations). */
  run(ctx: JobContext): Promise<OutgoingPost[] | void>;
}
