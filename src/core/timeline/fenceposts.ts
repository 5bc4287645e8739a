// How many pods a rolling update may run at once (semantics §5.6): maxSurge rounded up and
// maxUnavailable rounded down, both against spec.replicas; when both come to 0,
// maxUnavailable becomes 1 (`k/k pkg/controller/deployment/util/deployment_util.go:
// ResolveFenceposts`; percentages as `apimachinery intstr.GetScaledValueFromIntOrPercent`:
// a string must end in "%", anything else is invalid).

import type { IntOrString, Workload } from '../types.ts';

/** The value scaled against total, or null when it is not an int or an "N%" string. */
export function scaledValue(v: IntOrString, total: number, roundUp: boolean): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  const m = /^([+-]?\d+)%$/.exec(v);
  if (!m) return null;
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export interface Fenceposts {
  maxSurge: number;
  maxUnavailable: number;
}

export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts | null {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === null || unavailable === null) return null;
  return { maxSurge: surge, maxUnavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/**
 * Pods a workload may count at once while it rolls out: replicas + maxSurge for a
 * RollingUpdate Deployment (API defaults 25%/25%), replicas for Recreate and for a
 * StatefulSet (it replaces a pod only after the old one is gone); null for other kinds.
 * Terminating pods are not counted by the controllers, so the real number can exceed it (trap 39).
 */
export function allowedPods(kind: string, w: Workload): number | null {
  const replicas = w.spec?.replicas ?? 1;
  if (kind === 'StatefulSet') return replicas;
  if (kind !== 'Deployment') return null;
  const strategy = w.spec?.strategy;
  if (strategy?.type === 'Recreate') return replicas;
  const ru = strategy?.rollingUpdate;
  const f = resolveFenceposts(ru?.maxSurge ?? '25%', ru?.maxUnavailable ?? '25%', replicas);
  return f ? replicas + f.maxSurge : null;
}
