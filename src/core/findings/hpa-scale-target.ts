// A HorizontalPodAutoscaler whose scaleTargetRef names nothing the API serves, and one whose
// target also fixes spec.replicas in what is applied (every apply resets the HPA's scale).
//
// The HPA controller maps scaleTargetRef.apiVersion's group and kind to a resource and reads
// its /scale subresource (k/k pkg/controller/podautoscaler/horizontal.go: reconcileAutoscaler,
// ParseGroupVersion then RESTMapper); an empty apiVersion is the core group, which serves no
// Deployment. Only the kinds this tool models are judged; custom resources are not.

import { findByName, isKnown, originKey, refOf, type Kind, type ObjectOrigin } from '../snapshot.ts';
import type { HorizontalPodAutoscaler, KubeObject } from '../types.ts';
import { finding, show, type Rule } from './context.ts';

/** The scalable kinds the tool reads, and the one apiVersion that still serves each (Kubernetes ≥ 1.16). */
export const SCALE_TARGETS: Partial<Record<Kind, string>> = {
  Deployment: 'apps/v1', ReplicaSet: 'apps/v1', StatefulSet: 'apps/v1', ReplicationController: 'v1',
};

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Whether what is applied to the object sets spec.replicas: in manifests, the field as
 * written; live, the client-side apply record (its last-applied-configuration annotation).
 * null: not knowable (live, no apply record: the API server always defaults replicas).
 */
export function appliesReplicas(origin: string, o: KubeObject, read: ObjectOrigin | undefined): { sets: boolean; how: string } | null {
  if (origin === 'manifests') return read ? { sets: read.set.includes('spec.replicas'), how: `its manifest (${read.source}${read.line ? ` line ${read.line}` : ''}) sets spec.replicas` } : null;
  const raw = o.metadata?.annotations?.[LAST_APPLIED];
  if (!raw) return null;
  try {
    const applied = JSON.parse(raw) as { spec?: { replicas?: unknown } };
    return { sets: applied.spec?.replicas !== undefined, how: `its ${LAST_APPLIED} annotation (kubectl apply) sets spec.replicas: ${String(applied.spec?.replicas)}` };
  } catch {
    return null;
  }
}

export const hpaScaleTarget: Rule = (ctx) => {
  const r = ctx.resolution;
  if (r.target.kind !== 'HorizontalPodAutoscaler' || !r.object) return [];
  const hpa = r.object as HorizontalPodAutoscaler;
  const ref = hpa.spec?.scaleTargetRef;
  const s = ctx.snapshot;
  const namespace = r.target.namespace ?? s.defaultNamespace;
  const kind = ref?.kind as Kind | undefined;
  if (!ref?.name || !kind || !Object.hasOwn(SCALE_TARGETS, kind)) return [];
  const served = SCALE_TARGETS[kind] as string;
  const named = `${kind}/${ref.name}`;
  const target = findByName(s.objects[kind] as KubeObject[], namespace, ref.name);
  const apiVersion = ref.apiVersion ?? '';
  if (apiVersion !== served) {
    const why = apiVersion === '' ? 'scaleTargetRef.apiVersion is empty, which means the core group' : `scaleTargetRef.apiVersion ${apiVersion} does not serve ${kind}`;
    return [finding('hpa-target-not-found', 'warning',
      `${show(r.target)} cannot scale ${named}: ${why}, so the autoscaler fails to read its /scale and never scales it.`,
      [r.target, { kind, name: ref.name, namespace }], [`scaleTargetRef: apiVersion ${apiVersion || '(empty)'}, kind ${kind}, name ${ref.name}`, `${kind} is served as ${served}: set scaleTargetRef.apiVersion: ${served}`])];
  }
  if (!target) {
    if (!isKnown(s, kind) || s.gaps.some((g) => g.kind === kind && (!g.namespace || g.namespace === namespace))) return [];
    return [finding('hpa-target-not-found', 'warning',
      `${show(r.target)} targets ${named}, which does not exist in namespace ${namespace}${s.origin === 'manifests' ? ' of the input' : ''}: the autoscaler scales nothing.`,
      [r.target, { kind, name: ref.name, namespace }], [`scaleTargetRef: ${served} ${named}`, 'the HPA reports FailedGetScale until the target exists'])];
  }
  const key = originKey(kind, namespace, ref.name);
  const applied = appliesReplicas(s.origin, target, s.origins?.get(key));
  if (!applied?.sets) return [];
  const replicas = (target as { spec?: { replicas?: number } }).spec?.replicas;
  return [finding('hpa-target-sets-replicas', 'warning',
    `${show({ kind, name: ref.name })} is scaled by ${show(r.target)} but also sets spec.replicas${replicas !== undefined ? ` (${replicas})` : ''}: every apply resets the scale the autoscaler chose.`,
    [refOf(kind, target), r.target],
    [applied.how, `remove spec.replicas from ${show({ kind, name: ref.name })} and let ${show(r.target)} (minReplicas ${hpa.spec?.minReplicas ?? 1}, maxReplicas ${hpa.spec?.maxReplicas ?? '?'}) own it`])];
};
