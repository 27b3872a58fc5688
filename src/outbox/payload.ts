import type { FileAttachment, Message } from '../views/model.ts';

/** A file as stored in the outbox's JSON: the bytes as base64. */
interface StoredFile extends Omit<FileAttachment, 'data'> {
  base64: string;
}

/** A message as stored in the outbox's JSON (files' bytes as base64). */
export interface StoredMessage extends Omit<Message, 'files'> {
  files?: StoredFile[];
}

/** A message as JSON the database keeps; Uint8Array file contents become base64. */
export function toStoredMessage(message: Message): StoredMessage {
  const { files, ...rest } = message;
  if (!files || files.length === 0) return rest;
  return {
    ...rest,
    files: files.map(({ data, ...file }) => ({ ...file, base64: Buffer.from(data).toString('base64') })),
  };
}

/** The message back from its stored JSON. */
export function fromStoredMessage(stored: StoredMessage): Message {
  const { files, ...rest } = stored;
  if (!files || files.length === 0) return rest;
  return {
    ...rest,
    files: files.map(({ base64, ...file }) => ({
      ...file,
      data: new Uint8Array(Buffer.from(base64, 'base64')),
    })),
  };
}

/** JSON columns come back parsed from pg and PGlite alike, but be safe about strings. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
