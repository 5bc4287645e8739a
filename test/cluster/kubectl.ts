// Running the cluster's own kubectl (same version as the apiserver) as a child process.
import { spawn } from 'node:child_process';

export interface KubectlOptions {
  /** Written to kubectl's stdin (for `apply -f -` and friends). */
  input?: string;
  /** Kill kubectl after this long (code -1). Default 60 s. */
  timeoutMs?: number;
  /** Extra environment variables on top of the cluster's env. */
  env?: Record<string, string>;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  /** Exit code; -1 when killed (timeout) or not started. */
  code: number;
}

export function runKubectl(kubectl: string, env: NodeJS.ProcessEnv, args: readonly string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = spawn(kubectl, args, { env: { ...env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\nkubectl killed after ${opts.timeoutMs ?? 60_000} ms`;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${err.message}`, code: -1 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1 });
    });
    child.stdin.on('error', () => {}); // kubectl may exit before reading its input
    child.stdin.end(opts.input ?? '');
  });
}

/** An Error carrying what kubectl said. */
export function kubectlError(args: readonly string[], r: KubectlResult): Error {
  return new Error(`kubectl ${args.join(' ')} exited with ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
}
