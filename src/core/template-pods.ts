// Offline template pods: how many pods each stands for, and which ones stand for pods at
// all. A workload whose controller is another workload of the input (a ReplicaSet a
// Deployment owns, a Job a CronJob owns) carries its own replica count; the owner's
// template then stands for nothing of its own, or its pods would be counted twice.
// (The Deployment controller's pods all come from its ReplicaSets; the CronJob's from
// its Jobs.)

import { controllerRef } from './ownership.ts';
import { findByName, inNamespace, isTemplate, type Kind, type ObjectRef, type Snapshot } from './snapshot.ts';
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

/** Workloads of the input whose controller is `owner` (by UID when both carry one, else by kind and name). */
export function ownedWorkloads(s: Snapshot, ownerKind: string, owner: KubeObject): KubeObject[] {
  const childKind: Kind | null = ownerKind === 'Deployment' ? 'ReplicaSet' : ownerKind === 'CronJob' ? 'Job' : null;
  if (!childKind) return [];
  const ns = owner.metadata?.namespace ?? s.defaultNamespace;
  return (inNamespace(s.objects[childKind] as KubeObject[], ns)).filter((c) => {
    const ref = controllerRef(c);
    if (ref?.kind !== ownerKind || ref.name !== owner.metadata?.name) return false;
    return !(ref.uid && owner.metadata?.uid && ref.uid !== owner.metadata.uid && !owner.metadata.uid.startsWith('manifest:'));
  });
}

/**
 * True for a template pod whose workload owns other workloads in the input: those
 * stand for its pods, so this template stands for none.
 */
export function isSupersededTemplate(s: Snapshot, pod: Pod): boolean {
  const ref = templateOwner(s, pod);
  if (!ref) return false;
  const w = workloadOf(s, ref);
  return w !== undefined && ownedWorkloads(s, ref.kind, w).length > 0;
}

/** How many pods a template stands for: its workload's replicas (parallelism for a Job, Nodes for a DaemonSet); 1 for any other pod. */
export function templateWeight(s: Snapshot, pod: Pod): number {
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

/** The snapshot with every superseded template pod left out (a no-op without templates). */
export function withoutSupersededTemplates(s: Snapshot): Snapshot {
  if (Object.keys(s.templateOf).length === 0) return s;
  const pods = s.objects.Pod.filter((p) => !isSupersededTemplate(s, p));
  if (pods.length === s.objects.Pod.length) return s;
  return { ...s, objects: { ...s.objects, Pod: pods } };
}
