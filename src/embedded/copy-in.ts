/**
 * `COPY ... FROM STDIN` for attached processes (a sync writes its rows that way). PGlite cannot take COPY
 * data over the wire protocol: it would wait for it inside its engine and freeze the owning process. So
 * the owner answers the client's COPY itself, collects the CopyData messages and, at CopyDone, runs the
 * same COPY in PGlite from the collected text, as PGlite's own API takes COPY input (a blob).
 */
import type { PGlite } from '@electric-sql/pglite';

const COPY_FROM_STDIN = /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i;

function message(type: string, body: Buffer): Uint8Array {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, body]));
}

const cString = (text: string) => Buffer.from(`${text}\0`);

/** A Postgres ErrorResponse with `severity` and SQLSTATE `code`. */
export function errorResponse(text: string, code: string, severity: 'ERROR' | 'FATAL'): Uint8Array {
  const fields = [`S${severity}`, `V${severity}`, `C${code}`, `M${text}`].map(cString);
  return message('E', Buffer.concat([...fields, Buffer.from([0])]));
}

const ready = (pglite: PGlite, failed: boolean) =>
  message('Z', Buffer.from(pglite.isInTransaction() ? (failed ? 'E' : 'T') : 'I'));

/** The SQL of a simple-protocol Query message when it is a COPY FROM STDIN, else null. */
export function copyFromStdinSql(msg: Uint8Array): string | null {
  if (msg[0] !== 0x51) return null; // 'Q'
  const sql = Buffer.from(msg.subarray(5, msg.length - 1)).toString('utf8');
  return COPY_FROM_STDIN.test(sql) ? sql : null;
}

/** One COPY FROM STDIN a client is sending: `take` each of its messages until it returns true (done). */
export interface CopyIn {
  take(msg: Uint8Array, onData: (data: Uint8Array) => void): Promise<boolean>;
}

/** Starts the COPY `sql` for a client: tells it to send its data. */
export function startCopyIn(pglite: PGlite, sql: string, onData: (data: Uint8Array) => void): CopyIn {
  onData(message('G', Buffer.from([0, 0, 0]))); // CopyInResponse: text format, columns as the COPY names them
  const chunks: Buffer[] = [];
  const blobSql = sql.replace(/\bstdin\b/i, "'/dev/blob'");
  return {
    async take(msg, send) {
      const type = String.fromCharCode(msg[0] ?? 0);
      if (type === 'd') {
        chunks.push(Buffer.from(msg.subarray(5)));
        return false;
      }
      if (type === 'f') {
        send(errorResponse('COPY from stdin failed: the client cancelled it', '57014', 'ERROR'));
        send(ready(pglite, true));
        return true;
      }
      if (type !== 'c') return false; // Flush or Sync while copying: nothing to answer
      try {
        const result = await pglite.query(blobSql, [], { blob: new Blob([Buffer.concat(chunks)]) });
        send(message('C', cString(`COPY ${result.affectedRows ?? 0}`)));
        send(ready(pglite, false));
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        send(errorResponse((error as Error).message, typeof code === 'string' ? code : 'XX000', 'ERROR'));
        send(ready(pglite, true));
      }
      return true;
    },
  };
}
