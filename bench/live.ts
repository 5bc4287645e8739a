// The live series: the real control plane (test/cluster), grown to each size in turn, with
// every single-target command and `check` beside the kubectl commands a person would type for
// the same knowledge: wall time, peak RSS and API requests, medians of interleaved runs.
//
// Fixtures are written straight to the API server, in parallel, with their real UIDs in the
// ownerReferences: per Deployment, three ReplicaSet revisions (the newest holds 10 pods), a
// Service, and for every other Deployment a PodDisruptionBudget and a HorizontalPodAutoscaler;
// one NetworkPolicy per namespace. The Deployment and ReplicaSet controllers (and the
// autoscaler's, which has no metrics here) are not run, so nothing rewrites what was written;
// the statuses they would publish are written through the status subresource. The scheduler
// is bypassed (nodeName is set), kwok makes the pods Running and Ready, and the real
// EndpointSlice and disruption controllers publish slices and PDB statuses.
//
// Layouts: 'spread' (50 namespaces) and 'one' (one namespace), each in its own cluster, grown
// from one size to the next (nothing is deleted). Nothing is cached anywhere: the cluster's
// directory is temporary.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { quieten, root, sideBySide, type Step, type Summary } from './measure.ts';
import { program } from './program.ts';
import { wireFormats, type WireRow } from './wire.ts';

export interface CommandRow {
  command: string;
  /** What the person would type instead, one command per entry. */
  sequence: string[];
  ours: Summary;
  theirs: Summary;
  oursRequests: number | null;
  theirsRequests: number | null;
  note?: string;
}

export interface LiveRow {
  layout: 'spread' | 'one';
  pods: number;
  namespaces: number;
  /** Seconds to write this size's new objects, and until their endpoints were ready. */
  writeSeconds: number;
  readySeconds: number;
  readyEndpoints: number;
  /** Seconds waited after that for the machine to quieten, and how busy its CPUs were when timing began (0-1). */
  quietSeconds: number;
  busy: number;
  commands: CommandRow[];
  /** Spread layout only: every pod of the cluster listed as JSON and as protobuf. */
  wire?: WireRow;
}

const REPLICAS = 10;
const REVISIONS = 3;
/** kwok moves pods through their stages this many at a time (its own default, 4, settles 20k pods in far more than ten minutes on two CPUs). */
const KWOK_POD_PARALLELISM = 32;
/**
 * The settle wait gives up when the number of ready endpoints has not grown for this long. In
 * one namespace of 20k pods on two CPUs the EndpointSlice controller (2,000 Services, each
 * resynced against every pod of the namespace) publishes readiness in bursts with more than
 * three minutes between them, though every pod is Ready.
 */
const STALL_MS = 600_000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');

interface Api {
  send(method: 'POST' | 'PATCH' | 'GET', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): void;
}

function api(server: string, caFile: string, token: string, sockets: number): Api {
  const agent = new https.Agent({ keepAlive: true, maxSockets: sockets, ca: readFileSync(caFile) });
  return {
    send(method, path, body) {
      const data = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = https.request(`${server}${path}`, {
          method, agent,
          headers: {
            authorization: `Bearer ${token}`, accept: 'application/json',
            ...(data ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
          },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: Record<string, unknown> = {};
            try { parsed = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        });
        req.on('error', reject);
        if (data) req.write(data);
        req.end();
      });
    },
    close: () => agent.destroy(),
  };
}

/** Backoff before retry i: 0.5 s doubling to at most 10 s (an API server starved of CPU recovers slowly). */
const backoff = (i: number) => new Promise((res) => setTimeout(res, Math.min(10_000, 500 * 2 ** i)));

async function must(a: Api, method: 'POST' | 'PATCH', path: string, body: unknown, tries = 10): Promise<Record<string, unknown>> {
  for (let i = 0; ; i++) {
    let r: { status: number; body: Record<string, unknown> };
    try {
      r = await a.send(method, path, body);
    } catch (e) {
      // A connection reset under load: the write may or may not have happened; a retried POST then answers 409.
      if (i < tries) { await backoff(i); continue; }
      throw e;
    }
    if (r.status === 409 && i > 0 && method === 'POST') {
      const name = (body as { metadata?: { name?: string } }).metadata?.name ?? '';
      const got = await a.send('GET', `${path}/${name}`);
      if (got.status === 200) return got.body;
    }
    if (r.status >= 200 && r.status < 300) return r.body;
    // 429 / 5xx under load, and a namespace's ServiceAccount not there yet: retry.
    if (i < tries && (r.status === 429 || r.status >= 500 || r.status === 403)) {
      await backoff(i);
      continue;
    }
    throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

/** At most `limit` of the tasks at once. */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  }));
}

