// Where the Service's traffic goes, when the screen has room for it: each port's share per
// endpoint, the per-node view of a Local traffic policy, DNS answers of a headless Service,
// and where the live EndpointSlices differ from what the controller would publish.

import type { RoutingView } from '../../core/report.ts';
import { table, type Column } from '../columns.ts';
import { refText } from '../../render/model/owners.ts';
import { fit, rule, seg, type Line } from '../text.ts';

type NodeRow = RoutingView['nodes'][number];

const NODE_COLUMNS: Column<NodeRow>[] = [
  { header: 'NODE', priority: 0, essential: true, min: 6, max: 30, cell: (n) => seg(n.node) },
  { header: 'ZONE', priority: 4, cell: (n) => seg(n.zone ?? '-') },
  { header: 'READY HERE', priority: 1, essential: true, align: 'right', cell: (n) => seg(String(n.localReady), n.localReady ? undefined : 'warning') },
  { header: 'TERMINATING HERE', priority: 5, align: 'right', cell: (n) => seg(String(n.localServingTerminating)) },
  { header: 'CLUSTER TRAFFIC', priority: 2, cell: (n) => seg(n.internal, n.internal === 'drops' ? 'error' : undefined) },
  { header: 'EXTERNAL TRAFFIC', priority: 2, cell: (n) => seg(n.external, n.external === 'drops' ? 'error' : n.external === 'forwards-terminating' ? 'warning' : undefined) },
  { header: 'HEALTH CHECK', priority: 3, cell: (n) => (n.healthCheck === null ? seg('-', 'dim') : seg(String(n.healthCheck), n.healthCheck === 200 ? 'ok' : 'error')) },
];

function shareText(rv: RoutingView, i: number): Line {
  const p = rv.ports[i];
  if (!p) return [];
  const line: Line = [seg(`${p.port}/${p.protocol} → ${p.targetPort}`), seg(p.servicePort !== String(p.port) ? ` (${p.servicePort})` : '', 'dim'), seg(':  ', 'dim')];
  if (p.noEndpoints) line.push(seg('no endpoint serves it: connections fail', 'error'));
  else {
    const shares = [...p.shares].sort((a, b) => b.share - a.share);
    line.push(...shares.flatMap((s, j) => [
      seg(j ? ' · ' : '', 'dim'),
      seg(s.pod && s.state !== 'template' ? s.pod.name : s.endpoint, s.state === 'serving-terminating' ? 'warning' : undefined),
      seg(` ${Math.round(s.share * 1000) / 10}%`, 'dim'),
    ]));
  }
  if (p.usingTerminatingFallback) line.push(seg('  no ready endpoint: terminating ones take the traffic', 'warning'));
  if (p.unservedShare > 0 && !p.noEndpoints) line.push(seg(`  ${Math.round(p.unservedShare * 100)}% of the pods do not serve it`, 'warning'));
  return line;
}

export function trafficLines(rv: RoutingView, width: number): Line[] {
  const out: Line[] = [];
  if (!rv.managed) out.push([seg(rv.unmanagedReason ?? 'the EndpointSlice controller does not manage its endpoints', 'warning')]);
  if (rv.proxyIgnored) out.push([seg(`kube-proxy: ${rv.proxyIgnored}`, 'dim')]);
  rv.ports.forEach((_, i) => out.push(shareText(rv, i)));
  if (rv.nodes.length) {
    const t = table(NODE_COLUMNS, rv.nodes, width - 2);
    out.push(t.header, ...t.rows);
  }
  for (const d of rv.dns) out.push([seg(`dns ${d.type} ${d.name} → `, 'dim'), seg(d.answers.join(', ') || (d.nxdomain ? 'NXDOMAIN' : 'pod IPs once running')), seg(d.note ? `  ${d.note}` : '', 'dim')]);
  for (const d of rv.differences) out.push([seg(`differs: ${d.message}`, 'warning')]);
  if (rv.actual) out.push([seg(`EndpointSlices: ${rv.actual.slices.map((s) => `${s.name}${s.resourceVersion ? `@${s.resourceVersion}` : ''}`).join(', ') || 'none'}`, 'dim')]);
  for (const x of rv.excluded) out.push([seg(`not an endpoint: pod/${x.pod.name}: ${x.detail}`, 'dim')]);
  return out;
}

export function trafficPanel(routing: RoutingView[], width: number, height: number): Line[] {
  if (height <= 0 || routing.length === 0) return [];
  const out: Line[] = [];
  for (const rv of routing) {
    const policies = [rv.type, rv.headless ? 'headless' : '', rv.publishNotReadyAddresses ? 'publishNotReadyAddresses' : '',
      rv.externalTrafficPolicy === 'Local' ? 'externalTrafficPolicy Local' : '', rv.internalTrafficPolicy === 'Local' ? 'internalTrafficPolicy Local' : '',
      rv.sessionAffinity && rv.sessionAffinity !== 'None' ? `sessionAffinity ${rv.sessionAffinity}` : ''].filter(Boolean).join(', ');
    out.push(rule([seg(`TRAFFIC ${refText(rv.service)}`), seg(`  ${policies}`, 'dim')], width), ...trafficLines(rv, width).map((l) => fit([seg('  '), ...l], width)));
  }
  return out.slice(0, height);
}

export function trafficWant(routing: RoutingView[], width: number): number {
  return routing.reduce((n, rv) => n + 1 + trafficLines(rv, width).length, 0);
}
