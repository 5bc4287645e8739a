// The ownership graph: objects indexed by UID, edges along the controllerRef (the first
// ownerReference with controller: true — apimachinery GetControllerOf). Semantics §3.

import type { KubeObject, OwnerReference, Pod } from './types.ts';
import { KINDS, refOf, type ObjectRef, type Snapshot } from './snapshot.ts';
import { kept, remember } from './indexes.ts';

export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export interface OwnerLink {
  ref: ObjectRef;
  /** False when the owner named by the reference is not in the snapshot. */
  present: boolean;
  /**
   * True when an object of that kind and name exists but with another UID: the
   * reference points at a deleted predecessor (for example a Deployment that was
   * deleted with --cascade=orphan and created again).
   */
  staleUid: boolean;
}

export interface OwnershipGraph {
  byUid: Map<string, { kind: string; object: KubeObject }>;
  byName: Map<string, { kind: string; object: KubeObject }>;
}

function nameKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/** The graph of a snapshot, built once for its objects and shared by every analysis of it (do not modify). */
export function buildOwnershipGraph(s: Snapshot): OwnershipGraph {
  return remember(s.objects, 'ownership-graph', () => createOwnershipGraph(s));
}

function createOwnershipGraph(s: Snapshot): OwnershipGraph {
  const byUid = new Map<string, { kind: string; object: KubeObject }>();
  const lists = KINDS.map((kind) => ({ kind, objects: (s.objects[kind] as KubeObject[]).slice() }));
  for (const { kind, objects } of lists) {
    for (const object of objects) {
      const uid = object.metadata?.uid;
      if (uid) byUid.set(uid, { kind, object });
    }
  }
  // Names are looked up only when a UID finds nothing (a stale or UID-less reference): on a
  // cluster where every reference resolves, the key per object is never built. Built from the
  // lists as they were, whenever it is first read.
  let byName: OwnershipGraph['byName'] | undefined;
  return {
    byUid,
    get byName() {
      if (byName === undefined) {
        byName = new Map();
        for (const { kind, objects } of lists) {
          for (const object of objects) byName.set(nameKey(kind, object.metadata?.namespace, object.metadata?.name ?? ''), { kind, object });
        }
      }
      return byName;
    },
  };
}

/**
 * An ownership graph kept up to date one object at a time (a watch changes a few objects per
 * event; building the graph of every object again for each cost more than the rest of the
 * event). It is the graph createOwnershipGraph builds only while no two objects share a UID
 * or a kind, namespace and name: which of two wins depends on where each sits in the lists,
 * so keeping gives up then (null), and the graph is built whole. Modified in place.
 */
export function keepGraph(s: Snapshot): OwnershipGraph | null {
  const g: OwnershipGraph = { byUid: new Map(), byName: new Map() };
  for (const kind of KINDS) {
    for (const object of s.objects[kind] as KubeObject[]) if (!putInGraph(g, kind, object)) return null;
  }
  return g;
}

function putInGraph(g: OwnershipGraph, kind: string, object: KubeObject): boolean {
  chains.delete(g);
  const uid = object.metadata?.uid;
  const name = nameKey(kind, object.metadata?.namespace, object.metadata?.name ?? '');
  if ((uid && g.byUid.has(uid)) || g.byName.has(name)) return false;
  if (uid) g.byUid.set(uid, { kind, object });
  g.byName.set(name, { kind, object });
  return true;
}

function dropFromGraph(g: OwnershipGraph, kind: string, object: KubeObject): boolean {
  chains.delete(g);
  const uid = object.metadata?.uid;
  const name = nameKey(kind, object.metadata?.namespace, object.metadata?.name ?? '');
  if ((uid && g.byUid.get(uid)?.object !== object) || g.byName.get(name)?.object !== object) return false;
  if (uid) g.byUid.delete(uid);
  g.byName.delete(name);
  return true;
}

/**
 * The graph after `before` (an object of the snapshot, or undefined) was replaced by `after`
 * (undefined: deleted); false when it can no longer be kept (the caller builds it whole).
 */
export function replaceInGraph(g: OwnershipGraph, kind: string, before: KubeObject | undefined, after: KubeObject | undefined): boolean {
  if (!(KINDS as readonly string[]).includes(kind)) return true;
  if (before && !dropFromGraph(g, kind, before)) return false;
  return after ? putInGraph(g, kind, after) : true;
}

/**
 * Chains already followed, per graph: a pod's chain is read by every target that selects it.
 * A graph changes only through putInGraph/dropFromGraph, which forget its chains.
 */
const chains = new WeakMap<OwnershipGraph, WeakMap<KubeObject, OwnerLink[]>>();

/** The controller chain above an object, nearest first; at most 8 links (cycles stop it). Shared: do not modify. */
export function ownerChain(g: OwnershipGraph, o: KubeObject): OwnerLink[] {
  return kept(kept(chains, g, () => new WeakMap<KubeObject, OwnerLink[]>()), o, () => followChain(g, o));
}

