/**
 * A real SMTP server (smtp-server) on a loopback port inside the test process. Every message whose final
 * dot reaches it is parsed (mailparser) so tests read what a mail client would show. Recipients
 * containing "refuse" are refused with 550, as a real server refuses an unknown mailbox. Set `fault` to
 * make it misbehave at one stage of the conversation, as a mail server on a bad day does.
 */
import type { AddressInfo, Socket } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A message that reached the server whole (through the final dot), with its envelope and what it answered. */
export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
  /** The reply code to the message (250, 451, 554), or null when the server never answered it. */
  reply: number | null;
}

/**
 * Where the server drops the line (or what it answers): before the greeting, after the client's EHLO,
 * MAIL FROM or RCPT TO, after DATA before its 354, in the middle of the body, after the final dot before
 * answering (`after-dot` closes, `reset-after-dot` resets), `silent` (takes the message, never answers),
 * or `reply` with a 4xx/5xx code to the message (after `delayMs`, as a slow server answers).
 */
export type SmtpFault =
  | { at: 'greeting' | 'ehlo' | 'mail-from' | 'rcpt-to' | 'data' | 'body' }
  | { at: 'after-dot' | 'reset-after-dot' | 'silent' }
  | { at: 'reply'; code: 451 | 554; delayMs?: number };

export interface TestSmtp {
  url: string;
  /** Every message that reached the server whole, answered or not. */
  received: Received[];
  /** Messages the server accepted (replied 250 to): what a mailbox shows. */
  accepted(): Received[];
  /** The fault of the next connections; null: a well-behaved server. */
  fault: SmtpFault | null;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const sockets = new Map<number, Socket>();
  const state: { fault: SmtpFault | null } = { fault: null };
  /** Drops the client's connection; `reset` sends a TCP reset instead of closing. */
  const drop = (session: SMTPServerSession, reset = false) => {
    const socket = sockets.get(session.remotePort);
    if (reset) socket?.resetAndDestroy();
    else socket?.destroy();
  };
  const faultAt = (...stages: string[]) =>
    state.fault && stages.includes(state.fault.at) ? state.fault : null;
  const parse = async (stream: SMTPServerDataStream, session: SMTPServerSession, reply: number | null) => {
    const mail = await simpleParser(stream);
    received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail, reply });
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onConnect(session, callback) {
      if (faultAt('greeting')) return drop(session);
      callback();
    },
    onMailFrom(_address, session, callback) {
      if (faultAt('mail-from')) return drop(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      if (faultAt('rcpt-to')) return drop(session);
      if (address.address.includes('refuse')) {
        const error = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const fault = state.fault;
      // smtp-server asks onData before it writes its 354, so a drop here comes before the 354.
      if (fault?.at === 'data') return drop(session);
      if (fault?.at === 'body') {
        stream.once('data', () => drop(session, true));
        return;
      }
      if (fault?.at === 'reply') {
        const error = Object.assign(new Error(`message refused (${fault.code})`), {
          responseCode: fault.code,
        });
        parse(stream, session, fault.code).then(
          () => setTimeout(() => callback(error), fault.delayMs ?? 0),
          callback,
        );
        return;
      }
      const answered = fault === null;
      parse(stream, session, answered ? 250 : null)
        .then(() => {
          if (fault?.at === 'after-dot') drop(session);
          else if (fault?.at === 'reset-after-dot') drop(session, true);
          else if (answered) callback();
          // silent: the message is in, the answer never comes
        })
        .catch(callback);
    },
  });
  server.server.on('connection', (socket: Socket) => {
    const port = socket.remotePort ?? 0;
    sockets.set(port, socket);
    socket.once('close', () => sockets.delete(port));
    // No hook for EHLO in smtp-server: watch the client's bytes (this listener runs before its parser).
    socket.on('data', (chunk: Buffer) => {
      if (faultAt('ehlo') && /^(EHLO|HELO) /m.test(chunk.toString('latin1'))) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    accepted: () => received.filter((r) => r.reply === 250),
    get fault() {
      return state.fault;
    },
    set fault(value) {
      state.fault = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.values()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
