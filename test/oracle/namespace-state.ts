// One read of everything in a namespace the engine looks at, with a fingerprint
// (uid -> resourceVersion of every pod and EndpointSlice) to tell whether two reads saw
// the same pods and slices.
import type { Cluster } from '../cluster/harness.ts';
import type { Kind } from '../../src/core/snapshot.ts';
import type { KubeObject } from '../../src/core/types.ts';

/** kubectl resource name per snapshot kind (Node and Namespace are read apart). */
export const NAMESPACED: ReadonlyArray<[Kind, string]> = [
  ['Pod', 'pods'], ['EndpointSlice', 'endpointslices.discovery.k8s.io'], ['Service', 'services'],
  ['Deployment', 'deployments.apps'], ['ReplicaSet', 'replicasets.apps'], ['StatefulSet', 'statefulsets.apps'],
  ['DaemonSet', 'daemonsets.apps'], ['Job', 'jobs.batch'], ['CronJob', 'cronjobs.batch'],
  ['ReplicationController', 'replicationcontrollers'], ['PodDisruptionBudget', 'poddisruptionbudgets.policy'],
  ['NetworkPolicy', 'networkpolicies.networking.k8s.io'], ['Ingress', 'ingresses.networking.k8s.io'],
  ['HorizontalPodAutoscaler', 'horizontalpodautoscalers.autoscaling'],
];

export interface NamespaceState {
  namespace: string;
  /** Objects per kind, each list in API List order. */
  objects: Partial<Record<Kind, KubeObject[]>>;
  /** `Pod/uid=rv EndpointSlice/uid=rv …`, sorted. */
  fingerprint: string;
  /** When the read finished (ms since epoch). */
  at: number;
}

function fingerprintOf(objects: Partial<Record<Kind, KubeObject[]>>): string {
  return (['Pod', 'EndpointSlice'] as const)
    .flatMap((k) => (objects[k] ?? []).map((o) => `${k}/${o.metadata?.name}/${o.metadata?.uid}=${o.metadata?.resourceVersion}`))
    .sort().join(' ');
}

export async function readNamespace(cluster: Cluster, namespace: string): Promise<NamespaceState> {
  const list = await cluster.get<{ items: KubeObject[] }>(NAMESPACED.map(([, r]) => r).join(','), '-n', namespace);
  const objects: Partial<Record<Kind, KubeObject[]>> = {};
  for (const [kind] of NAMESPACED) objects[kind] = [];
  for (const o of list.items) {
    const kind = o.kind as Kind;
    (objects[kind] ??= []).push(o);
  }
  return { namespace, objects, fingerprint: fingerprintOf(objects), at: Date.now() };
}

export function itemsOf<T extends KubeObject>(s: NamespaceState, kind: Kind): T[] {
  return (s.objects[kind] ?? []) as T[];
}

export function byName<T extends KubeObject>(s: NamespaceState, kind: Kind, name: string): T {
  const o = itemsOf<T>(s, kind).find((x) => x.metadata?.name === name);
  if (!o) throw new Error(`${kind} ${s.namespace}/${name} not found in the read`);
  return o;
}
