/**
 * Whether Socket Mode's WebSocket to Slack is up, and since when: read by /healthz. Slack recycles every
 * connection now and then (a `disconnect` message) and networks drop; the client reconnects by itself, so a
 * short gap is normal and only a long one makes the bot unhealthy.
 */

/**
 * How long the socket may be down before /healthz answers 503. Slack's client waits 5 s, then 10 s, 15 s and
 * so on between attempts, so a minute covers a routine reconnect and a few failed tries.
 */
export const SOCKET_GRACE_MS = 60_000;

/** What /healthz says about the socket. */
export interface SocketStatus {
  connected: boolean;
  /** ISO time of the last change (connected, or lost); the process start before the first connection. */
  since: string;
  /** Connections opened after the first (Slack's refreshes and recoveries from drops). */
  reconnects: number;
  /** False once the socket has been down for longer than the grace period. */
  healthy: boolean;
}

/** The socket's state as the Socket Mode client reports it. */
export interface SocketLink {
  status(): SocketStatus;
}

/** The part of the Socket Mode client that reports its connection state (an event emitter). */
interface ConnectionEvents {
  on(event: string, listener: () => void): unknown;
}

/** A link that follows a client's connection events. */
export interface WatchedSocketLink extends SocketLink {
  /**
   * Follows the client's events: `connected` (Slack's `hello` arrived) makes the link up; a closed socket, a
   * disconnect or a stop makes it down.
   */
  follow(client: ConnectionEvents): void;
}

/** A link that is down (since now) until the client it follows connects. */
export function createSocketLink(options: { graceMs?: number; now?: () => number } = {}): WatchedSocketLink {
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? SOCKET_GRACE_MS;
  let connected = false;
  let since = now();
  let connections = 0;
  const set = (up: boolean) => {
    if (up) connections += 1;
    if (up === connected) return;
    connected = up;
    since = now();
  };
  return {
    follow(client) {
      client.on('connected', () => set(true));
      for (const down of ['close', 'disconnecting', 'disconnected']) client.on(down, () => set(false));
    },
    status: () => ({
      connected,
      since: new Date(since).toISOString(),
      reconnects: Math.max(0, connections - 1),
      healthy: connected || now() - since <= graceMs,
    }),
  };
}
