// The incremental observation: what observe() would say after an event, worked out from
// what the event touches instead of from every object. A pod event updates that pod's row
// (and its endpoints' counts); an EndpointSlice event updates the endpoints of the addresses
// in the slice; the workloads are rebuilt only when an event can change them (a pod joining
// or leaving the selection, a workload or an object on a selected pod's owner chain). Every
// other event, and anything unusual (a sync, the target itself changing, duplicate names or
// UIDs, keys that are not plain), falls back to the full observation, which also rebuilds
// this state. The result is the same observation, and the same delta, so the timeline gives
// the same lines either way (test/core/timeline/live.test.ts replays logs through both).
//
// The state is updated in place: it belongs to the latest timeline only. Stepping from an
// older timeline falls back to the full observation, which starts a new state.

import { apply, type SourceEvent } from '../events.ts';
import { matches } from '../labels.ts';
import { controllerRef, ownerChain, buildOwnershipGraph, keepGraph, replaceInGraph, type OwnershipGraph } from '../ownership.ts';
import { LABEL_SERVICE_NAME } from '../routing/wellknown.ts';
import { objectKey as listKey } from '../snapshot-builder.ts';
import { isKnown, type Kind, type Snapshot } from '../snapshot.ts';
import { resolveTarget, type TargetQuery } from '../targets/resolve.ts';
import type { SelectorSpec } from '../targets/selector-spec.ts';
import type { Endpoint, EndpointSlice, KubeObject, Pod } from '../types.ts';
import {
  countStats, endpointState, objectKey, podState, registerIndexes, isTerminal, workloadRecord, workloadsOf, WORKLOAD_KINDS,
  type Delta, type EndpointState, type Observed, type ObservedSide, type ObservedStats, type PodState,
} from './observe.ts';

/** Kinds whose target resolves by its own selector (resolveTarget's default case). */
const SELECTOR_TARGETS: ReadonlySet<Kind> = new Set<Kind>(['Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'NetworkPolicy', 'PodDisruptionBudget']);
const PLAIN: Record<string, unknown> = {};

/** A key that a plain object would not treat as an ordinary property (`__proto__`, `constructor`...). */
function unsafe(key: string): boolean {
  return key in PLAIN;
}

interface SliceEntry {
  object: EndpointSlice;
  /** Each address's first place in the slice's endpoints. */
  first: Map<string, number>;
}

function endpointAt(e: SliceEntry, address: string): { index: number; ep: Endpoint } | undefined {
  const index = e.first.get(address);
  return index === undefined ? undefined : { index, ep: (e.object.endpoints as Endpoint[])[index] as Endpoint };
}

/** The same addresses at the same places: the entry's index holds for the other slice too. */
function sameLayout(a: EndpointSlice, b: EndpointSlice): boolean {
  const x = a.endpoints ?? [];
  const y = b.endpoints ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i]?.addresses?.[0] !== y[i]?.addresses?.[0]) return false;
  return true;
}

interface Place {
  slice: string;
  index: number;
}

export interface LiveObservation {
  query: TargetQuery;
  snapshot: Snapshot;
  observed: Observed;
  target: KubeObject;
  selectorJson: string;
  selector: SelectorSpec | null;
  pods: Record<string, PodState>;
  podObjects: Map<string, Pod>;
  endpoints: Record<string, EndpointState> | null;
  slices: Map<string, SliceEntry>;
  /** Address -> names of the Service's slices holding it, in name order. */
  candidates: Map<string, string[]>;
  place: Map<string, Place>;
  byPod: Map<string, EndpointState[]>;
  /** Every key (podKey ?? address) an endpoint counts under, with how many do. */
  distinct: Map<string, number>;
  stats: ObservedStats;
  terminating: Set<string>;
  /** UIDs and kind/namespace/name of the objects on the selected pods' owner chains, with how many of the pods' chains name each. */
  chain: Map<string, number>;
  positions: Map<Kind, Map<string, number>>;
  /** The ownership graph of the snapshot, kept up to date event by event; null when it is built whole (keepGraph). */
  graph: OwnershipGraph | null;
  /** What each selected pod's owner chain adds to `chain` and to the workloads (while `graph` is kept). */
  owners: Map<string, ChainShare>;
  /** The workloads on the selected pods' chains, with how many pods' chains reach each. */
  reached: Map<string, { count: number; kind: string; object: KubeObject }>;
}

