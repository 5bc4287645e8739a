// Which topology hints the EndpointSlice controller writes (`endpointslice reconciler.go:
// validTrafficDistribution, hintsEnabled`; `trafficdist/trafficdist.go: preferCloseHeuristic`).
//
// The topology-mode annotation ("Auto") wins over spec.trafficDistribution; its hints are
// allocated in proportion to each zone's CPU and cannot be predicted from pods alone.
// trafficDistribution hints go on READY endpoints only: forZones=[own zone], plus
// forNodes=[own node] for PreferSameNode.

import { ANNOTATION_TOPOLOGY_AWARE_HINTS, ANNOTATION_TOPOLOGY_MODE, DEFAULT_MINOR } from './wellknown.ts';
import type { Endpoint, Service } from '../types.ts';

export type HintSource = 'trafficDistribution' | 'topology-mode-auto' | 'none';

export interface HintPolicy {
  source: HintSource;
  preferSameNode: boolean;
  reason: string;
}

/** The deprecated annotation, when present, is read instead of topology-mode. */
export function topologyModeAuto(svc: Service): boolean {
  const a = svc.metadata?.annotations ?? {};
  const v = ANNOTATION_TOPOLOGY_AWARE_HINTS in a ? a[ANNOTATION_TOPOLOGY_AWARE_HINTS] : a[ANNOTATION_TOPOLOGY_MODE];
  return v === 'Auto' || v === 'auto';
}

export function hintPolicy(svc: Service, controllerMinor = DEFAULT_MINOR): HintPolicy {
  const td = svc.spec?.trafficDistribution;
  if (topologyModeAuto(svc)) {
    return { source: 'topology-mode-auto', preferSameNode: false, reason: 'topology-mode Auto: zone hints follow per-zone CPU and may point an endpoint at another zone (they override trafficDistribution)' };
  }
  if (!td) return { source: 'none', preferSameNode: false, reason: 'no trafficDistribution and no topology-mode annotation: no hints' };
  if (td === 'PreferClose' && controllerMinor >= 31) {
    return { source: 'trafficDistribution', preferSameNode: false, reason: 'trafficDistribution PreferClose: ready endpoints hinted to their own zone' };
  }
  if ((td === 'PreferSameZone' || td === 'PreferSameNode') && controllerMinor >= 34) {
    const node = td === 'PreferSameNode';
    return { source: 'trafficDistribution', preferSameNode: node, reason: `trafficDistribution ${td}: ready endpoints hinted to their own zone${node ? ' and node' : ''}` };
  }
  return { source: 'none', preferSameNode: false, reason: `trafficDistribution ${td} is not honoured by a 1.${controllerMinor} controller: no hints` };
}

/** The hints a trafficDistribution policy gives one endpoint, or undefined for none. */
export function hintsFor(policy: HintPolicy, ep: { ready: boolean; zone?: string | undefined; nodeName?: string | undefined }): Endpoint['hints'] | undefined {
  if (policy.source !== 'trafficDistribution' || !ep.ready) return undefined;
  const hints: NonNullable<Endpoint['hints']> = {};
  if (ep.zone) hints.forZones = [{ name: ep.zone }];
  if (policy.preferSameNode && ep.nodeName) hints.forNodes = [{ name: ep.nodeName }];
  return hints.forZones || hints.forNodes ? hints : undefined;
}
