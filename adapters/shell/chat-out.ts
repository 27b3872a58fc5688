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
import type { LanguageConfig } from '../../src/i18n/settings.ts';
import { channelT } from '../../src/i18n/speech.ts';
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
  /** Who reads which language: posts on the terminal are in the terminal's (channel "terminal", else the company's). */
  language?: LanguageConfig;
}

/** The shell's one place for account threads (the terminal), as account_threads names it. */
export const SHELL_THREADS = { platform: 'shell', channel: 'terminal' };

/** Posts printed on a terminal. */
export function createShellChatOut(options: ShellChatOutOptions): ChatOut {
  const { db, output } = options;
  const t = channelT(options.language, SHELL_THREADS.channel);
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
      return t.t('shell.post.thread', { name: account ? String(account.name) : `#${to.accountId}` });
    }
    const user = await db('users').where({ id: to.userId }).first('display_name');
    return t.t('shell.post.private', { name: user ? String(user.display_name) : `#${to.userId}` });
  }

  async function print(heading: string, message: Message): Promise<string[]> {
    const text = toTerminalText(message, { color: options.color, width: options.width ?? 100, t });
    const paths: string[] = [];
    for (const file of message.files ?? []) {
      await mkdir(options.filesDir, { recursive: true });
      const path = join(options.filesDir, file.filename.replace(/[/\\]/g, '_'));
      await writeFile(path, file.data);
      paths.push(path);
    }
    const files = paths.map((path) => t.t('shell.post.file', { path })).join('\n');
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
            await print(t.t('shell.post.thread', { name: `${name}${id}` }), {
              blocks: [{ type: 'text', text: t.t('shell.post.threadHead', { name: `${name}${id}` }) }],
            });
            return nextId();
          },
        });
      }
      const where = await label(to);
      await print(postOptions.thread ? t.t('shell.post.inReply', { where }) : where, message);
      const ref: PostedRef = { platform: 'shell', channel: where, id: nextId() };
      posted.set(postOptions.key, ref);
      return ref;
    },
    async update(ref, message) {
      await print(t.t('shell.post.updated', { where: ref.channel }), message);
    },
    async find(_to, key) {
      // A terminal keeps no history: what this process printed is all it knows.
      return posted.get(key) ?? null;
    },
  };
}
