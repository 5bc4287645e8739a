// Spawning the control-plane processes, each logging to its own file, and stopping exactly those.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface Proc {
  name: string;
  pid: number;
  /** Absolute path of the binary; stop() checks /proc/<pid>/cmdline for it before signalling. */
  bin: string;
  log: string;
  /** Set once the process has exited (only known for children of this Node process). */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** May outlive this Node process once release()d: own session, no parent-death signal. */
  detached?: boolean;
}

/** n distinct ports that were free a moment ago on 127.0.0.1 (listen on port 0 n times, then close all). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = createServer();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

const hasSetpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** Processes this Node process owns; killed if it exits or is signalled. */
const owned = new Set<Proc>();
let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const p of owned) signal(p, 'SIGKILL');
    owned.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

/**
 * Starts bin with args, stdout and stderr appended to log. A process that is not detached also
 * gets a parent-death signal (via util-linux setpriv, which execs in place, so the pid is the binary's)
 * so that not even a SIGKILL of the test process leaves it running.
 */
export function spawnProc(name: string, bin: string, args: string[], log: string, opts: SpawnOptions): Proc {
  const fd = openSync(log, 'a');
  const [cmd, argv] = !opts.detached && hasSetpriv ? [hasSetpriv, ['--pdeathsig', 'KILL', '--', bin, ...args]] : [bin, args];
  let child: ChildProcess;
  try {
    child = spawn(cmd, argv, { stdio: ['ignore', fd, fd], env: opts.env, detached: !!opts.detached });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${bin}`);
  const proc: Proc = { name, pid: child.pid, bin, log };
  child.on('exit', (code, sig) => {
    proc.exit = { code, signal: sig };
    owned.delete(proc);
  });
  child.on('error', () => {
    proc.exit ??= { code: -1, signal: null };
  });
  if (opts.detached) child.unref();
  installCleanup();
  owned.add(proc);
  return proc;
}

/** Hands processes over: this Node process no longer kills them when it exits. */
export function release(procs: readonly Proc[]): void {
  for (const p of procs) owned.delete(p);
}

/** Whether pid is a live (not zombie) process running bin. */
export function isRunning(pid: number, bin: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/^\d+ \(.*\) Z/s.test(stat)) return false;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(bin);
  } catch {
    return false;
  }
}

function signal(p: Proc, sig: NodeJS.Signals): void {
  if (p.exit || !isRunning(p.pid, p.bin)) return;
  try {
    process.kill(p.pid, sig);
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to every process, SIGKILL to those still running after graceMs; resolves when all are gone. */
export async function stopProcs(procs: readonly Proc[], graceMs = 10_000): Promise<void> {
  const alive = () => procs.filter((p) => !p.exit && isRunning(p.pid, p.bin));
  for (const p of procs) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive().length > 0 && Date.now() < deadline) await sleep(50);
  for (const p of alive()) signal(p, 'SIGKILL');
  const hard = Date.now() + 5_000;
  while (alive().length > 0 && Date.now() < hard) await sleep(50);
  for (const p of procs) owned.delete(p);
  const left = alive();
  if (left.length > 0) throw new Error(`still running after SIGKILL: ${left.map((p) => `${p.name} (${p.pid})`).join(', ')}`);
}

/**
 * Stops p alone (SIGTERM, SIGKILL after graceMs), waits downMs, and starts the same binary again
 * with args, logging to the same file; resolves the new process (not yet ready: the caller probes).
 */
export async function restartProc(p: Proc, args: string[], opts: SpawnOptions, o: { downMs?: number; graceMs?: number } = {}): Promise<Proc> {
  await stopProcs([p], o.graceMs);
  if (o.downMs) await sleep(o.downMs);
  return spawnProc(p.name, p.bin, args, p.log, opts);
}

/** The last lines of a log file, for error messages. */
export function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
