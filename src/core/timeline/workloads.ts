// The workloads behind a target during a rollout: their replica counts, and whether each
// is still progressing, decided as `kubectl rollout status` decides it
// (`kubectl pkg/polymorphichelpers/rollout_status.go: DeploymentStatusViewer,
// StatefulSetStatusViewer`).

import { controllerRef } from '../ownership.ts';
import type { ObjectRef } from '../snapshot.ts';
import type { Workload } from '../types.ts';
import { allowedPods } from './fenceposts.ts';

export interface WorkloadState {
  key: string;
  ref: ObjectRef;
  kind: string;
  /** spec.replicas (default 1); a Job's parallelism. */
  desired: number;
  /** status.replicas (a Job: status.active). */
  current: number;
  ready: number;
  available: number;
  updated: number;
  /** The controller owning it (a ReplicaSet's Deployment), by key. */
  ownerKey: string | null;
  /** Still rolling out, as kubectl rollout status would say; false for kinds without rollouts. */
  progressing: boolean;
  /** Why it is progressing, in kubectl's words; null when it is not. */
  waitingFor: string | null;
  /** Pods allowed at once during a rolling update: replicas + maxSurge (Deployment), replicas (StatefulSet). */
  allowedPods: number | null;
  /** A Job's succeeded and failed pods. */
  succeeded: number;
  failed: number;
  /** A Deployment's revision and its ReplicaSets' (annotation deployment.kubernetes.io/revision); null when absent. */
  revision: string | null;
}

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function deploymentWaiting(w: Workload, desired: number): string | null {
  const st = w.status ?? {};
  const generation = w.metadata?.generation ?? 0;
  if (generation > num(st.observedGeneration)) return 'the Deployment controller to observe the new spec';
  const updated = num(st.updatedReplicas);
  if (updated < desired) return `${updated} of ${desired} new replicas updated`;
  if (num(st.replicas) > updated) return `${num(st.replicas) - updated} old replicas pending termination`;
  if (num(st.availableReplicas) < updated) return `${num(st.availableReplicas)} of ${updated} updated replicas available`;
  return null;
}

function statefulSetWaiting(w: Workload, desired: number): string | null {
  if ((w.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return null;
  const st = w.status ?? {};
  const generation = w.metadata?.generation ?? 0;
  const observed = num(st.observedGeneration);
  if (observed === 0 || generation > observed) return 'the StatefulSet controller to observe the new spec';
  if (num(st.readyReplicas) < desired) return `${num(st.readyReplicas)} of ${desired} pods ready`;
  const partition = num((w.spec?.updateStrategy?.rollingUpdate as { partition?: number } | undefined)?.partition);
  if (partition > 0) {
    return num(st.updatedReplicas) < desired - partition ? `${num(st.updatedReplicas)} of ${desired - partition} pods updated (partition ${partition})` : null;
  }
  if (st.updateRevision !== st.currentRevision) return `pods of revision ${String(st.updateRevision)} to replace ${String(st.currentRevision)}`;
  return null;
}

function replicaSetWaiting(desired: number, current: number, ready: number): string | null {
  if (current !== desired) return `${current} of ${desired} replicas`;
  if (ready < desired) return `${ready} of ${desired} replicas ready`;
  return null;
}

export function workloadState(kind: string, w: Workload, key: string): WorkloadState {
  const st = w.status ?? {};
  const isJob = kind === 'Job';
  const desired = isJob ? (w.spec?.parallelism ?? 1) : (w.spec?.replicas ?? 1);
  const current = isJob ? num(st.active) : num(st.replicas);
  const ready = num(st.readyReplicas ?? (isJob ? st.ready : undefined));
  const owner = controllerRef(w);
  const waitingFor = kind === 'Deployment' ? deploymentWaiting(w, desired)
    : kind === 'StatefulSet' ? statefulSetWaiting(w, desired)
      : kind === 'ReplicaSet' && !owner ? replicaSetWaiting(desired, current, ready)
        : null;
  const ref: ObjectRef = { kind, name: w.metadata?.name ?? '' };
  if (w.metadata?.namespace) ref.namespace = w.metadata.namespace;
  if (w.metadata?.uid) ref.uid = w.metadata.uid;
  return {
    key, ref, kind, desired, current, ready,
    available: num(st.availableReplicas),
    updated: num(st.updatedReplicas),
    ownerKey: owner ? (owner.uid ?? `${owner.kind}/${w.metadata?.namespace ?? ''}/${owner.name}`) : null,
    progressing: waitingFor !== null,
    waitingFor,
    allowedPods: allowedPods(kind, w),
    succeeded: num(st.succeeded),
    failed: num(st.failed),
    revision: w.metadata?.annotations?.[REVISION_ANNOTATION] ?? null,
  };
}
