// The EndpointSlices that count as a Service's, and how one is cited in an answer.
// kube-proxy and CoreDNS key slices only by the kubernetes.io/service-name label in the
// Service's namespace, whoever manages them (`k/k pkg/proxy/endpointslicecache.go:
// endpointSliceCacheKeys`; `coredns plugin/kubernetes/object/endpoint.go`).

import { ANNOTATION_TRIGGER_TIME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './wellknown.ts';
import type { EndpointSlice } from '../types.ts';
import { groupedBy } from '../indexes.ts';

export interface SliceRef {
  name: string;
  managedBy: string | null;
  addressType: string | null;
  resourceVersion: string | null;
  /** The endpoints.kubernetes.io/last-change-trigger-time annotation (trap 40). */
  lastChangeTriggerTime: string | null;
}

export function sliceRef(s: EndpointSlice): SliceRef {
  return {
    name: s.metadata?.name ?? '',
    managedBy: s.metadata?.labels?.[LABEL_MANAGED_BY] ?? null,
    addressType: s.addressType ?? null,
    resourceVersion: s.metadata?.resourceVersion ?? null,
    lastChangeTriggerTime: s.metadata?.annotations?.[ANNOTATION_TRIGGER_TIME] ?? null,
  };
}

export function slicesOf(slices: EndpointSlice[], serviceName: string, namespace = 'default'): EndpointSlice[] {
  const byService = groupedBy(slices, 'service-name', (s) => {
    const service = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    return typeof service === 'string' ? `${s.metadata?.namespace ?? 'default'}\u0000${service}` : null;
  });
  return [...(byService.get(`${namespace}\u0000${serviceName}`) ?? [])];
}
