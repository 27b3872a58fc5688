/**
 * Slack's side of Socket Mode, on loopback: `apps.connections.open` (answered through the Web API
 * interceptor) hands out a one-use ws://127.0.0.1 URL; a real WebSocket server greets each connection with
 * `hello`, then delivers envelopes and matches acknowledgements by envelope_id, timing each. As Slack does,
 * an envelope not acknowledged when its connection ends is delivered again on the next connection, with
 * `retry_attempt` and `retry_reason`.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/** Envelope types that carry a delivery. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** Slack's protocol limit: an envelope must be acknowledged within 3 s. */
export const ACK_DEADLINE_MS = 3000;

/** One acknowledgement as the server received it. */
export interface Ack {
  envelopeId: string;
  /** The ack's payload: empty, or a modal's answer (response_action) and the like. */
  payload: Record<string, unknown>;
  /** From sending the attempt it acknowledges to receiving the ack. */
  latencyMs: number;
  /** Which delivery it acknowledges: 1 first, 2 the first redelivery. */
  attempt: number;
}

export interface DeliverOptions {
  /**
   * The acknowledgement is lost: when it arrives the server drops the connection without counting it (as if
   * the ack was still in flight), so the envelope is delivered again on the next connection.
   */
  loseAck?: boolean;
}

/** One envelope handed to the server. */
export interface Delivery {
  envelopeId: string;
  /** The acknowledgement that counted, whichever attempt it came on. */
  acked: Promise<Ack>;
}

export interface SocketModeServer {
  /** The Web API's answer to apps.connections.open: a fresh one-use URL. */
  openConnection(): Record<string, unknown>;
  /** While on, apps.connections.open answers `internal_error` (a recoverable failure the client retries). */
  refuseOpens(on: boolean): void;
  /** How many times apps.connections.open was answered. */
  readonly opened: number;
  /** How many connections were greeted with hello. */
  readonly connections: number;
  /** Resolves once `n` connections in all have been greeted. */
  connected(n: number): Promise<void>;
  /** Resolves once apps.connections.open has been answered `n` times in all. */
  openedTimes(n: number): Promise<void>;
  deliver(type: EnvelopeType, payload: unknown, options?: DeliverOptions): Delivery;
  /** Sends a message as it is (malformed ones included) on the current connection. */
  sendRaw(text: string): void;
  /** Slack's `disconnect` message: the client should close and connect again. */
  disconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Ends the current connection's TCP socket at once (no close handshake). */
  drop(): void;
  /** How many times an envelope has been sent (1 + redeliveries). */
  attempts(envelopeId: string): number;
  /** Every ack counted, in arrival order. */
  readonly acks: Ack[];
  /** Acks of an envelope delivered here that was not awaiting one (acknowledged twice). */
  readonly strayAcks: string[];
  /** Acks of envelope ids never delivered through deliver() (those in sendRaw's messages, say). */
  readonly otherAcks: string[];
  close(): Promise<void>;
}

interface Pending {
  type: EnvelopeType;
  payload: unknown;
  attempts: number;
  sentAt: number;
  sentOn: WebSocket | null;
  loseAck: boolean;
  resolve(ack: Ack): void;
}

/** Starts the server on a free loopback port. */
export async function startSocketModeServer(): Promise<SocketModeServer> {
  const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  const events = new EventEmitter();
  const tickets = new Set<string>();
  const pending = new Map<string, Pending>();
  const attempts = new Map<string, number>();
  const acks: Ack[] = [];
  const strayAcks: string[] = [];
  const otherAcks: string[] = [];
  let opened = 0;
  let refusing = false;
  let greeted = 0;
  let sequence = 0;
  let current: WebSocket | null = null;

  const send = (id: string, envelope: Pending) => {
    if (!current || current.readyState !== WebSocket.OPEN) return;
    envelope.attempts += 1;
    attempts.set(id, envelope.attempts);
    envelope.sentAt = Date.now();
    envelope.sentOn = current;
    current.send(
      JSON.stringify({
        envelope_id: id,
        type: envelope.type,
        payload: envelope.payload,
        accepts_response_payload: envelope.type !== 'events_api',
        retry_attempt: envelope.attempts - 1,
        retry_reason: envelope.attempts > 1 ? 'timeout' : '',
      }),
    );
  };

  const onAck = (socket: WebSocket, text: string) => {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      otherAcks.push(text.slice(0, 100));
      return;
    }
    const id = String(message.envelope_id);
    const envelope = pending.get(id);
    if (!envelope) {
      (attempts.has(id) ? strayAcks : otherAcks).push(id);
      return;
    }
    if (envelope.loseAck) {
      envelope.loseAck = false;
      envelope.sentOn = null;
      socket.terminate();
      return;
    }
    pending.delete(id);
    const ack: Ack = {
      envelopeId: id,
      payload: (message.payload ?? {}) as Record<string, unknown>,
      latencyMs: Date.now() - envelope.sentAt,
      attempt: envelope.attempts,
    };
    acks.push(ack);
    envelope.resolve(ack);
  };

  wss.on('connection', (socket, request) => {
    const ticket = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
    if (!tickets.delete(ticket)) {
      socket.close(4001, 'unknown ticket');
      return;
    }
    current = socket;
    socket.on('message', (data) => onAck(socket, String(data)));
    socket.on('close', () => {
      if (current === socket) current = null;
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: 'A1' },
      }),
    );
    greeted += 1;
    events.emit('greeted');
    // Envelopes whose connection ended before their ack counted are delivered again here.
    for (const [id, envelope] of pending) if (envelope.sentOn !== socket) send(id, envelope);
  });

  /** Resolves when `done()` holds, checked now and after each `event`. */
  const reach = (event: 'greeted' | 'opened', done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done()) return;
        events.off(event, check);
        resolve();
      };
      events.on(event, check);
      check();
    });

  return {
    openConnection() {
      opened += 1;
      events.emit('opened');
      if (refusing) return { ok: false, error: 'internal_error' };
      const ticket = `t${opened}`;
      tickets.add(ticket);
      return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=A1` };
    },
    refuseOpens(on) {
      refusing = on;
    },
    get opened() {
      return opened;
    },
    get connections() {
      return greeted;
    },
    connected: (n) => reach('greeted', () => greeted >= n),
    openedTimes: (n) => reach('opened', () => opened >= n),
    deliver(type, payload, options = {}) {
      sequence += 1;
      const id = `env-${sequence}-${type}`;
      let resolve: (ack: Ack) => void = () => undefined;
      const acked = new Promise<Ack>((r) => (resolve = r));
      const envelope: Pending = {
        type,
        payload,
        attempts: 0,
        sentAt: 0,
        sentOn: null,
        loseAck: options.loseAck ?? false,
        resolve,
      };
      pending.set(id, envelope);
      send(id, envelope);
      return { envelopeId: id, acked };
    },
    sendRaw(text) {
      current?.send(text);
    },
    disconnect(reason) {
      current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-test' } }));
    },
    drop() {
      current?.terminate();
    },
    attempts: (id) => attempts.get(id) ?? 0,
    acks,
    strayAcks,
    otherAcks,
    close() {
      for (const socket of wss.clients) socket.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
