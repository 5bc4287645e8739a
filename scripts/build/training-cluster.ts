// A loopback API server for the code cache's training run (sea.ts): the program's live path
// (kubeconfig, requests, lists, what it makes of the answers) is compiled during training as
// its offline path is, so a live query does not compile it at every start. It serves, read
// only, what a cluster would hold once it had run the given manifests: each Deployment with
// its ReplicaSet and Ready pods, each Service with its cluster IP and EndpointSlice, one Node.
// Plain HTTP (a build has no certificates to offer); lists answer as kube-apiserver writes
// them (kind, apiVersion, metadata, items) and filter by labelSelector and fieldSelector.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllDocuments } from 'yaml';
import { RESOURCE_TYPES } from '../../src/core/resources.ts';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STARTED = '2026-01-01T00:00:00Z';
const NODE = 'training-node';

const hashOf = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);
const meta = (kind: string, name: string, namespace: string | null, extra: Obj = {}): Obj => ({
  name, ...(namespace ? { namespace } : {}), uid: `${hashOf(`${kind}/${namespace}/${name}`, 8)}-0000-4000-8000-000000000000`,
  resourceVersion: '100', generation: 1, creationTimestamp: STARTED, ...extra,
});
const owner = (o: Obj): Obj => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true });

/** Does a labelSelector query (`a=b,c!=d,e in (f,g),h,!i`) match these labels? */
export function selectorMatches(query: string, labels: Record<string, string>): boolean {
  const parts = query.split(/,(?![^(]*\))/).map((p) => p.trim()).filter(Boolean);
  return parts.every((p) => {
    let m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(p);
    if (m) return m[2] === '!=' ? labels[m[1] as string] !== m[3] : labels[m[1] as string] === m[3];
    m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(p);
    if (m) {
      const values = (m[3] as string).split(',').map((v) => v.trim());
      const has = (m[1] as string) in labels && values.includes(labels[m[1] as string] as string);
      return m[2] === 'in' ? has : !has;
    }
    return p.startsWith('!') ? !(p.slice(1) in labels) : p in labels;
  });
}

/** The objects a cluster would hold after applying these manifests (default namespace `namespace`). */
function clusterObjects(manifests: string[], namespace: string): Obj[] {
  const given = manifests.flatMap((text) => parseAllDocuments(text).map((d) => d.toJSON() as Obj)).filter((o) => o && typeof o === 'object');
  const out: Obj[] = [{ apiVersion: 'v1', kind: 'Node', metadata: meta('Node', NODE, null, { labels: { 'kubernetes.io/hostname': NODE, 'topology.kubernetes.io/zone': 'zone-a' } }), status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }], conditions: [{ type: 'Ready', status: 'True' }] } }];
  const pods: Obj[] = [];
  let ip = 10;
  for (const o of given) {
    const ns = o.metadata?.namespace ?? namespace;
    const obj: Obj = { ...o, metadata: meta(o.kind, o.metadata?.name, ns, { labels: o.metadata?.labels ?? {} }) };
    if (o.kind === 'Service') obj.spec = { type: 'ClusterIP', clusterIP: `10.96.0.${ip++}`, ...o.spec };
    out.push(obj);
    if (o.kind !== 'Deployment') continue;
    const replicas = o.spec?.replicas ?? 1;
    const hash = hashOf(JSON.stringify(o.spec?.template ?? {}), 10);
    const labels = { ...o.spec?.template?.metadata?.labels, 'pod-template-hash': hash };
    obj.status = { observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas };
    const rs: Obj = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('ReplicaSet', `${o.metadata.name}-${hash}`, ns, { labels, ownerReferences: [owner(obj)], annotations: { 'deployment.kubernetes.io/revision': '1' } }),
      spec: { replicas, selector: { matchLabels: { ...o.spec?.selector?.matchLabels, 'pod-template-hash': hash }, ...(o.spec?.selector?.matchExpressions ? { matchExpressions: o.spec.selector.matchExpressions } : {}) }, template: { ...o.spec?.template, metadata: { labels } } },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1 },
    };
    out.push(rs);
    for (let i = 0; i < replicas; i++) {
      const spec = o.spec?.template?.spec ?? {};
      pods.push({
        apiVersion: 'v1', kind: 'Pod', metadata: meta('Pod', `${rs.metadata.name}-${hashOf(`${i}`, 5)}`, ns, { labels, ownerReferences: [owner(rs)], generateName: `${rs.metadata.name}-` }),
        spec: { ...spec, nodeName: NODE },
        status: {
          phase: 'Running', podIP: `10.244.0.${ip}`, podIPs: [{ ip: `10.244.0.${ip++}` }], hostIP: '10.0.0.1', startTime: STARTED,
          conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: STARTED })),
          containerStatuses: (spec.containers ?? []).map((c: Obj) => ({ name: c.name, image: c.image, ready: true, started: true, restartCount: 0, state: { running: { startedAt: STARTED } } })),
        },
      });
    }
  }
  out.push(...pods);
  for (const svc of out.filter((o) => o.kind === 'Service' && o.spec?.selector)) {
    const ns = svc.metadata.namespace;
    const selected = pods.filter((p) => p.metadata.namespace === ns && Object.entries(svc.spec.selector as Record<string, string>).every(([k, v]) => p.metadata.labels[k] === v));
    const port = (svc.spec.ports ?? [])[0];
    const named = typeof port?.targetPort === 'string' ? selected[0]?.spec.containers.flatMap((c: Obj) => c.ports ?? []).find((p: Obj) => p.name === port.targetPort)?.containerPort : undefined;
    out.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: meta('EndpointSlice', `${svc.metadata.name}-${hashOf(svc.metadata.name, 5)}`, ns, { labels: { 'kubernetes.io/service-name': svc.metadata.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [owner(svc)] }),
      endpoints: selected.map((p) => ({ addresses: [p.status.podIP], conditions: { ready: true, serving: true, terminating: false }, nodeName: NODE, zone: 'zone-a', targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid } })),
      ports: port ? [{ name: port.name ?? '', port: named ?? port.targetPort ?? port.port, protocol: port.protocol ?? 'TCP' }] : [],
    });
  }
  return out;
}

