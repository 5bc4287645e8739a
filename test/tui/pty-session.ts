// A live session with the real program in a real pseudo-terminal (python3's pty, through
// pty-relay.py), for end-to-end tests that act while it runs: type keys, resize the window,
// wait until the screen shows something, and read the screen as a person would through the
// small terminal emulator in vt.ts. Every distinct screen is kept, so a failed wait can say
// what was on the screen and what came before.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { Terminal } from './vt.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RELAY = fileURLToPath(new URL('./pty-relay.py', import.meta.url));
const QUIET_MS = 15;
const MAX_TEAR_MS = 1_000;
/**
 * How long a wait gives the screen by default. Waits end as soon as the screen shows what they
 * wait for; the deadline only bounds a failure, and a loaded 2-core machine (a control plane,
 * two programs drawing, another test run) can take many seconds to draw what an idle one draws at once.
 */
export const WAIT_MS = 60_000;

/** Why a pseudo-terminal test cannot run here, or null when it can. */
export function ptyUnavailable(): string | null {
  return spawnSync('python3', ['-c', 'import pty, termios'], { encoding: 'utf8' }).status === 0 ? null : 'python3 with the pty module is not available';
}

export interface PtyOptions {
  /** Arguments of src/cli/main.ts. */
  args: string[];
  columns: number;
  rows: number;
  /** Added to the environment (after CI, NO_COLOR, FORCE_COLOR and NODE_TEST* are taken out of it). */
  env?: Record<string, string | undefined>;
  /** Base environment (default: process.env). */
  baseEnv?: Record<string, string | undefined>;
}

export interface Frame {
  /** Milliseconds since the session started. */
  at: number;
  columns: number;
  rows: number;
  lines: string[];
}

export interface WaitOptions {
  timeoutMs?: number;
  what?: string;
}

/** The whole environment of a person's terminal: no CI (Ink would render only the last frame), a real TERM. */
export function terminalEnv(base: Record<string, string | undefined>, columns: number, rows: number, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && k !== 'CI' && k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && !k.startsWith('NODE_TEST')) env[k] = v;
  Object.assign(env, { TERM: 'xterm-256color', COLUMNS: String(columns), LINES: String(rows) });
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k]; else env[k] = v;
  return env;
}

/** How many characters at the end of `s` start an escape sequence that has not ended yet. */
export function unfinishedEscape(s: string): number {
  const i = s.lastIndexOf('\u001b');
  if (i < 0) return 0;
  const rest = s.slice(i + 1);
  if (rest === '') return s.length - i;
  if (rest[0] === '[') return /[@-~]/.test(rest.slice(1)) ? 0 : s.length - i;
  if (rest[0] === ']') return rest.includes('\u0007') || rest.includes('\u001b\\') ? 0 : s.length - i;
  return 0;
}

export class PtySession {
  readonly term: Terminal;
  /** Everything the program wrote, decoded. */
  raw = '';
  /** Every distinct screen, in order. */
  readonly frames: Frame[] = [];
  /** Resolves the exit code (or -signal) once the program has exited. */
  readonly exited: Promise<number>;
  exitCode: number | null = null;
  private readonly child: ChildProcess;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private readonly started = Date.now();
  private readonly watchers = new Set<() => void>();
  private relayErr = '';
  private snapTimer: NodeJS.Timeout | null = null;
  private firstPiece: number | null = null;

