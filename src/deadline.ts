/** A wait that gives up: a check must answer on time even when the database behind it hangs. */

/** The work did not settle within its deadline. */
export class DeadlineExceeded extends Error {
  readonly code = 'deadline_exceeded';
}

/** `work`, or a DeadlineExceeded after `ms` (the work is left to finish or fail on its own). */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // a late failure after the deadline is not unhandled
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
