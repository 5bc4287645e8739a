// Measuring commands beside each other: wall time (taken around each command, to the
// microsecond), CPU time and peak RSS from /usr/bin/time, medians of interleaved runs (ours,
// theirs, ours, theirs ...), so load on the machine falls on both sides alike. Ratios are the
// result, not absolute times.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Step { cmd: string; args: string[]; env?: NodeJS.ProcessEnv }
export interface Sample { seconds: number; cpuSeconds: number; maxRssMb: number }

export const root = new URL('..', import.meta.url).pathname;

/** One command under /usr/bin/time: its wall time as taken around it here, and time's own figures. */
function timed(s: Step): { wall: number; status: number | null; figures: number[]; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', s.cmd, ...s.args], { env: s.env ?? process.env, cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  return { wall, status: r.status, figures: last.split(' ').map(Number), stderr: r.stderr };
}

let overhead: number | null = null;

/**
 * What starting a command under /usr/bin/time costs here, apart from the command: the median
 * wall time of /usr/bin/time around /bin/true, taken once. /usr/bin/time's own wall time is in
 * hundredths of a second (a tenth of a short single-target run), so wall time is taken around
 * each command instead, to the microsecond, less this (a sequence of five commands would
 * otherwise carry it five times, and a single run once).
 */
export function spawnOverhead(): number {
  if (overhead === null) {
    const walls: number[] = [];
    for (let i = 0; i < 9; i++) walls.push(timed({ cmd: '/bin/true', args: [] }).wall);
    overhead = median(walls);
  }
  return overhead;
}

export function measureOnce(steps: Step[]): Sample {
  const base = spawnOverhead();
  let seconds = 0;
  let cpuSeconds = 0;
  let maxRssMb = 0;
  for (const s of steps) {
    const r = timed(s);
    const [e, u, sy, m] = r.figures;
    // 0: clean; 1: findings (ours) or a non-zero score (kube-score): both are answers.
    if ((r.status !== 0 && r.status !== 1) || e === undefined || Number.isNaN(e)) throw new Error(`${s.cmd} ${s.args.join(' ')} exited ${r.status}: ${r.stderr.slice(-800)}`);
    seconds += Math.max(0, r.wall - base);
    cpuSeconds += (u ?? 0) + (sy ?? 0);
    maxRssMb = Math.max(maxRssMb, (m ?? 0) / 1024);
  }
  return { seconds, cpuSeconds, maxRssMb };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface Summary { seconds: number; cpuSeconds: number; maxRssMb: number; runs: number }

function summarise(samples: Sample[]): Summary {
  return { seconds: median(samples.map((x) => x.seconds)), cpuSeconds: median(samples.map((x) => x.cpuSeconds)), maxRssMb: median(samples.map((x) => x.maxRssMb)), runs: samples.length };
}

/**
 * Each side `runs` times, interleaved; the medians of each. With `settle`, each run (a side's
 * whole sequence) begins once the CPUs have quietened after the run before (settle, below).
 */
export function sideBySide(sides: Step[][], runs: number, opts: { settle?: boolean } = {}): Summary[] {
  const samples: Sample[][] = sides.map(() => []);
  for (let i = 0; i < runs; i++) {
    sides.forEach((steps, k) => {
      if (opts.settle) settle();
      samples[k]?.push(measureOnce(steps));
    });
  }
  return samples.map(summarise);
}

/**
 * Against a live control plane on the same machine, a run can leave the API server working
 * after it exits (garbage collection after a big list, watch caches catching up), which the
 * next run would share the CPUs with. A run starts once the CPUs were at most SETTLE_BUSY busy
 * over SETTLE_WINDOW_MS, or after SETTLE_MAX_MS.
 */
export const SETTLE_BUSY = 0.3;
export const SETTLE_WINDOW_MS = 300;
export const SETTLE_MAX_MS = 10_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits (synchronously) for the CPUs to quieten. */
function settle(): void {
  const t0 = Date.now();
  for (;;) {
    const a = cpuTimes();
    sleepSync(SETTLE_WINDOW_MS);
    const busy = busyShare(a, cpuTimes());
    if (busy === null || busy <= SETTLE_BUSY || Date.now() - t0 >= SETTLE_MAX_MS) return;
  }
}

export function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 100) / 100 : NaN;
}

/** Slope of log(y) against log(x), least squares: 1 is linear, 2 quadratic. */
export function logSlope(points: { x: number; y: number }[]): number {
  const p = points.filter((q) => q.x > 0 && q.y > 0).map((q) => ({ x: Math.log(q.x), y: Math.log(q.y) }));
  if (p.length < 2) return NaN;
  const mx = p.reduce((n, q) => n + q.x, 0) / p.length;
  const my = p.reduce((n, q) => n + q.y, 0) / p.length;
  const num = p.reduce((n, q) => n + (q.x - mx) * (q.y - my), 0);
  const den = p.reduce((n, q) => n + (q.x - mx) ** 2, 0);
  return Math.round((num / den) * 100) / 100;
}

/**
 * Once every pod is ready, kwok and the controllers go on working for a while (at 20k pods the
 * load average stayed about 5 for minutes), and a stopped control plane takes a while to go:
 * timing starts when the machine's CPUs are at most this busy over QUIET_WINDOW_MS, or after
 * QUIET_MAX_MS, and the results say how busy they were.
 */
const QUIET_BUSY = 0.25;
const QUIET_WINDOW_MS = 5_000;
const QUIET_MAX_MS = 180_000;

/** Jiffies the machine's CPUs spent busy and in all, from /proc/stat (null where there is none). */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The share of CPU time spent busy between two readings; null where it cannot be told. */
function busyShare(a: { busy: number; total: number } | null, b: { busy: number; total: number } | null): number | null {
  if (a === null || b === null || b.total === a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}

/** Waits for the CPUs to be at most QUIET_BUSY busy over one window (at most QUIET_MAX_MS); the last window's busy share. */
export async function quieten(): Promise<{ seconds: number; busy: number }> {
  const t0 = Date.now();
  for (;;) {
    const a = cpuTimes();
    await new Promise((r) => setTimeout(r, QUIET_WINDOW_MS));
    const busy = busyShare(a, cpuTimes());
    if (busy === null) return { seconds: (Date.now() - t0) / 1000, busy: 0 };
    if (busy <= QUIET_BUSY || Date.now() - t0 >= QUIET_MAX_MS) return { seconds: (Date.now() - t0) / 1000, busy };
  }
}
