// kube-proxy's view of a Service: which endpoints each port uses, from each node, for
// traffic to the ClusterIP and for NodePort / LoadBalancer / externalIP traffic, and what
// the healthCheckNodePort answers (semantics §4.5–4.8, traps 23–30).

import { healthCheckAnswer, type HealthCheckAnswer } from './healthcheck.ts';
import type { IPFamily } from './ip.ts';
import { endpointsForPort, sliceIgnoredReason, type ProxyEndpoint } from './proxy-endpoints.ts';
import { sliceRef, slicesOf, type SliceRef } from './service-slices.ts';
import { addressTypesFor, isExternallyAccessible, isHeadless, portLabel, protocolOf, serviceType } from './service.ts';
import { categorizer, type Categorized, type Categorizer, type Client, type TopologyMode, type Via } from './topology.ts';
import { DEFAULT_AFFINITY_TIMEOUT_SECONDS, LABEL_SERVICE_PROXY_NAME, LABEL_TOPOLOGY_ZONE } from './wellknown.ts';
import { refOf, type ObjectRef } from '../snapshot.ts';
import type { EndpointSlice, Node, Service } from '../types.ts';

export type ProxyMode = 'iptables' | 'nftables' | 'ipvs';

export interface ProxyOptions {
  mode?: ProxyMode;
  /** kube-proxy's PreferSameTrafficDistribution gate (node hints); on by default from 1.34. */
  preferSameTrafficDistribution?: boolean;
  /**
   * Whether to work out each node's traffic (default true). Off, ports carry none (nodes: null,
   * no health checks) while the rest of the view, notes included, is what it would be: for a
   * caller that reads the per-node answers only under a Local traffic policy.
   */
  perNode?: boolean;
}

export interface ChosenEndpoint {
  endpoint: string;
  pod: ObjectRef | null;
  /** Long-run share of new connections. */
  share: number;
  state: 'ready' | 'serving-terminating';
}

export interface ChosenSet {
  endpoints: ChosenEndpoint[];
  via: Via;
  topology: TopologyMode;
  /** forward: DNAT to one of `endpoints`; reject: ICMP unreachable; drop: silently dropped. */
  action: 'forward' | 'reject' | 'drop';
  reason: string;
}

export interface NodeTraffic {
  node: string;
  zone: string | null;
  localReady: number;
  localServingTerminating: number;
  /** Connections from pods on this node to the ClusterIP. */
  internal: ChosenSet;
  /** NodePort / LoadBalancer / externalIP traffic from outside arriving at this node; null when not exposed. */
  external: ChosenSet | null;
}

export interface PortTraffic {
  servicePort: string;
  port: number;
  protocol: string;
  family: IPFamily;
  endpoints: ProxyEndpoint[];
  /** What a node uses when no hint names it or its zone (and without any Local policy): also the answer when Nodes are unknown. */
  clusterWide: ChosenSet;
  nodes: NodeTraffic[] | null;
}

export interface ProxyView {
  service: ObjectRef;
  /** Why kube-proxy does nothing for this Service, or null. */
  ignored: string | null;
  mode: ProxyMode;
  slices: { slice: SliceRef; used: boolean; reason: string | null }[];
  ports: PortTraffic[];
  /** Slice ports kube-proxy routes nothing to: no Service port with that name and protocol, or no port number. */
  unmatchedSlicePorts: { slice: string; name: string; protocol: string; reason: string }[];
  sessionAffinity: { timeoutSeconds: number; note: string } | null;
  loadBalancing: string;
  healthCheckNodePort: number | null;
  /** Per node, for LoadBalancer + externalTrafficPolicy Local when Nodes are known. */
  healthChecks: HealthCheckAnswer[] | null;
  notes: string[];
}

const LOAD_BALANCING: Record<ProxyMode, string> = {
  iptables: 'iptables: each new connection picks one endpoint uniformly at random (statistic --mode random rules); established connections stay where they are (conntrack)',
  nftables: 'nftables: each new connection picks one endpoint uniformly at random (numgen random mod N); established connections stay where they are (conntrack)',
  ipvs: 'ipvs: round-robin per node by default (--ipvs-scheduler rr), which gives each endpoint the same long-run share; established connections stay where they are',
};

