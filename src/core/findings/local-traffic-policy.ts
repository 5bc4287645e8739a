// externalTrafficPolicy / internalTrafficPolicy Local with nodes that have no local ready endpoint.

import { finding, show, type Rule } from './context.ts';

export const localTrafficPolicy: Rule = (ctx) => ctx.routing.flatMap((r) => {
  const out = [];
  const extDrops = r.nodes.filter((n) => n.external === 'drops');
  const extTerm = r.nodes.filter((n) => n.external === 'forwards-terminating');
  if (r.externalTrafficPolicy === 'Local' && (extDrops.length > 0 || extTerm.length > 0)) {
    const failing = [...extDrops, ...extTerm];
    const parts = [
      ...(extDrops.length ? [`on ${extDrops.length} it is dropped`] : []),
      ...(extTerm.length ? [`on ${extTerm.length} it goes only to local terminating pods`] : []),
    ];
    out.push(finding('local-policy-without-endpoints', 'warning',
      `${show(r.service)} has externalTrafficPolicy: Local, and ${failing.length} of ${r.nodes.length} nodes have no local ready endpoint for external traffic: ${parts.join(', and ')}${r.type === 'LoadBalancer' ? `; ${failing.length === 1 ? 'it fails' : 'they fail'} the load balancer's health check (503)` : ''}.`,
      [r.service], failing.map((n) => `${n.node}${n.zone ? ` (${n.zone})` : ''}: ${n.localReady} local ready, ${n.localServingTerminating} serving-terminating; ${n.external}${n.healthCheck ? `; health check ${n.healthCheck}` : ''}`)));
  }
  const intDrops = r.nodes.filter((n) => n.internal === 'drops');
  if (r.internalTrafficPolicy === 'Local' && intDrops.length > 0) {
    out.push(finding('local-policy-without-endpoints', 'warning',
      `${show(r.service)} has internalTrafficPolicy: Local, and clients on ${intDrops.length} of ${r.nodes.length} nodes have no local endpoint: their connections are dropped, not sent elsewhere.`,
      [r.service], intDrops.map((n) => `${n.node}${n.zone ? ` (${n.zone})` : ''}: no local ready or serving endpoint`)));
  }
  if ((r.externalTrafficPolicy === 'Local' || r.internalTrafficPolicy === 'Local') && r.nodes.length === 0 && r.managed) {
    out.push(finding('local-policy-nodes-unknown', 'info',
      `${show(r.service)} uses a Local traffic policy; which nodes drop traffic depends on where its pods run, which is not known here.`,
      [r.service], ['no Node objects were read']));
  }
  return out;
});
