/**
 * Scheduled posts printed for a person to read (`duebot digest --dry-run`): where each would go, then the
 * message as the shell shows it, files listed by name and size.
 */
import type { Knex } from 'knex';
import type { MessageValues, Translator } from '../../src/i18n/translate.ts';
import { translator } from '../../src/i18n/translate.ts';
import type { OutgoingPost } from '../../src/outbox/post.ts';
import { toTerminalText } from './text.ts';

/** Where a post would go, as the values of `shell.dryRun.head`. */
async function destination(db: Knex, post: OutgoingPost): Promise<MessageValues> {
  if (post.to.kind === 'channel') return { to: post.to.role, name: post.to.role };
  if (post.to.kind === 'account') {
    const account = await db('customers').where({ id: post.to.accountId }).first('name');
    return account
      ? { to: 'account', name: String(account.name) }
      : { to: 'accountGone', id: post.to.accountId };
  }
  const user = await db('users').where({ id: post.to.userId }).first('display_name', 'platform');
  return user
    ? { to: 'user', name: String(user.display_name), platform: String(user.platform) }
    : { to: 'userGone', id: post.to.userId };
}

/**
 * Prints posts as they would be delivered; says so, and `why` when given, when there is nothing to post.
 * In `t`'s language: the company's, for `duebot <job> --dry-run`.
 */
export async function printPosts(
  db: Knex,
  posts: OutgoingPost[],
  output: NodeJS.WritableStream,
  why?: string,
  t: Translator = translator('en'),
): Promise<void> {
  if (posts.length === 0) {
    output.write(`${t.t('shell.dryRun.nothing', { hasWhy: why ? 'yes' : 'no', why: why ?? '' })}\n`);
    return;
  }
  const color = Boolean((output as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR;
  for (const post of posts) {
    const head = t.t('shell.dryRun.head', {
      key: post.key,
      ...(await destination(db, post)),
      hasThread: post.threadKey ? 'yes' : 'no',
      thread: post.threadKey ?? '',
    });
    const files = [
      ...(post.message.files ?? []).map((f) =>
        t.t('shell.dryRun.file', { name: f.filename, bytes: f.data.byteLength }),
      ),
      ...(post.message.generatedFiles ?? []).map((f) => t.t('shell.dryRun.fileLater', { name: f.filename })),
    ];
    output.write(
      `${head}\n${toTerminalText(post.message, { color, width: 100 })}\n${files.length ? `${files.join('\n')}\n` : ''}\n`,
    );
  }
}
