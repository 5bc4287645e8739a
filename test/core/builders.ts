// Small builders for the core analysis tests: wire-format objects (as the API server
// returns them) with only the fields a test names, snapshots shaped like each source
// (live: everything known, real pods with status; offline: one template pod per
// workload), and the analysis query.

import { analyze, type AnalysisQuery, type CommandQuery } from '../../src/core/analyze.ts';
import type { KubectlVersion } from '../../src/core/kubectl/version.ts';
import type { Report } from '../../src/core/report.ts';
import { KINDS, emptySnapshot, refOf, type Kind, type ObjectRef, type Origin, type ReadGap, type Snapshot } from '../../src/core/snapshot.ts';
import type {
  Container, ContainerPort, CronJob, Endpoint, EndpointPort, EndpointSlice, HorizontalPodAutoscaler, Ingress, IngressBackend, KubeObject, LabelSelector,
  NetworkPolicy, Node, ObjectMeta, OwnerReference, Pod, PodCondition, PodDisruptionBudget, PodTemplateSpec, ReplicationController, Service, ServicePort, Workload,
} from '../../src/core/types.ts';

const T0 = Date.parse('2026-03-01T12:00:00Z');

/** RFC 3339 time `s` seconds after the fixed test instant. */
export function at(s: number): string {
  return new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');
}

export const NOW = new Date(T0 + 3600 * 1000);

/** The seconds from the fixed test instant to `iso`, for the options that take seconds (created, readyAt, deleted). */
export function secondsTo(iso: string): number {
  return (Date.parse(iso) - T0) / 1000;
}

/** The kubectl version whose rules apply: v1.MINOR.PATCH. */
export function version(minor = 32, patch = 0): KubectlVersion {
  return { major: 1, minor, patch, raw: `v1.${minor}.${patch}` };
}

// ---------------------------------------------------------------- metadata

export interface MetaOpts {
  ns?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** The controller: a controllerRef (controller: true) to this object is added. */
  owner?: KubeObject;
  /** Raw ownerReferences, placed after the controller's. */
  ownerRefs?: OwnerReference[];
  generateName?: string;
  /** creationTimestamp in seconds after the test instant (default 0); null omits it. */
  created?: number | null;
  deleted?: number;
}

export function uidFor(kind: string, name: string, ns = 'default'): string {
  return `uid-${kind.toLowerCase()}-${ns}-${name}`;
}

/** An ownerReference to `o`, as a controller sets it (controller and blockOwnerDeletion true). */
export function ownerRef(o: KubeObject, controller = true): OwnerReference {
  return { apiVersion: o.apiVersion ?? 'v1', kind: o.kind ?? '', name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '', controller, blockOwnerDeletion: controller };
}

function meta(kind: string, name: string, o: MetaOpts): ObjectMeta {
  const ns = o.ns ?? 'default';
  const m: ObjectMeta = { name, namespace: ns, uid: o.uid ?? uidFor(kind, name, ns) };
  if (o.created !== null) m.creationTimestamp = at(o.created ?? 0);
  if (o.labels) m.labels = o.labels;
  if (o.annotations) m.annotations = o.annotations;
  if (o.generateName !== undefined) m.generateName = o.generateName;
  if (o.deleted !== undefined) m.deletionTimestamp = at(o.deleted);
  const refs = [...(o.owner ? [ownerRef(o.owner)] : []), ...(o.ownerRefs ?? [])];
  if (refs.length > 0) m.ownerReferences = refs;
  return m;
}

// ---------------------------------------------------------------- containers

export interface ContainerOpts {
  /** Declared container ports (default: http 8080/TCP). */
  ports?: ContainerPort[];
  /** A readiness probe on every container (default true). */
  probe?: boolean;
  /** A preStop sleep on every container (default true). */
  preStop?: boolean;
  /** The containers as given (a bare name is a container with only that name), instead of the default one. */
  containers?: (string | Container)[];
}

/** A container given by name alone is `{ name }`. */
function toContainer(c: string | Container): Container {
  return typeof c === 'string' ? { name: c } : c;
}