export function proxyIgnoredReason(svc: Service): string | null {
  if (serviceType(svc) === 'ExternalName') return 'type ExternalName: kube-proxy programs nothing; DNS answers a CNAME';
  if (isHeadless(svc)) return 'headless (clusterIP None): no virtual IP; clients connect to the pod IPs DNS returns';
  const proxyName = svc.metadata?.labels?.[LABEL_SERVICE_PROXY_NAME];
  if (proxyName !== undefined) return `labelled ${LABEL_SERVICE_PROXY_NAME}=${proxyName}: the default kube-proxy ignores it (another proxy serves it)`;
  return null;
}

function chosen(set: ProxyEndpoint[], via: Via, topology: TopologyMode, action: ChosenSet['action'], reason: string): ChosenSet {
  const share = set.length > 0 ? 1 / set.length : 0;
  return {
    endpoints: set.map((e) => ({ endpoint: e.endpoint, pod: e.pod, share, state: e.ready ? 'ready' : 'serving-terminating' })),
    via, topology, action, reason,
  };
}

function clusterSet(c: Categorized): ChosenSet {
  if (c.cluster.length === 0) return chosen([], 'none', c.topologyMode, 'reject', 'no ready or serving-terminating endpoint anywhere: connections are rejected');
  const why = c.clusterVia === 'serving-terminating'
    ? 'no ready endpoint anywhere: falls back to the serving-terminating endpoints (topology ignored)'
    : c.topologyMode ? `ready endpoints narrowed by topology (${c.topologyReason})` : `all ready endpoints (${c.topologyReason})`;
  return chosen(c.cluster, c.clusterVia, c.topologyMode, 'forward', why);
}

function localSet(c: Categorized, policy: string): ChosenSet {
  if (c.local.length === 0) {
    return c.hasAnyEndpoints
      ? chosen([], 'none', '', 'drop', `${policy} Local and no usable endpoint on this node: dropped (no fallback to other nodes)`)
      : chosen([], 'none', '', 'reject', 'no ready or serving-terminating endpoint anywhere: connections are rejected');
  }
  const why = c.localVia === 'serving-terminating' ? `${policy} Local: no local ready endpoint, falls back to local serving-terminating ones` : `${policy} Local: local ready endpoints only`;
  return chosen(c.local, c.localVia, '', 'forward', why);
}

/**
 * Cluster sets by the endpoints they hold and why: the nodes of one zone (all nodes, without
 * hints) get the same set, made once and shared, not one copy of every endpoint per node.
 */
type ClusterSets = Map<ProxyEndpoint[], Map<string, ChosenSet>>;

function sharedClusterSet(c: Categorized, sets: ClusterSets): ChosenSet {
  let byReason = sets.get(c.cluster);
  if (!byReason) {
    byReason = new Map();
    sets.set(c.cluster, byReason);
  }
  const key = `${c.clusterVia}\u0000${c.topologyMode}\u0000${c.topologyReason}`;
  let set = byReason.get(key);
  if (!set) {
    set = clusterSet(c);
    byReason.set(key, set);
  }
  return set;
}

function nodeTraffic(svc: Service, node: Node, endpoints: Categorizer, sets: ClusterSets): NodeTraffic {
  const name = node.metadata?.name ?? '';
  const zone = node.metadata?.labels?.[LABEL_TOPOLOGY_ZONE] ?? '';
  const client: Client = { nodeName: name, zone };
  const c = endpoints.categorize(client);
  const local = endpoints.onNode(name);
  const itpLocal = svc.spec?.internalTrafficPolicy === 'Local';
  const etpLocal = svc.spec?.externalTrafficPolicy === 'Local';
  return {
    node: name,
    zone: zone || null,
    localReady: local.filter((e) => e.ready).length,
    localServingTerminating: local.filter((e) => !e.ready && e.serving && e.terminating).length,
    internal: itpLocal ? localSet(c, 'internalTrafficPolicy') : sharedClusterSet(c, sets),
    external: isExternallyAccessible(svc) ? (etpLocal ? localSet(c, 'externalTrafficPolicy') : sharedClusterSet(c, sets)) : null,
  };
}

