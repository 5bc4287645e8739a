// The pod facts the EndpointSlice controller reads (`endpointslice util/controller_utils.go`).

import { nsOf } from '../snapshot.ts';
import type { Pod, Service } from '../types.ts';

/** Pod condition Ready is True (`IsPodReady`); readiness gates are already folded into it. */
export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status === 'True';
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodTerminating(pod: Pod): boolean {
  return typeof pod.metadata?.deletionTimestamp === 'string' && pod.metadata.deletionTimestamp !== '';
}

/**
 * status.podIPs, which the controller reads for addresses. The API server fills podIPs
 * from podIP when only podIP is written, so a lone podIP counts too. hostNetwork pods
 * carry the node's IPs here.
 */
export function podIPs(pod: Pod): string[] {
  const list = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip) => typeof ip === 'string' && ip !== '');
  if (list.length > 0) return list;
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/** `ShouldSetHostname`: spec.hostname set, spec.subdomain equal to the Service name, same namespace. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  const hostname = pod.spec?.hostname ?? '';
  return hostname.length > 0 && pod.spec?.subdomain === svc.metadata?.name && nsOf(pod) === nsOf(svc);
}