/** What one selected pod's owner chain contributes. */
interface ChainShare {
  chain: string[];
  workloads: { key: string; kind: string; object: KubeObject }[];
}

export interface LiveStep {
  snapshot: Snapshot;
  next: Observed;
  delta: Delta;
  terminating: Iterable<string>;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const placeOrder = (place: Map<string, Place>) => (x: EndpointState, y: EndpointState) => {
  const p = place.get(x.address) as Place;
  const q = place.get(y.address) as Place;
  return byName(p.slice, q.slice) || p.index - q.index;
};

function belongs(slice: KubeObject, q: TargetQuery, service: string): boolean {
  const label = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
  return typeof label === 'string' && label === service && (slice.metadata?.namespace ?? 'default') === q.namespace;
}

function sliceEntry(slice: EndpointSlice): SliceEntry | null {
  const first = new Map<string, number>();
  const eps = slice.endpoints ?? [];
  for (let i = 0; i < eps.length; i++) {
    const ep = eps[i] as Endpoint;
    const address = ep.addresses?.[0];
    if (!address) continue;
    if (unsafe(address)) return null;
    if (!first.has(address)) first.set(address, i);
  }
  return { object: slice, first };
}

function chainKeys(kind: string, o: KubeObject): string[] {
  const out = [`${kind}\u0000${o.metadata?.namespace ?? ''}\u0000${o.metadata?.name ?? ''}`];
  if (o.metadata?.uid) out.push(o.metadata.uid);
  return out;
}

function onChain(live: LiveObservation, kind: string, objects: (KubeObject | undefined)[]): boolean {
  return objects.some((o) => o !== undefined && chainKeys(kind, o).some((k) => live.chain.has(k)));
}

function shareOf(graph: OwnershipGraph, p: Pod): ChainShare {
  const share: ChainShare = { chain: [], workloads: [] };
  for (const link of ownerChain(graph, p)) {
    share.chain.push(`${link.ref.kind}\u0000${link.ref.namespace ?? ''}\u0000${link.ref.name}`);
    if (link.ref.uid) {
      share.chain.push(link.ref.uid);
      const entry = graph.byUid.get(link.ref.uid);
      if (entry) {
        share.chain.push(...chainKeys(entry.kind, entry.object));
        if (WORKLOAD_KINDS.has(entry.kind)) share.workloads.push({ key: objectKey(entry.kind, entry.object), kind: entry.kind, object: entry.object });
      }
    }
  }
  return share;
}

/** Adds (1) or takes away (-1) a pod's share; true when a workload joined or left the ones reached. */
function count(live: LiveObservation, share: ChainShare, sign: 1 | -1): boolean {
  for (const k of share.chain) {
    const n = (live.chain.get(k) ?? 0) + sign;
    if (n === 0) live.chain.delete(k);
    else live.chain.set(k, n);
  }
  let moved = false;
  for (const w of share.workloads) {
    const r = live.reached.get(w.key);
    const n = (r?.count ?? 0) + sign;
    if (n === 0) live.reached.delete(w.key);
    else live.reached.set(w.key, { count: n, kind: w.kind, object: w.object });
    if (n === 0 || (sign === 1 && n === 1)) moved = true;
  }
  return moved;
}

/** The workloads of the observation: the target's, those the chains reach, and a Deployment's every ReplicaSet. */
function reachedWorkloads(live: LiveObservation, s: Snapshot): Observed['workloads'] {
  const found = new Map<string, { kind: string; object: KubeObject }>();
  if (WORKLOAD_KINDS.has(live.query.kind)) found.set(objectKey(live.query.kind, live.target), { kind: live.query.kind, object: live.target });
  for (const [key, r] of live.reached) found.set(key, { kind: r.kind, object: r.object });
  return workloadRecord(s, found);
}

/** The chain set and the workloads, from the snapshot and every selected pod. */
function rebuildWorkloads(live: LiveObservation, s: Snapshot): Observed['workloads'] {
  live.graph ??= keepGraph(s);
  live.chain = new Map();
  live.owners = new Map();
  live.reached = new Map();
  const graph = live.graph;
  if (graph) {
    for (const [key, p] of live.podObjects) {
      const share = shareOf(graph, p);
      live.owners.set(key, share);
      count(live, share, 1);
    }
    return reachedWorkloads(live, s);
  }
  // Objects that share a key: the graph is built whole, as every analysis builds it.
  const whole = buildOwnershipGraph(s);
  for (const p of live.podObjects.values()) for (const k of shareOf(whole, p).chain) live.chain.set(k, (live.chain.get(k) ?? 0) + 1);
  return workloadsOf(s, [...live.podObjects.values()], live.target, live.query.kind);
}

/**
 * The workloads after a pod joined or left the selection (or changed its controller), from
 * that pod's chain alone; null when the workloads reached stay the same ones. Valid while the
 * pod is on no selected pod's chain (the caller checks: then every chain is walked again).
 */
function podWorkloads(live: LiveObservation, s: Snapshot, left: string | null, joined: string | null): Observed['workloads'] | null {
  const graph = live.graph;
  if (!graph) return rebuildWorkloads(live, s);
  let moved = false;
  if (left !== null) {
    const share = live.owners.get(left);
    if (share) moved = count(live, share, -1) || moved;
    live.owners.delete(left);
  }
  if (joined !== null) {
    const share = shareOf(graph, live.podObjects.get(joined) as Pod);
    live.owners.set(joined, share);
    moved = count(live, share, 1) || moved;
  }
  return moved ? reachedWorkloads(live, s) : null;
}

function positions(live: LiveObservation, s: Snapshot, kind: Kind): Map<string, number> | null {
  let map = live.positions.get(kind);
  if (!map) {
    map = new Map();
    const list = s.objects[kind] as KubeObject[];
    for (let i = 0; i < list.length; i++) {
      const k = listKey(list[i] as KubeObject);
      if (map.has(k)) return null;
      map.set(k, i);
    }
    live.positions.set(kind, map);
  }
  return map;
}

/** apply() for an upsert or delete, finding the object by a kept index. */
function applyIndexed(live: LiveObservation, s: Snapshot, e: Extract<SourceEvent, { type: 'upsert' | 'delete' }>, at: Map<string, number>, k: string): Snapshot {
  const list = s.objects[e.kind] as KubeObject[];
  const i = at.get(k);
  if (live.graph && !replaceInGraph(live.graph, e.kind, i === undefined ? undefined : list[i], e.type === 'upsert' ? e.object : undefined)) live.graph = null;
  if (e.type === 'delete') {
    live.positions.delete(e.kind);
    return apply(s, e);
  }
  let next: KubeObject[];
  if (i === undefined) {
    next = [...list, e.object];
    at.set(k, list.length);
  } else {
    next = list.slice();
    next[i] = e.object;
  }
  return { ...s, objects: { ...s.objects, [e.kind]: next } };
}

/** Starts the state from a full observation; null when the target or the data is not one the incremental path keeps. */
export function startLive(s: Snapshot, q: TargetQuery, observed: Observed): LiveObservation | null {
  if (!SELECTOR_TARGETS.has(q.kind) || !observed.found) return null;
  const r = resolveTarget(s, q);
  if (!r.object) return null;
  const podObjects = new Map<string, Pod>();
  for (const p of r.pods) {
    const key = objectKey('Pod', p);
    if (podObjects.has(key) || unsafe(key) || p.metadata?.namespace === undefined) return null;
    podObjects.set(key, p);
  }
  const live: LiveObservation = {
    query: q, snapshot: s, observed, target: r.object, selectorJson: JSON.stringify(r.selector), selector: r.selector,
    pods: observed.pods, podObjects, endpoints: observed.endpoints, slices: new Map(), candidates: new Map(), place: new Map(),
    byPod: new Map(), distinct: new Map(), stats: countStats(observed), terminating: new Set(), chain: new Map(), positions: new Map(),
    graph: null, owners: new Map(), reached: new Map(),
  };
  for (const p of Object.values(observed.pods)) if (p.terminating) live.terminating.add(p.key);
  rebuildWorkloads(live, s);
  if (observed.endpoints) {
    if (!isKnown(s, 'EndpointSlice')) return null;
    const service = q.name;
    const mine = (s.objects.EndpointSlice as EndpointSlice[]).filter((x) => belongs(x, q, service));
    mine.sort((a, b) => byName(a.metadata?.name ?? '', b.metadata?.name ?? ''));
    for (const slice of mine) {
      const name = slice.metadata?.name ?? '';
      const entry = sliceEntry(slice);
      if (!entry || live.slices.has(name)) return null;
      live.slices.set(name, entry);
      for (const [address, index] of entry.first) {
        const c = live.candidates.get(address);
        if (c) c.push(name);
        else {
          live.candidates.set(address, [name]);
          live.place.set(address, { slice: name, index });
        }
      }
    }
    for (const e of Object.values(observed.endpoints)) {
      live.distinct.set(e.podKey ?? e.address, (live.distinct.get(e.podKey ?? e.address) ?? 0) + 1);
      if (e.podKey === null) continue;
      if (unsafe(e.podKey)) return null;
      const list = live.byPod.get(e.podKey);
      if (list) list.push(e);
      else live.byPod.set(e.podKey, [e]);
    }
  }
  registerIndexes(observed, { ...live.stats }, live.byPod);
  return live;
}

function podContribution(st: ObservedStats, p: PodState, sign: 1 | -1): void {
  if (p.terminating) st.terminatingPods += sign;
  else if (p.ownerKey !== null) {
    const n = (st.runningByOwner.get(p.ownerKey) ?? 0) + sign;
    if (n === 0) st.runningByOwner.delete(p.ownerKey);
    else st.runningByOwner.set(p.ownerKey, n);
  }
  if (!isTerminal(p.phase)) st.activePods += sign;
}

function endpointContribution(live: LiveObservation, e: EndpointState, sign: 1 | -1): void {
  const st = live.stats;
  const key = e.podKey ?? e.address;
  const n = (live.distinct.get(key) ?? 0) + sign;
  if (n === 0) live.distinct.delete(key);
  else live.distinct.set(key, n);
  st.endpointPods = live.distinct.size;
  if (e.ready) {
    st.readyEndpoints += sign;
    if (e.node !== null) {
      const m = (st.readyByNode.get(e.node) ?? 0) + sign;
      if (m === 0) st.readyByNode.delete(e.node);
      else st.readyByNode.set(e.node, m);
    }
  }
  const selected = e.podKey === null || !!live.pods[e.podKey];
  if (!selected) st.goneEndpoints += sign;
  if (e.terminating && selected) st.terminatingEndpoints += sign;
}

/** Two endpoints that give the same EndpointState (the fields endpointState reads). */
function sameSource(a: Endpoint, b: Endpoint): boolean {
  if (a === b) return true;
  const c = a.conditions;
  const d = b.conditions;
  const s = a.targetRef;
  const t = b.targetRef;
  return c?.ready === d?.ready && c?.serving === d?.serving && c?.terminating === d?.terminating && a.nodeName === b.nodeName
    && s?.kind === t?.kind && s?.name === t?.name && s?.namespace === t?.namespace && s?.uid === t?.uid;
}

function sameRef(a: EndpointState['pod'], b: EndpointState['pod']): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.uid === b.uid;
}

