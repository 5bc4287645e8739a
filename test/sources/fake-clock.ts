// A clock the test moves by hand: timers fire in time order as it advances, with the
// promise jobs they start run between them.

import type { Clock } from '../../src/sources/event-source.ts';

export interface FakeClock extends Clock {
  /** Moves time on by ms, firing due timers in order. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise jobs and I/O callbacks run. */
  settle(): Promise<void>;
  /** Delays of the timers set so far, in order. */
  delays: number[];
  pending(): number;
}

export function fakeClock(start = Date.parse('2026-03-01T12:00:00.000Z')): FakeClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const delays: number[] = [];
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    delays,
    now: () => new Date(now),
    setTimeout(fn, ms) {
      const id = ++seq;
      delays.push(ms);
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      timers.delete(h as number);
    },
    pending: () => timers.size,
    settle,
    async advance(ms) {
      const end = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await settle();
      }
      now = end;
      await settle();
    },
  };
}
