/**
 * A scheduled post's files, sent in Slack's three upload steps (files.getUploadURLExternal, the bytes to
 * the upload URL, files.completeUploadExternal), each step stored before the next, so a retry after any
 * failure finishes the file instead of losing it or sharing it twice. A file is only seen in the channel
 * after the complete step; an id whose complete step may have gone through is looked up in the thread
 * (conversations.replies, the history scope `find` already needs) before anything is sent again.
 */
import { webApi } from '@slack/bolt';
import { ChatOutError, type FileProgress } from '../../src/outbox/chat-out.ts';
import type { FileAttachment } from '../../src/views/model.ts';

const UPLOAD_TIMEOUT_MS = 30_000;

/** How one file's progress is stored (by the outbox worker) before the next step. */
export type SaveFileProgress = (state: FileProgress | null) => Promise<void>;

/** Whether a file with this id is shared in the thread (the complete step went through). */
async function sharedInThread(
  client: webApi.WebClient,
  channel: string,
  threadTs: string,
  fileId: string,
): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.replies({
      channel,
      ts: threadTs,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    if ((page.messages ?? []).some((m) => (m.files ?? []).some((f) => f.id === fileId))) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/** Sends the bytes to Slack's upload URL; any failure may or may not have stored them (uncertain). */
async function putBytes(url: string, file: FileAttachment): Promise<void> {
  let status: number;
  try {
    const res = await fetch(url, {
      method: 'POST',
      body: Buffer.from(file.data),
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ChatOutError(`slack: upload of ${file.filename} failed: ${why}`, { uncertain: true });
  }
  if (status < 200 || status >= 300)
    throw new ChatOutError(`slack: upload of ${file.filename} answered HTTP ${status}`, { uncertain: true });
}

/**
 * Delivers one file into a thread, from whatever step `state` says was reached. Throws the raw Web API
 * error (the caller turns it into a ChatOutError) or a ChatOutError for the upload itself.
 */
export async function deliverFile(
  client: webApi.WebClient,
  where: { channel: string; threadTs: string },
  file: FileAttachment,
  state: FileProgress | null,
  save: SaveFileProgress,
): Promise<void> {
  if (state?.done) return;
  let current = state;
  if (current && (await sharedInThread(client, where.channel, where.threadTs, current.id))) {
    await save({ ...current, uploaded: true, done: true });
    return;
  }
  if (!current?.uploaded) {
    // An id whose bytes never arrived is dropped: Slack never shows a file that was not completed.
    const url = await client.files.getUploadURLExternal({
      filename: file.filename,
      length: file.data.byteLength,
    });
    if (!url.upload_url || !url.file_id)
      throw new ChatOutError('slack: files.getUploadURLExternal returned no upload URL', { uncertain: true });
    current = { id: url.file_id, uploaded: false, done: false };
    await save(current);
    await putBytes(url.upload_url, file);
    current = { ...current, uploaded: true };
    await save(current);
  }
  try {
    await client.files.completeUploadExternal({
      files: [{ id: current.id, title: file.title ?? file.filename }],
      channel_id: where.channel,
      thread_ts: where.threadTs,
    });
  } catch (error) {
    // Slack refused this id (an upload that expired): the next attempt starts the file again.
    if ((error as { code?: string }).code === webApi.ErrorCode.PlatformError) await save(null);
    throw error;
  }
  await save({ ...current, done: true });
}