function followChain(g: OwnershipGraph, o: KubeObject): OwnerLink[] {
  const chain: OwnerLink[] = [];
  const seen = new Set<string>();
  let current: KubeObject | undefined = o;
  while (current && chain.length < 8) {
    const ref = controllerRef(current);
    if (!ref) break;
    const namespace: string | undefined = current.metadata?.namespace;
    const key = ref.uid ?? nameKey(ref.kind ?? '', namespace, ref.name ?? '');
    if (seen.has(key)) break;
    seen.add(key);
    // A namespaced owner must be in its dependent's namespace: the garbage collector treats a
    // reference to one elsewhere as absent (OwnerRefInvalidNamespace), however its UID resolves.
    const found: { kind: string; object: KubeObject } | undefined = ref.uid ? g.byUid.get(ref.uid) : undefined;
    const ownerNamespace: string | undefined = found?.object.metadata?.namespace;
    const byUid: { kind: string; object: KubeObject } | undefined = found && (ownerNamespace === undefined || ownerNamespace === namespace) ? found : undefined;
    // Looked up by name only when the UID found nothing (every branch below that reads it).
    const byName: { kind: string; object: KubeObject } | undefined = byUid ? undefined : g.byName.get(nameKey(ref.kind ?? '', namespace, ref.name ?? ''));
    const link: OwnerRef = { kind: ref.kind ?? '?', name: ref.name ?? '?' };
    if (namespace) link.namespace = namespace;
    if (ref.uid) link.uid = ref.uid;
    if (ref.apiVersion) link.apiVersion = ref.apiVersion;
    if (byUid) {
      chain.push({ ref: link, present: true, staleUid: false });
      current = byUid.object;
    } else if (byName && ref.uid && byName.object.metadata?.uid && byName.object.metadata.uid !== ref.uid) {
      chain.push({ ref: link, present: false, staleUid: true });
      break;
    } else if (byName && !ref.uid) {
      chain.push({ ref: link, present: true, staleUid: false });
      current = byName.object;
    } else {
      chain.push({ ref: link, present: false, staleUid: false });
      break;
    }
  }
  return chain;
}

type OwnerRef = ObjectRef;

export function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  if (a.uid && b.uid) return a.uid === b.uid;
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/** The top of the chain (the object itself when it has no controller). */
export function rootOwner(kind: string, o: KubeObject, chain: OwnerLink[]): ObjectRef {
  const last = chain[chain.length - 1];
  return last ? last.ref : refOf(kind, o);
}

/** Whether the chain reaches the target. A CronJob owns its Jobs by controllerRef name, not UID (§3.3). */
export function chainIncludes(chain: OwnerLink[], target: ObjectRef): boolean {
  const byName = (r: ObjectRef) => target.kind === 'CronJob' && r.kind === 'CronJob' && r.name === target.name && (r.namespace ?? '') === (target.namespace ?? '');
  return chain.some((l) => sameObject(l.ref, target) || byName(l.ref));
}

/**
 * Whether a pod looks created by its controller, or adopted: controllers create pods
 * from generateName `<owner>-` (ReplicaSet, DaemonSet, Job; Job's indexed pods use
 * `<job>-<index>-`), and StatefulSets name them `<sts>-<ordinal>`. A pod whose name
 * does not come from its controller was made by someone else and adopted (§3.2).
 */
export function adoptionEvidence(pod: Pod, owner: ObjectRef | undefined, fromCluster = false): string | null {
  if (!owner) return null;
  const name = pod.metadata?.name ?? '';
  const generateName = pod.metadata?.generateName;
  if (owner.kind === 'StatefulSet') {
    const m = /^(.*)-([0-9]+)$/.exec(name);
    return m && m[1] === owner.name ? null : `its name ${name} is not ${owner.name}-<ordinal>, so the StatefulSet did not create it`;
  }
  if (owner.kind === 'ReplicaSet' || owner.kind === 'DaemonSet' || owner.kind === 'Job' || owner.kind === 'ReplicationController') {
    const prefix = `${owner.name}-`;
    if (generateName !== undefined) {
      return generateName.startsWith(prefix) ? null : `its generateName ${generateName} does not come from ${owner.kind}/${owner.name}`;
    }
    // Controllers always create pods from generateName (controller_utils GetPodFromTemplate):
    // a pod read from a cluster without one was made by someone else.
    if (fromCluster) return `it has no generateName, while ${owner.kind}/${owner.name} creates its pods as ${prefix}<random>`;
    return name.startsWith(prefix) ? null : `its name ${name} does not come from ${owner.kind}/${owner.name} (pods it creates are named ${prefix}…)`;
  }
  return null;
}
