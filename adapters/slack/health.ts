import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHealth, type Health, type HealthContext } from '../../src/health.ts';
import type { SocketLink, SocketStatus } from './socket-link.ts';

export { checkHealth, type Health } from '../../src/health.ts';

/** Slack's /healthz: the bot's health, and in Socket Mode whether the socket to Slack is up. */
export interface SlackHealth extends Health {
  socket?: Omit<SocketStatus, 'healthy'>;
}

/** The health with the socket's state; a socket down past its grace period makes it not ok. */
export async function slackHealth(ctx: HealthContext, socket?: SocketLink): Promise<SlackHealth> {
  const health = await checkHealth(ctx);
  if (!socket) return health;
  const { healthy, ...status } = socket.status();
  if (healthy) return { ...health, socket: status };
  return {
    ...health,
    ok: false,
    reason: health.reason ?? `the Socket Mode connection to Slack has been down since ${status.since}`,
    socket: status,
  };
}

/**
 * A Bolt custom route: 200 with the health as JSON (a stale ledger says so in `ledger`), 503 when the
 * database cannot be reached or Socket Mode's socket has been down past its grace period; answers within
 * 3 s either way.
 */
export function healthRoute(ctx: HealthContext, socket?: SocketLink) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      const health = await slackHealth(ctx, socket);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
}