function notesFor(svc: Service, ports: PortTraffic[], nodes: Node[] | null): string[] {
  const notes: string[] = [];
  const hinted = ports.some((p) => p.endpoints.some((e) => e.zoneHints.length > 0 || e.nodeHints.length > 0));
  if (hinted && nodes === null) notes.push('endpoints carry topology hints: the endpoints actually used depend on the client node and zone, which are unknown here');
  if (isExternallyAccessible(svc) && svc.spec?.externalTrafficPolicy === 'Local') {
    notes.push('externalTrafficPolicy Local: traffic from inside the cluster to a LoadBalancer IP or externalIP gets Cluster semantics (kube-proxy short-circuits it); a NodePort reached from inside the cluster still gets Local semantics');
  }
  if ((svc.status?.loadBalancer?.ingress ?? []).some((i) => i.ipMode === 'Proxy')) {
    notes.push('LoadBalancer ingress ipMode Proxy: in-cluster traffic to the LB IP really goes out to the load balancer, then to a node or pod');
  }
  notes.push('each node decides on its own and may lag the API (minSyncPeriod, informer delay); existing connections, including HTTP keep-alive, stay on their endpoint even after it starts terminating');
  return notes;
}

export function proxyView(svc: Service, slices: EndpointSlice[], nodes: Node[] | null, opts: ProxyOptions = {}): ProxyView {
  const mode = opts.mode ?? 'iptables';
  const perNode = nodes !== null && opts.perNode !== false ? nodes : null;
  const mine = slicesOf(slices, svc.metadata?.name ?? '', svc.metadata?.namespace ?? 'default');
  const families = addressTypesFor(svc);
  const view: ProxyView = {
    service: refOf('Service', svc), ignored: proxyIgnoredReason(svc), mode,
    slices: mine.map((s) => {
      const reasons = families.map((f) => sliceIgnoredReason(s, f));
      const used = reasons.some((r) => r === null);
      return { slice: sliceRef(s), used, reason: used ? null : (reasons[0] ?? 'no address family') };
    }),
    ports: [], unmatchedSlicePorts: [], sessionAffinity: null, loadBalancing: LOAD_BALANCING[mode],
    healthCheckNodePort: svc.spec?.healthCheckNodePort ?? null, healthChecks: null, notes: [],
  };
  if (view.ignored !== null) return view;
  const svcPorts = svc.spec?.ports ?? [];
  for (const s of mine) {
    for (const p of s.ports ?? []) {
      const matched = svcPorts.some((sp) => (sp.name ?? '') === (p.name ?? '') && protocolOf(sp) === protocolOf(p));
      if (!matched || !p.port) {
        const reason = !p.port ? 'no port number: kube-proxy skips it' : `no Service port named "${p.name ?? ''}" with protocol ${protocolOf(p)}`;
        view.unmatchedSlicePorts.push({ slice: s.metadata?.name ?? '', name: p.name ?? '', protocol: protocolOf(p), reason });
      }
    }
  }
  // Per port: the endpoints as every node sees them, for the health checks below.
  const seen: Categorizer[] = [];
  for (const family of families) {
    for (const sp of svcPorts) {
      const endpoints = endpointsForPort(sp, mine, family, opts.preferSameTrafficDistribution ?? true);
      const byClient = categorizer(endpoints);
      const sets: ClusterSets = new Map();
      seen.push(byClient);
      view.ports.push({
        servicePort: portLabel(sp), port: sp.port, protocol: protocolOf(sp), family, endpoints,
        clusterWide: clusterSet(byClient.categorize({ nodeName: '', zone: '' })),
        nodes: perNode === null ? null : perNode.map((n) => nodeTraffic(svc, n, byClient, sets)),
      });
    }
  }
  if (svc.spec?.sessionAffinity === 'ClientIP') {
    const timeoutSeconds = svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_SECONDS;
    view.sessionAffinity = { timeoutSeconds, note: `ClientIP affinity: a client IP keeps reaching the endpoint it first got, among the currently usable ones, until ${timeoutSeconds}s pass without a new connection from it` };
  }
  if (serviceType(svc) === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local' && perNode !== null) {
    const primary = view.ports.map((p, i) => ({ port: p, endpoints: seen[i] as Categorizer })).filter((p) => p.port.family === families[0]);
    // Each port's nodes are perNode's, in its order: node i's traffic is at index i.
    view.healthChecks = perNode.map((n, i) => {
      const name = n.metadata?.name ?? '';
      const forwardsTo = [...new Set(primary.flatMap((p) => p.port.nodes?.[i]?.external?.endpoints.map((e) => e.endpoint) ?? []))];
      // Only the node's own endpoints can count: the answer is the same as over every endpoint.
      return healthCheckAnswer(name, primary.map((p) => [...p.endpoints.onNode(name)]), forwardsTo);
    });
  }
  view.notes = notesFor(svc, view.ports, nodes);
  return view;
}
