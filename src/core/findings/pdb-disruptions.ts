// A PodDisruptionBudget that can never allow a disruption: every eviction is refused, so
// `kubectl drain` waits forever. The disruption controller's arithmetic (k/k
// pkg/controller/disruption/disruption.go, getExpectedPodCount): with maxUnavailable, or a
// percentage minAvailable, the expected count is the sum of the pods' controllers' scale;
// with an integer minAvailable it is the number of pods. Percentages round up
// (GetScaledValueFromIntOrPercent, roundUp true). disruptionsAllowed = healthy − desiredHealthy,
// and healthy is at most the expected count.

import { isTerminal } from '../pods.ts';
import { findByName, inNamespace, type Kind, type ObjectRef } from '../snapshot.ts';
import type { HorizontalPodAutoscaler, IntOrString, KubeObject, PodDisruptionBudget, Workload } from '../types.ts';
import { finding, rootOf, show, type Rule } from './context.ts';

/** The integer an IntOrString scales to against `total`, rounding up; null when malformed. */
export function scaled(v: IntOrString, total: number): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return null;
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** Disruptions allowed when all `n` expected pods are healthy. */
export function allowedWhenHealthy(pdb: PodDisruptionBudget, n: number): number | null {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const m = scaled(spec.maxUnavailable, n);
    return m === null ? null : n - Math.max(0, n - m);
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    const desired = scaled(spec.minAvailable, n);
    return desired === null ? null : Math.max(0, n - desired);
  }
  return null;
}

const REPLICATED: Kind[] = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

interface Scale { ref: ObjectRef | null; name: string; replicas: number; max: number; hpa: string | null }

export const pdbDisruptions: Rule = (ctx) => {
  const r = ctx.resolution;
  if (r.target.kind !== 'PodDisruptionBudget' || !r.object || ctx.selection.length === 0) return [];
  const pdb = r.object as PodDisruptionBudget;
  const s = ctx.snapshot;
  const namespace = r.target.namespace ?? s.defaultNamespace;
  const hpas = inNamespace(s.objects.HorizontalPodAutoscaler, namespace) as HorizontalPodAutoscaler[];
  // One scale per workload: its replicas (and its autoscaler's maxReplicas); bare pods count one each.
  const scales = new Map<string, Scale>();
  for (let i = 0; i < ctx.selection.length; i++) {
    const view = ctx.selection[i];
    const pod = ctx.pods[i];
    if (!view || !pod || (!view.template && isTerminal(pod))) continue;
    const root = rootOf(view);
    // A Deployment's pods are scaled through it; the chain's top is the workload that owns the scale.
    if (!REPLICATED.includes(root.kind as Kind)) {
      if (root.kind === 'Pod' || view.owners.length === 0) { scales.set(`pod/${view.ref.name}`, { ref: null, name: `pod/${view.ref.name}`, replicas: 1, max: 1, hpa: null }); continue; }
      if (view.template) return []; // DaemonSet, Job, CronJob templates: the pod count is not knowable offline
      const key = `${root.kind}/${root.name}`;
      const prior = scales.get(key);
      scales.set(key, { ref: root, name: show(root), replicas: (prior?.replicas ?? 0) + 1, max: (prior?.max ?? 0) + 1, hpa: null });
      continue;
    }
    const key = `${root.kind}/${root.name}`;
    if (scales.has(key)) continue;
    const w = findByName(s.objects[root.kind as Kind] as KubeObject[], namespace, root.name) as Workload | undefined;
    const replicas = w?.spec?.replicas ?? 1;
    const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.kind === root.kind && h.spec.scaleTargetRef.name === root.name);
    const max = hpa ? Math.max(replicas, hpa.spec?.maxReplicas ?? replicas) : replicas;
    scales.set(key, { ref: root, name: show(root), replicas, max, hpa: hpa ? `horizontalpodautoscaler/${hpa.metadata?.name} up to ${hpa.spec?.maxReplicas}` : null });
  }
  const all = [...scales.values()];
  const steady = all.reduce((n, x) => n + x.replicas, 0);
  const most = all.reduce((n, x) => n + x.max, 0);
  if (steady === 0) return [];
  // Never: at every pod count the workloads can have, all healthy still allows nothing.
  for (let n = Math.max(1, steady); n <= Math.min(most, steady + 10000); n++) {
    const allowed = allowedWhenHealthy(pdb, n);
    if (allowed === null || allowed > 0) return [];
  }
  const spec = pdb.spec ?? {};
  const rule = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null ? `maxUnavailable: ${spec.maxUnavailable}` : `minAvailable: ${spec.minAvailable}`;
  const count = most > steady ? `${steady} to ${most} pods` : `${steady} pod${steady === 1 ? '' : 's'}`;
  return [finding('pdb-never-allows-disruption', 'warning',
    `${show(r.target)} (${rule}) can never allow a disruption for its ${count}: every eviction is refused and kubectl drain waits forever.`,
    [r.target, ...all.flatMap((x) => (x.ref ? [x.ref] : []))],
    [...all.map((x) => `${x.name}: ${x.replicas} replica${x.replicas === 1 ? '' : 's'}${x.hpa ? ` (${x.hpa})` : ''}`),
      `${rule} against ${count}: disruptionsAllowed stays 0 even with every pod healthy`,
      spec.maxUnavailable !== undefined ? 'allow at least 1: maxUnavailable: 1' : `keep minAvailable below the replica count, or use maxUnavailable: 1`])];
};
