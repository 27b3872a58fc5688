/**
 * The terminal as a ChatOut: scheduled posts are printed where the shell runs (with who they are for),
 * files are saved under a folder and their paths printed. The zero-setup default, so the digest shows up
 * even with no chat platform configured. Printed at once (no pacing), between the shell's commands. A post
 * for an account's thread prints under the account's thread; the thread's head is printed (and recorded in
 * account_threads) the first time the account has one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { ensureAccountThread } from '../../src/chat/account-threads.ts';
import type { ChatOut, Destination, PostedRef } from '../../src/outbox/chat-out.ts';
import type { Message } from '../../src/views/model.ts';
import { terminalFor } from './terminal.ts';
import { toTerminalText } from './text.ts';

/** What the shell ChatOut needs. */
export interface ShellChatOutOptions {
  db: Knex;
  output: NodeJS.WritableStream;
  /** Where files of posts (charts, letters) are saved. */
  filesDir: string;
  color: boolean;
  width?: number;
}

/** The shell's one place for account threads (the terminal), as account_threads names it. */
export const SHELL_THREADS = { platform: 'shell', channel: 'terminal' };

/** Posts printed on a terminal. */
export function createShellChatOut(options: ShellChatOutOptions): ChatOut {
  const { db, output } = options;
  const posted = new Map<string, PostedRef>();
  let counter = 0;
  const nextId = () => {
    counter += 1;
    return `${Date.now()}-${counter}`;
  };

  async function label(to: Destination): Promise<string> {
    if (to.kind === 'channel') return `#${to.role}`;
    if (to.kind === 'account') {
      const account = await db('customers').where({ id: to.accountId }).first('name');
      return `[account thread] ${account ? String(account.name) : `account #${to.accountId}`}`;
    }
    const user = await db('users').where({ id: to.userId }).first('display_name');
    return `@${user ? String(user.display_name) : `user ${to.userId}`} (private)`;
  }

  async function print(heading: string, message: Message): Promise<string[]> {
    const text = toTerminalText(message, { color: options.color, width: options.width ?? 100 });
    const paths: string[] = [];
    for (const file of message.files ?? []) {
      await mkdir(options.filesDir, { recursive: true });
      const path = join(options.filesDir, file.filename.replace(/[/\\]/g, '_'));
      await writeFile(path, file.data);
      paths.push(path);
    }
    const files = paths.map((p) => `[file saved: ${p}]`).join('\n');
    // Never inside a command's answer: after it, or above the prompt (terminal.ts).
    terminalFor(output).post(`\n── ${heading} ──\n${text}\n${files ? `${files}\n` : ''}`);
    return paths;
  }

  return {
    platform: 'shell',
    paced: false, // a terminal has no rate limit: posts print as they come
    async canDeliver(to) {
      if (to.kind !== 'user') return true;
      return Boolean(await db('users').where({ id: to.userId, platform: 'shell' }).first('id'));
    },
    async post(to, message, postOptions) {
      // Files are saved with the printed message: the message printed means all of it is.
      if (postOptions.progress?.message) return postOptions.progress.message;
      if (to.kind === 'account') {
        await ensureAccountThread(db, SHELL_THREADS, to.accountId, {
          start: async ({ name, externalId }) => {
            const id = externalId !== undefined ? ` (${externalId})` : '';
            await print(`[account thread] ${name}${id}`, {
              blocks: [{ type: 'text', text: `Calls and notes on ${name}${id}.` }],
            });
            return nextId();
          },
        });
      }
      const where = await label(to);
      await print(postOptions.thread ? `${where}, in reply` : where, message);
      const ref: PostedRef = { platform: 'shell', channel: where, id: nextId() };
      posted.set(postOptions.key, ref);
      return ref;
    },
    async update(ref, message) {
      await print(`${ref.channel}, updated`, message);
    },
    async find(_to, key) {
      // A terminal keeps no history: what this process printed is all it knows.
      return posted.get(key) ?? null;
    },
  };
}
