// A manifest object as the API server would store it on create: namespace filled in
// (kubectl sets it from -n / the context for namespaced kinds and strips it from
// cluster-scoped ones: cli-runtime pkg/resource/visitor.go: SetNamespace, FilterNamespace),
// a synthetic UID, the per-kind defaults, and the shape of removed apiVersions converted.
// creationTimestamp is left as written (usually absent): offline there is no clock.

import type { Kind } from '../../core/snapshot.ts';
import type {
  CronJob, EndpointSlice, Ingress, KubeObject, Namespace, NetworkPolicy, Pod, PodDisruptionBudget, ReplicationController, Service, Workload,
} from '../../core/types.ts';
import { defaultPod } from './defaults-pod.ts';
import { defaultService } from './defaults-service.ts';
import { defaultWorkload } from './defaults-workloads.ts';
import { convertLegacyIngress, defaultEndpointSlice, defaultNetworkPolicy } from './defaults-networking.ts';
import { convertLegacyPdb } from './defaults-policy.ts';
import { isNamespaced } from './kinds.ts';
import { syntheticUid } from './uid.ts';

/** kubernetes.io/metadata.name, set on every Namespace (k/k pkg/apis/core/v1/defaults.go: SetDefaults_Namespace). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function defaultNamespaceObject(ns: Namespace): void {
  const meta = (ns.metadata ??= {});
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: meta.name };
  const status = (ns.status ??= {});
  status.phase ||= 'Active';
}

function defaultMeta(kind: Kind, obj: KubeObject, defaultNamespace: string): void {
  const meta = (obj.metadata ??= {});
  if (isNamespaced(kind)) meta.namespace ||= defaultNamespace;
  else delete meta.namespace;
  meta.uid ||= syntheticUid(kind, meta.namespace, meta.name ?? '');
  // `kubectl create --dry-run=client -o yaml` writes `creationTimestamp: null`: the field is absent.
  const loose = meta as Record<string, unknown>;
  for (const key of ['creationTimestamp', 'deletionTimestamp']) if (loose[key] === null) delete loose[key];
}

/** Normalises in place. `legacy`: the apiVersion is no longer served. */
export function normalize(kind: Kind, obj: KubeObject, defaultNamespace: string, legacy: boolean): void {
  defaultMeta(kind, obj, defaultNamespace);
  switch (kind) {
    case 'Pod':
      defaultPod(obj as Pod);
      return;
    case 'Service':
      defaultService(obj as Service);
      return;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
    case 'CronJob':
    case 'ReplicationController':
      defaultWorkload(kind, obj as Workload | ReplicationController | CronJob, legacy);
      return;
    case 'NetworkPolicy':
      defaultNetworkPolicy(obj as NetworkPolicy);
      return;
    case 'EndpointSlice':
      defaultEndpointSlice(obj as EndpointSlice);
      return;
    case 'Ingress':
      if (legacy) convertLegacyIngress(obj as Ingress);
      return;
    case 'PodDisruptionBudget':
      if (legacy) convertLegacyPdb(obj as PodDisruptionBudget);
      return;
    case 'Namespace':
      defaultNamespaceObject(obj as Namespace);
      return;
    default:
      return;
  }
}