function sameEndpoint(a: EndpointState, b: EndpointState): boolean {
  return a.address === b.address && a.podKey === b.podKey && a.ready === b.ready && a.serving === b.serving && a.terminating === b.terminating
    && a.node === b.node && a.slice === b.slice && sameRef(a.pod, b.pod);
}

/** What the step changed, remembered before the state is updated. */
interface Before {
  pods: Map<string, PodState | undefined>;
  endpoints: Map<string, EndpointState | undefined>;
  byPod: Map<string, EndpointState[]>;
  /** Where each pod's first endpoint was (orders rows of pods known only by their endpoints). */
  firstPlace: Map<string, Place>;
}

function capturePod(live: LiveObservation, b: Before, key: string): void {
  if (!b.pods.has(key)) b.pods.set(key, Object.hasOwn(live.pods, key) ? live.pods[key] : undefined);
}

function captureEndpointsOf(live: LiveObservation, b: Before, key: string): void {
  if (b.byPod.has(key)) return;
  const list = live.byPod.get(key) ?? [];
  b.byPod.set(key, list);
  const first = list[0];
  if (first) b.firstPlace.set(key, live.place.get(first.address) as Place);
}

function sides(live: LiveObservation, b: Before): { before: ObservedSide; after: ObservedSide } {
  const after: ObservedSide = {
    pod: (key) => live.pods[key],
    endpoint: (address) => live.endpoints?.[address],
    endpointsOf: (key) => (live.endpoints ? (live.byPod.get(key) ?? []) : []),
  };
  const before: ObservedSide = {
    pod: (key) => (b.pods.has(key) ? b.pods.get(key) : after.pod(key)),
    endpoint: (address) => (b.endpoints.has(address) ? b.endpoints.get(address) : after.endpoint(address)),
    endpointsOf: (key) => (live.endpoints ? (b.byPod.get(key) ?? live.byPod.get(key) ?? []) : []),
  };
  return { before, after };
}

