// What watch mode compares from one moment to the next: the target's selected pods, the
// endpoints of its EndpointSlices, and the workloads behind its pods, reduced to the facts
// the timeline talks about. Keys are stable across updates (pod UID, endpoint address).

import { buildOwnershipGraph, controllerRef, ownerChain } from '../ownership.ts';
import { gracePeriodSeconds, isReady, isTerminating, podIP, preStopOf, readySince } from '../pods.ts';
import { isHeadless, managedSelector } from '../routing/service.ts';
import { slicesOf } from '../routing/service-slices.ts';
import { isKnown, type Kind, type ObjectRef, type Snapshot } from '../snapshot.ts';
import { resolveTarget, type TargetQuery } from '../targets/resolve.ts';
import type { KubeObject, Pod, Service, Workload } from '../types.ts';
import { workloadState, type WorkloadState } from './workloads.ts';

export interface PodState {
  key: string;
  ref: ObjectRef;
  ip: string | null;
  node: string | null;
  phase: string | null;
  ready: boolean;
  /** The Ready condition's lastTransitionTime while Ready. */
  readySince: string | null;
  terminating: boolean;
  deletionTimestamp: string | null;
  graceSeconds: number;
  preStop: string | null;
  /** The key of the ReplicaSet (or other controller) that owns it. */
  ownerKey: string | null;
}

export interface EndpointState {
  /** The address kube-proxy uses (addresses[0]). */
  address: string;
  pod: ObjectRef | null;
  podKey: string | null;
  /** API semantics: nil ready and serving mean true, nil terminating false. */
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  node: string | null;
  slice: string;
}

export interface ServiceState {
  ref: ObjectRef;
  headless: boolean;
  publishNotReadyAddresses: boolean;
  /** internalTrafficPolicy / externalTrafficPolicy Local: kube-proxy's terminating fallback is per node. */
  localTraffic: boolean;
  /** Has a selector: the EndpointSlice controller manages its endpoints. */
  managed: boolean;
}

export interface Observed {
  target: ObjectRef;
  found: boolean;
  /** The selector as text, null when the target has none (or is absent). */
  selector: string | null;
  service: ServiceState | null;
  pods: Record<string, PodState>;
  /** By address; null when the target is no Service or its EndpointSlices were not read. */
  endpoints: Record<string, EndpointState> | null;
  workloads: Record<string, WorkloadState>;
}

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Job']);

