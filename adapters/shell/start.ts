/**
 * The shell adapter on the process's terminal: stdin/stdout, interactive on a terminal, one command per
 * line when piped; and the terminal as the place scheduled posts are printed when no chat platform is on.
 */
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ChatAdapter } from '../../src/chat/adapter.ts';
import type { ChatOut } from '../../src/outbox/chat-out.ts';
import { dispatchContext, type Runtime } from '../../src/runtime.ts';
import { createShellChatOut } from './chat-out.ts';
import { startShellRoles } from './identity.ts';
import { runShell } from './shell.ts';

/** Scheduled posts printed on the terminal (files saved under the data folder). */
export function shellChatOut(runtime: Runtime): ChatOut {
  const { stdout, env } = runtime.io;
  return createShellChatOut({
    db: runtime.db.knex,
    output: stdout,
    filesDir: join(runtime.config.dataDir, 'files'),
    color: Boolean(stdout.isTTY) && !env.NO_COLOR,
    width: stdout.columns ?? 100,
    language: runtime.config.language,
  });
}

/** The terminal's language as POSIX names it (LC_ALL, then LC_MESSAGES, then LANG), for private answers. */
function shellLocale(env: NodeJS.ProcessEnv): { locale?: string } {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return tag ? { locale: tag } : {};
}

/**
 * The terminal shell as DUEBOT_SHELL_USER (else the login name), with DUEBOT_SHELL_ROLE applied at once;
 * `start` reads commands until the input ends (`ended`) or `stop` ends it.
 */
export async function createShellAdapter(runtime: Runtime): Promise<ChatAdapter> {
  const name = runtime.config.shellUser ?? userInfo().username ?? 'me';
  const roleLists = await startShellRoles(
    runtime.db.knex,
    name.toLowerCase(),
    runtime.config.shellRole,
    runtime.log,
  );
  const { stdin, stdout, env } = runtime.io;
  let running: Promise<void> | undefined;
  let ended = false;
  return {
    platform: 'shell',
    chatOut: shellChatOut(runtime),
    routes: [],
    async start() {
      let greeted: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => {
        greeted = resolve;
      });
      running = runShell({
        ctx: { ...dispatchContext(runtime), roleLists },
        input: stdin,
        output: stdout,
        color: Boolean(stdout.isTTY) && !env.NO_COLOR,
        interactive: Boolean(stdin.isTTY),
        user: { platform: 'shell', id: name.toLowerCase(), name, ...shellLocale(env) },
        width: stdout.columns ?? 100,
        filesDir: join(runtime.config.dataDir, 'letters'),
        onReady: greeted,
      }).finally(() => {
        ended = true;
        greeted();
      });
      return { port: null, ended: running, ready };
    },
    async stop() {
      if (!running) return;
      if (!ended) stdin.emit('end'); // ends the shell's input: runShell returns
      await running;
    },
  };
}
