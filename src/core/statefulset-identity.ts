// The network identity the StatefulSet controller gives each pod it creates
// (`k/k pkg/controller/statefulset/stateful_set_utils.go: initIdentity, getPodName`):
// name `<set>-<ordinal>` for ordinals from spec.ordinals.start (default 0) on,
// spec.hostname = that name and spec.subdomain = spec.serviceName. The per-pod DNS name
// `<hostname>.<subdomain>.<namespace>.svc.<domain>` exists when a Service named
// <subdomain> in the pod's namespace selects the pod (its EndpointSlices then carry the
// hostname) — the same rule for pods that set hostname and subdomain by hand.

import type { Pod, Workload } from './types.ts';

export function firstOrdinal(set: Workload): number {
  const start = set.spec?.ordinals?.start;
  return typeof start === 'number' && start > 0 ? Math.floor(start) : 0;
}

/** The pod names (= hostnames) of a StatefulSet's replicas. */
export function statefulSetPodNames(set: Workload): string[] {
  const name = set.metadata?.name ?? '';
  const replicas = Math.max(0, set.spec?.replicas ?? 1);
  const start = firstOrdinal(set);
  return Array.from({ length: replicas }, (_, i) => `${name}-${start + i}`);
}

/**
 * The hostnames of an Indexed Job's pods: `<job>-<index>` for every completion index
 * (`k/k pkg/controller/job/job_controller.go: manageJob` sets template.Spec.Hostname so);
 * none for a NonIndexed Job, whose pods keep the template's hostname.
 */
export function indexedJobHostnames(job: Workload): string[] {
  if (job.spec?.completionMode !== 'Indexed') return [];
  const n = Math.max(0, job.spec?.completions ?? 0);
  return Array.from({ length: n }, (_, i) => `${job.metadata?.name ?? ''}-${i}`);
}

/** `<hostname>.<subdomain>.<namespace>.svc.<domain>`. */
export function podDnsName(hostname: string, subdomain: string, namespace: string, clusterDomain = 'cluster.local'): string {
  return `${hostname}.${subdomain}.${namespace}.svc.${clusterDomain}`;
}

/**
 * A pod's own hostname and subdomain (set by its StatefulSet or by hand), or null unless
 * both are set: the EndpointSlice controller copies spec.hostname only when it is set
 * (`ShouldSetHostname`), so a subdomain alone gives no per-pod name.
 */
export function podIdentity(pod: Pod): { hostname: string; subdomain: string } | null {
  const subdomain = pod.spec?.subdomain ?? '';
  const hostname = pod.spec?.hostname ?? '';
  return subdomain && hostname ? { hostname, subdomain } : null;
}
