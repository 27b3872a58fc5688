/**
 * Slack's Web API faked with nock (the outside world): channels keep their messages with metadata, so
 * conversations.history answers as Slack would, and a seeded schedule answers a share of calls with 429
 * (Retry-After) or 500 (some 500s after the message was stored, as when Slack times out internally).
 * Files go through Slack's three upload steps; a shared file shows in its thread as a message with `files`.
 * `failNext` makes the next call of one step fail in a chosen way (the fault cases of file uploads).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';

export const SLACK_API = 'http://slack-outbox.test';
const UPLOADS = 'http://files.slack-outbox.test';

export interface StoredSlackMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: { id: string }[];
  edits: number;
}

/** How one call fails: an HTTP status (after doing the work, when `after`), or a dropped connection. */
export type SlackFault =
  { status: 429; retryAfter: number } | { status: 500; after?: boolean } | { drop: true };

/** A method name, or 'upload' for the POST of a file's bytes to its upload URL. */
type FaultTarget = string;

const parseArgs = (body: unknown): Record<string, unknown> => {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(String(body))) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
};

/** A seeded generator, so the failure pattern is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Slack's side of the fake: the channels' messages, the calls seen, and an answer for each call. */
function createWorkspace(options: { failShare?: number; seed?: number; uploadsUrl?: string }) {
  const messages: StoredSlackMessage[] = [];
  const calls: { method: string; status: number }[] = [];
  const uploads: { filename: string; bytes: number; channel?: string; thread_ts?: string }[] = [];
  const random = lcg(options.seed ?? 42);
  const failShare = options.failShare ?? 0;
  let sequence = 0;
  const pending = new Map<string, { filename: string; bytes: number; received: boolean }>();
  const faults: { target: FaultTarget; fault: SlackFault }[] = [];
  const takeFault = (target: FaultTarget): SlackFault | undefined => {
    const i = faults.findIndex((f) => f.target === target);
    return i < 0 ? undefined : faults.splice(i, 1)[0]?.fault;
  };
  /** A file's bytes arriving at its upload URL: stored, or failed as the next 'upload' fault says. */
  const receiveUpload = (id: string, body: string): 'drop' | [number, string] => {
    const fault = takeFault('upload');
    if (fault && 'drop' in fault) {
      calls.push({ method: 'upload', status: 0 });
      return 'drop';
    }
    if (fault) {
      calls.push({ method: 'upload', status: 500 });
      return [500, 'internal error'];
    }
    calls.push({ method: 'upload', status: 200 });
    const f = pending.get(id);
    if (f) f.received = body.length > 0;
    return [200, 'OK'];
  };
  /** Status, JSON (or text) body and headers of Slack's answer to `method`. */
  const answer = (
    method: string,
    args: Record<string, unknown>,
  ): [number, Record<string, unknown> | string, Record<string, string>?] => {
    const fault = takeFault(method);
    if (fault && 'status' in fault && fault.status === 429) {
      calls.push({ method, status: 429 });
      return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': String(fault.retryAfter) }];
    }
    if (fault && !('status' in fault && fault.after)) {
      calls.push({ method, status: 500 });
      return [500, 'internal error'];
    }
    const roll = ['chat.postMessage', 'chat.update', 'conversations.history'].includes(method) ? random() : 1;
    if (roll < failShare / 2) {
      calls.push({ method, status: 429 });
      return [429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '2' }];
    }
    const failAfter = roll < failShare || fault !== undefined;
    let reply: Record<string, unknown> = { ok: true };
    switch (method) {
      case 'chat.postMessage': {
        sequence += 1;
        const ts = `1764000000.${String(sequence).padStart(6, '0')}`;
        messages.push({
          ts,
          channel: String(args.channel),
          text: String(args.text ?? ''),
          blocks: (args.blocks as unknown[]) ?? [],
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(args.metadata ? { metadata: args.metadata as StoredSlackMessage['metadata'] } : {}),
          edits: 0,
        });
        reply = { ok: true, channel: args.channel, ts };
        break;
      }
      case 'chat.update': {
        const m = messages.find((x) => x.ts === args.ts && x.channel === args.channel);
        if (!m) return [200, { ok: false, error: 'message_not_found' }];
        m.blocks = (args.blocks as unknown[]) ?? [];
        m.text = String(args.text ?? '');
        m.edits += 1;
        reply = { ok: true, channel: args.channel, ts: args.ts };
        break;
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const found = messages.filter(
          (m) =>
            m.channel === args.channel &&
            (method === 'conversations.history' ? !m.thread_ts : m.thread_ts === args.ts),
        );
        reply = {
          ok: true,
          messages: found.map((m) => ({
            ts: m.ts,
            text: m.text,
            ...(args.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}),
            ...(m.files ? { files: m.files } : {}),
          })),
        };
        break;
      }
      case 'conversations.open':
        reply = { ok: true, channel: { id: `D${String(args.users)}` } };
        break;
      case 'files.getUploadURLExternal':
        sequence += 1;
        reply = {
          ok: true,
          upload_url: `${options.uploadsUrl ?? UPLOADS}/upload/F${sequence}`,
          file_id: `F${sequence}`,
        };
        pending.set(`F${sequence}`, {
          filename: String(args.filename),
          bytes: Number(args.length),
          received: false,
        });
        break;
      case 'files.completeUploadExternal': {
        const ids = (args.files as { id: string }[]).map((f) => f.id);
        const known = ids.map((id) => pending.get(id));
        if (known.some((f) => !f?.received)) return [200, { ok: false, error: 'file_not_found' }];
        sequence += 1;
        messages.push({
          ts: `1764000000.${String(sequence).padStart(6, '0')}`,
          channel: String(args.channel_id),
          text: '',
          blocks: [],
          thread_ts: String(args.thread_ts),
          files: ids.map((id) => ({ id })),
          edits: 0,
        });
        for (const [i, id] of ids.entries()) {
          const f = known[i];
          if (!f) continue;
          pending.delete(id);
          uploads.push({
            filename: f.filename,
            bytes: f.bytes,
            channel: String(args.channel_id),
            thread_ts: String(args.thread_ts),
          });
        }
        reply = { ok: true, files: ids.map((id) => ({ id })) };
        break;
      }
    }
    calls.push({ method, status: failAfter ? 500 : 200 });
    return failAfter ? [500, 'internal error'] : [200, reply];
  };
  return {
    messages,
    calls,
    uploads,
    answer,
    receiveUpload,
    /** The next call of `target` (a Web API method, or 'upload') fails this way. */
    failNext(target: FaultTarget, fault: SlackFault) {
      faults.push({ target, fault });
    },
  };
}

