/** PB-29: the monthly summary of what each collector recovered, with the bonus base (90+ days by default). */
import type { Translator } from '../i18n/translate.ts';
import type { CollectorCredit } from '../worklist/collector-credit.ts';
import { BONUS_AFTER_DAYS } from '../worklist/collector-credit.ts';
import type { Block, Message } from './model.ts';

/** One line per collector (amounts per currency), nobody last. */
export function collectorCreditView(
  month: string,
  credits: CollectorCredit[],
  t: Translator,
  bonusAfterDays = BONUS_AFTER_DAYS,
): Message {
  const blocks: Block[] = [{ type: 'header', text: t.t('credits.title', { month }) }];
  if (credits.length === 0) {
    blocks.push({ type: 'text', text: t.t('credits.none', { month }) });
    return { blocks, fallbackText: t.t('credits.noneFallback', { month }) };
  }
  const names = [...new Set(credits.map((c) => c.collector))];
  const lines = names.map((name) => {
    const mine = credits.filter((c) => c.collector === name);
    const recovered = mine.map((c) => t.money(c.recoveredMinor, c.currency)).join(' + ');
    const items = mine.reduce((n, c) => n + c.items, 0);
    const bonus = mine.filter((c) => c.bonusItems > 0);
    const base = bonus.map((c) => t.money(c.bonusBaseMinor, c.currency)).join(' + ');
    return t.t('credits.line', {
      hasName: name === null ? 'no' : 'yes',
      name: name ?? '',
      recovered,
      items,
      days: String(bonusAfterDays),
      hasBase: base ? 'yes' : 'no',
      base,
    });
  });
  blocks.push({ type: 'text', text: lines.join('\n') });
  blocks.push({ type: 'context', text: t.t('credits.note') });
  return { blocks, fallbackText: t.t('credits.fallback', { month }) };
}