export interface Layout { layout: 'spread' | 'one'; namespaces: number }

export const nsOf = (l: Layout, j: number) => (l.namespaces === 1 ? 'one' : `s-${pad(j % l.namespaces, 2)}`);
export const appOf = (l: Layout, j: number) => `app-${pad(l.namespaces === 1 ? j : Math.floor(j / l.namespaces), 4)}`;
const hashOf = (j: number, r: number) => `${(j * REVISIONS + r + 46656).toString(36)}f${r}`;
export const podOf = (l: Layout, j: number, p: number) => `${appOf(l, j)}-${hashOf(j, REVISIONS - 1)}-p${pad(p, 3)}x`;

function container(revision: number) {
  return {
    name: 'main', image: `registry.example/app:${revision}`, ports: [{ name: 'http', containerPort: 8080 }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    lifecycle: { preStop: { sleep: { seconds: 5 } } },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
  };
}

/** Writes Deployments [from, to) of the layout (namespaces first when from is 0). */
export async function writeFixtures(a: Api, l: Layout, from: number, to: number, nodes: string[]): Promise<void> {
  if (from === 0) {
    await pool(Array.from({ length: l.namespaces }, (_, n) => n), 8, async (n) => {
      const ns = nsOf(l, n);
      await must(a, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: `t${n % 5}` } } });
      await must(a, 'POST', `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`, {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-same-team', namespace: ns },
        spec: { podSelector: { matchLabels: { managed: 'bench' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${n % 5}` } } }] }] },
      });
    });
  }
  const jobs = Array.from({ length: to - from }, (_, i) => from + i);
  await pool(jobs, 12, async (j) => {
    const ns = nsOf(l, j);
    const app = appOf(l, j);
    const labels = { app, managed: 'bench', tier: `tier-${j % 10}` };
    const template = (r: number, extra: Record<string, string> = {}) => ({ metadata: { labels: { ...labels, ...extra } }, spec: { containers: [container(r + 1)] } });
    const dep = await must(a, 'POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: app, namespace: ns, labels, annotations: { 'deployment.kubernetes.io/revision': String(REVISIONS) } },
      spec: { replicas: REPLICAS, selector: { matchLabels: { app } }, template: template(REVISIONS - 1) },
    });
    const depUid = (dep.metadata as { uid: string }).uid;
    const side: Promise<unknown>[] = [
      must(a, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/${app}/status`, { status: { observedGeneration: 1, replicas: REPLICAS, updatedReplicas: REPLICAS, readyReplicas: REPLICAS, availableReplicas: REPLICAS, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] } }),
      must(a, 'POST', `/api/v1/namespaces/${ns}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } }),
    ];
    if (j % 2 === 0) {
      side.push(must(a, 'POST', `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace: ns }, spec: { maxUnavailable: 1, selector: { matchLabels: { app } } } }));
      side.push(must(a, 'POST', `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`, {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: app, namespace: ns },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app }, minReplicas: 1, maxReplicas: REPLICAS * 2, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      }));
    }
    for (let r = 0; r < REVISIONS; r++) {
      const newest = r === REVISIONS - 1;
      const hash = hashOf(j, r);
      const rsName = `${app}-${hash}`;
      const rs = await must(a, 'POST', `/apis/apps/v1/namespaces/${ns}/replicasets`, {
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: {
          name: rsName, namespace: ns, labels: { ...labels, 'pod-template-hash': hash },
          annotations: { 'deployment.kubernetes.io/revision': String(r + 1) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: depUid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: newest ? REPLICAS : 0, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: template(r, { 'pod-template-hash': hash }) },
      });
      if (!newest) continue;
      const rsUid = (rs.metadata as { uid: string }).uid;
      side.push(must(a, 'PATCH', `/apis/apps/v1/namespaces/${ns}/replicasets/${rsName}/status`, { status: { observedGeneration: 1, replicas: REPLICAS, fullyLabeledReplicas: REPLICAS, readyReplicas: REPLICAS, availableReplicas: REPLICAS } }));
      for (let p = 0; p < REPLICAS; p++) {
        side.push(must(a, 'POST', `/api/v1/namespaces/${ns}/pods`, {
          apiVersion: 'v1', kind: 'Pod',
          metadata: {
            name: podOf(l, j, p), generateName: `${rsName}-`, namespace: ns, labels: { ...labels, 'pod-template-hash': hash },
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsUid, controller: true, blockOwnerDeletion: true }],
          },
          spec: { nodeName: nodes[(j * REPLICAS + p) % nodes.length], automountServiceAccountToken: false, containers: [container(r + 1)] },
        }));
      }
    }
    await Promise.all(side);
  });
}

