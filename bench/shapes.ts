// Offline: cluster shapes other than the main series' Deployments, so a rule whose work grows
// with something other than pods (nodes, endpoints per Service, Jobs per CronJob, namespaces)
// shows here. Each shape at 5k and 20k pods, as a cluster reads back (pods with status and
// owner UIDs, the controllers' EndpointSlices), written as one JSON document per line:
//
//   daemonsets    20 DaemonSets with a pod on every node (1,000 nodes at 20k pods), each behind a
//                 LoadBalancer Service with externalTrafficPolicy Local (per-node traffic, health checks)
//   one-service   Deployments of 50 pods in one namespace, a Service each, and one Service and one
//                 PodDisruptionBudget over every pod (slices of 100 endpoints)
//   statefulsets  StatefulSets of 20 pods, a headless governing Service (per-pod DNS) and a
//                 ClusterIP Service each, a PodDisruptionBudget each; 50 namespaces
//   cronjobs      CronJobs with 5 finished Jobs of 2 pods each; a default-deny NetworkPolicy with a
//                 cross-namespace egress peer in each of 50 namespaces
//   namespaces    500 namespaces of 4-pod Deployments with Services, slices and Ingresses, and a
//                 NetworkPolicy per namespace admitting a team's namespaces
//   tenants       the same with a namespace per Deployment (5,000 at 20k pods)
//   app-policies  Deployments of 10 pods over 50 namespaces, a Service and a NetworkPolicy each (zero
//                 trust per app: in from its caller and a team's namespaces, out to the mesh, DNS out
//                 to every namespace: a peer over every pod of the cluster, once per policy)
//   stale-services  Deployments of 10 pods over 4 namespaces, a Service each, and beside each the
//                 Service of the app's first version, left behind: a selector no pod matches whole,
//                 and every pod of its namespace half (near misses to rank)
//
//   check -A -o json   (wall, peak RSS; medians of BENCH_RUNS runs), and the growth 5k -> 20k.
//
//   node bench/shapes.ts            prints the rows as JSON

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sideBySide, type Summary } from './measure.ts';
import { program } from './program.ts';

export const SHAPES = ['daemonsets', 'one-service', 'statefulsets', 'cronjobs', 'namespaces', 'tenants', 'app-policies', 'stale-services'] as const;
export type OtherShape = (typeof SHAPES)[number];

type Obj = Record<string, unknown>;

/** A generated cluster of one shape: its documents, built with deterministic names, UIDs and IPs. */
class Cluster {
  readonly docs: string[] = [];
  private counter = 0;

  add(o: Obj): void {
    this.docs.push(JSON.stringify(o));
  }

  uid(kind: number): string {
    return `${hex(kind, 8)}-0000-4000-8000-${hex(++this.counter, 12)}`;
  }

  ip(): string {
    const c = ++this.counter;
    return `10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}`;
  }

