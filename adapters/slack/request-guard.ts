/**
 * A guard in front of Bolt's HTTPReceiver for POST /slack/events: reads the body (1 MiB at most), checks the
 * signature and that the timestamp is within 5 minutes either way (Bolt only refuses old ones, so a captured
 * request stayed replayable until its future timestamp), then checks the body's shape with zod. Bolt gets only
 * requests that cannot crash its receiver; it reuses the body read here (`rawBody`) and verifies again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';
import { type BodyKind, shapeProblem } from './request-shape.ts';

/** Far above any Slack payload (a few KB; a full modal some tens of KB), far below Bolt's 4 MB default. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Slack's own rule: a request more than 5 minutes from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

/** Why a request was refused: the HTTP status and a short plain reason (never the body). */
interface Refusal {
  status: 400 | 401 | 413 | 415;
  reason: string;
}

type Checked = { ok: true; raw: Buffer } | ({ ok: false } & Refusal);

const refuse = (status: Refusal['status'], reason: string): Checked => ({ ok: false, status, reason });

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Reads the body; past MAX_BODY_BYTES it stops keeping it (and drains the rest, so the 413 can be read). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      resolve(null);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Slack's signature (v0 HMAC-SHA256 of `v0:{timestamp}:{body}`) and a timestamp within 5 minutes. */
function authenticityProblem(
  req: IncomingMessage,
  raw: Buffer,
  secret: string,
  nowMs: number,
): string | null {
  const timestamp = header(req, 'x-slack-request-timestamp');
  const signature = header(req, 'x-slack-signature');
  if (!timestamp || !/^[1-9]\d{0,11}$/.test(timestamp)) return 'missing or malformed request timestamp';
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS)
    return 'request timestamp more than 5 minutes from now';
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return 'missing or malformed signature';
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex')) ? null : 'signature mismatch';
}

/** The body's kind and parsed content, or why it is malformed. */
function parseBody(contentType: string, raw: Buffer): { kind: BodyKind; body: unknown } | Refusal {
  const text = raw.toString('utf8');
  if (contentType === FORM) {
    const fields = parseForm(text);
    const repeated = Object.keys(fields).find((key) => Array.isArray(fields[key]));
    if (repeated !== undefined)
      return { status: 400, reason: `field ${repeated.slice(0, 40)} given more than once` };
    if (fields.payload === undefined)
      return fields.command === undefined
        ? { status: 400, reason: 'expected a slash command (command=) or an interaction (payload=)' }
        : { kind: 'command', body: fields };
    try {
      return { kind: 'interaction', body: JSON.parse(String(fields.payload)) as unknown };
    } catch {
      return { status: 400, reason: 'payload: not JSON' };
    }
  }
  try {
    const body = JSON.parse(text) as unknown;
    return { kind: 'event', body };
  } catch {
    return { status: 400, reason: 'body: not JSON' };
  }
}

/** Checks one request to the events endpoint; the raw body when it may go on to Bolt. */
export async function checkSlackRequest(
  req: IncomingMessage,
  secret: string,
  nowMs = Date.now(),
): Promise<Checked> {
  const raw = await readBody(req);
  if (raw === null) return refuse(413, `body larger than ${MAX_BODY_BYTES} bytes`);
  const contentType = header(req, 'content-type') ?? '';
  // Slack's SSL check is unsigned by design; Bolt answers it and drops everything else in the body.
  if (contentType === FORM && parseForm(raw.toString('utf8')).ssl_check === '1') return { ok: true, raw };
  const unauthentic = authenticityProblem(req, raw, secret, nowMs);
  if (unauthentic) return refuse(401, unauthentic);
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (contentType !== FORM && mediaType !== 'application/json')
    return refuse(
      415,
      `content type ${contentType.slice(0, 60) || '(none)'}: expected ${FORM} or application/json`,
    );
  const parsed = parseBody(contentType, raw);
  if ('status' in parsed) return { ok: false, ...parsed };
  const problem = shapeProblem(parsed.kind, parsed.body);
  return problem ? refuse(400, problem) : { ok: true, raw };
}

function answer(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return;
  res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(refusal.reason);
}

/**
 * Puts the guard in front of the receiver's request listener (the one its server calls per request). Other
 * paths (/healthz, Teams' /api/messages) pass straight through.
 */
export function guardReceiver(
  receiver: HTTPReceiver,
  options: { signingSecret: string; log: Logger; endpoint?: string },
): HTTPReceiver {
  const inner: RequestListener = receiver.requestListener;
  const endpoint = options.endpoint ?? '/slack/events';
  const log = options.log.child({ component: 'slack' });
  receiver.requestListener = (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== endpoint) return inner(req, res);
    checkSlackRequest(req, options.signingSecret)
      .then((checked) => {
        if (!checked.ok) {
          log.warn({ status: checked.status, reason: checked.reason }, 'slack: request refused');
          answer(res, checked);
          return;
        }
        // NOTE: Bolt's bufferIncomingMessage reuses a body already read into `rawBody`.
        Object.assign(req, { rawBody: checked.raw });
        inner(req, res);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'slack: request could not be read');
        answer(res, { status: 400, reason: 'request could not be read' });
      });
  };
  return receiver;
}