/**
 * The ready endpoints of every EndpointSlice of the cluster, counted over all pages; throws when a page is
 * refused (an API server short of CPU answers 429 or 504, an expired continue token 410), so
 * that a count of the first pages alone is never taken for the whole.
 */
async function readyEndpoints(a: Api): Promise<number> {
  let n = 0;
  let token = '';
  for (;;) {
    const r = await a.send('GET', `/apis/discovery.k8s.io/v1/endpointslices?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    if (r.status !== 200) throw new Error(`listing EndpointSlices: HTTP ${r.status}`);
    for (const s of (r.body.items as { endpoints?: { conditions?: { ready?: boolean } }[] }[] | undefined) ?? []) n += (s.endpoints ?? []).filter((e) => e.conditions?.ready).length;
    token = (r.body.metadata as { continue?: string } | undefined)?.continue ?? '';
    if (!token) return n;
  }
}

/** How many API requests a run made: ours from its -v summary, kubectl's from -v=6. */
function countRequests(step: Step, ours: boolean): number | null {
  // Ours: -v right after the program (the executable, or node and the bundle), before the flags.
  const cut = program().prefix.length;
  const args = ours ? [...step.args.slice(0, cut), '-v', ...step.args.slice(cut)] : [...step.args, '-v=6'];
  const r = spawnSync(step.cmd, args, { env: step.env, cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  if (ours) {
    const m = r.stderr.match(/whoselects: (\d+) requests? in \d+ rounds?/);
    return m ? Number(m[1]) : null;
  }
  const lines = r.stderr.split('\n').filter((l) => /"Response" verb="GET"|\bGET https:\/\/\S+ \d{3}\b/.test(l));
  return lines.length;
}

function commandsFor(l: Layout, env: NodeJS.ProcessEnv, kubectl: string): { command: string; ours: Step; theirs: Step[]; note?: string }[] {
  const ns = nsOf(l, 0);
  const x = appOf(l, 0);
  const pod = podOf(l, 0, 0);
  const prog = program();
  // whoselects' own flags first: after `logs`, everything is read as kubectl logs reads it.
  const ours = (args: string[]): Step => ({ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-o', 'json', '--fail-on', 'never', ...args, '-n', ns], env });
  const k = (...args: string[]): Step => ({ cmd: kubectl, args, env });
  const ALL = 'pods,services,endpointslices,deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs,poddisruptionbudgets,horizontalpodautoscalers,networkpolicies,ingresses';
  return [
    { command: `svc/${x}`, ours: ours([`svc/${x}`]), theirs: [k('get', 'svc', x, '-n', ns), k('get', 'pods', '-l', `app=${x}`, '-n', ns, '-o', 'wide'), k('get', 'endpointslices', '-l', `kubernetes.io/service-name=${x}`, '-n', ns), k('get', 'rs,deploy', '-n', ns)] },
    { command: `deploy/${x}`, ours: ours([`deploy/${x}`]), theirs: [k('get', 'deploy', x, '-n', ns), k('get', 'rs', '-l', `app=${x}`, '-n', ns), k('get', 'pods', '-l', `app=${x}`, '-n', ns, '-o', 'wide'), k('get', 'svc,pdb,hpa', '-n', ns, '-o', 'wide')] },
    { command: `pod/${pod}`, ours: ours([`pod/${pod}`]), theirs: [k('get', 'pod', pod, '-n', ns, '-o', 'wide', '--show-labels'), k('get', 'svc', '-n', ns, '-o', 'wide'), k('get', 'endpointslices', '-n', ns), k('get', 'rs,deploy', '-n', ns)] },
    {
      command: `logs deploy/${x}`, ours: ours(['logs', `deploy/${x}`]), theirs: [k('get', 'deploy', x, '-n', ns), k('get', 'pods', '-l', `app=${x}`, '-n', ns, '-o', 'wide')],
      note: 'kwok runs no kubelet, so no log can be fetched: the baseline is the reads `kubectl logs deploy/x` makes before it asks the kubelet (the Deployment, then its pods by selector)',
    },
    { command: `check -n ${ns}`, ours: ours(['check']), theirs: [k('get', ALL, '-n', ns)] },
    { command: 'check -A', ours: { ...ours(['check']), args: [...prog.prefix, '--kubectl-version', '1.34', '-o', 'json', '--fail-on', 'never', 'check', '-A'] }, theirs: [k('get', ALL, '-A')] },
  ];
}

/**
 * BENCH_LIVE_HOLD=1: once the first size of a layout is ready, say how to reach the cluster and
 * wait for SIGINT or SIGTERM, then stop it unmeasured: the fixture the bench builds, left running
 * to be measured by hand (profiles, -v logs, the API server's metrics).
 */
async function hold(env: Record<string, string>, log: (s: string) => void): Promise<void> {
  log(`holding: KUBECONFIG=${env.KUBECONFIG ?? ''} (pid ${process.pid}; SIGINT or SIGTERM to go on)`);
  await new Promise<void>((resolve) => {
    const go = () => { process.off('SIGINT', go); process.off('SIGTERM', go); resolve(); };
    process.on('SIGINT', go);
    process.on('SIGTERM', go);
  });
}

export const shownSequence = (steps: Step[]) => steps.map((s) => `kubectl ${s.args.join(' ')}`);

export async function liveSeries(opts: { sizes: number[]; oneSizes?: number[]; runs: number; singleRuns: number; layouts: Layout[]; log: (s: string) => void; onRow: (r: LiveRow) => void; notes: string[] }): Promise<void> {
  const { missingBinaries, startCluster } = await import('../test/cluster/harness.ts');
  if (missingBinaries().length > 0) {
    opts.notes.push('Live measurements were skipped: the test control plane binaries are absent (`npm run cluster:build`).');
    return;
  }
  const max = Math.max(...opts.sizes);
  for (const l of opts.layouts) {
    // kwok gives each node a /24 of pod IPs: about 200 pods a node.
    const nodes = Array.from({ length: Math.min(250, Math.max(3, Math.ceil(max / 200))) }, (_, i) => ({ name: `bench-node-${pad(i, 3)}`, zone: `zone-${'abc'[i % 3]}`, pods: '1000' }));
    opts.log(`live ${l.layout}: starting the control plane (${nodes.length} nodes)`);
    const cluster = await startCluster({ nodes, controllers: '*,-deployment,-replicaset,-horizontalpodautoscaling', controllerQps: 200, kwokPodParallelism: KWOK_POD_PARALLELISM, timeoutMs: 300_000 });
    const a = api(cluster.server, cluster.pki.caCert, cluster.pki.token, 16);
    const env = { ...cluster.env, NO_COLOR: '1' };
    const kubectl = join(cluster.binDir, 'kubectl');
    try {
      let deployments = 0;
      for (const pods of l.layout === 'one' && opts.oneSizes ? opts.oneSizes : opts.sizes) {
        const want = Math.ceil(pods / REPLICAS);
        const t0 = Date.now();
        try {
          await writeFixtures(a, l, deployments, want, nodes.map((n) => n.name));
        } catch (e) {
          opts.notes.push(`live ${l.layout} ${pods}: the fixtures could not be written (${String((e as Error).message).split('\n')[0]}); this size and the larger ones were not measured`);
          break;
        }
        deployments = want;
        const t1 = Date.now();
        opts.log(`live ${l.layout} ${pods}: fixtures written in ${((t1 - t0) / 1000).toFixed(1)} s; waiting for ${pods} ready endpoints`);
        // Wait until every pod is a ready endpoint. A cluster still settling is measuring
        // kwok and the EndpointSlice controller too, so the wait is long (on two CPUs, 20k pods
        // take many minutes); it gives up only when readiness stops moving for STALL_MS, or at
        // the cap, and the row then says it was timed unsettled.
        let ready = 0;
        let failedPolls = 0;
        // The last time readiness grew, and the last time a poll was answered: readiness has
        // stopped moving when answered polls show no growth for STALL_MS (an unanswered poll
        // says nothing either way), or when no poll is answered for that long.
        let moved = Date.now();
        let answered = Date.now();
        const deadline = Date.now() + Math.max(300_000, pods * 120);
        while (Date.now() < deadline) {
          let now = ready;
          try {
            now = await readyEndpoints(a);
            answered = Date.now();
          } catch {
            // a reset connection or a refused page under load: ask again on the next round
            failedPolls++;
          }
          if (now > ready) moved = Date.now();
          ready = now;
          if (ready >= pods || answered - moved >= STALL_MS || Date.now() - answered >= STALL_MS) break;
          await new Promise((r) => setTimeout(r, 5000));
        }
        const t2 = Date.now();
        opts.log(`live ${l.layout} ${pods}: ${ready} ready endpoints after ${((t2 - t1) / 1000).toFixed(1)} s${failedPolls ? ` (${failedPolls} polls unanswered)` : ''}`);
        const quiet = await quieten();
        opts.log(`live ${l.layout} ${pods}: CPUs ${(quiet.busy * 100).toFixed(0)}% busy after ${quiet.seconds.toFixed(0)} s more`);
        if (process.env.BENCH_LIVE_HOLD === '1') {
          await hold(cluster.env, opts.log);
          break;
        }
        const row: LiveRow = { layout: l.layout, pods, namespaces: l.namespaces, writeSeconds: (t1 - t0) / 1000, readySeconds: (t2 - t1) / 1000, readyEndpoints: ready, quietSeconds: quiet.seconds, busy: quiet.busy, commands: [] };
        for (const c of commandsFor(l, env, kubectl)) {
          let measured: Summary[];
          try {
            measured = sideBySide([[c.ours], c.theirs], c.command.startsWith('check') ? opts.runs : opts.singleRuns, { settle: true });
          } catch (e) {
            opts.notes.push(`live ${l.layout} ${pods} \`${c.command}\` not measured: ${String((e as Error).message).split('\n')[0]}`);
            continue;
          }
          const [ours, theirs] = measured as [Summary, Summary];
          const oursRequests = countRequests(c.ours, true);
          const theirsRequests = c.theirs.reduce<number | null>((n, s) => { const m = countRequests(s, false); return n === null || m === null ? null : n + m; }, 0);
          row.commands.push({ command: c.command, sequence: shownSequence(c.theirs), ours, theirs, oursRequests, theirsRequests, ...(c.note ? { note: c.note } : {}) });
          opts.log(`  ${c.command}: ours ${ours.seconds}s ${ours.maxRssMb.toFixed(0)}MB ${oursRequests} req; kubectl ${theirs.seconds}s ${theirs.maxRssMb.toFixed(0)}MB ${theirsRequests} req`);
        }
        if (l.layout === 'spread') {
          try {
            row.wire = await wireFormats(cluster.server, cluster.pki.caCert, cluster.pki.token, pods, opts.runs);
            opts.log(`  wire: JSON ${row.wire.json.fetchSeconds.toFixed(2)} s + parse ${(row.wire.json.parseSeconds ?? 0).toFixed(2)} s; protobuf ${row.wire.protobuf.fetchSeconds.toFixed(2)} s + decode ${(row.wire.protobuf.parseSeconds ?? 0).toFixed(2)} s`);
          } catch (e) {
            opts.notes.push(`live ${l.layout} ${pods}: wire formats not measured: ${String((e as Error).message).split('\n')[0]}`);
          }
        }
        opts.onRow(row);
      }
    } finally {
      a.close();
      await cluster.stop();
    }
  }
}
