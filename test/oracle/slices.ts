// Predicted EndpointSlices against the real controller's, compared as sets: endpoints are
// grouped by address type and port set (which slice of a group holds an endpoint, and the
// order of endpoints and ports, are the controller's business); each endpoint is compared
// on addresses, conditions, hostname, nodeName, zone, hints and targetRef.
import type { Endpoint, EndpointPort, EndpointSlice } from '../../src/core/types.ts';

export const CONTROLLER = 'endpointslice-controller.k8s.io';

export function portsKey(ports: EndpointPort[] | null | undefined): string {
  return JSON.stringify((ports ?? []).map((p) => [p.name ?? '', p.port ?? null, p.protocol ?? 'TCP', p.appProtocol ?? null])
    .map((x) => JSON.stringify(x)).sort());
}

export function endpointKey(e: Endpoint): string {
  const c = e.conditions ?? {};
  const t = e.targetRef;
  return JSON.stringify({
    addresses: [...e.addresses].sort(),
    ready: c.ready ?? true, serving: c.serving ?? true, terminating: c.terminating ?? false,
    hostname: e.hostname ?? null, nodeName: e.nodeName ?? null, zone: e.zone ?? null, hints: e.hints ?? null,
    targetRef: t ? `${t.kind ?? ''}/${t.namespace ?? ''}/${t.name ?? ''}/${t.uid ?? ''}` : null,
  });
}

/** `addressType ports` -> sorted endpoint keys, over the slices that hold endpoints. */
export function groupsOf(slices: EndpointSlice[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of slices) {
    if ((s.endpoints ?? []).length === 0) continue;
    const key = `${s.addressType ?? '?'} ports=${portsKey(s.ports)}`;
    out.set(key, [...(out.get(key) ?? []), ...(s.endpoints ?? []).map(endpointKey)].sort());
  }
  return out;
}

/** The real slices the EndpointSlice controller wrote for the Service. */
export function controllerSlices(slices: EndpointSlice[], service: string): EndpointSlice[] {
  return slices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === service
    && s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'] === CONTROLLER);
}

/** Every way the real controller slices differ from the predicted ones; [] when they agree. */
export function sliceDifferences(predicted: EndpointSlice[], real: EndpointSlice[]): string[] {
  const out: string[] = [];
  const want = groupsOf(predicted);
  const got = groupsOf(real);
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key) ?? [];
    const g = got.get(key) ?? [];
    const before = out.length;
    for (const e of w) if (!g.includes(e)) out.push(`group ${key}: predicted endpoint missing from the real slices: ${e}`);
    for (const e of g) if (!w.includes(e)) out.push(`group ${key}: real endpoint not predicted: ${e}`);
    // Same elements, different counts (an endpoint listed twice on one side).
    if (out.length === before && JSON.stringify(w) !== JSON.stringify(g)) out.push(`group ${key}: predicted ${w.length} endpoint(s), the slices hold ${g.length}: ${JSON.stringify(g)}`);
  }
  if (want.size === 0 && real.length === 0) out.push('no endpoints predicted, and the controller wrote no (placeholder) slice at all');
  const labels = predicted[0]?.metadata?.labels;
  for (const s of real) {
    if (labels && JSON.stringify(sorted(s.metadata?.labels)) !== JSON.stringify(sorted(labels))) {
      out.push(`slice ${s.metadata?.name} labels ${JSON.stringify(sorted(s.metadata?.labels))}, predicted ${JSON.stringify(sorted(labels))}`);
    }
  }
  return out;
}

function sorted(o: Record<string, string> | undefined): [string, string][] {
  return Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
