import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHealth, type HealthContext } from '../../src/health.ts';

export { checkHealth, type Health } from '../../src/health.ts';

/**
 * A Bolt custom route: 200 with the health as JSON (a stale ledger says so in `ledger`), 503 when the
 * database cannot be reached; answers within 3 s either way.
 */
export function healthRoute(ctx: HealthContext) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      const health = await checkHealth(ctx);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
}