/** Pod keys in the full delta's order: those of before's pods, then after's new ones. */
function podOrder(b: Before, live: LiveObservation): string[] {
  const keys = [...b.pods.keys()];
  return [...keys.filter((k) => b.pods.get(k) !== undefined), ...keys.filter((k) => b.pods.get(k) === undefined && Object.hasOwn(live.pods, k))];
}

/** Routing rows in the full delta's order: before's pods, after's new pods, then pods known only by before's endpoints (in endpoint order). */
function routingOrder(b: Before, live: LiveObservation, podKeys: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (k: string) => {
    if (!seen.has(k)) {
      seen.add(k);
      out.push(k);
    }
  };
  const candidates = [...new Set([...podKeys, ...b.byPod.keys()])];
  for (const k of candidates) if (b.pods.has(k) ? b.pods.get(k) !== undefined : Object.hasOwn(live.pods, k)) add(k);
  for (const k of candidates) if (!seen.has(k) && Object.hasOwn(live.pods, k)) add(k);
  const rest = candidates.filter((k) => !seen.has(k) && (b.byPod.get(k) ?? []).length > 0);
  rest.sort((x, y) => {
    const p = b.firstPlace.get(x) as Place;
    const q = b.firstPlace.get(y) as Place;
    return byName(p.slice, q.slice) || p.index - q.index;
  });
  for (const k of rest) add(k);
  return out;
}

