/** PB-29: `/overdue credits [YYYY-MM]`, the month's recovered amounts by collector (managers), privately. */
import { privateT } from '../i18n/speech.ts';
import { collectorCreditView } from '../views/collector-credit.ts';
import { collectorCredits } from '../worklist/collector-credit.ts';
import type { Actor } from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import type { Reply } from './interaction.ts';
import { roleNeeded } from './roles.ts';

/** The summary for `month` (default: the business month of today), for managers only. */
export async function creditsCommand(
  ctx: DispatchContext,
  actor: Actor,
  month: string | null,
): Promise<Reply> {
  const t = privateT(ctx);
  const refused = roleNeeded(t, actor, ['manager'], 'credits');
  if (refused) return refused;
  const chosen = month ?? ctx.clock.today().slice(0, 7);
  const days = ctx.policy.collectorCredit.bonusAfterDays;
  const credits = await collectorCredits(ctx.db, chosen, ctx.clock.timeZone, days);
  return { kind: 'ephemeral', message: collectorCreditView(chosen, credits, t, days) };
}
