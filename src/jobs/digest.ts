/**
 * The morning digest (PB-24): on working days at 09:00 (DUEBOT_DIGEST_CRON) one message to the digest
 * channel and each owner's own follow-ups privately. The channel message is edited in place when accounts
 * are claimed, released or paid (refreshDigest), and the accounts of it still unclaimed a set number of
 * hours later get one nudge in its thread. Channel posts are in the digest channel's language, each
 * owner's in their own (jobs/speech.ts).
 */
import type { Knex } from 'knex';
import type { Clock } from '../clock.ts';
import type { Policy } from '../collections/account.ts';
import { ledgerAge, staleAfterMinutes } from '../ledger/freshness.ts';
import { enqueueUpdate } from '../outbox/outbox.ts';
import { parseJson, type StoredMessage } from '../outbox/payload.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { digestView, isUpdatedStamp, nudgeView, ownerDigestView } from '../views/digest.ts';
import { listWorklist } from '../worklist/list.ts';
import { ownerClaims, ownersWork } from '../worklist/owners-work.ts';
import { activePauses } from '../worklist/pauses.ts';
import { DIGEST_MIN_DAYS, loadDigest, storeSnapshot } from './digest-data.ts';
import type { Job, JobContext } from './job.ts';
import { localParts } from '../clock.ts';
import { dailyPeriod } from './periods.ts';
import { type JobSettings, scheduleOf } from './settings.ts';
import { type JobLanguageSettings, roleT } from './speech.ts';

/** Lines of each section of an owner's private digest (as their App Home's myWork with this limit). */
export const OWNER_DIGEST_LINES = 10;

/** The outbox key of a day's channel digest; updates and the nudge refer to it. */
export const digestKey = (day: string) => `digest:${day}`;

/**
 * What the digest reads of the settings: how many accounts it lists, when the ledger is stale, and the
 * digest channel's language.
 */
export type DigestSettings = Pick<JobSettings, 'jobs' | 'sync'> & JobLanguageSettings;

const options = (ctx: Pick<JobContext, 'today' | 'policy'>, settings: DigestSettings) => ({
  today: ctx.today,
  calendar: ctx.policy.calendar,
  top: settings.jobs.digest.top,
  edges: ctx.policy.aging.bucketEdges,
});

/** How old the ledger snapshot is, for the digest to say so when stale. */
const digestLedgerAge = (deps: { db: Knex; clock: Clock }, settings: DigestSettings) =>
  ledgerAge({ db: deps.db, clock: deps.clock, ledgerStaleAfterMinutes: staleAfterMinutes(settings) });

/** Builds the day's digest posts (and keeps today's totals for tomorrow's comparison). */
export async function digestPosts(ctx: JobContext, settings: DigestSettings): Promise<OutgoingPost[]> {
  // The owners with their claimed accounts counted, all and overdue: the channel's unclaimed count and
  // each owner's total come from this one statement.
  const owners = await ownerClaims(ctx.db, ctx.today, DIGEST_MIN_DAYS);
  const data = await loadDigest(ctx.db, {
    ...options(ctx, settings),
    claimedOverdue: owners.reduce((n, o) => n + o.claimedOverdue, 0),
  });
  if (!ctx.dryRun) await storeSnapshot(ctx.db, ctx.today, data.totals);
  const ledger = await digestLedgerAge(ctx, settings);
  const posts: OutgoingPost[] = [
    {
      key: digestKey(ctx.today),
      to: { kind: 'channel', role: 'digest' },
      message: digestView(data, { t: ctx.channelT('digest'), ...(ledger ? { ledger } : {}) }),
    },
  ];
  // Every owner's private part in a few statements for all of them (myWork's sections, owner by owner).
  const work = await ownersWork(ctx.db, owners, ctx.today, OWNER_DIGEST_LINES, {
    afterWorkingDays: ctx.policy.statusUpdateWorkingDays,
    calendar: ctx.policy.calendar,
    timeZone: ctx.clock.timeZone,
  });
  for (const owner of owners) {
    const mine = work.get(owner.id);
    const message =
      mine &&
      ownerDigestView(mine, {
        name: owner.name,
        today: ctx.today,
        t: await ctx.userT(owner.id),
      });
    if (message)
      posts.push({
        key: `${digestKey(ctx.today)}:user:${owner.id}`,
        to: { kind: 'user', userId: owner.id },
        message,
      });
  }
  return posts;
}

