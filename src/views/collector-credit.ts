/** PB-29: the monthly summary of what each collector recovered, with the bonus base (90+ days by default). */
import { formatMoney } from '../collections/money.ts';
import type { CollectorCredit } from '../worklist/collector-credit.ts';
import { BONUS_AFTER_DAYS } from '../worklist/collector-credit.ts';
import type { Block, Message } from './model.ts';

/** One line per collector (amounts per currency), nobody last. */
export function collectorCreditView(
  month: string,
  credits: CollectorCredit[],
  bonusAfterDays = BONUS_AFTER_DAYS,
): Message {
  const blocks: Block[] = [{ type: 'header', text: `Recovered in ${month} by collector (PB-29)` }];
  if (credits.length === 0) {
    blocks.push({ type: 'text', text: `No invoice was settled in ${month}.` });
    return { blocks, fallbackText: `Nothing recovered in ${month}` };
  }
  const names = [...new Set(credits.map((c) => c.collector))];
  const lines = names.map((name) => {
    const mine = credits.filter((c) => c.collector === name);
    const money = (minor: number, currency: string) => formatMoney({ minor, currency });
    const recovered = mine.map((c) => money(c.recoveredMinor, c.currency)).join(' + ');
    const items = mine.reduce((n, c) => n + c.items, 0);
    const bonus = mine.filter((c) => c.bonusItems > 0);
    const base = bonus.length ? bonus.map((c) => money(c.bonusBaseMinor, c.currency)).join(' + ') : 'none';
    return `*${name ?? 'Nobody owned the account'}*: ${recovered} (${items} ${items === 1 ? 'invoice' : 'invoices'}) · bonus base, settled over ${bonusAfterDays} days past due: ${base}`;
  });
  blocks.push({ type: 'text', text: lines.join('\n') });
  blocks.push({
    type: 'context',
    text: 'Credited to whoever owned the account when the ledger showed the invoice settled; the whole invoice total counts.',
  });
  return { blocks, fallbackText: `Recovered in ${month} by collector` };
}
