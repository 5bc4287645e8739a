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

export function topologyModeFromHints(endpoints: ProxyEndpoint[], client: Client): { mode: TopologyMode; reason: string } {
  const ready = endpoints.filter((e) => e.ready);
  if (ready.length === 0) return { mode: '', reason: 'no ready endpoints: hints not considered' };
  const allNode = ready.every((e) => e.nodeHints.length > 0);
  const allZone = ready.every((e) => e.zoneHints.length > 0);
  if (allNode && ready.some((e) => e.nodeHints.includes(client.nodeName))) {
    return { mode: 'PreferSameNode', reason: `every ready endpoint has a node hint and some are hinted to node ${client.nodeName}` };
  }
  if (allZone && ready.some((e) => e.zoneHints.includes(client.zone))) {
    return { mode: 'PreferSameZone', reason: `every ready endpoint has a zone hint and some are hinted to zone ${client.zone}` };
  }
  if (allZone) return { mode: '', reason: client.zone ? `no ready endpoint is hinted to zone ${client.zone}: hints ignored` : 'the client node has no zone (or is unknown): hints ignored' };
  if (ready.some((e) => e.zoneHints.length > 0)) return { mode: '', reason: 'some ready endpoints lack a zone hint: hints ignored' };
  return { mode: '', reason: 'no hints' };
}

function available(e: ProxyEndpoint, mode: TopologyMode, client: Client): boolean {
  if (mode === 'PreferSameNode') return e.nodeHints.includes(client.nodeName);
  if (mode === 'PreferSameZone') return e.zoneHints.includes(client.zone);
  return true;
}

export function categorizeEndpoints(endpoints: ProxyEndpoint[], client: Client): Categorized {
  const { mode, reason } = topologyModeFromHints(endpoints, client);
  let cluster = endpoints.filter((e) => e.ready && available(e, mode, client));
  let clusterVia: Via = cluster.length > 0 ? 'ready' : 'none';
  if (cluster.length === 0) {
    cluster = endpoints.filter(servingTerminating);
    if (cluster.length > 0) clusterVia = 'serving-terminating';
  }
  const isLocal = (e: ProxyEndpoint) => client.nodeName !== '' && e.nodeName === client.nodeName;
  let local = endpoints.filter((e) => isLocal(e) && e.ready);
  let localVia: Via = local.length > 0 ? 'ready' : 'none';
  if (local.length === 0) {
    local = endpoints.filter((e) => isLocal(e) && servingTerminating(e));
    if (local.length > 0) localVia = 'serving-terminating';
  }
  const hasAnyEndpoints = endpoints.some((e) => e.ready || servingTerminating(e));
  return { cluster, clusterVia, topologyMode: mode, topologyReason: reason, local, localVia, hasAnyEndpoints };
}
