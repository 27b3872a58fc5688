/**
 * `duebot <job> --dry-run`: runs a scheduled job's body in a transaction that is rolled back and prints
 * on the terminal what it would post, so nothing is recorded, enqueued or sent. Files (the meeting's
 * chart) are listed, or saved into a folder when one is given.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTerminalText } from '../adapters/shell/text.ts';
import type { Job } from './jobs/job.ts';
import type { Runtime } from './main.ts';
import type { OutgoingPost } from './outbox/post.ts';

const ROLLBACK = Symbol('dry run');

/** The posts `job` would hand to the outbox now (for the business date of the runtime's clock). */
export async function previewJob(runtime: Runtime, job: Job): Promise<OutgoingPost[]> {
  const now = runtime.clock.now();
  let posts: OutgoingPost[] = [];
  await runtime.db.knex
    .transaction(async (trx) => {
      posts =
        (await job.run({
          db: trx,
          slot: now,
          today: runtime.clock.today(),
          periodKey: job.periodKey(now, runtime.clock.timeZone),
          clock: runtime.clock,
          policy: runtime.policy,
          config: runtime.config,
          log: runtime.log.child({ job: job.name, dryRun: true }),
          calendar: runtime.policy.calendar,
          dryRun: true,
        })) ?? [];
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return posts;
}

/** The posts as terminal text: where each goes, its key, the message, its files. */
export async function formatPreview(
  name: string,
  posts: OutgoingPost[],
  options: { width: number; color: boolean; saveFilesTo?: string | undefined },
): Promise<string> {
  if (posts.length === 0) return `${name}: nothing would be posted now.`;
  const out = [`${name}: ${posts.length} post${posts.length === 1 ? '' : 's'} would be enqueued.`];
  for (const post of posts) {
    const to = post.to.kind === 'channel' ? `the ${post.to.role} channel` : `staff user #${post.to.userId}`;
    const thread = post.threadKey ? `, in the thread of ${post.threadKey}` : '';
    out.push('', `--- to ${to}${thread} (key ${post.key})`, toTerminalText(post.message, options));
    for (const file of post.message.files ?? []) {
      let where = '';
      if (options.saveFilesTo) {
        await mkdir(options.saveFilesTo, { recursive: true });
        const path = join(options.saveFilesTo, file.filename);
        await writeFile(path, file.data);
        where = ` saved to ${path}`;
      }
      out.push(
        `[file ${file.filename}, ${file.mimeType}, ${Math.round(file.data.length / 1024)} KB${where}]`,
      );
    }
  }
  return out.join('\n');
}
