import { join } from 'node:path';
import { createShellChatOut } from '../adapters/shell/chat-out.ts';
import { createOutboxClient, createSlackChatOut } from '../adapters/slack/chat-out.ts';
import { createScheduledPosts } from './jobs/service.ts';
import type { ChatOut } from './outbox/chat-out.ts';
import type { Runtime } from './runtime.ts';

/**
 * Where scheduled posts go: every configured chat platform (Slack, and Teams given as `extra` because its
 * adapter is loaded only when on), otherwise the terminal.
 */
export function chatOuts(runtime: Runtime, extra: ChatOut[] = []): ChatOut[] {
  const outs = [...extra];
  const slack = runtime.config.slack;
  if (slack) {
    const client = createOutboxClient(slack.botToken, slack.apiUrl);
    outs.push(createSlackChatOut({ client, db: runtime.db.knex, config: slack }));
  }
  if (outs.length > 0) return outs;
  return [
    createShellChatOut({
      db: runtime.db.knex,
      output: process.stdout,
      filesDir: join(runtime.config.dataDir, 'files'),
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      width: process.stdout.columns ?? 100,
    }),
  ];
}

/**
 * Scheduled posts (scheduler and outbox worker) around `work`, stopped when it ends. Post-sync steps are
 * hooked in at once; `work` calls `begin` (after the first sync) to catch up and start ticking.
 */
export async function withScheduledPosts<T>(
  runtime: Runtime,
  work: (begin: () => Promise<void>) => Promise<T>,
  extraChatOuts: ChatOut[] = [],
): Promise<T> {
  if (!runtime.config.jobs.enabled) return work(async () => undefined);
  const posts = createScheduledPosts({ ...runtime, db: runtime.db.knex }, chatOuts(runtime, extraChatOuts));
  runtime.afterSyncHooks.push(() => posts.afterSync());
  runtime.onWorklistChanged = () => posts.worklistChanged();
  try {
    return await work(() => posts.start());
  } finally {
    await posts.stop();
  }
}
