// The end-to-end kit: the skip guard every real-control-plane test uses, the Deployment +
// Service manifests most of them start from (webApp), the real program spawned as a user
// runs it, and waits on what the real controllers published.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultBinDir, missingBinaries } from '../cluster/bins.ts';
import type { Cluster } from '../cluster/harness.ts';
import { ptyUnavailable } from '../tui/pty-session.ts';
import type { Endpoint, EndpointSlice } from '../../src/core/types.ts';

export interface List<T> { items: T[] }

/** The program's entry point, run with the test's Node. */
export const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * Why a real-control-plane test cannot run here, or false: the binaries are absent (a failure
 * instead under WHOSELECTS_REQUIRE_CLUSTER=1), or, with pty, there is no pseudo-terminal.
 */
export function clusterSkip(opts: { pty?: boolean } = {}): string | false {
  const noPty = opts.pty ? ptyUnavailable() : null;
  if (noPty) return `${noPty}: the TUI end-to-end tests need a pseudo-terminal`;
  const missing = missingBinaries();
  return missing.length > 0 && !process.env.WHOSELECTS_REQUIRE_CLUSTER
    ? `control-plane binaries absent from ${defaultBinDir()} (${missing.join(', ')}): run \`npm run cluster:build\`; set WHOSELECTS_REQUIRE_CLUSTER=1 to make this a failure`
    : false;
}

export interface WebApp {
  /** Deployment, Service and label value (app: NAME). Default web. */
  name?: string;
  replicas?: number;
  /** Whether the Service port is named http (default true). */
  namedPort?: boolean;
  /** KWOK keeps a deleted pod terminating (and Ready) this long. */
  terminateDelaySeconds?: number;
  /** Also a headless Service NAME-headless over the same pods. */
  headless?: boolean;
}

/** A Deployment of nginx pods with a named container port http (8080) behind a Service on port 80. */
export function webApp(o: WebApp = {}): string {
  const name = o.name ?? 'web';
  const port = `${o.namedPort === false ? '' : 'name: http, '}port: 80, targetPort: http`;
  const metadata = o.terminateDelaySeconds === undefined
    ? `metadata: {labels: {app: ${name}}}`
    : `metadata:\n      labels: {app: ${name}}\n      annotations: {whoselects.test/terminate-delay: "${o.terminateDelaySeconds}s"}`;
  const service = (svc: string, headless: boolean) => `apiVersion: v1
kind: Service
metadata: {name: ${svc}}
spec:
${headless ? '  clusterIP: None\n' : ''}  selector: {app: ${name}}
  ports: [{${port}}]
`;
  return `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${o.replicas ?? 2}
  selector: {matchLabels: {app: ${name}}}
  template:
    ${metadata}
    spec:
      containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
---
${service(name, false)}${o.headless ? `---\n${service(`${name}-headless`, true)}` : ''}`;
}

/** The real program running: its output so far, and its end. */
export interface Program {
  out: string;
  err: string;
  /** Resolves when -o json output reports the source connected. */
  connected: Promise<void>;
  exited: Promise<number>;
  /** ctrl-c. */
  interrupt(): void;
  kill(): void;
}

/** Starts `whoselects ARGS` as a user runs it: no terminal, so no TUI. */
export function startProgram(env: Record<string, string | undefined>, args: string[]): Program {
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let onConnected = () => {};
  const run: Program = {
    out: '', err: '',
    connected: new Promise((resolve) => { onConnected = resolve; }),
    exited: new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? -1));
    }),
    interrupt: () => child.kill('SIGINT'),
    kill: () => child.kill('SIGKILL'),
  };
  child.stdout.on('data', (d: Buffer) => {
    run.out += d.toString();
    if (run.out.includes('"source-connected"')) onConnected();
  });
  child.stderr.on('data', (d: Buffer) => { run.err += d.toString(); });
  return run;
}

/** Runs `whoselects ARGS` to its end, without colours. */
export async function runProgram(env: Record<string, string | undefined>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const p = startProgram({ ...env, NO_COLOR: '1' }, args);
  const code = await p.exited;
  return { code, stdout: p.out, stderr: p.err };
}

/** The endpoints of every EndpointSlice labelled with SERVICE's name, as the API server has them now. */
export async function endpointsOf(cluster: Cluster, service: string, namespace?: string): Promise<Endpoint[]> {
  const ns = namespace ? ['-n', namespace] : [];
  return (await cluster.get<List<EndpointSlice>>('endpointslices', ...ns, '-l', `kubernetes.io/service-name=${service}`)).items.flatMap((s) => s.endpoints ?? []);
}

/** Waits until the real EndpointSlice controller publishes COUNT ready endpoints for SERVICE. */
export async function waitForReadyEndpoints(cluster: Cluster, service: string, count: number, timeoutMs = 30_000): Promise<Endpoint[]> {
  return cluster.waitFor(async () => {
    const ready = (await endpointsOf(cluster, service)).filter((e) => e.conditions?.ready);
    return ready.length === count && ready;
  }, { what: `${count} ready endpoints behind svc/${service}`, timeoutMs });
}
