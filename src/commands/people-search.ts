/**
 * Choices too many to send whole: a form's select field marked `search` lists only the first MAX_CHOICES,
 * and the platform asks here as the person types (Slack's external_select options request, Teams'
 * Data.Query typeahead). The core decides who may ask and what they find; adapters only translate.
 */
import type { MessageKey } from '../i18n/messages/en.ts';
import { companyT, speechFor } from '../i18n/speech.ts';
import type { MessageValues, Translator } from '../i18n/translate.ts';
import type { User } from '../views/model.ts';
import { currentOwner } from '../worklist/claims.ts';
import { fail, ok, type Result } from '../worklist/outcome.ts';

import { decodeRef } from '../views/action-ref.ts';
import { actorFor, type DispatchContext } from './dispatch.ts';
import { roleMissing } from './roles.ts';
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

/** The searching person's language (a search is no dispatched interaction: it is looked up here). */
async function speechOf(ctx: DispatchContext, search: ChoiceSearch): Promise<Translator> {
  return ctx.t ?? (await speechFor(ctx.db, search.user, ctx.language, undefined)).t;
}

const refused = (t: Translator, key: MessageKey, values?: MessageValues): Result<Choice[]> =>
  fail('invalid_input', t.t(key, values));

/**
 * The choices of a searchable field matching what the person typed. Only the people who may submit the
 * form may search it (a collector learns no names through the Reassign search); a form or field that has
 * no search, and an oversized query, are refused unread.
 */
export async function searchChoices(ctx: DispatchContext, search: ChoiceSearch): Promise<Result<Choice[]>> {
  if (search.query.length > MAX_SEARCH_LENGTH)
    return refused(await speechOf(ctx, search), 'people.tooLong', { max: String(MAX_SEARCH_LENGTH) });
  const bad = [search.query, search.ref, search.user.id, search.user.name]
    .map(unreadableCharacter)
    .find(Boolean);
  if (bad) {
    // Nothing unreadable is looked up (not even whose language it is): the company's language says it.
    const [, code = '?', position = '?'] = /^(U\+[0-9A-F]+).* at position (\d+)$/.exec(bad) ?? [];
    return refused(companyT(ctx.language), 'people.unreadable', { code, position });
  }
  const decoded = decodeRef(search.ref);
  if (!decoded.ok) return refused(await speechOf(ctx, search), 'people.badForm');
  const { action, accountId } = decoded.value;
  if (action !== 'reassign' || search.field !== 'owner' || accountId === undefined)
    return refused(await speechOf(ctx, search), 'people.noSearch');
  const [actor, t] = await Promise.all([actorFor(ctx, search.user), speechOf(ctx, search)]);
  const missing = roleMissing(t, actor, ['manager'], 'reassign');
  if (missing !== null) return fail('forbidden', missing);
  const owner = await currentOwner(ctx.db, accountId);
  return ok(
    await ownerChoices(ctx.db, {
      query: search.query,
      exceptUserId: owner?.userId,
      ...(search.limit !== undefined ? { limit: search.limit } : {}),
    }),
  );
}
