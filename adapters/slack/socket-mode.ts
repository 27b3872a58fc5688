/**
 * Socket Mode, a transport like HTTP: the bot opens a WebSocket to Slack (no public URL) and Slack delivers
 * slash commands, clicks, form submissions and events over it as envelopes, each acknowledged by its
 * envelope_id. Around Bolt's SocketModeReceiver: a malformed message or envelope is refused before the client's
 * parser or Bolt's handlers see it; a command or click that Slack delivers again (its acknowledgement lost
 * with a dropped socket) takes effect once; the connection's state feeds /healthz.
 */
import {
  type App,
  type Logger as BoltLogger,
  type CustomRoute,
  type ReceiverEvent,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Knex } from 'knex';
import { z } from 'zod';
import { submissionKey } from '../../src/commands/submit-once.ts';
import type { Logger } from '../../src/log.ts';
import { claimEvent, releaseEvent } from './handled-events.ts';
import { kindOf, shapeProblem } from './request-shape.ts';
import { createSocketLink, type SocketLink } from './socket-link.ts';

/** Follows each envelope through the app. */
export type EnvelopeObserver = (envelopeId: string, phase: 'received' | 'settled') => void;

/** Timings and a hook that tests set; production keeps Slack's defaults. */
export interface SocketTuning {
  /** How long a ping waits for its pong; also the client's first reconnect delay (Slack's default 5 s). */
  pingTimeoutMs?: number;
  /** How long the socket may be down before /healthz answers 503 (SOCKET_GRACE_MS). */
  graceMs?: number;
  /**
   * Told when an envelope reaches the app (`received`) and when it has been handled to the end (`settled`:
   * acknowledged and its work done, or refused).
   */
  onEnvelope?: EnvelopeObserver;
}

/** What the Socket Mode transport needs. */
export interface SocketTransportOptions {
  appToken: string;
  /** SLACK_API_URL, for apps.connections.open too; absent: Slack's own. */
  slackApiUrl?: string | undefined;
  /** The HTTP port of /healthz and the other routes. */
  port: number;
  /** Built with the link, so /healthz can read it. */
  routes: (link: SocketLink) => CustomRoute[];
  logger: BoltLogger;
  log: Logger;
  db: Knex;
  tuning?: SocketTuning | undefined;
}

/** Envelope types that carry a delivery to acknowledge. */
const DELIVERIES = ['slash_commands', 'interactive', 'events_api'] as const;

const delivery = z.object({
  type: z.enum(DELIVERIES),
  envelope_id: z.string().min(1).max(200),
  payload: z.looseObject({}),
});
const eventDelivery = delivery.extend({
  payload: z.looseObject({ event: z.looseObject({ type: z.string().min(1).max(100) }) }),
});

/** What is wrong with one message on the socket, or null; `envelopeId` when it can still be acknowledged. */
export function envelopeProblem(text: string): { reason: string; envelopeId?: string } | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { reason: 'not JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return { reason: 'expected a JSON object' };
  const { type, envelope_id: id } = message as { type?: unknown; envelope_id?: unknown };
  if (typeof type !== 'string') return { reason: 'type: expected a string' };
  if (!(DELIVERIES as readonly string[]).includes(type)) return null; // hello, disconnect, and the like
  const checked = (type === 'events_api' ? eventDelivery : delivery).safeParse(message);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const reason = `${issue?.path.join('.') || 'envelope'}: ${issue?.message ?? 'malformed'}`;
  return typeof id === 'string' && id.length > 0 && id.length <= 200
    ? { reason, envelopeId: id }
    : { reason };
}

/**
 * The stable name of a delivery Slack may repeat: a slash command's or a click's trigger id (new for each
 * use, the same on every delivery of it). Form submissions are named in the core (submit-once.ts), events by
 * their event id (on-events.ts).
 */
export function redeliveryKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  if (kindOf(body) !== 'command' && record.type !== 'block_actions') return null;
  const trigger = record.trigger_id;
  return typeof trigger === 'string' && trigger !== '' ? submissionKey('trigger', trigger) : null;
}

