import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Knex } from 'knex';
import { checkHealth } from '../../src/health.ts';

export { checkHealth, type Health } from '../../src/health.ts';

/** A Bolt custom route: 200 with the health as JSON, 503 when the database cannot be reached. */
export function healthRoute(db: Knex) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      const health = await checkHealth(db);
      res.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(health));
    },
  };
}
