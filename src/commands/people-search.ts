/**
 * Choices too many to send whole: a form's select field marked `search` lists only the first MAX_CHOICES,
 * and the platform asks here as the person types (Slack's external_select options request, Teams'
 * Data.Query typeahead). The core decides who may ask and what they find; adapters only translate.
 */
import type { User } from '../views/model.ts';
import { currentOwner } from '../worklist/claims.ts';
import { fail, ok, type Result } from '../worklist/outcome.ts';
import { requireRole } from '../worklist/staff.ts';
import { decodeRef } from '../views/action-ref.ts';
import { actorFor, type DispatchContext } from './dispatch.ts';
import { type Choice, MAX_CHOICES, ownerChoices } from './reassign.ts';
import { unreadableCharacter } from './text-hygiene.ts';

export { type Choice, MAX_CHOICES };

/** Longest search text read; nobody's name is longer, and longer text is refused unread. */
export const MAX_SEARCH_LENGTH = 100;

/** What a platform asks: the form (its ref), the field, what the person typed so far, and who they are. */
export interface ChoiceSearch {
  ref: string;
  field: string;
  query: string;
  user: User;
  /** Fewer than MAX_CHOICES when the platform shows fewer (Teams asks for 15 at a time). */
  limit?: number;
}

/**
 * The choices of a searchable field matching what the person typed. Only the people who may submit the
 * form may search it (a collector learns no names through the Reassign search); a form or field that has
 * no search, and an oversized query, are refused unread.
 */
export async function searchChoices(ctx: DispatchContext, search: ChoiceSearch): Promise<Result<Choice[]>> {
  if (search.query.length > MAX_SEARCH_LENGTH)
    return fail('invalid_input', `Type at most ${MAX_SEARCH_LENGTH} characters to search.`);
  const bad = [search.query, search.ref, search.user.id, search.user.name]
    .map(unreadableCharacter)
    .find(Boolean);
  if (bad) return fail('invalid_input', `The search has ${bad}, which duebot cannot read.`);
  const decoded = decodeRef(search.ref);
  if (!decoded.ok) return fail('invalid_input', decoded.error.message);
  const { action, accountId } = decoded.value;
  if (action !== 'reassign' || search.field !== 'owner' || accountId === undefined)
    return fail('invalid_input', 'This field has no search.');
  const actor = await actorFor(ctx, search.user);
  const allowed = requireRole(actor, ['manager'], 'Reassigning an account');
  if (!allowed.ok) return allowed;
  const owner = await currentOwner(ctx.db, accountId);
  return ok(
    await ownerChoices(ctx.db, {
      query: search.query,
      exceptUserId: owner?.userId,
      ...(search.limit !== undefined ? { limit: search.limit } : {}),
    }),
  );
}
