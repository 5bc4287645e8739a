// What watch mode compares from one moment to the next: the target's selected pods, the
// endpoints of its EndpointSlices, and the workloads behind its pods, reduced to the facts
// the timeline talks about. Keys are stable across updates (pod UID, endpoint address).

import { buildOwnershipGraph, controllerRef, ownerChain } from '../ownership.ts';
import { gracePeriodSeconds, isReady, isTerminating, podIP, preStopOf, readySince } from '../pods.ts';
import { isHeadless, managedSelector } from '../routing/service.ts';
import { slicesOf } from '../routing/service-slices.ts';
import { isKnown, type Kind, type ObjectRef, type Snapshot } from '../snapshot.ts';
import { resolveTarget, type TargetQuery } from '../targets/resolve.ts';
import type { Endpoint, KubeObject, Pod, Service, Workload } from '../types.ts';
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

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Job']);

export function objectKey(kind: string, o: KubeObject): string {
  return o.metadata?.uid ?? `${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export function shortRef(kind: string, o: KubeObject): ObjectRef {
  const ref: ObjectRef = { kind, name: o.metadata?.name ?? '' };
  if (o.metadata?.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata?.uid) ref.uid = o.metadata.uid;
  return ref;
}

export function podState(p: Pod): PodState {
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

export function serviceState(svc: Service): ServiceState {
  return { ref: shortRef('Service', svc), headless: isHeadless(svc), publishNotReadyAddresses: svc.spec?.publishNotReadyAddresses === true, localTraffic: svc.spec?.internalTrafficPolicy === 'Local' || svc.spec?.externalTrafficPolicy === 'Local', managed: managedSelector(svc) !== null };
}

/** One endpoint of a slice as the timeline sees it (`address` is its addresses[0]). */
export function endpointState(ep: Endpoint, address: string, slice: string, namespace: string): EndpointState {
  const c = ep.conditions ?? {};
  const t = ep.targetRef;
  const pod: ObjectRef | null = t?.name ? { kind: t.kind ?? 'Pod', name: t.name, ...(t.namespace ? { namespace: t.namespace } : {}), ...(t.uid ? { uid: t.uid } : {}) } : null;
  return {
    address,
    pod,
    podKey: t?.uid ?? (t?.name ? `Pod/${t.namespace ?? namespace}/${t.name}` : null),
    ready: c.ready !== false,
    serving: c.serving !== false,
    terminating: c.terminating === true,
    node: ep.nodeName ?? null,
    slice,
  };
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
      out[address] = endpointState(ep, address, slice.metadata?.name ?? '', namespace);
    }
  }
  return out;
}

/** The workloads behind the selected pods (and the target, if it is one), with a Deployment's every ReplicaSet. */
export function workloadsOf(s: Snapshot, pods: Pod[], target: KubeObject | null, targetKind: Kind): Record<string, WorkloadState> {
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
  return workloadRecord(s, found);
}

/**
 * The workloads found (by key; workload kinds only), with every ReplicaSet of a Deployment
 * among them, as the record an observation holds (in key order).
 */
export function workloadRecord(s: Snapshot, workloads: ReadonlyMap<string, { kind: string; object: KubeObject }>): Record<string, WorkloadState> {
  const found = new Map(workloads);
  const deployments = new Set([...found.values()].filter((w) => w.kind === 'Deployment').map((w) => w.object.metadata?.uid).filter((u): u is string => !!u));
  for (const r of s.objects.ReplicaSet) {
    const owner = controllerRef(r)?.uid;
    if (owner && deployments.has(owner)) found.set(objectKey('ReplicaSet', r), { kind: 'ReplicaSet', object: r });
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

/** One side of a comparison, read by key. */
export interface ObservedSide {
  pod(key: string): PodState | undefined;
  endpoint(address: string): EndpointState | undefined;
  endpointsOf(podKey: string): EndpointState[];
}

/**
 * Two observations to compare, and the keys that may differ between them. The full delta
 * names every key; the incremental observation (live.ts) names only those its event touched,
 * which gives the same changes, since a key outside it is the same on both sides.
 */
export interface Delta {
  before: ObservedSide;
  after: ObservedSide;
  /** Both sides have endpoints. */
  endpoints: boolean;
  /** Pod keys: those of `before` first, then the new ones. */
  pods: string[];
  /** Endpoint addresses. */
  addresses: string[];
  /** Pods whose endpoints may differ: the pods of `before`, of `after`, then the pods `before`'s endpoints name. */
  routing: string[];
}

export function sideOf(o: Observed): ObservedSide {
  return {
    pod: (key) => o.pods[key],
    endpoint: (address) => o.endpoints?.[address],
    endpointsOf: (podKey) => endpointsOfPod(o, podKey),
  };
}

/** Every key of both observations. */
export function fullDelta(a: Observed, b: Observed): Delta {
  const endpoints = a.endpoints !== null && b.endpoints !== null;
  const podKeys = [...Object.keys(a.pods), ...Object.keys(b.pods)];
  return {
    before: sideOf(a),
    after: sideOf(b),
    endpoints,
    pods: [...new Set(podKeys)],
    addresses: endpoints ? [...new Set([...Object.keys(a.endpoints ?? {}), ...Object.keys(b.endpoints ?? {})])] : [],
    routing: endpoints ? [...new Set([...podKeys, ...Object.values(a.endpoints ?? {}).map((e) => e.podKey ?? '')].filter(Boolean))] : [],
  };
}

/**
 * Counts over one observation that the hazards and the rollout status read. A full
 * observation is counted when asked (it is a value: callers may build one by hand); the
 * incremental observation (live.ts) keeps them up to date and registers them.
 */
export interface ObservedStats {
  /** Ready endpoints. */
  readyEndpoints: number;
  /** Distinct pods with an endpoint (an endpoint without a pod counts by its address). */
  endpointPods: number;
  /** Ready endpoints by node. */
  readyByNode: Map<string, number>;
  terminatingPods: number;
  /** Pods not Succeeded or Failed. */
  activePods: number;
  /** Pods not terminating, by the key of their controller. */
  runningByOwner: Map<string, number>;
  /** Endpoints naming a pod that is not selected (gone). */
  goneEndpoints: number;
  /** Terminating endpoints of selected pods, or of no pod. */
  terminatingEndpoints: number;
}

const registeredStats = new WeakMap<Observed, ObservedStats>();
const byPod = new WeakMap<Observed, Map<string, EndpointState[]>>();

/** Called by the incremental observation for each observation it makes. */
export function registerIndexes(o: Observed, stats: ObservedStats, endpointsByPod: Map<string, EndpointState[]>): void {
  registeredStats.set(o, stats);
  byPod.set(o, endpointsByPod);
}

export function isTerminal(phase: string | null): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

export function countStats(o: Observed): ObservedStats {
  const st: ObservedStats = { readyEndpoints: 0, endpointPods: 0, readyByNode: new Map(), terminatingPods: 0, activePods: 0, runningByOwner: new Map(), goneEndpoints: 0, terminatingEndpoints: 0 };
  for (const p of Object.values(o.pods)) {
    if (p.terminating) st.terminatingPods++;
    else if (p.ownerKey !== null) st.runningByOwner.set(p.ownerKey, (st.runningByOwner.get(p.ownerKey) ?? 0) + 1);
    if (!isTerminal(p.phase)) st.activePods++;
  }
  if (o.endpoints) {
    const distinct = new Set<string>();
    for (const e of Object.values(o.endpoints)) {
      distinct.add(e.podKey ?? e.address);
      if (e.ready) {
        st.readyEndpoints++;
        if (e.node !== null) st.readyByNode.set(e.node, (st.readyByNode.get(e.node) ?? 0) + 1);
      }
      const selected = e.podKey === null || !!o.pods[e.podKey];
      if (!selected) st.goneEndpoints++;
      if (e.terminating && selected) st.terminatingEndpoints++;
    }
    st.endpointPods = distinct.size;
  }
  return st;
}

/** The observation's counts: kept by the incremental observation, else counted now. */
export function statsOf(o: Observed): ObservedStats {
  return registeredStats.get(o) ?? countStats(o);
}

/** Endpoints of one pod (dual-stack pods have one per address family), in the observation's order (slice name, then place in the slice). */
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
  const st = registeredStats.get(o);
  if (st) return st.readyEndpoints;
  return o.endpoints ? Object.values(o.endpoints).filter((e) => e.ready).length : 0;
}
