import { PassThrough } from 'node:stream';
import type { Knex } from 'knex';
import type { Policy } from '../../src/collections/account.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { type ChatOut, ChatOutError, type Destination, type PostedRef } from '../../src/outbox/chat-out.ts';
import type { Message } from '../../src/views/model.ts';
import { buildPolicy } from '../../src/policy.ts';

/** Settings as duebot would read them from this environment (plus defaults). */
export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ DUEBOT_TIMEZONE: 'Asia/Shanghai', ...env });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

export async function testPolicy(config: Config): Promise<Policy> {
  return buildPolicy(config);
}

export const silentLog: Logger = createLogger({ level: 'silent', format: 'json' });

/** One message as the fake platform keeps it. */
export interface FakeMessage {
  id: string;
  channel: string;
  key: string;
  message: Message;
  thread?: string;
  edits: Message[];
}

/**
 * A chat platform in memory (the outside world): it accepts posts, keeps them with their key for
 * `find`, and fails on request: `failNext` throws before or after the message is stored.
 */
export function fakePlatform(
  platform: PostedRef['platform'] = 'shell',
  canDeliver = (_to: Destination) => true,
) {
  const messages: FakeMessage[] = [];
  const failures: { when: 'before' | 'after'; error: ChatOutError }[] = [];
  let counter = 0;
  const channelOf = (to: Destination) =>
    to.kind === 'channel'
      ? `#${to.role}`
      : to.kind === 'account'
        ? `thread:${to.accountId}`
        : `@${to.userId}`;
  const out: ChatOut & {
    messages: FakeMessage[];
    failNext(when: 'before' | 'after', error: ChatOutError): void;
  } = {
    platform,
    messages,
    failNext(when, error) {
      failures.push({ when, error });
    },
    async canDeliver(to) {
      return canDeliver(to);
    },
    async post(to, message, options) {
      const failure = failures.shift();
      if (failure?.when === 'before') throw failure.error;
      counter += 1;
      const m: FakeMessage = {
        id: `m${counter}`,
        channel: channelOf(to),
        key: options.key,
        message,
        edits: [],
        ...(options.thread ? { thread: options.thread.id } : {}),
      };
      messages.push(m);
      if (failure?.when === 'after') throw failure.error;
      return { platform, channel: m.channel, id: m.id };
    },
    async update(ref, message) {
      const m = messages.find((x) => x.id === ref.id && x.channel === ref.channel);
      if (!m) throw new ChatOutError('message_not_found', { permanent: true });
      m.edits.push(message);
    },
    async find(to, key) {
      const m = messages.find((x) => x.key === key && x.channel === channelOf(to));
      return m ? { platform, channel: m.channel, id: m.id } : null;
    },
  };
  return out;
}

/** Counts rows of a table matching a where clause. */
export async function countRows(
  db: Knex,
  table: string,
  where: Record<string, unknown> = {},
): Promise<number> {
  const row = await db(table).where(where).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** An install whose scheduler first started at `at` (it was up then, and may have been down since). */
export async function installedAt(db: Knex, at: string | Date): Promise<void> {
  const startedAt = new Date(at);
  await db('scheduler_first_start')
    .insert({ id: 1, started_at: startedAt })
    .onConflict('id')
    .merge({ started_at: startedAt });
}

/** A logger at `level` whose lines (JSON, as written) are kept for a test to read. */
export function capturingLog(level = 'warn'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  return { log: createLogger({ level, format: 'json', destination: stream }), lines };
}
