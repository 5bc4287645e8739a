// The hazards that hold in one observation of the target: each is a fact of this moment
// (the tracker turns them into windows over time). Semantics: terminating endpoints §4.2,
// kube-proxy's terminating fallback §4.6, headless DNS §4.9, rolling updates §5.6.

import type { ObjectRef } from '../snapshot.ts';
import { endpointsOfPod, readyEndpointCount, statsOf, type Observed, type PodState } from './observe.ts';
import type { HazardKind } from './types.ts';

export interface ActiveHazard {
  key: string;
  kind: HazardKind;
  object: ObjectRef | null;
  message: string;
  /** terminating-still-routed: how traffic still reaches the pod. */
  via: string | null;
  /** The pod it is about, by key. */
  podKey: string | null;
  /** endpoints-over-surge: how many now. */
  count: number | null;
}

export interface StaleSource {
  kind: string;
  since: string;
  message: string;
}

function active(kind: HazardKind, id: string, object: ObjectRef | null, message: string, extra: Partial<ActiveHazard> = {}): ActiveHazard {
  return { key: `${kind}|${id}`, kind, object, message, via: null, podKey: null, count: null, ...extra };
}

/**
 * How a terminating pod is still routed to for new connections, or null when it is not.
 * While its endpoint is still ready (the slice not updated yet) every consumer uses it, and
 * each node's kube-proxy keeps doing so until it applies the update. Once only serving and
 * terminating, kube-proxy sends it new connections only as a fallback, when no ready
 * endpoint remains (`pkg/proxy/topology.go: CategorizeEndpoints`): cluster-wide, or with a
 * Local traffic policy on the pod's own node; CoreDNS drops it from a headless answer at
 * once (cached answers are the dns-stale-ip hazard).
 */
export function routedVia(o: Observed, podKey: string): string | null {
  const eps = endpointsOfPod(o, podKey);
  const headless = o.service?.headless === true;
  if (eps.some((e) => e.ready)) {
    if (o.service?.publishNotReadyAddresses) return 'ready endpoint (publishNotReadyAddresses keeps terminating pods ready)';
    return headless ? 'ready endpoint (DNS still returns it: the EndpointSlice is not updated yet)' : 'ready endpoint (the EndpointSlice is not updated yet; each node\'s kube-proxy uses it until it applies the update)';
  }
  const serving = eps.filter((e) => e.serving && e.terminating);
  if (serving.length === 0 || headless) return null;
  if (readyEndpointCount(o) === 0) return 'serving endpoint, used by kube-proxy\'s terminating fallback (no endpoint is ready)';
  if (o.service?.localTraffic) {
    const readyOn = statsOf(o).readyByNode;
    const bare = [...new Set(serving.map((e) => e.node).filter((n): n is string => n !== null))].filter((n) => !((readyOn.get(n) ?? 0) > 0));
    if (bare.length > 0) return `serving endpoint, used by kube-proxy's terminating fallback for Local traffic on node ${bare.join(', ')} (no ready endpoint there)`;
  }
  return null;
}

/** Endpoints counted against replicas + maxSurge: pods with an endpoint (terminating ones too), or the selected pods without a Service. */
export function endpointCount(o: Observed): number {
  const st = statsOf(o);
  return o.endpoints ? st.endpointPods : st.activePods;
}

/** replicas + maxSurge summed over the Deployments and StatefulSets behind the target; null when there are none. */
export function allowedBySurge(o: Observed): { allowed: number; who: ObjectRef[] } | null {
  const roots = Object.values(o.workloads).filter((w) => w.kind === 'Deployment' || w.kind === 'StatefulSet');
  if (roots.length === 0 || roots.some((w) => w.allowedPods === null)) return null;
  return { allowed: roots.reduce((n, w) => n + (w.allowedPods ?? 0), 0), who: roots.map((w) => w.ref) };
}

/** The hazards of one pod, added to `out`. */
function podHazards(o: Observed, p: PodState, out: ActiveHazard[]): void {
  const svc = o.service;
  if (p.terminating && !p.preStop) {
    out.push(active('terminating-without-prestop', p.key, p.ref, `terminating without a preStop delay: SIGTERM arrived while ${svc ? 'endpoints' : 'clients'} may still route to it`, { podKey: p.key }));
  }
  if (!o.endpoints) return;
  if (p.terminating) {
    const via = routedVia(o, p.key);
    if (via) out.push(active('terminating-still-routed', p.key, p.ref, `terminating, still routed through its ${via}`, { via, podKey: p.key }));
  } else if (p.ready && p.ip && !endpointsOfPod(o, p.key).some((e) => e.ready)) {
    out.push(active('ready-not-in-slices', p.key, p.ref, 'Ready, but not yet a ready endpoint in the EndpointSlices: it gets no Service traffic yet', { podKey: p.key }));
  }
}

/**
 * The hazards that hold now. `pods` (by key) limits the per-pod hazards to those pods: the
 * incremental observation passes the pods whose hazards can have changed (see live.ts).
 */
export function activeHazards(o: Observed, stale: StaleSource[], pods: Iterable<string> | null = null): ActiveHazard[] {
  const out: ActiveHazard[] = [];
  const svc = o.service;
  if (svc && o.endpoints && svc.managed && readyEndpointCount(o) === 0) {
    out.push(active('zero-ready-endpoints', svc.ref.name, svc.ref, svc.headless
      ? 'no ready endpoint: DNS answers NXDOMAIN for the Service name'
      : 'no ready endpoint: new connections fail unless a terminating endpoint still serves (kube-proxy fallback)'));
  }
  if (pods === null) {
    for (const p of Object.values(o.pods)) podHazards(o, p, out);
  } else {
    for (const key of pods) {
      const p = Object.hasOwn(o.pods, key) ? o.pods[key] : undefined;
      if (p) podHazards(o, p, out);
    }
  }
  const limit = allowedBySurge(o);
  const count = endpointCount(o);
  if (limit && count > limit.allowed) {
    const what = o.endpoints ? 'endpoints' : 'pods';
    out.push(active('endpoints-over-surge', o.target.name, limit.who.length === 1 ? (limit.who[0] as ObjectRef) : o.target,
      `${count} ${what}, more than the ${limit.allowed} that replicas + maxSurge allow: terminating pods are not counted by the controllers`, { count }));
  }
  for (const s of stale) {
    out.push(active('source-stale', s.kind, null, `${s.kind} watch stale since ${s.since}: ${s.message}`));
  }
  return out;
}
