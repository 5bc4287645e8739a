// What every watch-mode source is: something that, once started, hands SourceEvents to the
// timeline in order until it ends (a replay runs out) or is stopped (the user quits).
// Clocks and timers are passed in, so tests drive time themselves.

import type { SourceEvent } from '../core/events.ts';

export interface EventSource {
  /** Starts emitting; resolves when the source has ended by itself or after stop(). */
  run(emit: (e: SourceEvent) => void): Promise<void>;
  stop(): void;
}

export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Waits ms on the clock; resolves early (false) when the signal aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
