// Offline template pods: how many pods each stands for, and which ones stand for pods at
// all. A workload whose controller is another workload of the input (a ReplicaSet a
// Deployment owns, a Job a CronJob owns) carries its own replica count; the owner's
// template then stands for nothing of its own, or its pods would be counted twice.
// (The Deployment controller's pods all come from its ReplicaSets; the CronJob's from
// its Jobs.)

import { controllerRef } from './ownership.ts';
import { kept, snapshotCache } from './indexes.ts';
import { findByName, isTemplate, type Kind, type ObjectRef, type Snapshot } from './snapshot.ts';
import type { KubeObject, Pod, Workload } from './types.ts';

/** The workload a template pod stands for, as the source recorded it. */
export function templateOwner(s: Snapshot, pod: Pod): ObjectRef | undefined {
  const uid = pod.metadata?.uid;
  return uid ? s.templateOf[uid] : undefined;
}

function workloadOf(s: Snapshot, ref: ObjectRef): KubeObject | undefined {
  const list = s.objects[ref.kind as Kind] as KubeObject[] | undefined;
  return list ? findByName(list, ref.namespace ?? s.defaultNamespace, ref.name) : undefined;
}

/** `Kind/namespace/name` of every Deployment or CronJob some workload of the input names as its controller. */
const ownersCache = new WeakMap<Snapshot, { stamp: Stamp; set: Set<string> }>();
/**
 * Changes when the lists the caches read change (a snapshot is plain data: it may be edited).
 * Compared by identity and length, never by walking the lists: `analyze` asks once per target,
 * and `check` asks for thousands of targets over one snapshot. (Template pods are added to the
 * Pod list together with their `templateOf` entry, so the Pod list's length covers that map.)
 */
type Stamp = readonly unknown[];
function stampOf(s: Snapshot): Stamp {
  const o = s.objects;
  return [o.Pod, o.Pod.length, o.ReplicaSet, o.ReplicaSet.length, o.Job, o.Job.length, o.Deployment, o.Deployment.length, o.CronJob, o.CronJob.length, s.templateOf];
}
function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function owningWorkloads(s: Snapshot): Set<string> {
  const stamp = stampOf(s);
  const hit = ownersCache.get(s);
  if (hit && sameStamp(hit.stamp, stamp)) return hit.set;
  const set = new Set<string>();
  for (const [childKind, ownerKind] of [['ReplicaSet', 'Deployment'], ['Job', 'CronJob']] as const) {
    const owners = new Map((s.objects[ownerKind] as KubeObject[]).map((o) => [`${o.metadata?.namespace ?? s.defaultNamespace}/${o.metadata?.name ?? ''}`, o]));
    for (const c of s.objects[childKind] as KubeObject[]) {
      const ref = controllerRef(c);
      if (ref?.kind !== ownerKind || !ref.name) continue;
      const ns = c.metadata?.namespace ?? s.defaultNamespace;
      const owner = owners.get(`${ns}/${ref.name}`);
      // By UID when both carry a real one (a deleted predecessor's children are not its children).
      if (owner && ref.uid && owner.metadata?.uid && ref.uid !== owner.metadata.uid && !owner.metadata.uid.startsWith('manifest:')) continue;
      set.add(`${ownerKind}/${ns}/${ref.name}`);
    }
  }
  ownersCache.set(s, { stamp, set });
  return set;
}

/**
 * True for a template pod whose workload owns other workloads in the input: those
 * stand for its pods, so this template stands for none.
 */
export function isSupersededTemplate(s: Snapshot, pod: Pod): boolean {
  const ref = templateOwner(s, pod);
  if (!ref || (ref.kind !== 'Deployment' && ref.kind !== 'CronJob')) return false;
  return owningWorkloads(s).has(`${ref.kind}/${ref.namespace ?? s.defaultNamespace}/${ref.name}`);
}

/**
 * Which workloads' templates would be superseded (isSupersededTemplate), asked before their
 * template pods are made: a source need not make those (the analysis leaves them out). The
 * answer is of the snapshot as it is now: ask before adding the templates.
 */
export function supersededWorkloads(s: Snapshot): (kind: Kind, workload: KubeObject) => boolean {
  const owning = owningWorkloads(s);
  return (kind, workload) => (kind === 'Deployment' || kind === 'CronJob') && owning.has(`${kind}/${workload.metadata?.namespace ?? s.defaultNamespace}/${workload.metadata?.name ?? ''}`);
}

/** How many pods a template stands for: its workload's replicas (parallelism for a Job, Nodes for a DaemonSet); 1 for any other pod. */
export function templateWeight(s: Snapshot, pod: Pod): number {
  // Asked for each pod by every target and Service that selects it: once per pod and snapshot.
  return kept(snapshotCache(s, 'template-weight', () => new WeakMap<Pod, number>()), pod, () => weightOf(s, pod));
}

function weightOf(s: Snapshot, pod: Pod): number {
  const ref = templateOwner(s, pod);
  if (!ref) return 1;
  if (isSupersededTemplate(s, pod)) return 0;
  const spec = (workloadOf(s, ref) as Workload | undefined)?.spec;
  if (ref.kind === 'Job' || ref.kind === 'CronJob') return Math.max(1, spec?.parallelism ?? 1);
  if (ref.kind === 'DaemonSet') return Math.max(1, s.objects.Node.length);
  return Math.max(0, spec?.replicas ?? 1);
}

/** A template that stands for no pod (scaled to 0, or superseded by the workloads it owns). */
export function standsForNoPod(s: Snapshot, pod: Pod): boolean {
  return isTemplate(s, pod) && templateWeight(s, pod) === 0;
}

function hasAnyKey(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** The snapshot with every superseded template pod left out (a no-op without templates). */
const filteredCache = new WeakMap<Snapshot, { stamp: Stamp; out: Snapshot }>();
export function withoutSupersededTemplates(s: Snapshot): Snapshot {
  const stamp = stampOf(s);
  const hit = filteredCache.get(s);
  if (hit && sameStamp(hit.stamp, stamp)) return hit.out;
  if (!hasAnyKey(s.templateOf)) return s;
  const pods = s.objects.Pod.filter((p) => !isSupersededTemplate(s, p));
  const out = pods.length === s.objects.Pod.length ? s : { ...s, objects: { ...s.objects, Pod: pods } };
  filteredCache.set(s, { stamp, out });
  return out;
}
