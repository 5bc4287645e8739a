// Where the Service's traffic goes, when the screen has room for it: each port's share per
// endpoint, the per-node view of a Local traffic policy, DNS answers of a headless Service,
// and where the live EndpointSlices differ from what the controller would publish.

import type { RoutingView } from '../../core/report.ts';
import { table, type Column } from '../columns.ts';
import { refText } from '../../render/model/owners.ts';
import type { Cell } from '../../render/model/pod-rows.ts';
import { dnsRows, excludedLines, nodeRow, portRow, sliceRows, trafficHeading, type NodeRow, type PortRow } from '../../render/model/traffic.ts';
import { fit, rule, seg, type Line, type Seg } from '../text.ts';

const cell = (c: Cell): Seg => seg(c.text, c.role);

const NODE_COLUMNS: Column<NodeRow>[] = [
  { header: 'NODE', priority: 0, essential: true, min: 6, max: 30, cell: (n) => seg(n.node) },
  { header: 'ZONE', priority: 4, cell: (n) => cell(n.zone) },
  { header: 'READY HERE', priority: 1, essential: true, align: 'right', cell: (n) => cell(n.localReady) },
  { header: 'TERMINATING HERE', priority: 5, align: 'right', cell: (n) => cell(n.localTerminating) },
  { header: 'CLUSTER TRAFFIC', priority: 2, cell: (n) => cell(n.internal) },
  { header: 'EXTERNAL TRAFFIC', priority: 2, cell: (n) => cell(n.external) },
  { header: 'HEALTH CHECK', priority: 3, cell: (n) => cell(n.healthCheck) },
];

function shareText(p: PortRow): Line {
  const line: Line = [seg(`${p.port} → ${p.targetPort}`), seg(p.named ? ` (${p.servicePort})` : '', 'dim'), seg(':  ', 'dim')];
  if (p.noEndpoints) line.push(seg('no endpoint serves it: connections fail', 'error'));
  else {
    const shares = [...p.shares].sort((a, b) => b.fraction - a.fraction);
    line.push(...shares.flatMap((s, j) => [
      seg(j ? ' · ' : '', 'dim'),
      seg(s.pod ?? s.endpoint, s.state.role === 'warning' ? 'warning' : undefined),
      seg(` ${s.share}`, 'dim'),
    ]));
  }
  if (p.fallback) line.push(seg('  no ready endpoint: terminating ones take the traffic', 'warning'));
  if (p.unserved) line.push(seg(`  ${p.unserved} of the pods do not serve it`, 'warning'));
  return line;
}

export function trafficLines(rv: RoutingView, width: number): Line[] {
  const out: Line[] = [];
  if (!rv.managed) out.push([seg(rv.unmanagedReason ?? 'the EndpointSlice controller does not manage its endpoints', 'warning')]);
  if (rv.proxyIgnored) out.push([seg(`kube-proxy: ${rv.proxyIgnored}`, 'dim')]);
  for (const p of rv.ports) out.push(shareText(portRow(p)));
  if (rv.nodes.length) {
    const t = table(NODE_COLUMNS, rv.nodes.map(nodeRow), width - 2);
    out.push(t.header, ...t.rows);
  }
  for (const d of dnsRows(rv)) out.push([seg(`dns ${d.question} → `, 'dim'), cell(d.answer), seg(d.note ? `  ${d.note}` : '', 'dim')]);
  for (const d of rv.differences) out.push([seg(`differs: ${d.message}`, 'warning')]);
  if (rv.actual) out.push([seg(`EndpointSlices: ${sliceRows(rv).map((s) => `${s.name}${s.version}`).join(', ') || 'none'}`, 'dim')]);
  for (const x of excludedLines(rv)) out.push([seg(x, 'dim')]);
  return out;
}

export function trafficPanel(routing: RoutingView[], width: number, height: number): Line[] {
  if (height <= 0 || routing.length === 0) return [];
  const out: Line[] = [];
  for (const rv of routing) {
    const h = trafficHeading(rv);
    const policies = [h.type, ...h.traits, h.affinity ?? ''].filter(Boolean).join(', ');
    out.push(rule([seg(`TRAFFIC ${refText(rv.service)}`), seg(`  ${policies}`, 'dim')], width), ...trafficLines(rv, width).map((l) => fit([seg('  '), ...l], width)));
  }
  return out.slice(0, height);
}

export function trafficWant(routing: RoutingView[], width: number): number {
  return routing.reduce((n, rv) => n + 1 + trafficLines(rv, width).length, 0);
}