function finish(live: LiveObservation, s: Snapshot, b: Before, workloads: Observed['workloads'] | null): LiveStep {
  const prev = live.observed;
  const next: Observed = { ...prev, workloads: workloads ?? prev.workloads };
  const stats: ObservedStats = { ...live.stats };
  registerIndexes(next, stats, live.byPod);
  live.observed = next;
  live.snapshot = s;
  const pods = podOrder(b, live);
  const { before, after } = sides(live, b);
  const delta: Delta = {
    before, after, endpoints: live.endpoints !== null,
    pods,
    addresses: [...b.endpoints.keys()],
    routing: live.endpoints ? routingOrder(b, live, pods) : [],
  };
  return { snapshot: s, next, delta, terminating: live.terminating };
}

function selects(live: LiveObservation, p: Pod): boolean {
  const spec = live.selector;
  if (!spec?.selector || !spec.selectsPods) return false;
  return (p.metadata?.namespace ?? 'default') === live.query.namespace && matches(spec.selector, p.metadata?.labels);
}

function podEvent(live: LiveObservation, s: Snapshot, e: Extract<SourceEvent, { type: 'upsert' | 'delete' }>): LiveStep | null {
  const at = positions(live, s, 'Pod');
  if (!at) return null;
  const k = listKey(e.object);
  const i = at.get(k);
  const old = i === undefined ? undefined : (s.objects.Pod[i] as Pod);
  const pod = e.object as Pod;
  const oldKey = old ? objectKey('Pod', old) : null;
  const wasSel = oldKey !== null && live.podObjects.get(oldKey) === old;
  const newSel = e.type === 'upsert' && selects(live, pod);
  const newKey = newSel ? objectKey('Pod', pod) : null;
  if (newKey !== null && (unsafe(newKey) || pod.metadata?.namespace === undefined || (newKey !== oldKey && live.podObjects.has(newKey)))) return null;
  const next = applyIndexed(live, s, e, at, k);
  const b: Before = { pods: new Map(), endpoints: new Map(), byPod: new Map(), firstPlace: new Map() };
  const keys: string[] = [];
  if (wasSel) keys.push(oldKey);
  if (newKey !== null && !(wasSel && newKey === oldKey)) keys.push(newKey);
  for (const key of keys) {
    capturePod(live, b, key);
    captureEndpointsOf(live, b, key);
  }
  // Whether a pod is selected decides whether its endpoints count as gone.
  const eps = keys.flatMap((key) => live.byPod.get(key) ?? []);
  for (const ep of eps) endpointContribution(live, ep, -1);
  if (wasSel) {
    const st = live.pods[oldKey as string] as PodState;
    podContribution(live.stats, st, -1);
    live.terminating.delete(st.key);
    delete live.pods[oldKey as string];
    live.podObjects.delete(oldKey as string);
  }
  if (newSel && newKey !== null) {
    const st = podState(pod);
    live.pods[newKey] = st;
    live.podObjects.set(newKey, pod);
    podContribution(live.stats, st, 1);
    if (st.terminating) live.terminating.add(newKey);
  }
  for (const ep of eps) endpointContribution(live, ep, 1);
  const sameOwner = wasSel && newSel && oldKey === newKey && JSON.stringify(controllerRef(old as Pod) ?? null) === JSON.stringify(controllerRef(pod) ?? null);
  // A pod on a selected pod's chain (pods owning pods) moves other chains: all are walked again.
  const workloads = onChain(live, 'Pod', [old, e.type === 'upsert' ? pod : undefined]) ? rebuildWorkloads(live, next)
    : (wasSel || newSel) && !sameOwner ? podWorkloads(live, next, wasSel ? oldKey : null, newSel ? newKey : null) : null;
  return finish(live, next, b, workloads);
}

