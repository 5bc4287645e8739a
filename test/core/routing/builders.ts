// The routing tests' own shapes: Services with every routing field, endpoints and slices as a
// test writes them by hand. Pods and Nodes come from the one family (test/core/builders.ts).

import type { Endpoint, EndpointPort, EndpointSlice, Service, ServicePort } from '../../../src/core/types.ts';
import { svc as familySvc } from '../builders.ts';

export interface SvcOpts {
  ns?: string;
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  clusterIP?: string;
  ipFamilies?: string[];
  type?: string;
  pnra?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  trafficDistribution?: string;
  itp?: string;
  etp?: string;
  externalName?: string;
  affinity?: boolean;
  affinityTimeout?: number;
  healthCheckNodePort?: number;
}

/** The family's Service (test/core/builders.ts) under the routing tests' short option names, with the UID the slice tests expect. */
export function svc(name: string, o: SvcOpts = {}): Service {
  return familySvc(name, {
    ns: o.ns, uid: `uid-svc-${name}`, selector: o.selector, ports: o.ports, clusterIP: o.clusterIP, ipFamilies: o.ipFamilies, type: o.type,
    publishNotReadyAddresses: o.pnra, labels: o.labels, annotations: o.annotations, trafficDistribution: o.trafficDistribution,
    internalTrafficPolicy: o.itp, externalTrafficPolicy: o.etp, externalName: o.externalName,
    affinity: o.affinity ? { timeoutSeconds: o.affinityTimeout } : undefined, healthCheckNodePort: o.healthCheckNodePort,
  });
}

export interface EpOpts {
  ready?: boolean | null;
  serving?: boolean | null;
  terminating?: boolean | null;
  node?: string;
  zone?: string;
  pod?: string;
  uid?: string;
  hostname?: string;
  zoneHints?: string[];
  nodeHints?: string[];
}

export function ep(addresses: string | string[], o: EpOpts = {}): Endpoint {
  const e: Endpoint = { addresses: Array.isArray(addresses) ? addresses : [addresses], conditions: {} };
  const c = e.conditions ?? {};
  if (o.ready !== null) c.ready = o.ready ?? true;
  if (o.serving !== null) c.serving = o.serving ?? true;
  if (o.terminating !== null) c.terminating = o.terminating ?? false;
  if (o.node) e.nodeName = o.node;
  if (o.zone) e.zone = o.zone;
  if (o.pod) e.targetRef = { kind: 'Pod', namespace: 'default', name: o.pod, ...(o.uid ? { uid: o.uid } : {}) };
  if (o.hostname) e.hostname = o.hostname;
  if (o.zoneHints || o.nodeHints) {
    e.hints = {};
    if (o.zoneHints) e.hints.forZones = o.zoneHints.map((name) => ({ name }));
    if (o.nodeHints) e.hints.forNodes = o.nodeHints.map((name) => ({ name }));
  }
  return e;
}

export interface SliceOpts {
  ns?: string;
  managedBy?: string | null;
  addressType?: string;
  ports?: EndpointPort[];
  endpoints?: Endpoint[];
  rv?: string;
  triggerTime?: string;
  labels?: Record<string, string>;
}

export function slice(name: string, service: string, o: SliceOpts = {}): EndpointSlice {
  const labels: Record<string, string> = { 'kubernetes.io/service-name': service, ...(o.labels ?? {}) };
  if (o.managedBy !== null) labels['endpointslice.kubernetes.io/managed-by'] = o.managedBy ?? 'endpointslice-controller.k8s.io';
  const s: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: o.ns ?? 'default', labels, resourceVersion: o.rv ?? '100' },
    addressType: o.addressType ?? 'IPv4',
    ports: o.ports ?? [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: o.endpoints ?? [],
  };
  if (o.triggerTime && s.metadata) s.metadata.annotations = { 'endpoints.kubernetes.io/last-change-trigger-time': o.triggerTime };
  return s;
}

/** Give predicted slices the names and resourceVersions the API server would. */
export function published(slices: EndpointSlice[]): EndpointSlice[] {
  return slices.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `${s.metadata?.generateName ?? ''}x${i}`, resourceVersion: String(200 + i) } }));
}
