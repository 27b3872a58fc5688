/**
 * What people are told about the age of the ledger snapshot: the context line lists, cards and the digest
 * carry while it is stale, and the notices the owner gets once per outage and once when it is over.
 */
import { formatLocalTime } from '../clock.ts';
import type { Freshness, LedgerAge, SyncFailureKind } from '../ledger/freshness.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { ContextBlock, Message } from './model.ts';

export type { LedgerAge };

/** How long ago, as people say it: "less than a minute", "12 min", "2 h", "3 days" (in `t`'s language). */
export function formatAge(ms: number, t: Translator = translator('en')): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t.t('list.age', { unit: 'none', n: 0 });
  if (minutes < 60) return t.t('list.age', { unit: 'minutes', n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t.t('list.age', { unit: 'hours', n: hours });
  return t.t('list.age', { unit: 'days', n: Math.floor(hours / 24) });
}

/** Why the snapshot is old, as the `reason` select of the messages says it (detail: logs, /healthz, doctor). */
const REASON: Record<SyncFailureKind, string> = {
  unreachable: 'unreachable',
  mapping: 'mapping',
  other: 'failed',
};
const reasonOf = (f: Freshness) => (f.failure ? REASON[f.failure.kind] : 'none');

/** "Ledger last read 2 h ago: the accounting database is unreachable." when stale, otherwise null. */
export function staleLedgerLine(
  f: Freshness | null | undefined,
  now: Date,
  t: Translator = translator('en'),
): string | null {
  if (!f?.stale) return null;
  return t.t('list.stale', {
    read: f.lastRead ? 'yes' : 'never',
    age: f.lastRead ? formatAge(now.getTime() - f.lastRead.getTime(), t) : '',
    reason: reasonOf(f),
  });
}

/** The stale line as the context block every stale list, card and digest carries (none when fresh). */
export function staleLedgerBlocks(
  f: Freshness | null | undefined,
  now: Date,
  t: Translator = translator('en'),
): ContextBlock[] {
  const line = staleLedgerLine(f, now, t);
  return line ? [{ type: 'context', text: line }] : [];
}

/** Told to the bot's owner once an outage makes the data stale. */
export function ledgerOutageView(
  f: Freshness,
  now: Date,
  timeZone: string,
  t: Translator = translator('en'),
): Message {
  const reason = reasonOf(f);
  const text = t.t('job.outage.text', {
    reason,
    read: f.lastRead ? 'yes' : 'never',
    time: f.lastRead ? formatLocalTime(f.lastRead, timeZone) : '',
    age: f.lastRead ? formatAge(now.getTime() - f.lastRead.getTime(), t) : '',
  });
  return {
    blocks: [
      { type: 'text', text, tone: 'danger' },
      { type: 'context', text: t.t('job.outage.details') },
    ],
    fallbackText: t.t('job.outage.fallback', { reason }),
  };
}

/** Told to the owner when the ledger is read again after an outage they were told about. */
export function ledgerRecoveredView(
  failingSince: Date,
  now: Date,
  timeZone: string,
  t: Translator = translator('en'),
): Message {
  const text = t.t('job.recovered.text', {
    time: formatLocalTime(now, timeZone),
    age: formatAge(now.getTime() - failingSince.getTime(), t),
  });
  return {
    blocks: [{ type: 'text', text, tone: 'success' }],
    fallbackText: t.t('job.recovered.fallback'),
  };
}

/** The stale line of a view, placed under its header. */
export const staleBlocksOf = (
  age: LedgerAge | undefined,
  t: Translator = translator('en'),
): ContextBlock[] => (age ? staleLedgerBlocks(age.freshness, age.now, t) : []);
