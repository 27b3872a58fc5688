/**
 * The Slack side of the Slack benchmark, run in a worker thread so that its event loop is not the
 * app's: a tiny HTTP server on loopback that plays Slack's Web API and the response URLs, and
 * `clients` concurrent people sending signed `/overdue` commands and Claim clicks to the app.
 * Each client waits for the full response (or a timeout) before its next request, as a person would.
 *
 * With no pause between a person's requests the loop is closed and always full: 50 requests are in
 * flight at every moment, so a latency here is about 50 / (requests answered per second), the app's
 * cost per request times the queue, not one request's own time. The transport floor under the same
 * load is the same measure for an app that does no work; the ratio compares the costs per request.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { percentile } from './stats.ts';

/** What the main thread hands the worker. */
export interface LoadPlan {
  appUrl?: string;
  secret: string;
  clients: number;
  seconds: number;
  /** Accounts on the worklist a Claim click may name. */
  accountIds: number[];
  filters: string[];
}

/** One finished interaction: kind, ack latency, full-response latency (null: none within the timeout). */
export interface Sample {
  kind: 'overdue' | 'claim';
  status: number;
  ackMs: number;
  fullMs: number | null;
}

const FULL_TIMEOUT_MS = 10_000;

const sign = (secret: string, ts: number, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

/** Waiters for the response_url post of each request, keyed by the request's number. */
const waiting = new Map<string, (at: number) => void>();
let sequence = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Web API answers shaped like Slack's, for the methods duebot calls. */
function apiReply(method: string, args: URLSearchParams): Record<string, unknown> {
  sequence += 1;
  const ts = `1764000000.${String(sequence).padStart(6, '0')}`;
  switch (method) {
    case 'users.info': {
      const id = args.get('user') ?? 'U0';
      return { ok: true, user: { id, name: id.toLowerCase(), profile: { display_name: `Collector ${id}` } } };
    }
    case 'chat.postMessage':
      return { ok: true, channel: args.get('channel'), ts };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ts };
    case 'views.open':
    case 'views.update':
    case 'views.publish':
      return { ok: true, view: { id: `V${sequence}` } };
    default:
      return { ok: true };
  }
}

/** The fake Slack: /api/<method> and /hooks/<request number> (the response URLs). */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrived = performance.now();
  const path = req.url ?? '/';
  const body = await readBody(req);
  if (path.startsWith('/hooks/')) {
    waiting.get(path.slice('/hooks/'.length))?.(arrived);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const method = path.replace(/^\/api\//, '');
  const args = new URLSearchParams(body);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(apiReply(method, args)));
}

/** Sorted latencies and their p50/p99, for the report. */
export function summarise(values: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}

async function client(plan: LoadPlan, slackUrl: string, index: number, until: number, out: Sample[]) {
  const user = `UB${String(index).padStart(3, '0')}`;
  const form = 'application/x-www-form-urlencoded';
  let n = 0;
  while (performance.now() < until) {
    n += 1;
    const id = `${index}-${n}`;
    const hook = `${slackUrl}/hooks/${id}`;
    // One request in three is a Claim, from the first request on for a third of the people (a short run too).
    const claim = (n + index) % 3 === 0;
    let body: string;
    if (claim) {
      const account = plan.accountIds[Math.floor(Math.random() * plan.accountIds.length)] ?? 1;
      const payload = {
        type: 'block_actions',
        team: { id: 'T1', domain: 'acme' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: `trigger-${id}`,
        actions: [
          {
            type: 'button',
            action_id: 'duebot-0',
            block_id: 'actions-1',
            value: `d1:claim:a=${account}:s=0`,
            text: { type: 'plain_text', text: 'Claim' },
            action_ts: '1',
          },
        ],
        container: {
          type: 'message',
          message_ts: '1764000000.000001',
          channel_id: 'CWORK',
          is_ephemeral: true,
        },
        channel: { id: 'CWORK', name: 'collections' },
        message: { ts: '1764000000.000001', type: 'message', text: 'card' },
        response_url: hook,
      };
      body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    } else {
      body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'acme',
        channel_id: 'CWORK',
        channel_name: 'collections',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/overdue',
        text: plan.filters[n % plan.filters.length] ?? '',
        api_app_id: 'A1',
        response_url: hook,
        trigger_id: `trigger-${id}`,
      }).toString();
    }
    const full = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), FULL_TIMEOUT_MS);
      waiting.set(id, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
    const ts = Math.floor(Date.now() / 1000);
    const sent = performance.now();
    const res = await fetch(`${plan.appUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': form,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(plan.secret, ts, body),
      },
      body,
    });
    await res.arrayBuffer();
    const acked = performance.now();
    const at = res.status === 200 ? await full : null;
    waiting.delete(id);
    out.push({
      kind: claim ? 'claim' : 'overdue',
      status: res.status,
      ackMs: acked - sent,
      fullMs: at === null ? null : at - sent,
    });
  }
}

// Worker entry: first message starts the fake Slack and reports its URL; the second runs the load.
if (parentPort) {
  const port = parentPort;
  const plan = workerData as LoadPlan;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const slackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    port.postMessage({ type: 'ready', slackUrl });
    port.once('message', async (message: { appUrl: string }) => {
      plan.appUrl = message.appUrl;
      const samples: Sample[] = [];
      const started = performance.now();
      const until = started + plan.seconds * 1000;
      await Promise.all(
        Array.from({ length: plan.clients }, (_, i) => client(plan, slackUrl, i, until, samples)),
      );
      const seconds = (performance.now() - started) / 1000;
      server.close();
      port.postMessage({ type: 'done', samples, seconds });
    });
  });
}
