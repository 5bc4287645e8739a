// A real control plane on 127.0.0.1 for end-to-end tests and demos: etcd, kube-apiserver,
// kube-controller-manager (all default controllers), kube-scheduler, and kwok standing in for
// kubelets on fake nodes. See docs/control-plane-notes.md for what was measured.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { clusterDir, defaultBinDir, missingBinaries } from './bins.ts';
import { AUDIT_POLICY, apiserverArgs, auditLogFile, auditPolicyFile, controllerManagerArgs, etcdArgs, etcdUrl, kwokArgs, schedulerArgs, type Layout } from './components.ts';
import { CONTEXT, TOKEN_CONTEXT, writeKubeconfig } from './kubeconfig.ts';
import { kubectlError, runKubectl, type KubectlOptions, type KubectlResult } from './kubectl.ts';
import { defaultNodes, nodeObject, type NodeSpec } from './nodes.ts';
import { makePki, type Pki } from './pki.ts';
import { freePorts, restartProc, spawnProc, stopProcs, tail, type Proc } from './processes.ts';
import { httpStatus, waitFor, type Probe, type WaitOptions } from './wait.ts';

export { defaultBinDir, missingBinaries } from './bins.ts';
export { defaultNodes, nodeIpOf, podCidrOf, type NodeSpec, type Taint } from './nodes.ts';
export type { Pki } from './pki.ts';
export { waitFor, type WaitOptions } from './wait.ts';
export type { KubectlOptions, KubectlResult } from './kubectl.ts';
export type { Proc } from './processes.ts';
export { SERVICE_CIDR } from './components.ts';

export interface ClusterOptions {
  /** The fake nodes. Default: defaultNodes() (three nodes, zones zone-a/b/c). */
  nodes?: NodeSpec[];
  /** Run directory (PKI, kubeconfig, etcd data, logs). Default: a new dir under os.tmpdir(). */
  dir?: string;
  /** Keep the run directory on stop(). Default: $WHOSELECTS_KEEP_CLUSTER is set. */
  keep?: boolean;
  /** Directory holding the binaries. Default: build.sh's cache dir for the pinned versions. */
  binDir?: string;
  /** Processes outlive this Node process (for `npm run cluster:up`). */
  detached?: boolean;
  /** kwok stage config. Default: test/cluster/kwok-stages.yaml. */
  stages?: string;
  /** How many pods kwok moves through a stage at once (its podPlayStageParallelism; kwok's default is 4). */
  kwokPodParallelism?: number;
  /** Budget for the whole start-up. Default 120 s. */
  timeoutMs?: number;
  /** kube-controller-manager's --controllers, e.g. '*,-deployment' (the bench writes its own ReplicaSets). Default '*'. */
  controllers?: string;
  /** kube-controller-manager's --kube-api-qps (burst twice that). Default 100. */
  controllerQps?: number;
  /** Progress lines (e.g. console.error). Default: silent. */
  log?: (line: string) => void;
}

export interface Cluster {
  /** Run directory; every process logs to <dir>/logs/<name>.log. */
  dir: string;
  /** The API server's audit log (JSON lines, Metadata level, every request; see audit.ts). */
  auditLog: string;
  /** Admin kubeconfig (contexts "whoselects" = client cert, "whoselects-token" = static token). */
  kubeconfig: string;
  /** https://127.0.0.1:<port> */
  server: string;
  binDir: string;
  /** process.env + KUBECONFIG + PATH with binDir first: pass to child processes. */
  env: Record<string, string>;
  /** Kubeconfig context names. */
  context: string;
  tokenContext: string;
  pki: Pki;
  nodes: NodeSpec[];
  /** The processes started, in start order. */
  procs: Proc[];
  /** Milliseconds startCluster took. */
  startupMs: number;
  /** Runs the cluster's kubectl; never throws. */
  kubectl(args: readonly string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** `kubectl apply -f -` with yaml (or JSON) on stdin; throws on failure; resolves stdout. */
  apply(yaml: string, opts?: { namespace?: string }): Promise<string>;
  /** `kubectl get <args> -o json`, parsed; throws on failure (NotFound included). */
  get<T = unknown>(...args: string[]): Promise<T>;
  /** Polls probe until it returns a truthy value (see wait.ts); aborts if a cluster process died. */
  waitFor<T>(probe: Probe<T>, opts?: WaitOptions): Promise<T>;
  /** Resident memory per process name, in bytes (Linux /proc). */
  rss(): Record<string, number>;
  /** Stops exactly the processes started (SIGTERM, SIGKILL after graceMs) and removes dir unless kept. */
  stop(opts?: { keep?: boolean; graceMs?: number }): Promise<void>;
  /**
   * Stops the kube-apiserver this cluster started (its PID only: SIGTERM, SIGKILL after graceMs,
   * default 2 s: with watches open it would take about 60 s to exit by itself), keeps it down for
   * downMs (default 0), starts it again with the same arguments on the same port, and resolves once
   * /readyz answers 200 (within timeoutMs, default 60 s). The new process replaces the old one in
   * procs, so stop() stops it. The other processes stay up and reconnect by themselves.
   */
  restartApiserver(opts?: { downMs?: number; graceMs?: number; timeoutMs?: number }): Promise<void>;
}

interface NodeList { items: { metadata: { name: string }; spec?: { taints?: { key: string }[] }; status?: { conditions?: { type: string; status: string }[] } }[] }

/** Whether a start failed because a port picked free was taken before its component bound it. */
function portTaken(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/address already in use/.test(e.message)) return true;
  return false;
}

