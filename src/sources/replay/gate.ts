// Pause, resume and single steps for a replay driven from the TUI: a StepKeys whose next()
// answers at once while running, and waits while paused until resumed or stepped once.

import type { StepKeys } from './play.ts';

export interface PauseGate extends StepKeys {
  readonly paused: boolean;
  pause(): void;
  resume(): void;
  /** While paused: let exactly one event through. */
  step(): void;
}

export function pauseGate(): PauseGate {
  let paused = false;
  let closed = false;
  const waiting: ((k: 'next' | 'quit') => void)[] = [];
  return {
    get paused() {
      return paused;
    },
    next() {
      if (closed) return Promise.resolve('quit');
      if (!paused) return Promise.resolve('next');
      return new Promise((resolve) => waiting.push(resolve));
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const w of waiting.splice(0)) w('next');
    },
    step() {
      waiting.shift()?.('next');
    },
    close() {
      closed = true;
      for (const w of waiting.splice(0)) w('quit');
    },
  };
}
