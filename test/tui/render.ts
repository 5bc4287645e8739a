// A small stand-in for ink-testing-library: renders an Ink tree into a fake terminal of a
// given size, records every frame, and types keys into a fake stdin. Ink runs in debug mode
// here, so each frame is written whole and the last write is what the screen shows.

import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render, type Instance } from 'ink';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

export class FakeStdout extends EventEmitter {
  columns: number;
  rows: number;
  readonly isTTY: boolean;
  readonly frames: string[] = [];
  constructor(columns: number, rows: number, isTTY = false) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.isTTY = isTTY;
  }
  write(s: string, a?: unknown, b?: unknown): boolean {
    if (s !== '') this.frames.push(s);
    const cb = typeof a === 'function' ? a : b;
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY: boolean = true;
  private readonly queue: string[] = [];
  setRawMode(): this { return this; }
  setEncoding(): void {}
  ref(): void {}
  unref(): void {}
  resume(): void {}
  pause(): void {}
  read(): string | null { return this.queue.shift() ?? null; }
  /** Ink listens once it has turned raw mode on: keys sent before would be lost. */
  listening(): boolean {
    return this.listenerCount('readable') > 0;
  }
  send(s: string): void {
    this.queue.push(s);
    this.emit('readable');
  }
}

export const KEYS = {
  up: '\u001b[A', down: '\u001b[B', right: '\u001b[C', left: '\u001b[D',
  enter: '\r', escape: '\u001b', tab: '\t', shiftTab: '\u001b[Z', backspace: '\u007f', ctrlC: '\u0003',
} as const;

export interface Rendered {
  /** The screen as plain text (colours stripped), one string per row. */
  screen(): string[];
  /** The screen joined with newlines. */
  text(): string;
  frames: string[];
  /** Types keys, one event each, and waits for the screen to settle. */
  press(...keys: string[]): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  rerender(node: ReactElement): Promise<void>;
  /** Waits for the screen to settle after something outside pushed into it. */
  settled(): Promise<void>;
  /**
   * Waits until the screen shows what `probe` looks for (a loaded machine may draw much later
   * than settling allows for); throws with the screen after timeoutMs (default 60 s).
   */
  waitFor(probe: (screen: string[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  unmount(): void;
  instance: Instance;
}

export const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

/** Waits until no frame has been written for `quiet` ms (at most `limit` ms). */
async function settle(frames: string[], quiet = 25, limit = 1000): Promise<void> {
  const start = Date.now();
  let seen = frames.length;
  let since = Date.now();
  while (Date.now() - start < limit) {
    await tick(5);
    if (frames.length !== seen) {
      seen = frames.length;
      since = Date.now();
    } else if (Date.now() - since >= quiet) return;
  }
}

export async function renderTui(node: ReactElement, size: { columns: number; rows: number } = { columns: 80, rows: 24 }): Promise<Rendered> {
  const stdout = new FakeStdout(size.columns, size.rows);
  const stdin = new FakeStdin();
  const instance = render(node, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    debug: true, exitOnCtrlC: false, patchConsole: false,
  });
  await settle(stdout.frames);
  const last = () => stripAnsi(stdout.frames[stdout.frames.length - 1] ?? '');
  return {
    screen: () => last().replace(/\n$/, '').split('\n'),
    text: () => last(),
    frames: stdout.frames,
    async press(...keys: string[]) {
      for (const k of keys) {
        stdin.send(k);
        await tick(5);
      }
      await settle(stdout.frames);
    },
    async resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await settle(stdout.frames);
    },
    async rerender(next: ReactElement) {
      instance.rerender(next);
      await settle(stdout.frames);
    },
    settled: () => settle(stdout.frames),
    async waitFor(probe, what, timeoutMs = 60_000) {
      const screen = () => last().replace(/\n$/, '').split('\n');
      const end = Date.now() + timeoutMs;
      while (!probe(screen())) {
        if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${screen().join('\n')}`);
        await tick(5);
      }
    },
    unmount: () => instance.unmount(),
    instance,
  };
}
