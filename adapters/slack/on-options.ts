/**
 * Options for the searchable selects of duebot's modals (external_select): Slack asks as the person
 * types, with the modal's private_metadata and the field's block id; the core answers (people-search.ts).
 * Slack takes at most 100 options of at most 75 characters each; a refused search shows no options.
 */
import type { App, BlockSuggestion } from '@slack/bolt';
import { searchChoices } from '../../src/commands/people-search.ts';
import type { SlackDeps } from './deps.ts';
import { SLACK_LIMITS, truncate } from './limits.ts';
import { readMetadata } from './modal.ts';

/** Registers the options load handler (the manifest's options load URL is /slack/events). */
export function registerOptions(app: App, deps: SlackDeps): void {
  app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ body, ack }) => {
    const suggestion = body as BlockSuggestion;
    const meta = readMetadata(suggestion.view?.private_metadata);
    try {
      if (!meta) return await ack({ options: [] });
      const user = await deps.identity.user(suggestion.user.id, suggestion.user.name);
      const found = await searchChoices(deps.ctx, {
        ref: meta.ref,
        field: suggestion.block_id,
        query: suggestion.value ?? '',
        user,
        limit: SLACK_LIMITS.selectOptions,
      });
      if (!found.ok) deps.log.info({ why: found.error.message }, 'slack: options search refused');
      const options = (found.ok ? found.value : [])
        .filter((c) => c.value.length <= SLACK_LIMITS.optionValue)
        .map((c) => ({
          text: { type: 'plain_text' as const, text: truncate(c.label, SLACK_LIMITS.optionText) || ' ' },
          value: c.value,
        }));
      await ack({ options });
    } catch (error) {
      deps.log.error({ err: error }, 'slack: options search failed');
      await ack({ options: [] }).catch(() => undefined);
    }
  });
}
