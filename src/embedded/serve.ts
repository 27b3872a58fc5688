/**
 * Serves the embedded database of the process that owns it to other duebot processes over the Postgres wire
 * protocol on a local socket, so that they work on the same data instead of a copy of their own. The wire
 * protocol is handled by `@electric-sql/pglite-socket`; which user runs next is decided here, by the
 * session gate (gate.ts), because PGlite has one session shared by everyone.
 */
import { unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { type CopyIn, copyFromStdinSql, errorResponse, startCopyIn } from './copy-in.ts';
import { createSessionGate, type SessionGate } from './gate.ts';

/** Where an owner listens: a unix socket in the data dir, or a loopback port when that path is too long. */
export type Listen = { path: string } | { host: '127.0.0.1'; port: number };

/** Longest unix socket path Linux and macOS accept (sun_path), less the terminating NUL. */
const MAX_SOCKET_PATH = 103;
/** The socket's name, as the Postgres client looks for it in the folder given as its host. */
const SOCKET_NAME = '.s.PGSQL.5432';

/** Where the owner of `dataDir` listens. */
export function listenPlace(dataDir: string): Listen {
  const path = join(dataDir, SOCKET_NAME);
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? { path } : { host: '127.0.0.1', port: 0 };
}

/** The URL a Postgres client connects to for a listening place. */
export function socketUrl(place: Listen): string {
  if ('path' in place) {
    const dir = place.path.slice(0, -SOCKET_NAME.length - 1);
    return `postgres://duebot@localhost/postgres?host=${encodeURIComponent(dir)}`;
  }
  return `postgres://duebot@${place.host}:${place.port}/postgres`;
}

/** Where a URL made by `socketUrl` points, for a plain socket connection. */
export function socketAddress(url: string): { path: string } | { host: string; port: number } {
  const parsed = new URL(url);
  const dir = parsed.searchParams.get('host');
  return dir ? { path: join(dir, SOCKET_NAME) } : { host: parsed.hostname, port: Number(parsed.port) };
}

/** The whole last message of a response: ReadyForQuery ('Z', length 5) with the session's status. */
const READY_LENGTH = 6;
const isIdleReady = (tail: Uint8Array) =>
  tail.length === READY_LENGTH && tail[0] === 0x5a && tail[4] === 5 && tail[5] === 0x49; // 'Z' ... 'I'

function lastBytes(before: Uint8Array, chunk: Uint8Array): Uint8Array {
  if (chunk.length >= READY_LENGTH) return chunk.slice(chunk.length - READY_LENGTH);
  const joined = new Uint8Array(before.length + chunk.length);
  joined.set(before);
  joined.set(chunk, before.length);
  return joined.slice(Math.max(0, joined.length - READY_LENGTH));
}

/** A Sync message: ends an extended-protocol query a client left half-sent. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

type Queue = PGLiteSocketHandlerOptions['queryQueue'];

/**
 * What pglite-socket's handler calls for each protocol message. Its own queue lets another connection run
 * between the messages of one query (Parse, Bind, Execute) and the owner's statements run inside a client's
 * transaction; here each connection holds the session from its first message until the session is idle.
 */
function gatedQueue(pglite: PGlite, gate: SessionGate) {
  const copies = new Map<number, CopyIn>();
  const queue = {
    async enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) {
      try {
        await gate.enter(handlerId);
      } catch (error) {
        onData(errorResponse((error as Error).message, '55P03', 'FATAL'));
        throw error; // the handler closes the connection
      }
      const copy = copies.get(handlerId);
      if (copy) {
        if (await copy.take(message, onData)) copies.delete(handlerId);
        if (!copies.has(handlerId) && !pglite.isInTransaction()) gate.leave(handlerId);
        return 0;
      }
      const copySql = copyFromStdinSql(message);
      if (copySql) {
        copies.set(handlerId, startCopyIn(pglite, copySql, onData));
        return 0;
      }
      let bytes = 0;
      let tail: Uint8Array = new Uint8Array(0);
      await pglite.runExclusive(() =>
        pglite.execProtocolRawStream(message, {
          onRawData: (data: Uint8Array) => {
            bytes += data.length;
            tail = lastBytes(tail, data);
            onData(data);
          },
        }),
      );
      if (isIdleReady(tail)) gate.leave(handlerId);
      return bytes;
    },
    getQueueLength: () => 0,
    clearQueueForHandler: (handlerId: number) => gate.forget(handlerId),
    /** The connection closed: whatever it left open is rolled back, and the session passed on. */
    async clearTransactionIfNeeded(handlerId: number) {
      copies.delete(handlerId);
      if (gate.holder() !== handlerId) return;
      try {
        await pglite.runExclusive(() => pglite.execProtocolRaw(SYNC));
        if (pglite.isInTransaction())
          await pglite.runExclusive(() => pglite.execProtocolRaw(simpleQuery('ROLLBACK')));
      } finally {
        gate.leave(handlerId);
      }
    },
  };
  // NOTE: the handler's option is typed as pglite-socket's queue class (private members make it nominal);
  // it calls only the methods above.
  return { queue: queue as unknown as Queue, release: (id: number) => queue.clearTransactionIfNeeded(id) };
}

/** A simple-protocol Query message. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head.write('Q', 0);
  head.writeInt32BE(text.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, text]));
}

/**
 * The owner's PGlite, entering the gate for each statement and leaving it when no transaction is open: its
 * own queries (knex's, a sync's COPY) never run inside an attached process's transaction, nor theirs in its.
 */
export function gatedPglite(pglite: PGlite, gate: SessionGate): PGlite {
  const gated =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await gate.enter('owner');
      try {
        return await run(...args);
      } finally {
        if (!pglite.isInTransaction()) gate.leave('owner');
      }
    };
  const query = gated(pglite.query.bind(pglite));
  const exec = gated(pglite.exec.bind(pglite));
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'exec') return exec;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A listening owner: the URL clients connect to, and how to stop (attached connections are closed). */
export interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `pglite` at `place`; the owner's own statements must go through `gatedPglite(pglite, gate)`. */
export async function serveEmbedded(
  pglite: PGlite,
  gate: SessionGate,
  place: Listen,
): Promise<EmbeddedServer> {
  const { PGLiteSocketHandler } = await import('@electric-sql/pglite-socket');
  const { queue: queryQueue, release } = gatedQueue(pglite, gate);
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handler.attach(socket).catch(() => socket.destroy());
  });
  if ('path' in place) await unlink(place.path).catch(() => undefined); // left by an owner that was killed
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    if ('path' in place) server.listen(place.path, listening);
    else server.listen(place.port, place.host, listening);
  });
  const address = server.address();
  const bound: Listen =
    'path' in place || address === null || typeof address === 'string'
      ? place
      : { host: '127.0.0.1', port: address.port };
  return {
    url: socketUrl(bound),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      const holder = gate.holder();
      if (typeof holder === 'number') await release(holder); // its transaction is rolled back now, not later
      await closed;
    },
  };
}

export { createSessionGate };
