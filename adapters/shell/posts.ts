/**
 * Scheduled posts printed for a person to read (`duebot digest --dry-run`): where each would go, then the
 * message as the shell shows it, files listed by name and size.
 */
import type { Knex } from 'knex';
import type { OutgoingPost } from '../../src/outbox/post.ts';
import { toTerminalText } from './text.ts';

async function destination(db: Knex, post: OutgoingPost): Promise<string> {
  if (post.to.kind === 'channel') return `the ${post.to.role} channel`;
  if (post.to.kind === 'account') {
    const account = await db('customers').where({ id: post.to.accountId }).first('name');
    return `the account thread of ${account ? String(account.name) : `account #${post.to.accountId}`}`;
  }
  const user = await db('users').where({ id: post.to.userId }).first('display_name', 'platform');
  return user ? `${user.display_name} privately (${user.platform})` : `user #${post.to.userId} privately`;
}

/** Prints posts as they would be delivered; says so, and `why` when given, when there is nothing to post. */
export async function printPosts(
  db: Knex,
  posts: OutgoingPost[],
  output: NodeJS.WritableStream,
  why?: string,
): Promise<void> {
  if (posts.length === 0) {
    output.write(`Nothing would be posted now${why ? `: ${why}` : ''}.\n`);
    return;
  }
  const color = Boolean((output as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR;
  for (const post of posts) {
    const where = await destination(db, post);
    const thread = post.threadKey ? `, in the thread of ${post.threadKey}` : '';
    const files = [
      ...(post.message.files ?? []).map((f) => `[file: ${f.filename}, ${f.data.byteLength} bytes]`),
      ...(post.message.generatedFiles ?? []).map((f) => `[file: ${f.filename}, made when delivered]`),
    ];
    output.write(
      `── ${post.key} → ${where}${thread} ──\n${toTerminalText(post.message, { color, width: 100 })}\n${files.length ? `${files.join('\n')}\n` : ''}\n`,
    );
  }
}