function sliceEvent(live: LiveObservation, s: Snapshot, e: Extract<SourceEvent, { type: 'upsert' | 'delete' }>): LiveStep | null {
  const at = positions(live, s, 'EndpointSlice');
  if (!at) return null;
  const k = listKey(e.object);
  const i = at.get(k);
  const old = i === undefined ? undefined : (s.objects.EndpointSlice[i] as EndpointSlice);
  const slice = e.object as EndpointSlice;
  const service = live.query.name;
  const isService = live.query.kind === 'Service';
  const oldBelongs = isService && old !== undefined && belongs(old, live.query, service);
  const newBelongs = isService && e.type === 'upsert' && belongs(slice, live.query, service);
  // Without a list of slices, the first of the Service's slices is what gives it endpoints at all.
  if ((oldBelongs || newBelongs) && live.endpoints === null) return null;
  const b: Before = { pods: new Map(), endpoints: new Map(), byPod: new Map(), firstPlace: new Map() };
  const workloadsDue = onChain(live, 'EndpointSlice', [old, e.type === 'upsert' ? slice : undefined]);
  if (!oldBelongs && !newBelongs) {
    const next = applyIndexed(live, s, e, at, k);
    return finish(live, next, b, workloadsDue ? rebuildWorkloads(live, next) : null);
  }
  const oldName = old?.metadata?.name ?? '';
  const newName = slice.metadata?.name ?? '';
  if (oldBelongs && live.slices.get(oldName)?.object !== old) return null;
  const previous = oldBelongs ? live.slices.get(oldName) : undefined;
  // A slice rewritten with the same addresses in the same places (the usual update): its index
  // holds, and only the endpoints that read differently are touched.
  const inPlace = previous !== undefined && newBelongs && oldName === newName && sameLayout(previous.object, slice);
  const entry = inPlace ? { object: slice, first: (previous as SliceEntry).first } : newBelongs ? sliceEntry(slice) : null;
  if (newBelongs && (!entry || (live.slices.has(newName) && newName !== oldName) || (live.slices.has(newName) && !oldBelongs))) return null;
  const next = applyIndexed(live, s, e, at, k);
  const endpoints = live.endpoints as Record<string, EndpointState>;
  const affected = new Set<string>();
  const oldEntry = oldBelongs ? (live.slices.get(oldName) as SliceEntry) : null;
  const drop = (address: string) => {
    const c = (live.candidates.get(address) ?? []).filter((n) => n !== oldName);
    if (c.length) live.candidates.set(address, c);
    else live.candidates.delete(address);
  };
  const add = (address: string) => live.candidates.set(address, [...(live.candidates.get(address) ?? []), newName].sort(byName));
  // The same slice rewritten (the usual case): only addresses it gained or lost change their candidates.
  const rewritten = oldEntry !== null && entry !== null && oldName === newName;
  if (inPlace && oldEntry && entry) {
    const before = oldEntry.object.endpoints ?? [];
    const now = slice.endpoints ?? [];
    for (const [address, index] of entry.first) if (!sameSource(before[index] as Endpoint, now[index] as Endpoint)) affected.add(address);
    live.slices.set(newName, entry);
  } else {
    if (oldEntry) {
      for (const address of oldEntry.first.keys()) {
        affected.add(address);
        if (!rewritten || !(entry as SliceEntry).first.has(address)) drop(address);
      }
      live.slices.delete(oldName);
    }
    if (entry) {
      live.slices.set(newName, entry);
      for (const address of entry.first.keys()) {
        affected.add(address);
        if (!rewritten || !(oldEntry as SliceEntry).first.has(address)) add(address);
      }
    }
  }
  // What each touched address says now, and which pods' endpoint lists that moves.
  const changed: { address: string; state: EndpointState | undefined; place: Place | undefined }[] = [];
  for (const address of affected) {
    const winner = live.candidates.get(address)?.[0];
    const wasPlace = live.place.get(address);
    if (wasPlace && winner === wasPlace.slice) {
      // The same slice still gives this address: unchanged if that slice is another one, or this one says the same at the same place.
      if (winner !== oldName && winner !== newName) continue;
      const a = oldEntry ? endpointAt(oldEntry, address) : undefined;
      const z = entry ? endpointAt(entry, address) : undefined;
      if (a && z && oldName === newName && a.index === z.index && sameSource(a.ep, z.ep)) continue;
    }
    const found = winner !== undefined ? endpointAt(live.slices.get(winner) as SliceEntry, address) : undefined;
    const place = winner !== undefined && found ? { slice: winner, index: found.index } : undefined;
    const state = winner !== undefined && found ? endpointState(found.ep, address, winner, live.query.namespace) : undefined;
    const was = Object.hasOwn(endpoints, address) ? endpoints[address] : undefined;
    const samePlace = place !== undefined && wasPlace !== undefined && place.slice === wasPlace.slice && place.index === wasPlace.index;
    if (was && state && samePlace && sameEndpoint(was, state)) continue;
    changed.push({ address, state: was && state && sameEndpoint(was, state) ? was : state, place });
  }
  const touched = new Set<string>();
  for (const c of changed) {
    const was = Object.hasOwn(endpoints, c.address) ? endpoints[c.address] : undefined;
    b.endpoints.set(c.address, was);
    if (was?.podKey) touched.add(was.podKey);
    if (c.state?.podKey) {
      if (unsafe(c.state.podKey)) return null;
      touched.add(c.state.podKey);
    }
  }
  for (const key of touched) captureEndpointsOf(live, b, key);
  for (const c of changed) {
    const was = b.endpoints.get(c.address);
    if (was) endpointContribution(live, was, -1);
  }
  const moved = new Set(changed.map((c) => c.address));
  for (const c of changed) {
    if (c.state && c.place) {
      endpoints[c.address] = c.state;
      live.place.set(c.address, c.place);
      endpointContribution(live, c.state, 1);
    } else {
      delete endpoints[c.address];
      live.place.delete(c.address);
    }
  }
  for (const key of touched) {
    const list = (b.byPod.get(key) ?? []).filter((x) => !moved.has(x.address));
    for (const c of changed) if (c.state && c.state.podKey === key) list.push(c.state);
    list.sort(placeOrder(live.place));
    if (list.length) live.byPod.set(key, list);
    else live.byPod.delete(key);
  }
  for (const key of touched) if (Object.hasOwn(live.pods, key)) capturePod(live, b, key);
  return finish(live, next, b, workloadsDue ? rebuildWorkloads(live, next) : null);
}

