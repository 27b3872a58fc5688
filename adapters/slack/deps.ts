import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Logger } from '../../src/log.ts';
import type { SlackIdentity } from './identity.ts';

/** What the Slack handlers share: the dispatcher's context, who people are, logging, the default channel. */
export interface SlackDeps {
  ctx: DispatchContext;
  identity: SlackIdentity;
  log: Logger;
  /** SLACK_CHANNEL: where account threads start when the click came from a private place. */
  defaultChannel?: string | undefined;
}
