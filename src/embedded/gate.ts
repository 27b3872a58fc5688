/**
 * Who holds the embedded database's one session. PGlite has a single session: a transaction opened by one
 * user (this process's own queries, or a duebot process attached through the socket) must not see another
 * user's statements run inside it. Each user enters the gate before a statement and leaves it only when
 * the session is idle again (no transaction block, no half-sent extended-protocol query), so transactions
 * of different users run one after the other, never interleaved.
 */

/** A user of the session: 'owner' for this process, a number for each attached connection. */
export type SessionUser = 'owner' | number;

/** Waited longer than the gate allows for the session: another user kept it (a transaction left open). */
export class SessionBusyError extends Error {
  readonly code = 'embedded_database_busy';
  constructor(waitedMs: number) {
    super(
      `the embedded database stayed busy for ${Math.round(waitedMs / 1000)} s: another duebot process kept a transaction open`,
    );
  }
}

interface Waiter {
  user: SessionUser;
  admit: () => void;
  refuse: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The gate in front of one PGlite session; `waitMs` bounds every wait, so no two users wait on each other forever. */
export interface SessionGate {
  /** Resolves when `user` holds the session (at once when it already does). */
  enter(user: SessionUser): Promise<void>;
  /** `user` is done for now: the next waiting user gets the session. */
  leave(user: SessionUser): void;
  /** Refuses the waits of `user` (its connection closed). */
  forget(user: SessionUser): void;
  holder(): SessionUser | null;
}

export function createSessionGate(waitMs: number): SessionGate {
  let holder: SessionUser | null = null;
  const waiters: Waiter[] = [];
  const admitNext = () => {
    const next = waiters.shift();
    if (!next) return;
    clearTimeout(next.timer);
    holder = next.user;
    next.admit();
  };
  return {
    enter(user) {
      if (holder === null || holder === user) {
        holder = user;
        return Promise.resolve();
      }
      return new Promise<void>((admit, refuse) => {
        const waiter: Waiter = {
          user,
          admit,
          refuse,
          timer: setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            refuse(new SessionBusyError(waitMs));
          }, waitMs),
        };
        waiters.push(waiter);
      });
    },
    leave(user) {
      if (holder !== user) return;
      holder = null;
      admitNext();
    },
    forget(user) {
      for (const waiter of waiters.filter((w) => w.user === user)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        clearTimeout(waiter.timer);
        waiter.refuse(new Error('the connection closed'));
      }
    },
    holder: () => holder,
  };
}
