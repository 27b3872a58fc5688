/** PB-29: `/overdue credits [YYYY-MM]`, the month's recovered amounts by collector (managers). */
import { collectorCreditView } from '../views/collector-credit.ts';
import { notice } from '../views/notices.ts';
import { collectorCredits } from '../worklist/collector-credit.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';

/** The summary for `month` (default: the business month of today), for managers only. */
export async function creditsCommand(
  ctx: DispatchContext,
  actor: Actor,
  month: string | null,
): Promise<Reply> {
  const allowed = requireRole(actor, ['manager'], 'The collector credit summary');
  if (!allowed.ok) return { kind: 'ephemeral', message: notice(allowed.error.message, { tone: 'danger' }) };
  const chosen = month ?? ctx.clock.today().slice(0, 7);
  const days = ctx.policy.collectorCredit.bonusAfterDays;
  const credits = await collectorCredits(ctx.db, chosen, ctx.clock.timeZone, days);
  return { kind: 'ephemeral', message: collectorCreditView(chosen, credits, days) };
}
