// Kinds the API server serves in the built-in group versions the tool reads. A manifest that
// names one of these group versions with a kind it does not serve (a typo, the wrong case,
// `apiVersion: v1` on a Deployment) is one kubectl apply refuses ("no matches for kind"):
// a problem to report, not an object of a kind the tool does not model. Every other group
// version (custom resources, groups the tool does not read) is left alone: its kinds are not
// knowable offline. The lists are the resources' kinds of Kubernetes 1.34 (kinds that exist
// only in later or earlier releases are included: a list errs on the side of saying nothing).

import { editDistance } from '../../core/edit-distance.ts';
import { modelledServedIn } from './kinds.ts';

const SERVED: Readonly<Record<string, readonly string[]>> = {
  v1: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim',
    'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'networking.k8s.io/v1': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
};

export interface UnservedKind {
  message: string;
  hint: string;
}

/** The nearest kind the group version serves: the same but for case, else at most two edits away. */
function nearest(kind: string, served: readonly string[]): string | null {
  const sameButCase = served.find((k) => k.toLowerCase() === kind.toLowerCase());
  if (sameButCase) return sameButCase;
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of served) {
    const d = editDistance(kind, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Why kubectl apply would refuse a kind in this apiVersion, or null when the apiVersion is not
 * one listed here or serves the kind. Lists (`kind: List`, `PodList`) are not resources and are
 * never reported here.
 */
export function unservedKind(apiVersion: string, kind: string): UnservedKind | null {
  const served = Object.hasOwn(SERVED, apiVersion) ? SERVED[apiVersion] as readonly string[] : null;
  if (served === null || served.includes(kind) || kind.endsWith('List')) return null;
  const message = `${apiVersion} serves no kind "${kind}"; not read`;
  const refused = 'kubectl apply would fail with "no matches for kind"';
  const elsewhere = modelledServedIn(kind);
  if (elsewhere !== null) return { message, hint: `${refused}; ${kind} is served by ${elsewhere}: change apiVersion to ${elsewhere}` };
  const near = nearest(kind, served);
  if (near !== null) return { message, hint: `${refused}; did you mean kind: ${near}?` };
  return { message, hint: `${refused}; ${apiVersion} serves ${served.join(', ')}` };
}
