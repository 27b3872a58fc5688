/**
 * Slack's payloads as Slack sends them, for every Slack transport of the tests: a slash command's fields, a
 * block_actions click, a view_submission, an Events API body. Each use gets new trigger and view ids.
 */
import type { ViewState } from '../../../adapters/slack/modal.ts';
import { HOOKS } from './slack-api.ts';

export interface ClickOptions {
  blockId?: string;
  overflow?: boolean;
  fromHome?: boolean;
  responsePath?: string;
  channel?: string;
  /** The button says it opens a form (block-kit.ts draws `duebot-form-N`). */
  opensForm?: boolean;
  /** The click answers a confirm: Slack's own dialog said yes, or a confirm step's Yes / Cancel was clicked. */
  confirmed?: boolean;
}

export interface SubmittedView {
  private_metadata: string;
  state: ViewState;
  title?: string;
  /** The view's id and hash; a new view each submit unless given (give both to deliver one view again). */
  id?: string;
  hash?: string;
  /** Extra request headers, e.g. Slack's X-Slack-Retry-Num on a redelivery. */
  headers?: Record<string, string>;
}

let sequence = 0;

/** The form fields of a `/overdue` slash command, as Slack sends them (the fuzzer garbles them). */
export function slashFields(text: string, user: string, channel: string, n: number): [string, string][] {
  return [
    ['token', 'legacy'],
    ['team_id', 'T1'],
    ['team_domain', 'acme'],
    ['channel_id', channel],
    ['channel_name', 'collections'],
    ['user_id', user],
    ['user_name', user.toLowerCase()],
    ['command', '/overdue'],
    ['text', text],
    ['api_app_id', 'A1'],
    ['response_url', `${HOOKS}/commands/${n}`],
    ['trigger_id', `trigger-${n}`],
  ];
}

/** The fields of an /overdue slash command as Slack sends them (a test may repeat or bend one). */
export function slashForm(text: string, user = 'UANN', channel = 'CWORK'): URLSearchParams {
  sequence += 1;
  return new URLSearchParams(slashFields(text, user, channel, sequence));
}

const person = (user: string) => ({
  id: user,
  username: user.toLowerCase(),
  name: user.toLowerCase(),
  team_id: 'T1',
});

/** A block_actions payload: a button (or overflow option) carrying `ref`, on a card or in App Home. */
export function clickPayload(
  ref: string,
  user = 'UANN',
  options: ClickOptions = {},
): Record<string, unknown> {
  sequence += 1;
  const kind =
    options.confirmed === true
      ? 'yes-'
      : options.confirmed === false
        ? 'no-'
        : options.opensForm
          ? 'form-'
          : '';
  const actionId = `duebot-${kind}0`;
  const element = options.overflow
    ? {
        type: 'overflow',
        action_id: actionId,
        block_id: options.blockId ?? 'actions-5',
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: ref },
        action_ts: '1',
      }
    : {
        type: 'button',
        action_id: actionId,
        block_id: options.blockId ?? 'actions-5',
        value: ref,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1',
      };
  const channel = options.channel ?? 'CWORK';
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: person(user),
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${sequence}`,
    actions: [element],
    ...(options.fromHome
      ? {
          container: { type: 'view', view_id: 'VHOME' },
          view: { id: 'VHOME', type: 'home', blocks: [], state: { values: {} } },
        }
      : {
          container: {
            type: 'message',
            message_ts: '1764000000.000001',
            channel_id: channel,
            is_ephemeral: false,
          },
          channel: { id: channel, name: 'collections' },
          message: { ts: '1764000000.000001', type: 'message', text: 'card' },
          response_url: `${HOOKS}${options.responsePath ?? `/actions/${sequence}`}`,
        }),
  };
}

/** A view_submission payload of duebot's modal. */
export function submissionPayload(view: SubmittedView, user = 'UANN'): Record<string, unknown> {
  sequence += 1;
  return {
    type: 'view_submission',
    team: { id: 'T1', domain: 'acme' },
    user: person(user),
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${sequence}`,
    view: {
      id: view.id ?? `VMODAL${sequence}`,
      hash: view.hash ?? `1764000000.${sequence}`,
      type: 'modal',
      callback_id: 'duebot-form',
      private_metadata: view.private_metadata,
      title: { type: 'plain_text', text: view.title ?? 'Log a contact' },
      state: view.state,
      blocks: [],
    },
  };
}

/** An Events API body around one event. */
export function eventBody(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1764000000,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event,
  };
}