function otherEvent(live: LiveObservation, s: Snapshot, e: Extract<SourceEvent, { type: 'upsert' | 'delete' }>): LiveStep | null {
  const q = live.query;
  if (e.kind === q.kind) {
    const o = e.object;
    if ((o.metadata?.namespace ?? 'default') === q.namespace && o.metadata?.name === q.name) return null;
  }
  const at = positions(live, s, e.kind);
  if (!at) return null;
  const k = listKey(e.object);
  const i = at.get(k);
  const old = i === undefined ? undefined : (s.objects[e.kind] as KubeObject[])[i];
  const next = applyIndexed(live, s, e, at, k);
  const due = WORKLOAD_KINDS.has(e.kind) || onChain(live, e.kind, [old, e.type === 'upsert' ? e.object : undefined]);
  const b: Before = { pods: new Map(), endpoints: new Map(), byPod: new Map(), firstPlace: new Map() };
  return finish(live, next, b, due ? rebuildWorkloads(live, next) : null);
}

/**
 * The observation after an upsert or delete, worked out incrementally; null when the event
 * needs the full observation (the state is then to be dropped).
 */
export function liveStep(live: LiveObservation, s: Snapshot, e: SourceEvent): LiveStep | null {
  if (e.type === 'sync' || e.type === 'status' || s !== live.snapshot) return null;
  if (e.kind === 'Pod') return podEvent(live, s, e);
  if (e.kind === 'EndpointSlice') return sliceEvent(live, s, e);
  return otherEvent(live, s, e);
}

/** The delta of an event that changed nothing the target shows (a status). */
export function unchanged(live: LiveObservation): { delta: Delta; terminating: Iterable<string> } {
  const b: Before = { pods: new Map(), endpoints: new Map(), byPod: new Map(), firstPlace: new Map() };
  const { before, after } = sides(live, b);
  return { delta: { before, after, endpoints: live.endpoints !== null, pods: [], addresses: [], routing: [] }, terminating: live.terminating };
}