/** Starts the fake; `failShare` of postMessage/update/history calls fail (half 429, half 500). */
export function startFakeSlack(options: { failShare?: number; seed?: number } = {}) {
  const { messages, calls, uploads, answer, receiveUpload, failNext } = createWorkspace(options);
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  const scope = nock(SLACK_API)
    .persist()
    .post(/^\/api\/.+/)
    .reply((uri, body) => answer(uri.replace(/^\/api\//, ''), parseArgs(body)));
  // An async reply function that throws makes nock drop the request, as a reset connection would.
  const files = nock(UPLOADS)
    .persist()
    .post(/^\/upload\//)
    .reply(async (uri, body) => {
      const answered = receiveUpload(uri.replace(/^\/upload\//, ''), String(body));
      if (answered === 'drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return answered;
    });
  return {
    messages,
    calls,
    uploads,
    failNext,
    stop() {
      scope.persist(false);
      files.persist(false);
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/**
 * The same fake as a real HTTP server on a loopback port, for a duebot running in another process (which
 * nock cannot reach); `delayMs` makes each chat.postMessage answer slowly, so a test can kill mid-delivery.
 */
export async function startFakeSlackServer(options: { delayMs?: number } = {}) {
  // Upload URLs point back at this server once its port is known (the options are read per call).
  const where: { uploadsUrl?: string } = {};
  const { messages, calls, answer, receiveUpload } = createWorkspace(where);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/upload/')) {
      let bytes = '';
      req.setEncoding('latin1');
      req.on('data', (chunk: string) => {
        bytes += chunk;
      });
      req.on('end', () => {
        const answered = receiveUpload(req.url?.replace(/^\/upload\//, '') ?? '', bytes);
        if (answered === 'drop') req.socket.destroy();
        else res.writeHead(answered[0]).end(answered[1]);
      });
      return;
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
      const json = String(req.headers['content-type']).startsWith('application/json');
      const args = parseArgs(json ? JSON.parse(raw || '{}') : raw);
      const [status, body, headers] = answer(method, args);
      const send = () => {
        res.writeHead(status, { 'content-type': 'application/json', ...(headers ?? {}) });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (method === 'chat.postMessage' && options.delayMs) setTimeout(send, options.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  where.uploadsUrl = `http://127.0.0.1:${port}`;
  return {
    url: `${where.uploadsUrl}/api/`,
    messages,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
