import type { Clock } from '../clock.ts';

/** Waits a number of milliseconds; injected so tests can move a fixed clock instead of sleeping. */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces messages to one channel about `intervalMs` apart, and remembers a platform's 429 so no call
 * goes to it before Retry-After has passed (within this process; deliveries carry their own retry time).
 */
export interface Pacer {
  /** Waits until the next message to `channel` on `platform` may go. */
  wait(platform: string, channel: string): Promise<void>;
  /** The platform said 429: nothing goes to it before `until`. */
  block(platform: string, until: Date): void;
  /** When the platform may be called again, or null when it may now. */
  blockedUntil(platform: string): Date | null;
}

/** A pacer over the given clock and sleep. */
export function createPacer(clock: Clock, intervalMs: number, sleep: Sleep = realSleep): Pacer {
  const nextFree = new Map<string, number>();
  const blocked = new Map<string, number>();
  return {
    async wait(platform, channel) {
      const key = `${platform}\u0000${channel}`;
      const wait = (nextFree.get(key) ?? 0) - clock.now().getTime();
      if (wait > 0) await sleep(wait);
      nextFree.set(key, clock.now().getTime() + intervalMs);
    },
    block(platform, until) {
      blocked.set(platform, Math.max(blocked.get(platform) ?? 0, until.getTime()));
    },
    blockedUntil(platform) {
      const until = blocked.get(platform) ?? 0;
      return until > clock.now().getTime() ? new Date(until) : null;
    },
  };
}
