/**
 * Typeahead for the searchable choice sets of duebot's dialogs (Input.ChoiceSet with `choices.data`):
 * Teams sends an `application/search` invoke as the person types, naming the dataset the card declared
 * (dialog.ts searchDataset: the field and the form's ref); the core answers (people-search.ts). The
 * answer is a search response whose results are `{ title, value }`; a refused search finds nothing.
 */
import type { SearchInvokeResponse, SearchInvokeValue, TurnContext } from 'botbuilder';
import { searchChoices } from '../../src/commands/people-search.ts';
import type { TeamsDeps } from './deliver.ts';
import { readSearchDataset } from './dialog.ts';
import { teamsUser } from './identity.ts';
import { TEAMS_LIMITS, truncate } from './limits.ts';

/** The content type of a search answer Teams reads. */
export const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';

const answer = (results: { title: string; value: string }[]): SearchInvokeResponse => ({
  statusCode: 200,
  type: SEARCH_RESPONSE_TYPE,
  value: { results },
});

/** Answers one typeahead query; never an error to Teams (which would show "Something went wrong"). */
export async function searchInvoke(
  deps: TeamsDeps,
  context: TurnContext,
  value: SearchInvokeValue,
): Promise<SearchInvokeResponse> {
  const named = readSearchDataset(value.dataset);
  if (!named) return answer([]);
  const top = Number(value.queryOptions?.top);
  try {
    const found = await searchChoices(deps.ctx, {
      ref: named.ref,
      field: named.field,
      query: typeof value.queryText === 'string' ? value.queryText : '',
      user: teamsUser(context.activity),
      limit:
        Number.isSafeInteger(top) && top > 0 ? Math.min(top, TEAMS_LIMITS.choices) : TEAMS_LIMITS.choices,
    });
    if (!found.ok) {
      deps.log.info({ why: found.error.message }, 'teams: typeahead search refused');
      return answer([]);
    }
    return answer(found.value.map((c) => ({ title: truncate(c.label, 200), value: c.value })));
  } catch (error) {
    deps.log.error({ err: error }, 'teams: typeahead search failed');
    return answer([]);
  }
}
