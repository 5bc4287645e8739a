// A recorded event log as an event source: the same events, in the same order, handed to
// the same timeline as a live watch. Pacing only changes when they arrive, never what they
// say: in real time scaled by speed (0 = as fast as possible), or one per key press.

import type { SourceEvent } from '../../core/events.ts';
import { sleep, type Clock, type EventSource } from '../event-source.ts';

/** Key presses for --step: resolves 'next' for any key, 'quit' for q or ctrl-c. */
export interface StepKeys {
  next(): Promise<'next' | 'quit'>;
  close(): void;
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

export function replaySource(o: ReplayOptions): EventSource {
  const stop = new AbortController();
  return {
    async run(emit) {
      try {
        let last: number | null = null;
        for (const e of o.events) {
          if (stop.signal.aborted) break;
          if (o.keys && ((await o.keys.next()) === 'quit' || stop.signal.aborted)) break;
          if (o.speed > 0 && last !== null) {
            const gap = (Date.parse(e.at) - last) / o.speed;
            if (gap > 0 && !(await sleep(o.clock, gap, stop.signal))) break;
          }
          last = Date.parse(e.at);
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