  namespace(name: string, team: string): void {
    this.add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: this.uid(9), labels: { 'kubernetes.io/metadata.name': name, team } } });
  }
  /** Namespaces PREFIX-0 … PREFIX-(count-1), namespace n in team t(n % 5). */
  namespaces(prefix: string, count: number): void {
    for (let n = 0; n < count; n++) this.namespace(`${prefix}-${n}`, `t${n % 5}`);
  }

  /** A ClusterIP Service on port 80 to the pods' `http` port, and the EndpointSlice controller's slices of it over these pods. */
  service(name: string, namespace: string, clusterIP: string, selector: Record<string, string>, pods: Obj[]): void {
    this.add({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP, selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    this.slices(name, namespace, pods);
  }


  /** Namespaces PREFIX-0 … PREFIX-(count-1), namespace n in team t(n % teams), each with one NetworkPolicy (its spec given the team). */
  teamNamespaces(prefix: string, count: number, teams: number, policy: string, spec: (team: string) => Obj): void {
    for (let n = 0; n < count; n++) {
      const namespace = `${prefix}-${n}`;
      const team = `t${n % teams}`;
      this.namespace(namespace, team);
      this.add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: policy, namespace }, spec: spec(team) });
    }
  }

  nodes(n: number): void {
    for (let i = 0; i < n; i++) {
      this.add({
        apiVersion: 'v1', kind: 'Node',
        metadata: { name: `node-${i}`, uid: this.uid(8), labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      });
    }
  }

  pod(p: { name: string; namespace: string; labels: Record<string, string>; owner: { apiVersion: string; kind: string; name: string; uid: string }; node: string; finished?: boolean; hostname?: string; subdomain?: string }): Obj {
    const running = !p.finished;
    const o: Obj = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: p.name, namespace: p.namespace, uid: this.uid(3), labels: p.labels, creationTimestamp: '2026-01-01T00:00:00Z',
        ownerReferences: [{ ...p.owner, controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [container()], nodeName: p.node, ...(p.hostname ? { hostname: p.hostname, subdomain: p.subdomain } : {}), ...(p.finished ? { restartPolicy: 'Never' } : {}) },
      status: {
        phase: running ? 'Running' : 'Succeeded', podIP: this.ip(), startTime: '2026-01-01T00:00:01Z',
        conditions: [{ type: 'Ready', status: running ? 'True' : 'False', lastTransitionTime: '2026-01-01T00:00:05Z' }],
        containerStatuses: [{ name: 'main', ready: running, restartCount: 0, started: running }],
      },
    };
    this.add(o);
    return o;
  }

  /** The EndpointSlice controller's slices of a Service over these pods, `per` endpoints each. */
  slices(service: string, namespace: string, pods: Obj[], per = 100, hostnames = false): void {
    for (let i = 0; i === 0 || i * per < pods.length; i++) {
      this.add({
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
        metadata: {
          name: `${service}-${hex(i, 5)}`, namespace,
          labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        },
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: pods.slice(i * per, (i + 1) * per).map((p) => {
          const meta = p.metadata as Obj;
          const spec = p.spec as Obj;
          const status = p.status as Obj;
          const up = status.phase === 'Running';
          const node = Number(String(spec.nodeName).slice('node-'.length));
          return {
            addresses: [status.podIP], conditions: { ready: up, serving: up, terminating: false }, nodeName: spec.nodeName, zone: `zone-${node % 3}`,
            ...(hostnames ? { hostname: spec.hostname } : {}),
            targetRef: { kind: 'Pod', namespace, name: meta.name, uid: meta.uid },
          };
        }),
      });
    }
  }
}