type Next = (event: ReceiverEvent) => Promise<void>;
type Step = (event: ReceiverEvent, next: Next) => Promise<void>;

/** Puts `step` in front of Bolt's processEvent; the step applied first runs first. */
function intercept(receiver: SocketModeReceiver, step: Step): void {
  const init = receiver.init.bind(receiver);
  receiver.init = (app: App) => {
    const processEvent: Next = app.processEvent.bind(app);
    init(
      Object.create(app, {
        processEvent: { value: (event: ReceiverEvent) => step(event, processEvent) },
      }) as App,
    );
  };
}

/**
 * The client parses each message itself and throws on some (`null`, an events_api envelope without an
 * event), which would end the process as an unhandled rejection: check each message first.
 */
function guardMessages(receiver: SocketModeReceiver, log: Logger, observe?: EnvelopeObserver): void {
  const { client } = receiver;
  const parsers = client.listeners('ws_message');
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    const text =
      typeof data === 'string' ? data : isBinary ? null : new TextDecoder().decode(data as Uint8Array);
    const problem = text === null ? null : envelopeProblem(text);
    if (problem) {
      log.warn({ reason: problem.reason }, 'slack: Socket Mode message refused');
      if (problem.envelopeId) {
        const id = problem.envelopeId;
        observe?.(id, 'received');
        // Acknowledged, so Slack does not deliver it again. NOTE: send() is the client's private ack.
        client['send'](id)
          .catch(() => undefined)
          .finally(() => observe?.(id, 'settled'));
      }
      return;
    }
    for (const parse of parsers)
      Promise.resolve(parse.call(client, data, isBinary)).catch((error: unknown) =>
        log.error({ err: error }, 'slack: a Socket Mode message could not be handled'),
      );
  });
}

/** Builds the guarded receiver and the link that tells /healthz whether its socket is up. */
export function createSocketReceiver(options: SocketTransportOptions): {
  receiver: SocketModeReceiver;
  link: SocketLink;
} {
  const { db, tuning } = options;
  const log = options.log.child({ component: 'slack' });
  const link = createSocketLink(tuning?.graceMs === undefined ? {} : { graceMs: tuning.graceMs });
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    clientPingTimeout: tuning?.pingTimeoutMs,
    installerOptions: {
      port: options.port,
      ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
    },
    customRoutes: options.routes(link),
    customPropertiesExtractor: (args: { envelope_id?: unknown }) => ({
      envelopeId: String(args.envelope_id),
    }),
  });
  link.follow(receiver.client);
  guardMessages(receiver, log, tuning?.onEnvelope);

  intercept(receiver, async (event, next) => {
    const id = String(event.customProperties?.envelopeId);
    tuning?.onEnvelope?.(id, 'received');
    try {
      await next(event);
    } finally {
      tuning?.onEnvelope?.(id, 'settled');
    }
  });
  // The same shape checks as over HTTP; a malformed body is acknowledged (not delivered again) and dropped.
  intercept(receiver, async (event, next) => {
    const body: unknown = event.body;
    const problem = shapeProblem(kindOf(body), body);
    if (!problem) return next(event);
    log.warn({ reason: problem }, 'slack: Socket Mode envelope refused');
    await event.ack();
  });
  // A command or click delivered again after its acknowledgement was lost: acknowledged, not repeated.
  intercept(receiver, async (event, next) => {
    const key = redeliveryKey(event.body);
    if (!key) return next(event);
    if (!(await claimEvent(db, key))) {
      log.info({ retryNum: event.retryNum }, 'slack: a delivery already handled came again; not repeated');
      await event.ack();
      return;
    }
    const ack = event.ack;
    await next({
      ...event,
      // An acknowledgement that cannot be sent stops the handler before its work: give the key back, so
      // Slack's next delivery does the work.
      ack: async (response?: Parameters<ReceiverEvent['ack']>[0]) => {
        try {
          await ack(response);
        } catch (error) {
          await releaseEvent(db, key).catch(() => undefined);
          throw error;
        }
      },
    });
  });
  return { receiver, link };
}