/** The morning digest job. */
export function digestJob(settings: DigestSettings): Job {
  return {
    name: 'digest',
    schedule: scheduleOf(settings, 'digest', '0 9 * * *'),
    days: 'working',
    periodKey: dailyPeriod,
    run: (ctx) => digestPosts(ctx, settings),
  };
}

/** Account ids of the account rows a stored digest showed. */
function digestAccounts(payload: StoredMessage): number[] {
  return payload.blocks.flatMap((b) => (b.type === 'accountRow' ? [b.accountId] : []));
}

/** One nudge a day, DUEBOT_NUDGE_AFTER_HOURS after the digest, about its accounts still unclaimed. */
export function nudgeJob(settings: Pick<JobSettings, 'jobs'>): Job {
  const hours = settings.jobs.digest.nudgeAfterHours;
  return {
    name: 'digest-nudge',
    schedule: scheduleOf(settings, 'digest', '0 9 * * *'),
    days: 'working',
    delayMinutes: hours * 60,
    periodKey: dailyPeriod,
    async ready(db, now, today) {
      const digest = await db('outbox')
        .where({ idempotency_key: digestKey(today) })
        .first('created_at');
      return !digest || now.getTime() - new Date(digest.created_at).getTime() >= hours * 3_600_000;
    },
    async run(ctx) {
      if (hours === 0) return [];
      const digest = await ctx
        .db('outbox')
        .where({ idempotency_key: digestKey(ctx.today) })
        .first('payload');
      if (!digest) return [];
      const shown = digestAccounts(parseJson<StoredMessage>(digest.payload));
      if (shown.length === 0) return [];
      const unclaimed = await listWorklist(
        ctx.db,
        { unclaimed: true },
        { today: ctx.today, page: 1, pageSize: 1000 },
      );
      // A paused account gets no nudge until its pause ends.
      const paused = new Set(
        (await activePauses(ctx.db, shown, ctx.today))
          .filter((p) => p.itemId === null)
          .map((p) => p.accountId),
      );
      const still = unclaimed.rows.filter((r) => shown.includes(r.accountId) && !paused.has(r.accountId));
      if (still.length === 0) return [];
      return [
        {
          key: `${digestKey(ctx.today)}:nudge`,
          to: { kind: 'channel', role: 'digest' },
          threadKey: digestKey(ctx.today),
          message: nudgeView(still, hours, ctx.channelT('digest')),
        },
      ];
    },
  };
}

/** JSON with keys sorted: jsonb keeps its own key order, so stored and fresh views compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** What refreshing the digest needs. */
export interface DigestRefreshDeps {
  db: Knex;
  clock: Clock;
  config: DigestSettings;
  policy: Policy;
}

/**
 * Redraws today's digest (after a claim, a release or a sync that saw payments) and asks the outbox to
 * edit the posted message in place. False when there is no digest today.
 */
export async function refreshDigest(deps: DigestRefreshDeps): Promise<boolean> {
  const today = deps.clock.today();
  const posted = await deps
    .db('outbox')
    .where({ idempotency_key: digestKey(today) })
    .first('payload', 'update_payload');
  if (!posted) return false;
  const data = await loadDigest(deps.db, options({ today, policy: deps.policy }, deps.config));
  const ledger = await digestLedgerAge(deps, deps.config);
  const shown = parseJson<StoredMessage>(posted.update_payload ?? posted.payload);
  const t = roleT(deps.config, 'digest');
  const isStamp = (b: StoredMessage['blocks'][number]) => b.type === 'context' && isUpdatedStamp(b.text, t);
  if (
    canonical(shown.blocks.filter((b) => !isStamp(b))) ===
    canonical(digestView(data, { t, ...(ledger ? { ledger } : {}) }).blocks)
  ) {
    return false; // nothing changed: no edit
  }
  const { hour, minute } = localParts(deps.clock.now(), deps.clock.timeZone);
  const updatedAt = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return enqueueUpdate(deps.db, {
    key: digestKey(today),
    message: digestView(data, { updatedAt, t, ...(ledger ? { ledger } : {}) }),
  });
}