/** The cluster IP of the d-th Service of a shape: 10.BLOCK.x.y. */
function clusterIP(block: number, d: number): string {
  return `10.${block}.${(d >> 8) & 255}.${d & 255}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function container(): Obj {
  return { name: 'main', image: 'registry.example/app:1', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { path: '/ready', port: 'http' } }, lifecycle: { preStop: { sleep: { seconds: 5 } } } };
}

const template = (labels: Record<string, string>, extra: Obj = {}): Obj => ({ metadata: { labels }, spec: { containers: [container()], ...extra } });

function daemonSets(c: Cluster, pods: number): void {
  const sets = 20;
  const nodes = Math.ceil(pods / sets);
  c.nodes(nodes);
  c.namespaces('agents', 4);
  for (let d = 0; d < sets; d++) {
    const namespace = `agents-${d % 4}`;
    const name = `agent-${d}`;
    const labels = { app: name };
    const uid = c.uid(1);
    c.add({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace, uid, labels },
      spec: { selector: { matchLabels: labels }, template: template(labels) },
      status: { desiredNumberScheduled: nodes, currentNumberScheduled: nodes, numberReady: nodes, updatedNumberScheduled: nodes, numberAvailable: nodes },
    });
    const owned = Array.from({ length: nodes }, (_, i) => c.pod({
      name: `${name}-${hex(i, 5)}`, namespace, labels: { ...labels, 'controller-revision-hash': '6d4b5c', 'pod-template-generation': '1' },
      owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid }, node: `node-${i}`,
    }));
    c.add({
      apiVersion: 'v1', kind: 'Service', metadata: { name, namespace },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 + d, clusterIP: `10.96.0.${d + 1}`, selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30000 + d }] },
    });
    c.slices(name, namespace, owned);
  }
}

function deployment(c: Cluster, namespace: string, app: string, replicas: number, labels: Record<string, string>, nodes: number): Obj[] {
  const depUid = c.uid(1);
  const rsUid = c.uid(2);
  const hash = '5d8b7c';
  const rs = `${app}-${hash}`;
  const rsLabels = { ...labels, 'pod-template-hash': hash };
  c.add({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace, uid: depUid, labels },
    spec: { replicas, selector: { matchLabels: { app } }, template: template(labels) },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas },
  });
  c.add({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: rs, namespace, uid: rsUid, labels: rsLabels, annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: depUid, controller: true, blockOwnerDeletion: true }] },
    spec: { replicas, selector: { matchLabels: { app, 'pod-template-hash': hash } }, template: template(rsLabels) },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  });
  return Array.from({ length: replicas }, (_, i) => c.pod({
    name: `${rs}-${hex(i, 5)}`, namespace, labels: rsLabels, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: rsUid }, node: `node-${(c.docs.length + i) % nodes}`,
  }));
}

function oneService(c: Cluster, pods: number): void {
  const replicas = 50;
  const namespace = 'shop';
  c.nodes(30);
  c.namespace(namespace, 't0');
  const all: Obj[] = [];
  for (let d = 0; d * replicas < pods; d++) {
    const app = `api-${d}`;
    const owned = deployment(c, namespace, app, replicas, { app, part: 'shop' }, 30);
    all.push(...owned);
    c.service(app, namespace, clusterIP(98, d), { app }, owned);
  }
  c.service('shop', namespace, '10.99.0.1', { part: 'shop' }, all);
  c.add({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'shop', namespace }, spec: { maxUnavailable: '10%', selector: { matchLabels: { part: 'shop' } } } });
}

function statefulSets(c: Cluster, pods: number): void {
  const replicas = 20;
  const namespaces = 50;
  c.nodes(30);
  c.namespaces('db', namespaces);
  for (let s = 0; s * replicas < pods; s++) {
    const namespace = `db-${s % namespaces}`;
    const name = `store-${s}`;
    const labels = { app: name };
    const uid = c.uid(1);
    const governing = `${name}-peers`;
    c.add({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace, uid, labels },
      spec: { replicas, serviceName: governing, selector: { matchLabels: labels }, template: template(labels) },
      status: { replicas, readyReplicas: replicas, currentReplicas: replicas, updatedReplicas: replicas, currentRevision: `${name}-7f9c`, updateRevision: `${name}-7f9c` },
    });
    const owned = Array.from({ length: replicas }, (_, i) => c.pod({
      name: `${name}-${i}`, namespace, labels: { ...labels, 'controller-revision-hash': `${name}-7f9c`, 'statefulset.kubernetes.io/pod-name': `${name}-${i}`, 'apps.kubernetes.io/pod-index': String(i) },
      owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name, uid }, node: `node-${(s + i) % 30}`, hostname: `${name}-${i}`, subdomain: governing,
    }));
    c.add({ apiVersion: 'v1', kind: 'Service', metadata: { name: governing, namespace }, spec: { clusterIP: 'None', selector: labels, publishNotReadyAddresses: s % 3 === 0, ports: [{ name: 'http', port: 8080 }] } });
    c.add({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP: clusterIP(96, s), selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    c.slices(governing, namespace, owned, 100, true);
    c.slices(name, namespace, owned);
    c.add({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace }, spec: { minAvailable: replicas - 1, selector: { matchLabels: labels } } });
  }
}

function cronJobs(c: Cluster, pods: number): void {
  const jobs = 5;
  const perJob = 2;
  const namespaces = 50;
  c.nodes(30);
  c.teamNamespaces('batch', namespaces, 5, 'default-deny', () => ({
    podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'dns' } } }] }],
  }));
  for (let k = 0; k * jobs * perJob < pods; k++) {
    const namespace = `batch-${k % namespaces}`;
    const name = `report-${k}`;
    const cronUid = c.uid(1);
    c.add({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace, uid: cronUid },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template({ cron: name }, { restartPolicy: 'Never' }) } } },
    });
    for (let j = 0; j < jobs; j++) {
      const job = `${name}-${29000000 + j * 5}`;
      const jobUid = c.uid(2);
      const labels = { 'batch.kubernetes.io/controller-uid': jobUid, 'batch.kubernetes.io/job-name': job, 'controller-uid': jobUid, 'job-name': job, cron: name };
      c.add({
        apiVersion: 'batch/v1', kind: 'Job', metadata: { name: job, namespace, uid: jobUid, labels, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cronUid, controller: true, blockOwnerDeletion: true }] },
        spec: { completions: perJob, parallelism: perJob, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': jobUid } }, template: template(labels, { restartPolicy: 'Never' }) },
        status: { succeeded: perJob, completionTime: '2026-01-01T00:01:00Z', conditions: [{ type: 'Complete', status: 'True' }] },
      });
      for (let p = 0; p < perJob; p++) c.pod({ name: `${job}-${hex(p, 5)}`, namespace, labels, owner: { apiVersion: 'batch/v1', kind: 'Job', name: job, uid: jobUid }, node: `node-${(k + p) % 30}`, finished: true });
    }
  }
}

function manyNamespaces(c: Cluster, pods: number): void {
  teamApps(c, pods, 'team', 500);
}

/** A namespace per 4-pod Deployment: as many namespaces as apps (5,000 at 20k pods), each with a policy admitting a team's namespaces. */
function tenants(c: Cluster, pods: number): void {
  teamApps(c, pods, 'tenant', Math.ceil(pods / 4));
}

/** 4-pod Deployments over PREFIX-0 … with a Service each, an Ingress for every third, and a NetworkPolicy per namespace admitting its team's clients. */
function teamApps(c: Cluster, pods: number, prefix: string, namespaces: number): void {
  const replicas = 4;
  c.nodes(30);
  c.teamNamespaces(prefix, namespaces, 20, 'from-team', (team) => ({
    podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { role: 'client' } } }] }],
  }));
  for (let d = 0; d * replicas < pods; d++) {
    const namespace = `${prefix}-${d % namespaces}`;
    const app = `web-${d}`;
    const owned = deployment(c, namespace, app, replicas, { app, role: d % 2 ? 'client' : 'server' }, 30);
    c.service(app, namespace, clusterIP(97, d), { app }, owned);
    if (d % 3 === 0) {
      c.add({
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: app, namespace },
        spec: { rules: [{ host: `${app}.example`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app, port: { number: 80 } } } }] } }] },
      });
    }
  }
}

function appPolicies(c: Cluster, pods: number): void {
  const replicas = 10;
  const namespaces = 50;
  const apps = Math.ceil(pods / replicas);
  c.nodes(30);
  c.namespaces('zt', namespaces);
  for (let d = 0; d < apps; d++) {
    const namespace = `zt-${d % namespaces}`;
    const app = `svc-${d}`;
    // The app that calls this one: the next in the same namespace.
    const caller = `svc-${(d + namespaces) % apps}`;
    const owned = deployment(c, namespace, app, replicas, { app, part: 'mesh' }, 30);
    c.service(app, namespace, clusterIP(95, d), { app }, owned);
    c.add({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: app, namespace },
      spec: {
        podSelector: { matchLabels: { app } }, policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: caller } } }, { namespaceSelector: { matchLabels: { team: 't0' } }, podSelector: { matchLabels: { part: 'mesh' } } }], ports: [{ port: 8080 }] }],
        egress: [{ to: [{ podSelector: { matchLabels: { part: 'mesh' } } }], ports: [{ port: 'http' }] }, { to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
      },
    });
  }
}

function staleServices(c: Cluster, pods: number): void {
  const replicas = 10;
  // Big namespaces (5,000 pods at 20k): a selector that matches nothing is weighed against every pod of its own.
  const namespaces = 4;
  const apps = Math.ceil(pods / replicas);
  c.nodes(30);
  c.namespaces('legacy', namespaces);
  for (let d = 0; d < apps; d++) {
    const namespace = `legacy-${d % namespaces}`;
    const app = `svc-${d}`;
    const owned = deployment(c, namespace, app, replicas, { app, part: 'store' }, 30);
    c.service(app, namespace, clusterIP(94, d), { app }, owned);
    // Left behind by the app's first version: its selector names a label value no pod carries any more.
    c.service(`${app}-v1`, namespace, clusterIP(93, d), { app: `${app}-v1`, part: 'store' }, []);
  }
}

const BUILDERS: Record<OtherShape, (c: Cluster, pods: number) => void> = {
  daemonsets: daemonSets, 'one-service': oneService, statefulsets: statefulSets, cronjobs: cronJobs, namespaces: manyNamespaces, tenants,
  'app-policies': appPolicies, 'stale-services': staleServices,
};

/** The documents of one shape at about this many pods, as one JSON document per line. */
export function shapeText(shape: OtherShape, pods: number): string {
  const c = new Cluster();
  BUILDERS[shape](c, pods);
  return `${c.docs.join('\n---\n')}\n`;
}

/**
 * Per shape, the single target whose report grows most with the cluster: the Service over every
 * node's DaemonSet pod (traffic and health check per node), the Service over every pod, a headless
 * governing Service (per-pod DNS), a default-deny policy with a peer in every namespace, a policy
 * admitting a team's namespaces, an app's policy (its DNS peer over every pod), a Service left
 * behind (its near misses among its namespace's pods).
 */
export const WIDEST_TARGET: Record<OtherShape, { target: string; namespace: string }> = {
  daemonsets: { target: 'svc/agent-0', namespace: 'agents-0' },
  'one-service': { target: 'svc/shop', namespace: 'shop' },
  statefulsets: { target: 'svc/store-0-peers', namespace: 'db-0' },
  cronjobs: { target: 'netpol/default-deny', namespace: 'batch-0' },
  namespaces: { target: 'netpol/from-team', namespace: 'team-0' },
  tenants: { target: 'netpol/from-team', namespace: 'tenant-0' },
  'app-policies': { target: 'netpol/svc-0', namespace: 'zt-0' },
  'stale-services': { target: 'svc/svc-0-v1', namespace: 'legacy-0' },
};

export interface ShapeRow {
  shape: OtherShape;
  pods: number;
  objects: number;
  fileMb: number;
  check: Summary;
  /** WIDEST_TARGET's report, -o json. */
  single: Summary;
}

export function shapeSeries(log: (s: string) => void): { rows: ShapeRow[]; growth: Record<string, number> } {
  const sizes = (process.env.BENCH_SHAPE_SIZES ?? '5000,20000').split(',').map(Number).filter((n) => n > 0);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const prog = program();
  const dir = mkdtempSync(join(tmpdir(), 'whoselects-bench-shapes-'));
  const rows: ShapeRow[] = [];
  try {
    for (const shape of SHAPES) {
      for (const pods of sizes) {
        const file = join(dir, `${shape}-${pods}.json`);
        const text = shapeText(shape, pods);
        writeFileSync(file, text);
        const objects = text.split('\n---\n').length;
        const widest = WIDEST_TARGET[shape];
        const [check, single] = sideBySide([
          [{ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-f', file, 'check', '-A', '-o', 'json', '--fail-on', 'never'] }],
          [{ cmd: prog.cmd, args: [...prog.prefix, '--kubectl-version', '1.34', '-f', file, '-n', widest.namespace, widest.target, '-o', 'json', '--fail-on', 'never'] }],
        ], runs);
        const row: ShapeRow = { shape, pods, objects, fileMb: +(statSync(file).size / 1048576).toFixed(1), check: check as Summary, single: single as Summary };
        rows.push(row);
        log(`shape ${shape} ${pods} pods (${objects} objects): check -A ${row.check.seconds}s ${row.check.maxRssMb.toFixed(0)}MB; ${widest.target} ${row.single.seconds}s ${row.single.maxRssMb.toFixed(0)}MB`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Time at the largest size over time at the smallest, per shape: 4 at 4x the pods is linear.
  const growth: Record<string, number> = {};
  for (const shape of SHAPES) {
    const mine = rows.filter((r) => r.shape === shape).sort((a, b) => a.pods - b.pods);
    const first = mine[0];
    const last = mine.at(-1);
    if (first && last && last !== first) growth[shape] = Math.round((last.check.seconds / first.check.seconds) * 100) / 100;
  }
  return { rows, growth };
}

if (import.meta.main) {
  const result = shapeSeries((s) => console.error(s));
  console.log(JSON.stringify(result, null, 2));
}
