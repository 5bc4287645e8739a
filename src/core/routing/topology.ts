// Which endpoints kube-proxy on one node uses for one Service port
// (`k/k pkg/proxy/topology.go: CategorizeEndpoints, topologyModeFromHints`).
//
// Cluster set: READY endpoints, narrowed by hints only when every ready endpoint carries
// one and some hint names this node (PreferSameNode) or its zone (PreferSameZone); if
// that leaves nothing, the serving-and-terminating endpoints, topology ignored (trap 25).
// Local set: local ready endpoints, else local serving-and-terminating ones, else none.

import type { ProxyEndpoint } from './proxy-endpoints.ts';

export type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';
export type Via = 'ready' | 'serving-terminating' | 'none';

export interface Client {
  /** The node kube-proxy runs on; '' when unknown. */
  nodeName: string;
  /** That node's topology.kubernetes.io/zone; '' when unknown or unlabelled. */
  zone: string;
}

export interface Categorized {
  cluster: ProxyEndpoint[];
  clusterVia: Via;
  topologyMode: TopologyMode;
  topologyReason: string;
  local: ProxyEndpoint[];
  localVia: Via;
  /** Some endpoint anywhere is ready, or serving and terminating. */
  hasAnyEndpoints: boolean;
}

const servingTerminating = (e: ProxyEndpoint) => e.serving && e.terminating;

/** What one port's endpoints look like from every node, worked out once (per node it is then a few lookups). */
export interface Categorizer {
  /** The same answer as categorizeEndpoints(endpoints, client); its lists are shared: do not modify them. */
  categorize(client: Client): Categorized;
  /** The endpoints on a node, in their order. */
  onNode(nodeName: string): readonly ProxyEndpoint[];
}

function pushTo(map: Map<string, ProxyEndpoint[]>, key: string, e: ProxyEndpoint): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/**
 * The endpoints grouped once for every client: ready ones, serving-terminating ones, each node's
 * own, and the ready ones hinted to each node and zone. Asking for a node then costs what is on
 * it, not the whole list again (a DaemonSet behind a Local Service: every node, every endpoint).
 */
export function categorizer(endpoints: ProxyEndpoint[]): Categorizer {
  const ready = endpoints.filter((e) => e.ready);
  const terminating = endpoints.filter(servingTerminating);
  const allNode = ready.length > 0 && ready.every((e) => e.nodeHints.length > 0);
  const allZone = ready.length > 0 && ready.every((e) => e.zoneHints.length > 0);
  const someZone = ready.some((e) => e.zoneHints.length > 0);
  const byNode = new Map<string, ProxyEndpoint[]>();
  const nodeHinted = new Map<string, ProxyEndpoint[]>();
  const zoneHinted = new Map<string, ProxyEndpoint[]>();
  for (const e of endpoints) {
    if (e.nodeName !== null) pushTo(byNode, e.nodeName, e);
    if (!e.ready) continue;
    // Each endpoint once per name, however often a hint repeats it.
    if (allNode) for (const n of new Set(e.nodeHints)) pushTo(nodeHinted, n, e);
    if (allZone) for (const z of new Set(e.zoneHints)) pushTo(zoneHinted, z, e);
  }
  const hasAnyEndpoints = ready.length > 0 || terminating.length > 0;
  const none: ProxyEndpoint[] = [];
  const mode = (client: Client): { mode: TopologyMode; reason: string; hinted: ProxyEndpoint[] | null } => {
    if (ready.length === 0) return { mode: '', reason: 'no ready endpoints: hints not considered', hinted: null };
    const toNode = allNode ? nodeHinted.get(client.nodeName) : undefined;
    if (toNode) return { mode: 'PreferSameNode', reason: `every ready endpoint has a node hint and some are hinted to node ${client.nodeName}`, hinted: toNode };
    const toZone = allZone ? zoneHinted.get(client.zone) : undefined;
    if (toZone) return { mode: 'PreferSameZone', reason: `every ready endpoint has a zone hint and some are hinted to zone ${client.zone}`, hinted: toZone };
    if (allZone) return { mode: '', reason: client.zone ? `no ready endpoint is hinted to zone ${client.zone}: hints ignored` : 'the client node has no zone (or is unknown): hints ignored', hinted: null };
    if (someZone) return { mode: '', reason: 'some ready endpoints lack a zone hint: hints ignored', hinted: null };
    return { mode: '', reason: 'no hints', hinted: null };
  };
  return {
    onNode: (nodeName) => byNode.get(nodeName) ?? none,
    categorize(client) {
      const m = mode(client);
      let cluster = m.hinted ?? ready;
      let clusterVia: Via = cluster.length > 0 ? 'ready' : 'none';
      if (cluster.length === 0) {
        cluster = terminating;
        if (cluster.length > 0) clusterVia = 'serving-terminating';
      }
      const here = client.nodeName !== '' ? (byNode.get(client.nodeName) ?? none) : none;
      let local = here.filter((e) => e.ready);
      let localVia: Via = local.length > 0 ? 'ready' : 'none';
      if (local.length === 0) {
        local = here.filter(servingTerminating);
        if (local.length > 0) localVia = 'serving-terminating';
      }
      return { cluster, clusterVia, topologyMode: m.mode, topologyReason: m.reason, local, localVia, hasAnyEndpoints };
    },
  };
}

export function topologyModeFromHints(endpoints: ProxyEndpoint[], client: Client): { mode: TopologyMode; reason: string } {
  const { topologyMode, topologyReason } = categorizer(endpoints).categorize(client);
  return { mode: topologyMode, reason: topologyReason };
}

export function categorizeEndpoints(endpoints: ProxyEndpoint[], client: Client): Categorized {
  return categorizer(endpoints).categorize(client);
}