/**
 * Starts the control plane. Its ports are picked free up front, and a component binds its own
 * seconds later, after etcd and the API server are up: in between, an outgoing connection of
 * this machine (any process's) may be given the same port from the ephemeral range, and the
 * component exits with "address already in use". Such a start is made again with new ports (in
 * a new run directory), at most three times in all.
 */
export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(opts);
    } catch (err) {
      if (attempt >= 3 || opts.dir !== undefined || !portTaken(err)) throw err;
      opts.log?.(`cluster: a port was taken before its component bound it; starting again with new ports (attempt ${attempt + 1} of 3)`);
    }
  }
}

async function startClusterOnce(opts: ClusterOptions): Promise<Cluster> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const binDir = opts.binDir ?? defaultBinDir();
  const missing = missingBinaries(binDir);
  if (missing.length) throw new Error(`missing in ${binDir}: ${missing.join(', ')}; run \`npm run cluster:build\``);
  const bin = (name: string) => join(binDir, name);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'whoselects-cluster-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const nodes = opts.nodes ?? defaultNodes();
  const deadline = t0 + (opts.timeoutMs ?? 120_000);
  const procs: Proc[] = [];
  /** Processes being restarted on purpose: their exit is no failure. */
  const restarting = new Set<Proc>();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const kubeconfig = join(dir, 'kubeconfig');
  Object.assign(env, { KUBECONFIG: kubeconfig, PATH: [binDir, env.PATH].filter(Boolean).join(delimiter) });

  const start = (name: string, args: string[]) => {
    const p = spawnProc(name, bin(name), args, join(logs, `${name}.log`), { env, detached: opts.detached });
    procs.push(p);
    return p;
  };
  const check = () => {
    const dead = procs.find((p) => p.exit && !restarting.has(p));
    if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exit)}); ${dead.log}:\n${tail(dead.log)}`);
  };
  const until = <T>(what: string, probe: Probe<T>) =>
    waitFor(probe, { what, check, intervalMs: 100, timeoutMs: Math.max(1_000, deadline - Date.now()) });
  const kubectl = (args: readonly string[], o?: KubectlOptions) => runKubectl(bin('kubectl'), env, args, o);
  const get = async <T>(...args: string[]): Promise<T> => {
    const r = await kubectl(['get', ...args, '-o', 'json']);
    if (r.code !== 0) throw kubectlError(['get', ...args], r);
    return JSON.parse(r.stdout) as T;
  };
  const step = (what: string) => log(`cluster: ${what} (+${Date.now() - t0} ms)`);

  try {
    const pki = await makePki(join(dir, 'pki'));
    const [etcd, etcdPeer, apiserver, controllerManager, scheduler] = (await freePorts(5)) as [number, number, number, number, number];
    const layout: Layout = { dir, kubeconfig, pki, ports: { etcd, etcdPeer, apiserver, controllerManager, scheduler } };
    const server = `https://127.0.0.1:${apiserver}`;
    writeKubeconfig(kubeconfig, server, pki);
    writeFileSync(auditPolicyFile(layout), AUDIT_POLICY);
    step('pki and kubeconfig written');

    start('etcd', etcdArgs(layout));
    await until('etcd /health', async () => (await httpStatus(`${etcdUrl(layout)}/health`)) === 200);
    step('etcd healthy');

    start('kube-apiserver', apiserverArgs(layout));
    const ca = readFileSync(pki.caCert);
    const apiserverReady = async () => (await httpStatus(`${server}/readyz`, { ca, token: pki.token })) === 200;
    await until('kube-apiserver /readyz', apiserverReady);
    step('kube-apiserver ready');

    start('kube-controller-manager', controllerManagerArgs(layout, opts.controllers, opts.controllerQps));
    start('kube-scheduler', schedulerArgs(layout));
    const kwokConfigs = [opts.stages ?? join(clusterDir, 'kwok-stages.yaml')];
    if (opts.kwokPodParallelism) {
      const options = join(dir, 'kwok-options.yaml');
      writeFileSync(options, `apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions:\n  podPlayStageParallelism: ${opts.kwokPodParallelism}\n`);
      kwokConfigs.push(options);
    }
    start('kwok', kwokArgs(layout, kwokConfigs));
    const apply = async (yaml: string, o: { namespace?: string } = {}) => {
      const args = ['apply', '-f', '-', ...(o.namespace ? ['-n', o.namespace] : [])];
      const r = await kubectl(args, { input: yaml });
      if (r.code !== 0) throw kubectlError(args, r);
      return r.stdout;
    };
    const nodeList = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodes.map(nodeObject) });
    const created = await kubectl(['create', '-f', '-'], { input: nodeList });
    if (created.code !== 0) throw kubectlError(['create', '-f', '-'], created);
    step('nodes created');

    await until('kube-controller-manager /healthz', async () => (await httpStatus(`https://127.0.0.1:${controllerManager}/healthz`, { insecure: true })) === 200);
    await until('kube-scheduler /healthz', async () => (await httpStatus(`https://127.0.0.1:${scheduler}/healthz`, { insecure: true })) === 200);
    await until('all nodes Ready without not-ready taints', async () => {
      const list = await get<NodeList>('nodes');
      const wanted = new Set(nodes.map((n) => n.name));
      const ok = list.items.filter((n) => wanted.has(n.metadata.name)
        && n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        && !n.spec?.taints?.some((t) => t.key.startsWith('node.kubernetes.io/')));
      return ok.length === wanted.size;
    });
    step('nodes Ready');
    await until('ServiceAccount default/default', async () => (await kubectl(['get', 'serviceaccount', 'default', '-n', 'default'])).code === 0);
    step('ServiceAccount default exists');

    let stopped = false;
    const cluster: Cluster = {
      dir, kubeconfig, auditLog: auditLogFile(layout), server, binDir, env, context: CONTEXT, tokenContext: TOKEN_CONTEXT, pki, nodes, procs,
      startupMs: Date.now() - t0,
      kubectl, apply, get,
      waitFor: (probe, o) => waitFor(probe, { check, ...o }),
      rss: () => Object.fromEntries(procs.map((p) => [p.name, rssOf(p.pid)])),
      async restartApiserver(o = {}) {
        if (stopped) throw new Error('restartApiserver: the cluster is stopped');
        const i = procs.findIndex((p) => p.name === 'kube-apiserver');
        const old = procs[i] as Proc;
        if (restarting.has(old)) throw new Error('restartApiserver: a restart is already under way');
        restarting.add(old);
        try {
          const next = await restartProc(old, apiserverArgs(layout), { env, detached: opts.detached }, { downMs: o.downMs, graceMs: o.graceMs ?? 2_000 });
          procs[i] = next;
        } finally {
          restarting.delete(old);
        }
        const t = Date.now();
        await waitFor(apiserverReady, { what: 'kube-apiserver /readyz after its restart', check, intervalMs: 100, timeoutMs: o.timeoutMs ?? 60_000 });
        log(`cluster: kube-apiserver ready again ${Date.now() - t} ms after its restart`);
      },
      async stop(o = {}) {
        if (stopped) return;
        stopped = true;
        await stopProcs(procs, o.graceMs);
        if (!(o.keep ?? opts.keep ?? !!process.env.WHOSELECTS_KEEP_CLUSTER)) rmSync(dir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (err) {
    await stopProcs(procs, 2_000).catch(() => {});
    const logsTail = procs.map((p) => `--- ${p.name} (${p.log})\n${tail(p.log, 8)}`).join('\n');
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`startCluster failed: ${msg}\nrun dir kept: ${dir}\n${logsTail}`, { cause: err });
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