export function objectKey(kind: string, o: KubeObject): string {
  return o.metadata?.uid ?? `${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export function shortRef(kind: string, o: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind, name: o.metadata?.name ?? '' };
  if (o.metadata?.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata?.uid) ref.uid = o.metadata.uid;
  return ref;
}

function podState(p: Pod): PodState {
  const owner = controllerRef(p);
  return {
    key: objectKey('Pod', p),
    ref: shortRef('Pod', p),
    ip: podIP(p),
    node: p.spec?.nodeName || null,
    phase: p.status?.phase ?? null,
    ready: isReady(p),
    readySince: readySince(p),
    terminating: isTerminating(p),
    deletionTimestamp: p.metadata?.deletionTimestamp ?? null,
    graceSeconds: p.metadata?.deletionGracePeriodSeconds ?? gracePeriodSeconds(p),
    preStop: preStopOf(p),
    ownerKey: owner ? (owner.uid ?? `${owner.kind}/${p.metadata?.namespace ?? ''}/${owner.name}`) : null,
  };
}

function serviceState(svc: Service): ServiceState {
  return { ref: shortRef('Service', svc), headless: isHeadless(svc), publishNotReadyAddresses: svc.spec?.publishNotReadyAddresses === true, localTraffic: svc.spec?.internalTrafficPolicy === 'Local' || svc.spec?.externalTrafficPolicy === 'Local', managed: managedSelector(svc) !== null };
}

function endpointsOf(s: Snapshot, svc: Service, namespace: string): Record<string, EndpointState> | null {
  const slices = slicesOf(s.objects.EndpointSlice, svc.metadata?.name ?? '', namespace);
  if (!isKnown(s, 'EndpointSlice') && slices.length === 0) return null;
  const out: Record<string, EndpointState> = {};
  const ordered = [...slices].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  for (const slice of ordered) {
    for (const ep of slice.endpoints ?? []) {
      const address = ep.addresses?.[0];
      if (!address || out[address]) continue;
      const c = ep.conditions ?? {};
      const t = ep.targetRef;
      const pod: ObjectRef | null = t?.name ? { kind: t.kind ?? 'Pod', name: t.name, ...(t.namespace ? { namespace: t.namespace } : {}), ...(t.uid ? { uid: t.uid } : {}) } : null;
      out[address] = {
        address,
        pod,
        podKey: t?.uid ?? (t?.name ? `Pod/${t.namespace ?? namespace}/${t.name}` : null),
        ready: c.ready !== false,
        serving: c.serving !== false,
        terminating: c.terminating === true,
        node: ep.nodeName ?? null,
        slice: slice.metadata?.name ?? '',
      };
    }
  }
  return out;
}

/** The workloads behind the selected pods (and the target, if it is one), with a Deployment's every ReplicaSet. */
function workloadsOf(s: Snapshot, pods: Pod[], target: KubeObject | null, targetKind: Kind): Record<string, WorkloadState> {
  const graph = buildOwnershipGraph(s);
  const found = new Map<string, { kind: string; object: KubeObject }>();
  const add = (kind: string, object: KubeObject) => {
    if (WORKLOAD_KINDS.has(kind)) found.set(objectKey(kind, object), { kind, object });
  };
  if (target) add(targetKind, target);
  for (const p of pods) {
    for (const link of ownerChain(graph, p)) {
      const entry = link.ref.uid ? graph.byUid.get(link.ref.uid) : undefined;
      if (entry) add(entry.kind, entry.object);
    }
  }
  const deployments = new Set([...found.values()].filter((w) => w.kind === 'Deployment').map((w) => w.object.metadata?.uid).filter((u): u is string => !!u));
  for (const r of s.objects.ReplicaSet) {
    const owner = controllerRef(r)?.uid;
    if (owner && deployments.has(owner)) add('ReplicaSet', r);
  }
  const out: Record<string, WorkloadState> = {};
  for (const key of [...found.keys()].sort()) {
    const w = found.get(key) as { kind: string; object: KubeObject };
    out[key] = workloadState(w.kind, w.object as Workload, key);
  }
  return out;
}

export function observe(s: Snapshot, q: TargetQuery): Observed {
  const r = resolveTarget(s, q);
  const target: ObjectRef = { kind: q.kind, name: q.name, namespace: q.namespace };
  if (r.object?.metadata?.uid) target.uid = r.object.metadata.uid;
  const selected: Pod[] = q.kind === 'Pod' ? (r.object ? [r.object as Pod] : []) : r.pods;
  const pods: Record<string, PodState> = {};
  for (const p of selected) {
    const st = podState(p);
    pods[st.key] = st;
  }
  const svc = q.kind === 'Service' && r.object ? (r.object as Service) : null;
  return {
    target,
    found: r.object !== null,
    selector: r.selector ? r.selector.text : null,
    service: svc ? serviceState(svc) : null,
    pods,
    endpoints: svc ? endpointsOf(s, svc, q.namespace) : null,
    workloads: workloadsOf(s, selected, r.object, q.kind),
  };
}

/** Endpoints by pod key, built once per observation (every pod is looked up on every event). */
const byPod = new WeakMap<Observed, Map<string, EndpointState[]>>();

/** Endpoints of one pod (dual-stack pods have one per address family), in the observation's order. */
export function endpointsOfPod(o: Observed, podKey: string): EndpointState[] {
  if (!o.endpoints) return [];
  let index = byPod.get(o);
  if (!index) {
    index = new Map();
    for (const e of Object.values(o.endpoints)) {
      if (e.podKey === null) continue;
      const list = index.get(e.podKey);
      if (list) list.push(e);
      else index.set(e.podKey, [e]);
    }
    byPod.set(o, index);
  }
  return index.get(podKey) ?? [];
}

/** The pod is in the ready set: some endpoint of it is ready (kube-proxy's normal set, and DNS for headless). */
export function inReadySet(o: Observed, podKey: string): boolean {
  return endpointsOfPod(o, podKey).some((e) => e.ready);
}

export function readyEndpointCount(o: Observed): number {
  return o.endpoints ? Object.values(o.endpoints).filter((e) => e.ready).length : 0;
}
