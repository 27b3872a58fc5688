/**
 * The Slack app in Socket Mode, driven like the HTTP harness: a command, a click or a submission goes to
 * the app as an envelope over a real WebSocket (test/support/socket-mode-server.ts), and each call returns
 * once the envelope is acknowledged and the app has finished its work. What the clicker and the channel saw
 * is read back from the intercepted Web API and response URLs, as over HTTP.
 */
// NOTE: first, so nock patches node:http before the adapter binds http.request (deliver.ts) at import.
import { interceptSlack, type SlackRecord } from './slack-api.ts';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SocketLink } from '../../../adapters/slack/socket-link.ts';
import type { DispatchContext } from '../../../src/commands/dispatch.ts';
import type { Database } from '../../../src/db.ts';
import type { Logger } from '../../../src/log.ts';
import {
  type Ack,
  type DeliverOptions,
  type EnvelopeType,
  type SocketModeServer,
  startSocketModeServer,
} from '../../support/socket-mode-server.ts';
import { harnessApp } from './harness.ts';
import {
  type ClickOptions,
  clickPayload,
  eventBody,
  slashForm,
  type SubmittedView,
  submissionPayload,
} from './payloads.ts';

/** Short enough that a reconnect takes a second, long enough that a busy machine still answers pings. */
const PING_TIMEOUT_MS = 1000;
/** A bound on each wait, so a lost envelope fails its test instead of hanging it. */
const WAIT_MS = 15_000;

/** One envelope's round trip: the counted acknowledgement (its payload is a modal's answer). */
export interface Delivered {
  envelopeId: string;
  ack: Ack;
}

export interface SocketHarness extends Omit<SlackRecord, 'stop'> {
  server: SocketModeServer;
  link: SocketLink;
  /** GET /healthz on the Socket Mode app's own HTTP port. */
  health(): Promise<Response>;
  slash(text: string, user?: string, channel?: string, options?: DeliverOptions): Promise<Delivered>;
  click(ref: string, user?: string, options?: ClickOptions & DeliverOptions): Promise<Delivered>;
  submit(view: SubmittedView, user?: string, options?: DeliverOptions): Promise<Delivered>;
  event(event: Record<string, unknown>, eventId: string): Promise<Delivered>;
  /** Any envelope: waits for its acknowledgement and for the app to finish every delivery of it. */
  deliver(type: EnvelopeType, payload: unknown, options?: DeliverOptions): Promise<Delivered>;
  /** Waits until the app has finished with `envelopeId` (a malformed one is refused and acknowledged). */
  settled(envelopeId: string): Promise<void>;
  close(): Promise<void>;
}

function bounded<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${WAIT_MS} ms`)), WAIT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Starts the Socket Mode server and the app over `db`; resolves once the app's socket is connected. */
export async function startSocketHarness(
  db: Database,
  options: { pageSize?: number; log?: Logger; graceMs?: number; ctx?: Partial<DispatchContext> } = {},
): Promise<SocketHarness> {
  const server = await startSocketModeServer();
  const record = interceptSlack((method) =>
    method === 'apps.connections.open' ? server.openConnection() : undefined,
  );
  const done = new EventEmitter();
  const seen = new Map<string, { received: number; settled: number }>();
  const { app, socket } = harnessApp(db, {
    appToken: 'xapp-1-A1-1-test',
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.ctx ? { ctx: options.ctx } : {}),
    socket: {
      pingTimeoutMs: PING_TIMEOUT_MS,
      ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
      onEnvelope: (id, phase) => {
        const counts = seen.get(id) ?? { received: 0, settled: 0 };
        counts[phase] += 1;
        seen.set(id, counts);
        done.emit('change');
      },
    },
  });
  if (!socket) throw new Error('the app did not start in Socket Mode');
  await bounded('connecting', app.start());
  // NOTE: the receiver's health server is Bolt's private member; its port is free-chosen (SLACK_PORT=0).
  const http = (app as unknown as { receiver: { httpServer: Server } }).receiver.httpServer;
  if (!http.listening) await new Promise((resolve) => http.once('listening', resolve));
  const healthUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/healthz`;

  /** The app has received `id` and finished every delivery of it that reached it. */
  const settled = (id: string) =>
    bounded(
      `envelope ${id}`,
      new Promise<void>((resolve) => {
        const check = () => {
          const counts = seen.get(id);
          if (!counts || counts.received === 0 || counts.settled < counts.received) return;
          done.off('change', check);
          resolve();
        };
        done.on('change', check);
        check();
      }),
    );

  const deliver = async (type: EnvelopeType, payload: unknown, opts: DeliverOptions = {}) => {
    const delivery = server.deliver(type, payload, opts);
    const ack = await bounded(`the ack of ${delivery.envelopeId}`, delivery.acked);
    await settled(delivery.envelopeId);
    return { envelopeId: delivery.envelopeId, ack };
  };
  const interactive = (payload: Record<string, unknown>, opts?: DeliverOptions) =>
    deliver('interactive', payload, opts);

  return {
    server,
    link: socket,
    api: record.api,
    responses: record.responses,
    uploads: record.uploads,
    calls: record.calls,
    answerWith: record.answerWith,
    reset: record.reset,
    health: () => fetch(healthUrl, { signal: AbortSignal.timeout(WAIT_MS) }),
    slash(text, user = 'UANN', channel = 'CWORK', opts = {}) {
      return deliver('slash_commands', Object.fromEntries(slashForm(text, user, channel)), opts);
    },
    click(ref, user = 'UANN', opts = {}) {
      return interactive(clickPayload(ref, user, opts), opts);
    },
    submit(view, user = 'UANN', opts = {}) {
      return interactive(submissionPayload(view, user), opts);
    },
    event(event, eventId) {
      return deliver('events_api', eventBody(event, eventId));
    },
    deliver,
    settled,
    async close() {
      await app.stop();
      await server.close();
      record.stop();
    },
  };
}
