// A manifest object as the API server would store it on create: namespace filled in
// (kubectl sets it from -n / the context for namespaced kinds and strips it from
// cluster-scoped ones: cli-runtime pkg/resource/visitor.go: SetNamespace, FilterNamespace),
// a synthetic UID, the per-kind defaults, and the shape of removed apiVersions converted.
// creationTimestamp is left as written (usually absent): offline there is no clock.

import type { Kind } from '../../core/snapshot.ts';
import type {
  CronJob, EndpointSlice, Ingress, KubeObject, Namespace, NetworkPolicy, Pod, PodDisruptionBudget, ReplicationController, Service, Workload,
} from '../../core/types.ts';
import { NAMESPACE_NAME_LABEL } from '../../core/targets/namespace-selector.ts';
import { defaultPod } from './defaults-pod.ts';
import { defaultService } from './defaults-service.ts';
import { defaultWorkload } from './defaults-workloads.ts';
import { convertLegacyIngress, defaultEndpointSlice, defaultNetworkPolicy } from './defaults-networking.ts';
import { convertLegacyPdb } from './defaults-policy.ts';
import { isNamespaced } from './kinds.ts';
import { syntheticUid } from './uid.ts';

/** kubernetes.io/metadata.name, set on every Namespace to its name (k/k pkg/apis/core/v1/defaults.go: SetDefaults_Namespace). */
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

/** What the API server defaults (or converts from a legacy apiVersion) per kind, after the metadata. */
const DEFAULTS: Partial<Record<Kind, (obj: KubeObject, legacy: boolean, kind: Kind) => void>> = {
  Pod: (o) => defaultPod(o as Pod),
  Service: (o) => defaultService(o as Service),
  NetworkPolicy: (o) => defaultNetworkPolicy(o as NetworkPolicy),
  EndpointSlice: (o) => defaultEndpointSlice(o as EndpointSlice),
  Ingress: (o, legacy) => { if (legacy) convertLegacyIngress(o as Ingress); },
  PodDisruptionBudget: (o, legacy) => { if (legacy) convertLegacyPdb(o as PodDisruptionBudget); },
  Namespace: (o) => defaultNamespaceObject(o as Namespace),
};
const workload = (o: KubeObject, legacy: boolean, kind: Kind) => defaultWorkload(kind, o as Workload | ReplicationController | CronJob, legacy);
for (const k of ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'] as const) DEFAULTS[k] = workload;

/** Normalises in place. `legacy`: the apiVersion is no longer served. */
export function normalize(kind: Kind, obj: KubeObject, defaultNamespace: string, legacy: boolean): void {
  defaultMeta(kind, obj, defaultNamespace);
  DEFAULTS[kind]?.(obj, legacy, kind);
}