function containersOf(o: ContainerOpts): Container[] {
  if (o.containers) return o.containers.map(toContainer);
  const c: Container = { name: 'app', image: 'example/app:1', ports: o.ports ?? [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] };
  // The probe dials the first declared port, as a real manifest would.
  if (o.probe !== false) c.readinessProbe = { tcpSocket: { port: c.ports?.[0]?.containerPort ?? 8080 }, periodSeconds: 10 };
  if (o.preStop !== false) c.lifecycle = { preStop: { sleep: { seconds: 5 } } };
  return [c];
}

// ---------------------------------------------------------------- Pod

const ips = new Map<string, string>();

/** A stable, distinct IP per pod name (within one test process). */
function ipFor(name: string): string {
  let ip = ips.get(name);
  if (!ip) {
    const n = ips.size + 1;
    ip = `10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    ips.set(name, ip);
  }
  return ip;
}

export interface PodOpts extends MetaOpts, ContainerOpts {
  /** spec.nodeName; null leaves it unscheduled. Default node-a. */
  node?: string | null;
  /** status.phase (default Running); null: no status at all, like a template. */
  phase?: string | null;
  /** The Ready condition's status (default true); 'absent': no Ready condition at all. */
  ready?: boolean | 'absent';
  /** The Ready condition's lastTransitionTime in seconds (default 10); null omits it. */
  readyAt?: number | null;
  /** The pod's conditions as given, instead of the one Ready condition. */
  conditions?: PodCondition[];
  /** Pod IP, or its IPs (one per family, podIP the first); null: none. Default: a distinct IPv4 address per name. */
  ip?: string | string[] | null;
  /** restartCount of every container, or of each container in order. */
  restarts?: number | number[];
  /** restartCount of init containers, by name (only these get a status). */
  initRestarts?: Record<string, number>;
  hostname?: string;
  subdomain?: string;
  hostNetwork?: boolean;
  initContainers?: (string | Container)[];
  ephemeralContainers?: (string | Container)[];
  /** Being deleted: a deletionTimestamp (at `deleted`, else 30 s after the test instant). */
  deleting?: boolean;
}

export function pod(name: string, o: PodOpts = {}): Pod {
  const containers = containersOf(o);
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('Pod', name, { ...o, labels: o.labels ?? { app: 'web' }, ...(o.deleting && o.deleted === undefined ? { deleted: 30 } : {}) }),
    spec: { containers, terminationGracePeriodSeconds: 30 },
  };
  const spec = p.spec as NonNullable<Pod['spec']>;
  if (o.node !== null) spec.nodeName = o.node ?? 'node-a';
  if (o.initContainers) spec.initContainers = o.initContainers.map(toContainer);
  if (o.ephemeralContainers) spec.ephemeralContainers = o.ephemeralContainers.map(toContainer);
  if (o.hostname) spec.hostname = o.hostname;
  if (o.subdomain) spec.subdomain = o.subdomain;
  if (o.hostNetwork) spec.hostNetwork = true;
  if (o.phase === null) return p;
  const ready = o.ready ?? true;
  const readyAt = o.readyAt === undefined ? 10 : o.readyAt;
  const ips = o.ip === null ? [] : Array.isArray(o.ip) ? o.ip : [o.ip ?? ipFor(name)];
  const restarts = (i: number) => (Array.isArray(o.restarts) ? (o.restarts[i] ?? 0) : (o.restarts ?? 0));
  p.status = {
    phase: o.phase ?? 'Running',
    conditions: o.conditions ?? (ready === 'absent' ? [] : [{ type: 'Ready', status: ready ? 'True' : 'False', ...(readyAt === null ? {} : { lastTransitionTime: at(readyAt) }) }]),
    containerStatuses: containers.map((c, i) => ({ name: c.name, ready: ready === true, restartCount: restarts(i) })),
    ...(o.initRestarts ? { initContainerStatuses: Object.entries(o.initRestarts).map(([n, restartCount]) => ({ name: n, restartCount })) } : {}),
    ...(ips.length ? { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) } : {}),
  };
  return p;
}

// ---------------------------------------------------------------- workloads

export interface WorkloadOpts extends MetaOpts, ContainerOpts {
  /** spec.selector; undefined: matchLabels of the template labels; null: absent. */
  selector?: LabelSelector | null;
  /** Template labels (default { app: NAME }). */
  podLabels?: Record<string, string>;
  replicas?: number;
  serviceName?: string;
  parallelism?: number;
  manualSelector?: boolean;
}

function template(o: WorkloadOpts, labels: Record<string, string>): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: containersOf(o), terminationGracePeriodSeconds: 30 } };
}

function workload(kind: Kind, apiVersion: string, name: string, o: WorkloadOpts, extra: Partial<NonNullable<Workload['spec']>> = {}): Workload {
  const labels = o.podLabels ?? { app: name };
  const w: Workload = { apiVersion, kind, metadata: meta(kind, name, o), spec: { ...extra, template: template(o, labels) } };
  const spec = w.spec as NonNullable<Workload['spec']>;
  if (o.selector !== null) spec.selector = o.selector ?? { matchLabels: { ...labels } };
  if (o.replicas !== undefined) spec.replicas = o.replicas;
  return w;
}

export function deploy(name: string, o: WorkloadOpts = {}): Workload {
  return workload('Deployment', 'apps/v1', name, { replicas: 1, ...o });
}

export function rs(name: string, o: WorkloadOpts = {}): Workload {
  return workload('ReplicaSet', 'apps/v1', name, { replicas: 1, ...o });
}

/** The ReplicaSet a Deployment makes for one template revision: `<deploy>-<hash>`, hash in selector and labels. */
export function rsOf(d: Workload, hash: string, o: WorkloadOpts = {}): Workload {
  const sel = d.spec?.selector ?? {};
  const labels = { ...(d.spec?.template?.metadata?.labels ?? {}), 'pod-template-hash': hash };
  return rs(`${d.metadata?.name}-${hash}`, {
    // The Deployment controller gives its ReplicaSet the template's labels and the hash, as its own labels too.
    ns: d.metadata?.namespace ?? 'default', owner: d, labels, podLabels: labels,
    selector: { ...sel, matchLabels: { ...(sel.matchLabels ?? {}), 'pod-template-hash': hash } },
    containers: d.spec?.template?.spec?.containers ?? [], ...o,
  });
}

export function sts(name: string, o: WorkloadOpts = {}): Workload {
  return workload('StatefulSet', 'apps/v1', name, { replicas: 1, ...o }, { serviceName: o.serviceName ?? name });
}

export function ds(name: string, o: WorkloadOpts = {}): Workload {
  return workload('DaemonSet', 'apps/v1', name, o);
}

/** A Job with the selector the API server generates (batch.kubernetes.io/controller-uid), unless manualSelector. */
export function job(name: string, o: WorkloadOpts = {}): Workload {
  const ns = o.ns ?? 'default';
  const uid = o.uid ?? uidFor('Job', name, ns);
  const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
  const labels = o.manualSelector ? (o.podLabels ?? { app: name }) : { ...(o.podLabels ?? { app: name }), ...generated };
  const selector = o.manualSelector ? o.selector : (o.selector ?? { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  const w = workload('Job', 'batch/v1', name, { ...o, uid, podLabels: labels, selector }, { parallelism: o.parallelism ?? 1 });
  if (o.manualSelector && w.spec) w.spec.manualSelector = true;
  return w;
}

export function cronjob(name: string, o: WorkloadOpts = {}): CronJob {
  const labels = o.podLabels ?? { app: name };
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('CronJob', name, o), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(o, labels) } } } };
}

/** A Job a CronJob created: named `<cronjob>-<n>`, controlled by it. */
export function jobOf(cj: CronJob, n: string, o: WorkloadOpts = {}): Workload {
  return job(`${cj.metadata?.name}-${n}`, { ns: cj.metadata?.namespace ?? 'default', owner: cj, podLabels: { ...(cj.spec?.jobTemplate?.spec?.template?.metadata?.labels ?? {}) }, ...o });
}

export interface RcOpts extends MetaOpts, ContainerOpts {
  /** spec.selector map; undefined: the template labels; null: absent. */
  selector?: Record<string, string> | null;
  podLabels?: Record<string, string>;
  replicas?: number;
}

export function rc(name: string, o: RcOpts = {}): ReplicationController {
  const labels = o.podLabels ?? { app: name };
  const r: ReplicationController = { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('ReplicationController', name, o), spec: { replicas: o.replicas ?? 1, template: template(o, labels) } };
  if (o.selector !== null && r.spec) r.spec.selector = o.selector ?? { ...labels };
  return r;
}

/**
 * A running pod made by `owner` from its template: its labels, containers and a
 * generateName `<owner>-` (a StatefulSet names it `<sts>-<ordinal>`; pass `name`).
 */
export function podOf(owner: KubeObject, name: string, o: PodOpts = {}): Pod {
  const tpl = owner.kind === 'CronJob' ? (owner as CronJob).spec?.jobTemplate?.spec?.template : (owner as Workload).spec?.template;
  const generateName = owner.kind === 'StatefulSet' ? undefined : `${owner.metadata?.name}-`;
  return pod(name, {
    ns: owner.metadata?.namespace ?? 'default', owner, labels: { ...(tpl?.metadata?.labels ?? {}) },
    containers: tpl?.spec?.containers ?? [], ...(generateName ? { generateName } : {}), ...o,
  });
}

// ---------------------------------------------------------------- Service and EndpointSlice

export interface SvcOpts extends MetaOpts {
  /** undefined: { app: 'web' }; null: no selector. */
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  type?: string;
  /** clusterIP; 'None' makes it headless. */
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  externalName?: string;
  /** spec.ipFamilies (default IPv4 only). */
  ipFamilies?: string[];
  trafficDistribution?: string;
  /** sessionAffinity ClientIP, with its timeout when given. */
  affinity?: { timeoutSeconds?: number };
  healthCheckNodePort?: number;
}

export function svc(name: string, o: SvcOpts = {}): Service {
  const s: Service = {
    apiVersion: 'v1', kind: 'Service', metadata: meta('Service', name, o),
    spec: {
      ports: o.ports ?? [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      type: o.type ?? 'ClusterIP',
      ipFamilies: o.ipFamilies ?? ['IPv4'],
    },
  };
  const spec = s.spec as NonNullable<Service['spec']>;
  if (o.selector !== null) spec.selector = o.selector ?? { app: 'web' };
  if (spec.type !== 'ExternalName') spec.clusterIP = o.clusterIP ?? '10.96.0.10';
  if (o.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  if (o.externalTrafficPolicy) spec.externalTrafficPolicy = o.externalTrafficPolicy;
  if (o.internalTrafficPolicy) spec.internalTrafficPolicy = o.internalTrafficPolicy;
  if (o.externalName) spec.externalName = o.externalName;
  if (o.trafficDistribution) spec.trafficDistribution = o.trafficDistribution;
  if (o.affinity) {
    spec.sessionAffinity = 'ClientIP';
    if (o.affinity.timeoutSeconds) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: o.affinity.timeoutSeconds } };
  }
  if (o.healthCheckNodePort) spec.healthCheckNodePort = o.healthCheckNodePort;
  return s;
}

/** An endpoint for a pod as the EndpointSlice controller writes it. */
export function endpointFor(p: Pod, c: { ready?: boolean; serving?: boolean; terminating?: boolean; zone?: string } = {}): Endpoint {
  const e: Endpoint = {
    addresses: [p.status?.podIP ?? ''],
    conditions: { ready: c.ready ?? true, serving: c.serving ?? true, terminating: c.terminating ?? false },
    targetRef: { kind: 'Pod', name: p.metadata?.name ?? '', namespace: p.metadata?.namespace ?? 'default', uid: p.metadata?.uid ?? '' },
  };
  if (p.spec?.nodeName) e.nodeName = p.spec.nodeName;
  if (c.zone) e.zone = c.zone;
  return e;
}

export interface EpOpts {
  /** null leaves the condition out. */
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
  node?: string;
  zone?: string;
  /** The pod the endpoint names (targetRef), with its uid when given. */
  pod?: string;
  uid?: string;
  hostname?: string;
  zoneHints?: string[];
  nodeHints?: string[];
}

/** An endpoint written by hand: its addresses, conditions (ready, serving, not terminating unless said), node, zone and hints. */
export function ep(addresses: string | string[], o: EpOpts = {}): Endpoint {
  const e: Endpoint = { addresses: Array.isArray(addresses) ? addresses : [addresses], conditions: {} };
  const c = e.conditions ?? {};
  if (o.ready !== null) c.ready = o.ready ?? true;
  if (o.serving !== null) c.serving = o.serving ?? true;
  if (o.terminating !== null) c.terminating = o.terminating ?? false;
  if (o.node) e.nodeName = o.node;
  if (o.zone) e.zone = o.zone;
  if (o.pod) e.targetRef = { kind: 'Pod', namespace: 'default', name: o.pod, ...(o.uid ? { uid: o.uid } : {}) };
  if (o.hostname) e.hostname = o.hostname;
  if (o.zoneHints || o.nodeHints) {
    e.hints = {};
    if (o.zoneHints) e.hints.forZones = o.zoneHints.map((name) => ({ name }));
    if (o.nodeHints) e.hints.forNodes = o.nodeHints.map((name) => ({ name }));
  }
  return e;
}

export interface SliceOpts {
  ns?: string;
  endpoints?: Endpoint[];
  /** The slice's ports exactly as given (a port without a name or protocol stays without); default http 8080/TCP. */
  ports?: EndpointPort[];
  /** The endpointslice.kubernetes.io/managed-by label (default the EndpointSlice controller's); null leaves it out. */
  managedBy?: string | null;
  addressType?: string;
  resourceVersion?: string;
  /** The endpoints.kubernetes.io/last-change-trigger-time annotation. */
  triggerTime?: string;
  /** Labels besides kubernetes.io/service-name and managed-by. */
  labels?: Record<string, string>;
}

export function slice(name: string, service: string, o: SliceOpts = {}): EndpointSlice {
  const ns = o.ns ?? 'default';
  const labels: Record<string, string> = { 'kubernetes.io/service-name': service, ...(o.labels ?? {}) };
  if (o.managedBy !== null) labels['endpointslice.kubernetes.io/managed-by'] = o.managedBy ?? 'endpointslice-controller.k8s.io';
  const s: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name, namespace: ns, uid: uidFor('EndpointSlice', name, ns), resourceVersion: o.resourceVersion ?? '100', labels },
    addressType: o.addressType ?? 'IPv4',
    endpoints: o.endpoints ?? [],
    ports: o.ports ?? [{ name: 'http', port: 8080, protocol: 'TCP' }],
  };
  if (o.triggerTime && s.metadata) s.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': o.triggerTime };
  return s;
}

/** Predicted slices under the names and resourceVersions the API server would give them. */
export function published(slices: EndpointSlice[]): EndpointSlice[] {
  return slices.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `${s.metadata?.generateName ?? ''}x${i}`, resourceVersion: String(200 + i) } }));
}

// ---------------------------------------------------------------- policy and routing kinds

export function netpol(name: string, o: MetaOpts & { podSelector?: LabelSelector | null } = {}): NetworkPolicy {
  const n: NetworkPolicy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('NetworkPolicy', name, o), spec: { policyTypes: ['Ingress'] } };
  if (o.podSelector !== undefined && n.spec) n.spec.podSelector = o.podSelector;
  return n;
}

export function pdb(name: string, o: MetaOpts & { selector?: LabelSelector | null; minAvailable?: number } = {}): PodDisruptionBudget {
  const p: PodDisruptionBudget = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('PodDisruptionBudget', name, o), spec: { minAvailable: o.minAvailable ?? 1 } };
  if (o.selector !== undefined && p.spec) p.spec.selector = o.selector;
  return p;
}

export interface IngRule {
  host?: string;
  path?: string;
  service: string;
  port?: number | string;
}

function backend(service: string, port: number | string | undefined): IngressBackend {
  const p = port === undefined ? { number: 80 } : typeof port === 'number' ? { number: port } : { name: port };
  return { service: { name: service, port: p } };
}

export function ing(name: string, o: MetaOpts & { defaultBackend?: string; defaultPort?: number | string; rules?: IngRule[] } = {}): Ingress {
  const i: Ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('Ingress', name, o), spec: {} };
  const spec = i.spec as NonNullable<Ingress['spec']>;
  if (o.defaultBackend) spec.defaultBackend = backend(o.defaultBackend, o.defaultPort);
  if (o.rules) {
    spec.rules = o.rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: [{ path: r.path ?? '/', pathType: 'Prefix', backend: backend(r.service, r.port) }] } }));
  }
  return i;
}

export function hpa(name: string, target: { kind: string; name: string; apiVersion?: string }, o: MetaOpts = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('HorizontalPodAutoscaler', name, o),
    spec: { scaleTargetRef: { apiVersion: target.apiVersion ?? 'apps/v1', kind: target.kind, name: target.name }, minReplicas: 1, maxReplicas: 5 },
  };
}

export function node(name: string, zone?: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: uidFor('Node', name, ''), ...(zone ? { labels: { 'topology.kubernetes.io/zone': zone } } : {}) } };
}

// ---------------------------------------------------------------- snapshots

export interface SnapshotOpts {
  origin?: Origin;
  known?: Kind[];
  gaps?: ReadGap[];
  defaultNamespace?: string;
  templateOf?: Record<string, ObjectRef>;
}

/** Objects sorted into a snapshot by their `kind`. */
export function snapshot(objects: KubeObject[], o: SnapshotOpts = {}): Snapshot {
  const s = emptySnapshot(o.origin ?? 'live', o.defaultNamespace ?? 'default');
  for (const obj of objects) {
    const kind = obj.kind as Kind;
    if (!KINDS.includes(kind)) throw new Error(`builders: unknown kind ${obj.kind}`);
    (s.objects[kind] as KubeObject[]).push(obj);
  }
  s.known = o.known ?? [];
  s.templateOf = o.templateOf ?? {};
  s.gaps = o.gaps ?? [];
  return s;
}

/** As a live source sees the cluster: every kind listed, so absent means absent. */
export function live(objects: KubeObject[], o: SnapshotOpts = {}): Snapshot {
  return snapshot(objects, { known: [...KINDS], ...o, origin: 'live' });
}

const TEMPLATE_KINDS: Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'CronJob'];

/** The template pod the offline source makes for a workload (see src/sources/manifests/templates.ts). */
export function templatePod(w: KubeObject): Pod {
  const kind = w.kind as Kind;
  const tpl = kind === 'CronJob' ? (w as CronJob).spec?.jobTemplate?.spec?.template : (w as Workload).spec?.template;
  const name = `${w.metadata?.name}-(${kind.toLowerCase()}-template)`;
  const ns = w.metadata?.namespace ?? 'default';
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns, uid: `manifest:Pod/${ns}/${name}`, labels: { ...(tpl?.metadata?.labels ?? {}) }, ownerReferences: [ownerRef(w)] },
    spec: structuredClone(tpl?.spec ?? {}),
  };
}

/**
 * As the manifests source sees them: no pods, Nodes or EndpointSlices (unless given),
 * and one template pod per workload standing for the pods it would create.
 */
export function offline(objects: KubeObject[], o: SnapshotOpts = {}): Snapshot {
  const templateOf: Record<string, ObjectRef> = {};
  const templates: Pod[] = [];
  for (const w of objects) {
    if (!TEMPLATE_KINDS.includes(w.kind as Kind)) continue;
    const t = templatePod(w);
    templates.push(t);
    templateOf[t.metadata?.uid as string] = refOf(w.kind as Kind, w);
  }
  const present = new Set(objects.map((x) => x.kind));
  const known = KINDS.filter((k) => k !== 'Pod' && (!['Node', 'EndpointSlice', 'Namespace'].includes(k) || present.has(k)));
  return snapshot([...objects, ...templates], { known, templateOf, ...o, origin: 'manifests' });
}

// ---------------------------------------------------------------- analysis

export function query(kind: Kind, name: string, o: { ns?: string; commands?: CommandQuery[]; minor?: number } = {}): AnalysisQuery {
  return {
    target: { kind, name, namespace: o.ns ?? 'default' },
    kubectl: { version: version(o.minor ?? 32), from: 'test' },
    ...(o.commands ? { commands: o.commands } : {}),
    source: { context: null, cluster: null, inputs: [], problems: [] },
  };
}

export function run(s: Snapshot, kind: Kind, name: string, o: { ns?: string; commands?: CommandQuery[]; minor?: number } = {}): Report {
  return analyze(s, query(kind, name, o), NOW);
}

/** The findings of one rule. */
export function findings(r: { findings: Report['findings'] }, id: string): Report['findings'] {
  return r.findings.filter((f) => f.id === id);
}

export function ids(r: { findings: Report['findings'] }): string[] {
  return [...new Set(r.findings.map((f) => f.id))].sort();
}

export function names(items: readonly ({ name: string } | KubeObject)[]): string[] {
  return items.map((x) => ('name' in x ? x.name : (x.metadata?.name ?? '')));
}

/** `kind/name` of object refs, for comparing the objects a finding names. */
export function refs(list: readonly ObjectRef[]): string[] {
  return list.map((r) => `${r.kind}/${r.name}`);
}