  constructor(o: PtyOptions) {
    this.term = new Terminal(o.columns, o.rows);
    const env = terminalEnv(o.baseEnv ?? process.env, o.columns, o.rows, o.env);
    const spec = { cmd: [process.execPath, 'src/cli/main.ts', ...o.args], cwd: ROOT, env, columns: o.columns, rows: o.rows };
    this.child = spawn('python3', [RELAY, JSON.stringify(spec)], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d: Buffer) => this.feed(d));
    this.child.stderr?.on('data', (d: Buffer) => { this.relayErr += d.toString(); });
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => {
        this.feed(Buffer.alloc(0), true);
        if (this.snapTimer) clearTimeout(this.snapTimer);
        this.snap();
        const m = /exit (-?\d+)/.exec(this.relayErr);
        this.exitCode = m ? Number(m[1]) : (code ?? -1);
        this.notify();
        resolve(this.exitCode);
      });
    });
  }

  private feed(d: Buffer, end = false): void {
    this.pending += end ? this.decoder.end() : this.decoder.write(d);
    const hold = end ? 0 : unfinishedEscape(this.pending);
    const now = this.pending.slice(0, this.pending.length - hold);
    this.pending = this.pending.slice(this.pending.length - hold);
    if (!now) return;
    this.raw += now;
    this.term.write(now);
    // A frame is written at once but may arrive in pieces. Ink wraps each frame in a
    // synchronized update, which a terminal shows only once it has ended (Terminal.shown()).
    // The screen is read once the output pauses (QUIET_MS), or at the latest MAX_TEAR_MS
    // after the first piece.
    if (this.snapTimer) clearTimeout(this.snapTimer);
    this.firstPiece ??= Date.now();
    const wait = end ? 0 : Math.max(0, Math.min(QUIET_MS, this.firstPiece + MAX_TEAR_MS - Date.now()));
    this.snapTimer = setTimeout(() => this.snap(), wait);
  }

  private snap(): void {
    this.snapTimer = null;
    this.firstPiece = null;
    const lines = this.term.shown();
    const last = this.frames[this.frames.length - 1];
    if (!last || last.columns !== this.term.columns || last.rows !== this.term.rows || last.lines.join('\n') !== lines.join('\n')) this.frames.push({ at: Date.now() - this.started, columns: this.term.columns, rows: this.term.rows, lines });
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  /** The screen as last seen whole, one string per row. */
  lines(): string[] {
    return this.frames[this.frames.length - 1]?.lines ?? this.term.shown();
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** Types keys one at a time, as a person does. */
  async type(keys: string, gapMs = 30): Promise<void> {
    for (const ch of keys) {
      this.child.stdin?.write(ch);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  /** Resizes the window: the emulator first, then the terminal (the program gets SIGWINCH). */
  resize(columns: number, rows: number): void {
    this.term.resize(columns, rows);
    (this.child.stdio[3] as Writable | null)?.write(`${JSON.stringify({ resize: [columns, rows] })}\n`);
  }

  /**
   * Resolves the first truthy value of probe(screen lines), tried on every change of the
   * screen; rejects after timeoutMs (or when the program exits first) with the screen dumped.
   */
  waitFor<T>(probe: (lines: string[]) => T | null | undefined | false, o: WaitOptions = {}): Promise<T> {
    return this.until(() => probe(this.lines()), o);
  }

  /**
   * Like waitFor, but tries the probe on every screen seen from frame `from` on (this.frames
   * index), not only the latest: what a screen showed for a moment (a hazard during a rollout,
   * the gap while the apiserver is down) may be gone again by the time a busy test looks at it.
   * The probe gets each screen's lines and its frame (its size: a window may have been resized).
   */
  waitForSeen<T>(from: number, probe: (lines: string[], frame: Frame) => T | null | undefined | false, o: WaitOptions = {}): Promise<T> {
    let next = from;
    return this.until(() => {
      while (next < this.frames.length) {
        const f = this.frames[next++] as Frame;
        const v = probe(f.lines, f);
        if (v) return v;
      }
      return null;
    }, o);
  }

  /** Resolves check()'s first truthy value, tried now and on every change of the screen; rejects after the deadline or when the program exits first. */
  private until<T>(probe: () => T | null | undefined | false, o: WaitOptions): Promise<T> {
    const timeoutMs = o.timeoutMs ?? WAIT_MS;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        this.watchers.delete(check);
        if (timer) clearTimeout(timer);
      };
      const fail = (why: string) => {
        done();
        reject(new Error(`${why} waiting for ${o.what ?? 'the screen'}\n${this.dump()}`));
      };
      const check = () => {
        let v: T | null | undefined | false;
        try {
          v = probe();
        } catch (e) {
          fail(`the probe threw ${(e as Error).message}`);
          return;
        }
        if (v) {
          done();
          resolve(v);
        } else if (this.exitCode !== null) fail(`the program exited (${this.exitCode}) while`);
      };
      timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      this.watchers.add(check);
      check();
    });
  }

  /** Waits until the screen has not changed for quietMs (at most timeoutMs). */
  async settle(quietMs = 300, timeoutMs = 5_000): Promise<string[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const n = this.frames.length;
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.frames.length === n || Date.now() > end) return this.lines();
    }
  }

  /** The screen now, framed, and how many screens came before: for failure messages and the test log. */
  dump(lines: string[] = this.lines(), title = 'screen'): string {
    const w = Math.max(this.term.columns, ...lines.map((l) => [...l].length));
    return [`┌─ ${title} (${this.term.columns}×${this.term.rows}, frame ${this.frames.length}, ${Date.now() - this.started} ms) ${'─'.repeat(Math.max(0, w - 40))}`,
      ...lines.map((l) => `│${l}`), `└${'─'.repeat(w)}`].join('\n');
  }

  /** What the program printed after it left the alternate screen (its last words), escapes removed. */
  afterScreen(): string {
    const i = this.raw.lastIndexOf('\u001b[?1049l');
    // eslint-disable-next-line no-control-regex
    return (i < 0 ? this.raw : this.raw.slice(i)).replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*(\u0007|\u001b\\)|\u001b[78=>]/g, '').replace(/\r/g, '');
  }

  /** Every screen seen, one after the other, for a file to read after a failure. */
  history(): string {
    return this.frames.map((f, i) => `── frame ${i} at ${f.at} ms (${f.columns}×${f.rows})\n${f.lines.join('\n')}`).join('\n');
  }

  /** Kills the program (and the relay) if it is still running. */
  kill(): void {
    if (this.exitCode === null) this.child.kill('SIGTERM');
  }
}
