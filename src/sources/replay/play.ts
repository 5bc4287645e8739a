// A recorded event log as an event source: the same events, in the same order, handed to
// the same timeline as a live watch. Pacing only changes when they arrive, never what they
// say: in real time scaled by speed (0 = as fast as possible), or one per key press. Real time
// means each event at its offset in the log from the start (or from where a pause held it).

import type { SourceEvent } from '../../core/events.ts';
import { sleep, type Clock, type EventSource } from '../event-source.ts';

/** Key presses for --step: resolves 'next' for any key, 'quit' for q or ctrl-c. */
export interface StepKeys {
  next(): Promise<'next' | 'quit'>;
  close(): void;
  /** True while next() waits (the TUI's pause): the pacing starts again from where it was held. */
  readonly paused?: boolean;
}

export interface ReplayOptions {
  /** Read as they are played (a streamed log). */
  events: Iterable<SourceEvent>;
  /** 1 = real time, 2 = twice as fast, 0 = as fast as possible. */
  speed: number;
  /** Asked before every event (--step key presses, the TUI's pause and step). */
  keys?: StepKeys | null;
  clock: Clock;
}

/** The longest a replay hands over events without letting timers run (see run()). */
export const YIELD_EVERY_MS = 20;

export function replaySource(o: ReplayOptions): EventSource {
  const stop = new AbortController();
  return {
    async run(emit) {
      try {
        // Each event is due at its offset in the log (scaled by speed) from an anchor: the first
        // event's emission, or the last one's when the keys held the replay (a pause, a step).
        // Time spent handling events is not added to every gap after it: a replay that falls
        // behind catches up, as a live watch reads the events queued while it was busy.
        let anchor: { wall: number; at: number } | null = null;
        let last: number | null = null;
        // Events due at once (as fast as possible, or catching up) are handed over for at most
        // YIELD_EVERY_MS before the loop lets timers run: the screen draws and keys are read meanwhile.
        let yielded = o.clock.now().getTime();
        for (const e of o.events) {
          if (stop.signal.aborted) break;
          if (o.keys) {
            const held = o.keys.paused === true;
            if ((await o.keys.next()) === 'quit' || stop.signal.aborted) break;
            if (held && last !== null) anchor = { wall: o.clock.now().getTime(), at: last };
          }
          const at = Date.parse(e.at);
          if (o.speed > 0) {
            if (anchor === null) anchor = { wall: o.clock.now().getTime(), at };
            else {
              const wait = anchor.wall + (at - anchor.at) / o.speed - o.clock.now().getTime();
              if (wait > 0) {
                if (!(await sleep(o.clock, wait, stop.signal))) break;
                yielded = o.clock.now().getTime();
              }
            }
          }
          if (o.clock.now().getTime() - yielded >= YIELD_EVERY_MS) {
            if (!(await sleep(o.clock, 0, stop.signal))) break;
            yielded = o.clock.now().getTime();
          }
          last = at;
          emit(e);
        }
      } finally {
        o.keys?.close();
      }
    },
    stop() {
      stop.abort();
    },
  };
}
