// What cluster DNS (CoreDNS's kubernetes plugin) answers for a Service (semantics §4.9,
// §4.10; `coredns plugin/kubernetes/kubernetes.go: findServices, endpointHostname`;
// `object/endpoint.go: endpointSliceToEndpoints, endpointsliceReady`).
//
// ClusterIP Service: its ClusterIPs, endpoints or not (trap 35). Headless: every address
// of every endpoint whose ready is not false, from every slice labelled with the Service
// name (whoever manages it); none -> NXDOMAIN (trap 34). Per-endpoint names
// <hostname>.<svc> exist for both kinds (CoreDNS answers endpoint queries for any
// Service). SRV _<port>._<proto>: headless -> each ready endpoint at its SLICE port;
// ClusterIP -> the Service name at the Service port. ExternalName: a CNAME, unless
// externalName is an IP, which CoreDNS does not answer at all.

import { parseIP } from './ip.ts';
import { slicesOf } from './service-slices.ts';
import { isHeadless, protocolOf, serviceType } from './service.ts';
import type { ObjectRef } from '../snapshot.ts';
import type { Endpoint, EndpointSlice, Service } from '../types.ts';

/** CoreDNS kubernetes plugin default TTL (`coredns plugin/kubernetes/README.md`: "The default is 5 seconds"). */
export const COREDNS_DEFAULT_TTL_SECONDS = 5;
/** kubeadm's Corefile sets `ttl 30` (`k/k cmd/kubeadm/app/phases/addons/dns/manifests.go: CoreDNSConfigMap`). */
export const KUBEADM_COREDNS_TTL_SECONDS = 30;
/**
 * kubeadm's Corefile also has `cache 30` and `loadbalance` (shuffles A/AAAA order). Since
 * kubeadm 1.32 (kubernetes/kubernetes#128359) the cache block disables success and denial
 * caching for the cluster domain, so CoreDNS itself no longer caches Service records;
 * clients and node-local caches still honour the 30 s TTL.
 */
export const KUBEADM_COREDNS_CACHE_SECONDS = 30;

export interface DnsOptions {
  clusterDomain?: string;
  /** CoreDNS `endpoint_pod_names`: unnamed endpoints are named after their pod, not their dashed IP. */
  endpointPodNames?: boolean;
  /**
   * Endpoints predicted ready whose addresses are not known yet (offline templates: the
   * pods to come). A headless name then answers their IPs once they run, not NXDOMAIN.
   */
  pendingReady?: number;
}

export interface DnsNameAnswer {
  name: string;
  a: string[];
  aaaa: string[];
  pod: ObjectRef | null;
}

export interface SrvAnswer {
  name: string;
  targets: { target: string; port: number }[];
}

export interface DnsAnswer {
  name: string;
  kind: 'cluster-ip' | 'headless' | 'external-name';
  a: string[];
  aaaa: string[];
  cname: string | null;
  nxdomain: boolean;
  reason: string;
  notes: string[];
}

/** `endpointHostname`: spec-derived hostname, else (option) pod name, else the dashed IP. */
export function endpointHostname(ep: Endpoint, address: string, podNames = false): string {
  if (ep.hostname) return ep.hostname;
  const pod = ep.targetRef?.name;
  if (podNames && pod && pod.length < 64) return pod;
  if (address.includes('.')) return address.replaceAll('.', '-');
  const dashed = address.replaceAll(':', '-');
  return dashed.endsWith('-') ? `${dashed}0` : dashed;
}

function split(ips: string[]): { a: string[]; aaaa: string[] } {
  const a: string[] = [];
  const aaaa: string[] = [];
  for (const ip of new Set(ips)) {
    const family = parseIP(ip)?.family;
    if (family === 'IPv4') a.push(ip);
    else if (family === 'IPv6') aaaa.push(ip);
  }
  return { a, aaaa };
}

/** The endpoints CoreDNS publishes: those whose ready is not false, every address of each. */
function readyEndpoints(slices: EndpointSlice[]): { slice: EndpointSlice; ep: Endpoint; address: string }[] {
  return slices.flatMap((slice) => (slice.endpoints ?? [])
    .filter((ep) => ep.conditions?.ready !== false)
    .flatMap((ep) => ep.addresses.map((address) => ({ slice, ep, address }))));
}

function readyEntries(slices: EndpointSlice[], podNames: boolean) {
  return readyEndpoints(slices).map((e) => ({ ...e, host: endpointHostname(e.ep, e.address, podNames) }));
}

function hostnameAnswers(entries: ReturnType<typeof readyEntries>, base: string): DnsNameAnswer[] {
  const byName = new Map<string, { ips: string[]; pod: ObjectRef | null }>();
  for (const e of entries) {
    const g = byName.get(e.host) ?? { ips: [], pod: e.ep.targetRef?.name ? { kind: e.ep.targetRef.kind ?? 'Pod', name: e.ep.targetRef.name } : null };
    g.ips.push(e.address);
    byName.set(e.host, g);
  }
  return [...byName].map(([host, g]) => ({ name: `${host}.${base}`, ...split(g.ips), pod: g.pod }));
}

