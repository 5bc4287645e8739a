// The endpoints kube-proxy builds from EndpointSlices (`k/k pkg/proxy/endpointslicecache.go:
// endpointInfoByServicePort, addEndpoints`; informer filter in `cmd/kube-proxy/app/server.go`).
//
// Every slice labelled kubernetes.io/service-name=<svc> counts, whatever its managed-by
// (trap 23), except slices labelled service-proxy-name or headless (the informer never
// sees them) and slices of another address family (each family has its own proxier).
// Slice ports join a Service port by NAME and protocol. Per endpoint only addresses[0] is
// used; nil ready/serving read as true, nil terminating as false. Duplicates (same
// IP:port) collapse, a non-terminating copy winning over a terminating one.

import { parseIP, type IPFamily } from './ip.ts';
import { protocolOf } from './service.ts';
import { LABEL_HEADLESS, LABEL_SERVICE_PROXY_NAME } from './wellknown.ts';
import type { ObjectRef } from '../snapshot.ts';
import type { EndpointSlice, ServicePort } from '../types.ts';

export interface ProxyEndpoint {
  ip: string;
  port: number;
  /** "ip:port" ("[ip]:port" for IPv6), kube-proxy's key and sort order. */
  endpoint: string;
  nodeName: string | null;
  zone: string | null;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  zoneHints: string[];
  nodeHints: string[];
  pod: ObjectRef | null;
  slice: string;
}

/** Why kube-proxy's informer or this family's proxier never sees a slice, or null. */
export function sliceIgnoredReason(s: EndpointSlice, family: IPFamily): string | null {
  const labels = s.metadata?.labels ?? {};
  if (LABEL_SERVICE_PROXY_NAME in labels) return `labelled ${LABEL_SERVICE_PROXY_NAME}=${labels[LABEL_SERVICE_PROXY_NAME]}: left to another proxy`;
  if (LABEL_HEADLESS in labels) return `labelled ${LABEL_HEADLESS}: kube-proxy does not watch it`;
  if (s.addressType !== family) return `addressType ${s.addressType ?? '(none)'}: not read by the ${family} proxier`;
  return null;
}

export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** The merged, de-duplicated endpoints of one Service port, sorted like kube-proxy sorts them. */
export function endpointsForPort(sp: ServicePort, slices: EndpointSlice[], family: IPFamily, preferSameNode = true): ProxyEndpoint[] {
  const set = new Map<string, ProxyEndpoint>();
  const usable = slices.filter((s) => sliceIgnoredReason(s, family) === null)
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  for (const s of usable) {
    for (const p of s.ports ?? []) {
      // The API server defaults a missing name to "" and protocol to TCP; port 0 or none is skipped.
      if (!p.port) continue;
      if ((p.name ?? '') !== (sp.name ?? '') || protocolOf(p) !== protocolOf(sp)) continue;
      for (const e of s.endpoints ?? []) {
        const first = e.addresses?.[0];
        if (first === undefined) continue;
        const ip = parseIP(first)?.text ?? first;
        const c = e.conditions ?? {};
        const ep: ProxyEndpoint = {
          ip,
          port: p.port,
          endpoint: joinHostPort(ip, p.port),
          nodeName: e.nodeName ?? null,
          zone: e.zone ?? null,
          ready: c.ready ?? true,
          serving: c.serving ?? true,
          terminating: c.terminating ?? false,
          zoneHints: (e.hints?.forZones ?? []).map((z) => z.name),
          nodeHints: preferSameNode ? (e.hints?.forNodes ?? []).map((n) => n.name) : [],
          pod: e.targetRef?.name ? { kind: e.targetRef.kind ?? 'Pod', name: e.targetRef.name, ...(e.targetRef.namespace ? { namespace: e.targetRef.namespace } : {}), ...(e.targetRef.uid ? { uid: e.targetRef.uid } : {}) } : null,
          slice: s.metadata?.name ?? '',
        };
        if (!set.has(ep.endpoint) || !ep.terminating) set.set(ep.endpoint, ep);
      }
    }
  }
  return [...set.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}
