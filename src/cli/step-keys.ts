// --step on a terminal: standard input in raw mode, one event per key; q or ctrl-c ends the replay.

import type { StepKeys } from '../sources/replay/play.ts';

export interface RawInput {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export function ttyStepKeys(stdin: RawInput): StepKeys {
  stdin.setRawMode?.(true);
  stdin.resume();
  const waiting: ((k: 'next' | 'quit') => void)[] = [];
  const onData = (chunk: Buffer | string) => {
    const s = chunk.toString();
    const answer = s === 'q' || s === '\u0003' ? 'quit' : 'next';
    waiting.shift()?.(answer);
  };
  stdin.on('data', onData);
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close() {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      for (const w of waiting.splice(0)) w('quit');
    },
  };
}
