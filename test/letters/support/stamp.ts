/**
 * A large but valid stamp image (LETTER_STAMP_IMAGE): a PNG of random pixels, stored without compression,
 * so the letter's PDF, and the e-mail, are megabytes long. The fault suite uses it to drop the line while
 * the client is provably still writing the body (more than the socket buffers can hold).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Writes a square RGB PNG of about `megabytes` MB and returns its path. */
export async function writeLargeStamp(megabytes: number): Promise<string> {
  const side = Math.ceil(Math.sqrt((megabytes * 1024 * 1024) / 3));
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) rows.push(Buffer.from([0]), randomBytes(side * 3)); // filter 0 per row
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 0 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const path = join(await mkdtemp(join(tmpdir(), 'duebot-stamp-')), 'stamp.png');
  await writeFile(path, png);
  return path;
}
