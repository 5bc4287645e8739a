// The EndpointSlice objects the controller would write for predicted endpoints
// (`endpointslice reconciler.go: reconcileByAddressType, reconcileByPortMapping`;
// `utils.go: newEndpointSlice, setEndpointSliceLabels`).
//
// One set of slices per address family; within a family, endpoints are grouped by their
// resolved port set, and each group fills slices of at most maxEndpointsPerSlice. A
// family with nothing to publish gets one placeholder slice with no ports and no
// endpoints. Which endpoint lands in which slice of a group, the order of endpoints, and
// the order of ports are map/hash order upstream: compare them as sets.

import { parseIP, type IPFamily } from './ip.ts';
import { isHeadless } from './service.ts';
import { CONTROLLER_NAME, DEFAULT_MAX_ENDPOINTS_PER_SLICE, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './wellknown.ts';
import type { EndpointPortPrediction, PredictedEndpoint } from './predicted.ts';
import type { Endpoint, EndpointPort, EndpointSlice, Service } from '../types.ts';

const RESERVED = new Set([LABEL_SERVICE_NAME, LABEL_MANAGED_BY, LABEL_HEADLESS]);

/** Service labels minus the reserved ones, plus the controller's own (`setEndpointSliceLabels`). */
export function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!RESERVED.has(k)) labels[k] = v;
  if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata?.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

/** A key equal for equal port sets whatever their order (the controller hashes sorted ports). */
export function portSetKey(ports: { name?: string | null; port?: number | null; protocol?: string | null; appProtocol?: string }[]): string {
  return ports.map((p) => JSON.stringify([p.name ?? '', p.port ?? null, p.protocol ?? 'TCP', p.appProtocol ?? null])).sort().join('|');
}

function toEndpointPort(p: EndpointPortPrediction): EndpointPort {
  const out: EndpointPort = { name: p.name, port: p.port, protocol: p.protocol };
  if (p.appProtocol) out.appProtocol = p.appProtocol;
  return out;
}

function toEndpoint(svc: Service, e: PredictedEndpoint, family: IPFamily): Endpoint {
  const out: Endpoint = {
    addresses: e.addresses.filter((a) => parseIP(a)?.family === family),
    conditions: { ...e.conditions },
    targetRef: { kind: 'Pod', namespace: e.pod.namespace ?? svc.metadata?.namespace ?? 'default', name: e.pod.name },
  };
  if (e.pod.uid && out.targetRef) out.targetRef.uid = e.pod.uid;
  if (e.hostname !== undefined) out.hostname = e.hostname;
  if (e.nodeName) out.nodeName = e.nodeName;
  if (e.zone) out.zone = e.zone;
  if (e.hints) out.hints = e.hints;
  return out;
}

function newSlice(svc: Service, family: IPFamily, ports: EndpointPort[], endpoints: Endpoint[]): EndpointSlice {
  const name = svc.metadata?.name ?? '';
  const ownerRef = { apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${name}-`, namespace: svc.metadata?.namespace ?? 'default', labels: sliceLabels(svc), ownerReferences: [ownerRef] },
    addressType: family,
    endpoints,
    ports,
  };
}

export function buildSlices(svc: Service, endpoints: PredictedEndpoint[], families: IPFamily[], maxPerSlice = DEFAULT_MAX_ENDPOINTS_PER_SLICE): EndpointSlice[] {
  const out: EndpointSlice[] = [];
  for (const family of families) {
    const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
    for (const e of endpoints) {
      const ep = toEndpoint(svc, e, family);
      // Template endpoints (offline) have no address yet; they stand in for the pods to come.
      if (ep.addresses.length === 0 && !e.template) continue;
      const key = portSetKey(e.ports);
      const g = groups.get(key) ?? { ports: e.ports.map(toEndpointPort), endpoints: [] };
      g.endpoints.push(ep);
      groups.set(key, g);
    }
    const before = out.length;
    for (const g of groups.values()) {
      for (let i = 0; i < g.endpoints.length; i += maxPerSlice) {
        out.push(newSlice(svc, family, g.ports, g.endpoints.slice(i, i + maxPerSlice)));
      }
    }
    if (out.length === before) out.push(newSlice(svc, family, [], []));
  }
  return out;
}
