/**
 * What people are told about the age of the ledger snapshot: the context line lists, cards and the digest
 * carry while it is stale, and the notices the owner gets once per outage and once when it is over.
 */
import { formatLocalTime } from '../clock.ts';
import type { Freshness, LedgerAge, SyncFailureKind } from '../ledger/freshness.ts';
import type { ContextBlock, Message } from './model.ts';

export type { LedgerAge };

/** "less than a minute", "12 min", "2 h", "3 days": how long ago, as people say it. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

const WHY: Record<SyncFailureKind, string> = {
  unreachable: 'the accounting database is unreachable',
  mapping: 'the ledger mapping query fails',
  other: 'the ledger sync fails',
};

/** Why the snapshot is old, in a few words for chat (the detail is for logs, /healthz and doctor). */
export function staleReason(f: Freshness): string {
  return f.failure ? WHY[f.failure.kind] : 'no sync has finished since';
}

/** "Ledger last read 2 h ago: the accounting database is unreachable." when stale, otherwise null. */
export function staleLedgerLine(f: Freshness | null | undefined, now: Date): string | null {
  if (!f?.stale) return null;
  const read = f.lastRead ? `last read ${formatAge(now.getTime() - f.lastRead.getTime())} ago` : 'never read';
  return `Ledger ${read}: ${staleReason(f)}.`;
}

/** The stale line as the context block every stale list, card and digest carries (none when fresh). */
export function staleLedgerBlocks(f: Freshness | null | undefined, now: Date): ContextBlock[] {
  const line = staleLedgerLine(f, now);
  return line ? [{ type: 'context', text: line }] : [];
}

const readAt = (f: Freshness, now: Date, timeZone: string) =>
  f.lastRead
    ? `${formatLocalTime(f.lastRead, timeZone)} (${formatAge(now.getTime() - f.lastRead.getTime())} ago)`
    : 'never';

/** Told to the bot's owner once an outage makes the data stale. */
export function ledgerOutageView(f: Freshness, now: Date, timeZone: string): Message {
  const text =
    `*duebot cannot read the ledger*: ${staleReason(f)}. ` +
    `Lists, cards and the digest show the data last read ${readAt(f, now, timeZone)} and say so. ` +
    'duebot keeps trying and says here when it reads the ledger again.';
  return {
    blocks: [
      { type: 'text', text, tone: 'danger' },
      { type: 'context', text: 'Details: `duebot doctor` on the server, or GET /healthz.' },
    ],
    fallbackText: `duebot cannot read the ledger: ${staleReason(f)}`,
  };
}

/** Told to the owner when the ledger is read again after an outage they were told about. */
export function ledgerRecoveredView(failingSince: Date, now: Date, timeZone: string): Message {
  const text = `*duebot reads the ledger again* (at ${formatLocalTime(now, timeZone)}, after ${formatAge(now.getTime() - failingSince.getTime())} without it). Lists, cards and the digest are current.`;
  return {
    blocks: [{ type: 'text', text, tone: 'success' }],
    fallbackText: 'duebot reads the ledger again',
  };
}

/** The stale line of a view, placed under its header. */
export const staleBlocksOf = (age: LedgerAge | undefined): ContextBlock[] =>
  age ? staleLedgerBlocks(age.freshness, age.now) : [];
