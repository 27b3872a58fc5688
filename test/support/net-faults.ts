/**
 * Network faults in front of real servers: a TCP proxy the test opens and closes (the server "goes away"
 * and comes back on the same port), and a blackhole that accepts connections and never answers.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

async function listen(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

async function shut(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A proxy to `target` on a port of its own; `close()` drops every connection and refuses new ones. */
export interface TcpProxy {
  port: number;
  open(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy to 127.0.0.1:`targetPort`, open at first. */
export async function openTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await listen(server);
  return {
    port,
    open: async () => {
      if (!server.listening) await listen(server, port);
    },
    close: () => shut(server, sockets),
  };
}

/** A server that accepts connections and never says a word (a firewall that drops, a hung host). */
export async function openBlackhole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return { port, close: () => shut(server, sockets) };
}

/** A port nothing listens on (a stopped server): taken, then let go. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await shut(server, new Set());
  return port;
}