function headlessSrv(entries: ReturnType<typeof readyEntries>, base: string): SrvAnswer[] {
  const byName = new Map<string, SrvAnswer>();
  for (const e of entries) {
    for (const p of e.slice.ports ?? []) {
      if (!p.name || typeof p.port !== 'number') continue;
      const name = `_${p.name}._${protocolOf(p).toLowerCase()}.${base}`;
      const srv = byName.get(name) ?? { name, targets: [] };
      srv.targets.push({ target: `${e.host}.${base}`, port: p.port });
      byName.set(name, srv);
    }
  }
  return [...byName.values()];
}

/** The Service's own DNS name: `<name>.<namespace>.svc.<cluster domain>`. */
export function serviceDnsName(name: string, namespace: string, clusterDomain = 'cluster.local'): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** A Service's namespace, name and DNS name, as every answer about it names them. */
function named(svc: Service, opts: DnsOptions): { ns: string; name: string; base: string } {
  const ns = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  return { ns, name, base: serviceDnsName(name, ns, opts.clusterDomain) };
}

export function dnsAnswer(svc: Service, slices: EndpointSlice[], opts: DnsOptions = {}): DnsAnswer {
  const { ns, name, base } = named(svc, opts);
  const ttl = `TTL ${COREDNS_DEFAULT_TTL_SECONDS}s by default, ${KUBEADM_COREDNS_TTL_SECONDS}s with kubeadm's Corefile; clients may cache answers, negative ones included, that long or longer`;
  const answer: DnsAnswer = { name: base, kind: 'cluster-ip', a: [], aaaa: [], cname: null, nxdomain: false, reason: '', notes: [ttl] };
  if (serviceType(svc) === 'ExternalName') {
    const target = svc.spec?.externalName ?? '';
    answer.kind = 'external-name';
    if (!target || parseIP(target)) {
      answer.nxdomain = true;
      answer.reason = target ? `externalName ${target} is an IP address: CoreDNS answers no CNAME for it (NXDOMAIN)` : 'no externalName: NXDOMAIN';
    } else {
      answer.cname = target;
      answer.reason = `CNAME to ${target}; no endpoints, no proxying, and any selector is ignored`;
    }
    return answer;
  }
  if (isHeadless(svc)) {
    const entries = readyEndpoints(slicesOf(slices, name, ns));
    answer.kind = 'headless';
    Object.assign(answer, split(entries.map((e) => e.address)));
    const pending = opts.pendingReady ?? 0;
    answer.nxdomain = entries.length === 0 && pending === 0;
    const more = pending > 0 ? `the pod IPs of ${pending} pod(s) predicted ready, once they run` : '';
    answer.reason = answer.nxdomain
      ? 'headless with no ready endpoint: NXDOMAIN (unready and terminating pods are left out unless publishNotReadyAddresses)'
      : entries.length === 0
        ? `headless: ${more}; the client picks one itself (often the first; kubeadm's loadbalance shuffles the order)`
        : `headless: the ${entries.length} ready endpoint address(es)${more ? `, and ${more}` : ''}; the client picks one itself (often the first; kubeadm's loadbalance shuffles the order)`;
    return answer;
  }
  const ips = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec?.clusterIP ? [svc.spec.clusterIP] : [];
  Object.assign(answer, split(ips));
  answer.reason = ips.length
    ? `the ClusterIP${ips.length > 1 ? 's' : ''} ${ips.join(', ')}, whether or not there are endpoints: with none, connections fail at kube-proxy, not at DNS`
    : 'a ClusterIP allocated when the Service is created, whether or not there are endpoints';
  return answer;
}

/**
 * The per-endpoint names CoreDNS answers under a Service, `<hostname>.<svc>.<ns>.svc.<domain>`,
 * one per endpoint name (for headless and ClusterIP Services alike); none for ExternalName.
 */
export function endpointNames(svc: Service, slices: EndpointSlice[], opts: DnsOptions = {}): DnsNameAnswer[] {
  if (serviceType(svc) === 'ExternalName') return [];
  const { ns, name, base } = named(svc, opts);
  return hostnameAnswers(readyEntries(slicesOf(slices, name, ns), opts.endpointPodNames === true), base);
}

/**
 * The SRV records `_<port>._<proto>.<svc>.<ns>.svc.<domain>` of a Service's named ports:
 * headless, each ready endpoint at its slice's port; ClusterIP, the Service's name at the
 * Service's port; none for ExternalName.
 */
export function srvRecords(svc: Service, slices: EndpointSlice[], opts: DnsOptions = {}): SrvAnswer[] {
  if (serviceType(svc) === 'ExternalName') return [];
  const { ns, name, base } = named(svc, opts);
  if (isHeadless(svc)) return headlessSrv(readyEntries(slicesOf(slices, name, ns), opts.endpointPodNames === true), base);
  return (svc.spec?.ports ?? []).filter((p) => p.name).map((p) => ({ name: `_${p.name}._${protocolOf(p).toLowerCase()}.${base}`, targets: [{ target: base, port: p.port }] }));
}
