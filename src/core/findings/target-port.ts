// A Service port that some selected pods do not serve: a named targetPort they do not
// declare (no endpoint port for them: trap 21) or a numeric one no container declares
// (traffic is sent anyway: trap 22), with the share of new connections affected.

import { finding, pct, show, viewNamed, type Rule } from './context.ts';
import type { EndpointView, Finding, RoutingView } from '../report.ts';

/** `ownerOf` names a template's workload, or returns null for a pod (a bare one, or a manifest pod that will run). */
function who(e: EndpointView, ownerOf: (e: EndpointView) => string | null): string {
  const owner = e.template ? ownerOf(e) : null;
  return owner ? `the pod template of ${owner}` : `pod/${e.pod?.name ?? e.addresses[0] ?? '?'}`;
}

export function targetPortFindings(r: RoutingView, ownerOf: (e: EndpointView) => string | null) {
  const out: Finding[] = [];
  const usable = r.predicted.filter((e) => (e.ready || e.template) && e.weight > 0);
  const total = usable.reduce((n, e) => n + e.weight, 0);
  if (total === 0) return out;
  const byPort = new Map<string, { missing: EndpointView[]; undeclared: EndpointView[]; port: number | null; reason: string }>();
  for (const e of usable) {
    for (const m of e.missingPorts) {
      const entry = byPort.get(m.servicePort) ?? { missing: [], undeclared: [], port: null, reason: m.reason };
      entry.missing.push(e);
      byPort.set(m.servicePort, entry);
    }
    for (const u of e.undeclaredPorts) {
      const entry = byPort.get(u.servicePort) ?? { missing: [], undeclared: [], port: u.port, reason: '' };
      entry.undeclared.push(e);
      entry.port = u.port;
      byPort.set(u.servicePort, entry);
    }
  }
  for (const [servicePort, entry] of byPort) {
    if (entry.missing.length > 0) {
      const weight = entry.missing.reduce((n, e) => n + e.weight, 0);
      out.push(finding('target-port-not-served', weight === total ? 'error' : 'warning',
        `${who(entry.missing[0] as EndpointView, ownerOf)}${entry.missing.length > 1 ? ` and ${entry.missing.length - 1} more` : ''} cannot serve ${show(r.service)} port ${servicePort}: ${entry.reason}; ${weight} of ${total} endpoints get no traffic on it.`,
        [r.service, ...entry.missing.flatMap((e) => (e.pod ? [e.pod] : []))],
        entry.missing.map((e) => `${who(e, ownerOf)}: ${e.missingPorts.find((m) => m.servicePort === servicePort)?.reason ?? ''}`)));
    }
    if (entry.undeclared.length > 0) {
      const weight = entry.undeclared.reduce((n, e) => n + e.weight, 0);
      const share = weight / total;
      out.push(finding('target-port-not-declared', share >= 1 ? 'error' : 'warning',
        `${who(entry.undeclared[0] as EndpointView, ownerOf)}${entry.undeclared.length > 1 ? ` and ${entry.undeclared.length - 1} more` : ''} declares no port ${entry.port}, yet ${show(r.service)} port ${servicePort} sends it ${weight} of ${total} shares (${pct(share)}) of new connections.`,
        [r.service, ...entry.undeclared.flatMap((e) => (e.pod ? [e.pod] : []))],
        [...entry.undeclared.map((e) => `${who(e, ownerOf)} declares ${e.ports.length ? 'other ports' : 'no ports'}; a numeric targetPort is never checked against containerPorts`),
          `connections hitting it: ${pct(share)} (uniform per connection in iptables/nftables mode)`]));
    }
  }
  return out;
}

export const targetPort: Rule = (ctx) => ctx.routing.flatMap((r) => targetPortFindings(r, (e) => {
  const v = viewNamed(ctx, e.pod?.name);
  const root = v?.template ? v.owners[v.owners.length - 1]?.ref : undefined;
  return root ? show(root) : null;
}));
