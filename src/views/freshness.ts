/**
 * What people are told about the age of the ledger snapshot: the context line lists, cards and the digest
 * carry while it is stale, and the notices the owner gets once per outage and once when it is over.
 */
import { formatLocalTime } from '../clock.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import type { Freshness, LedgerAge, SyncFailureKind } from '../ledger/freshness.ts';
import type { ContextBlock, Message } from './model.ts';

export type { LedgerAge };

/** An age in whole units, as people say it: the unit and how many. */
function ageParts(ms: number): { unit: 'now' | 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return { unit: 'now', n: 0 };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', n: hours };
  return { unit: 'days', n: Math.floor(hours / 24) };
}

/** "less than a minute", "12 min", "2 h", "3 days": how long ago, as people say it (in `t`'s language). */
export function formatAge(ms: number, t: Translator = translator('en')): string {
  const { unit, n } = ageParts(ms);
  return t.t('card.age', { unit, n });
}

/** Why the snapshot is old, in a few words for chat (the detail is for logs, /healthz and doctor). */
export function staleReason(f: Freshness, t: Translator = translator('en')): string {
  const why: SyncFailureKind | 'none' = f.failure ? f.failure.kind : 'none';
  return t.t('card.stale.why', { why });
}

/** "Ledger last read 2 h ago: the accounting database is unreachable." when stale, otherwise null. */
export function staleLedgerLine(
  f: Freshness | null | undefined,
  now: Date,
  t: Translator = translator('en'),
): string | null {
  if (!f?.stale) return null;
  const why = staleReason(f, t);
  return f.lastRead
    ? t.t('card.stale.line', { age: formatAge(now.getTime() - f.lastRead.getTime(), t), why })
    : t.t('card.stale.lineNever', { why });
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
  const why = staleReason(f, t);
  const text = f.lastRead
    ? t.t('card.outage.text', {
        why,
        at: formatLocalTime(f.lastRead, timeZone),
        age: formatAge(now.getTime() - f.lastRead.getTime(), t),
      })
    : t.t('card.outage.textNever', { why });
  return {
    blocks: [
      { type: 'text', text, tone: 'danger' },
      { type: 'context', text: t.t('card.outage.details') },
    ],
    fallbackText: t.t('card.outage.fallback', { why }),
  };
}

/** Told to the owner when the ledger is read again after an outage they were told about. */
export function ledgerRecoveredView(
  failingSince: Date,
  now: Date,
  timeZone: string,
  t: Translator = translator('en'),
): Message {
  const text = t.t('card.recovered.text', {
    at: formatLocalTime(now, timeZone),
    age: formatAge(now.getTime() - failingSince.getTime(), t),
  });
  return {
    blocks: [{ type: 'text', text, tone: 'success' }],
    fallbackText: t.t('card.recovered.fallback'),
  };
}

/** The stale line of a view, placed under its header, in the view's language. */
export const staleBlocksOf = (
  age: LedgerAge | undefined,
  t: Translator = translator('en'),
): ContextBlock[] => (age ? staleLedgerBlocks(age.freshness, age.now, t) : []);
