// Real `kubectl logs|exec|attach|port-forward TYPE/NAME`, run at -v=7 so that its request
// log names the pod it chose (kwok pods have no kubelet, so the streaming request itself
// fails; the path is all we need). kubectl is stopped as soon as the deciding request has
// been logged, so a slow kubelet dial never holds a test up.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Cluster } from '../cluster/harness.ts';
import type { PodCommand } from '../../src/core/kubectl/pick.ts';

export interface KubectlObservation {
  command: PodCommand;
  args: string[];
  /** Exit code; null when we stopped kubectl after its deciding request. */
  code: number | null;
  /** The labelSelector of kubectl's pods LIST, decoded. */
  listSelector: string | null;
  /** The pod kubectl addressed (log/exec/attach/portforward request, or port-forward's GET). */
  pod: string | null;
  /** Every pod kubectl addressed by name (should be at most one). */
  podsAddressed: string[];
  /** The container=… query parameter of the log/exec/attach request. */
  container: string | null;
  /** logs' `Found N pods, using pod/X` line. */
  foundLine: string | null;
  /** kubectl's last `error: …` line, without the prefix. */
  error: string | null;
  stderr: string;
}

const SUBRESOURCE: Record<PodCommand, string> = { logs: 'log', exec: 'exec', attach: 'attach', 'port-forward': 'portforward' };

export function podCommandArgs(command: PodCommand, target: string, namespace: string, ports: readonly string[] = []): string[] {
  const common = ['-n', namespace, '-v=7', '--pod-running-timeout=2s'];
  switch (command) {
    case 'logs': return ['logs', target, ...common];
    case 'exec': return ['exec', target, ...common, '--', 'true'];
    case 'attach': return ['attach', target, ...common];
    case 'port-forward': return ['port-forward', target, ...(ports.length ? ports : ['0:80']), '--address=127.0.0.1', ...common];
  }
}

interface Request { pod: string | null; subresource: string | null; labelSelector: string | null; container: string | null }

function requestsOf(stderr: string, namespace: string): Request[] {
  const out: Request[] = [];
  const prefix = `/api/v1/namespaces/${namespace}/pods`;
  for (const m of stderr.matchAll(/url="([^"]+)"/g)) {
    let u: URL;
    try {
      u = new URL(m[1] as string);
    } catch {
      continue;
    }
    if (u.pathname === prefix) {
      out.push({ pod: null, subresource: null, labelSelector: u.searchParams.get('labelSelector'), container: null });
      continue;
    }
    const p = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/([^/]+)(?:/([a-z]+))?$`).exec(u.pathname);
    if (p) out.push({ pod: decodeURIComponent(p[1] as string), subresource: p[2] ?? null, labelSelector: null, container: u.searchParams.get('container') });
  }
  return out;
}

function decided(command: PodCommand, stderr: string, namespace: string): boolean {
  return requestsOf(stderr, namespace).some((r) => r.subresource === SUBRESOURCE[command]);
}

export function observe(command: PodCommand, args: string[], stderr: string, code: number | null, namespace: string): KubectlObservation {
  const reqs = requestsOf(stderr, namespace);
  const list = reqs.find((r) => r.pod === null);
  const sub = reqs.find((r) => r.subresource === SUBRESOURCE[command]);
  const plainGet = command === 'port-forward' ? reqs.find((r) => r.pod !== null && r.subresource === null) : undefined;
  const chosen = sub ?? plainGet;
  const errors = stderr.split('\n').filter((l) => l.startsWith('error: '));
  return {
    command, args, code,
    listSelector: list?.labelSelector ?? null,
    pod: chosen?.pod ?? null,
    podsAddressed: [...new Set(reqs.filter((r) => r.pod !== null).map((r) => r.pod as string))],
    container: sub?.container ?? null,
    foundLine: /^Found \d+ pods, using pod\/\S+$/m.exec(stderr)?.[0] ?? null,
    error: errors.length ? (errors[errors.length - 1] as string).slice('error: '.length) : null,
    stderr,
  };
}

/** Runs the command against TYPE/NAME and reports which pod kubectl went for. */
export function runPodCommand(cluster: Cluster, namespace: string, command: PodCommand, target: string, ports: readonly string[] = [], timeoutMs = 20_000): Promise<KubectlObservation> {
  const args = podCommandArgs(command, target, namespace, ports);
  return new Promise((resolve, reject) => {
    const child = spawn(join(cluster.binDir, 'kubectl'), args, { env: cluster.env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      stderr += `\n(oracle: kubectl stopped after ${timeoutMs} ms)`;
      stop();
    }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (decided(command, stderr, namespace)) stop();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(observe(command, args, stderr, stopped ? null : code, namespace));
    });
  });
}