const PLURALS = new Map(RESOURCE_TYPES.map((t) => [t.plural, t]));

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function answer(objects: Obj[], req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://training');
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
  const type = m ? PLURALS.get(m[4] as string) : undefined;
  if (req.method !== 'GET' || !m || !type || (m[1] ?? '') !== type.group || !type.versions.includes(m[2] ?? 'v1')) {
    send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource', details: {} });
    return;
  }
  const [, , version = 'v1', namespace, , name] = m;
  const apiVersion = type.group ? `${type.group}/${version}` : 'v1';
  const here = objects.filter((o) => o.kind === type.kind && (namespace === undefined || o.metadata.namespace === decodeURIComponent(namespace)));
  if (name !== undefined) {
    const found = here.find((o) => o.metadata.name === decodeURIComponent(name));
    if (found) send(res, 200, found);
    else send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${type.plural} "${name}" not found`, details: { name, kind: type.plural } });
    return;
  }
  const labels = url.searchParams.get('labelSelector');
  const fields = url.searchParams.get('fieldSelector');
  const items = here.filter((o) => (labels === null || selectorMatches(labels, o.metadata.labels ?? {}))
    && (fields === null || fields.split(',').every((f) => { const [k, v] = f.split('='); return k === 'metadata.name' ? o.metadata.name === v : k === 'metadata.namespace' ? o.metadata.namespace === v : true; })));
  const metadataOnly = (req.headers.accept ?? '').includes('as=PartialObjectMetadataList');
  send(res, 200, metadataOnly
    ? { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '100' }, items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })) }
    : { kind: `${type.kind}List`, apiVersion, metadata: { resourceVersion: '100' }, items: items.map(({ kind: _k, apiVersion: _a, ...o }) => o) });
}

export interface TrainingCluster {
  /** The kubeconfig's text: the loopback server, no credentials. */
  kubeconfig: string;
  close(): Promise<void>;
}

export async function startTrainingCluster(manifests: string[], namespace = 'default'): Promise<TrainingCluster> {
  const objects = clusterObjects(manifests, namespace);
  const server = createServer((req, res) => answer(objects, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: training
  cluster:
    server: http://127.0.0.1:${port}
users:
- name: training
  user: {}
contexts:
- name: training
  context:
    cluster: training
    user: training
    namespace: ${namespace}
current-context: training
`;
  return { kubeconfig, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
