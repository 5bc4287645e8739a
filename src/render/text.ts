// The static human view of a report: a header, the selection with owners, traffic,
// kubectl's pick and the findings, worst first. `wide` adds columns. Every section is the
// presentation model's rows (render/model: pod rows, traffic, predicted endpoints, nodes,
// selected-by, the ownership tree, kubectl's picks, findings' marks and counts — the rows
// the TUI lays out): this file lays them out as kubectl-style columns, names refs in their
// long form and paints each cell by its role.

import type { Finding, Report, RoutingView } from '../core/report.ts';
import { refText } from '../core/refs.ts';
import { escapeDeep } from '../core/escape.ts';
import { nameList } from '../core/name-list.ts';

import { append, table } from './table.ts';
import { MARK, severityWords } from './model/findings.ts';
import { answersFromTemplates, kubectlRows, type KubectlPickRow } from './model/kubectl.ts';
import { ownershipRows } from './model/ownership.ts';
import { selectedByRows } from './model/selected-by.ts';
import { dnsRows, excludedLines, nodeRow, portRow, predictedRows, sliceRows, trafficHeading } from './model/traffic.ts';
import { podRows, type Cell } from './model/pod-rows.ts';
import { paint, type Theme } from './theme.ts';

export interface TextOptions {
  theme: Theme;
  wide: boolean;
  /** For relative ages; the renderer never reads the clock itself. */
  now: Date;
}

export { refText } from '../core/refs.ts';

/** A model cell in its role's style. */
function cell(t: Theme, c: Cell): string {
  return c.role ? paint(t, c.role, c.text) : c.text;
}

/** `✖ error  `: the severity's mark (the same as the TUI's) and name, in its role's colour. */
export function severityMark(f: Finding, t: Theme): string {
  const m = MARK[f.severity];
  return paint(t, m.role, `${m.text} ${f.severity.padEnd(7)}`);
}

function header(r: Report, o: TextOptions): string[] {
  const t = o.theme;
  const s = r.source;
  const where = s.origin === 'live' ? `cluster ${s.context ?? s.cluster ?? '?'}` : s.origin === 'replay' ? `replay of ${s.inputs.join(', ')}` : `manifests ${s.inputs.join(', ')}`;
  const lines = [`${t.bold(refText(r.target.ref))} in namespace ${r.source.namespace}  ${t.dim(`(${where}; kubectl ${r.kubectlVersion.version} rules)`)}`];
  if (!r.target.found) {
    lines.push(t.red(`  not found`));
    return lines;
  }
  const sel = r.target.selector;
  if (sel) lines.push(`  selector ${t.dim(sel.field)}  ${t.bold(sel.text)}  ${t.dim(sel.meaning)}`);
  for (const via of r.target.via) lines.push(`  via ${refText(via)}`);
  for (const b of r.target.backends) lines.push(`  backend ${b.rule} → ${b.service ? `service/${b.service}:${b.port ?? '?'}` : (b.resource ?? '?')}`);
  for (const n of r.target.notes) lines.push(t.dim(`  ${n}`));
  if (r.target.policy) {
    lines.push(`  policy types ${r.target.policy.policyTypes.join(', ')}`);
    if (r.target.policy.peers.length === 0) lines.push(t.dim('  no rules: all traffic of the listed types is denied to the selected pods'));
    for (const p of r.target.policy.peers) {
      lines.push(`  ${p.direction} rule ${p.rule}: ${p.direction === 'ingress' ? 'from' : 'to'} ${p.peer}, ${p.ports}${p.pods.length ? ` — ${nameList(p.pods.map((x) => x.name))}` : ''}${p.note ? t.dim(`  (${p.note})`) : ''}`);
    }
  }
  return lines;
}

function selection(r: Report, o: TextOptions): string[] {
  const t = o.theme;
  const groups = r.summary.owners;
  const lines = ['', t.bold(`SELECTS ${r.selection.length} ${r.selection.length === 1 ? 'pod' : 'pods'}${r.selection.length ? ` of ${groups} ${groups === 1 ? 'owner' : 'owners'}` : ''}`)];
  if (r.selection.length === 0) return lines;
  const headers = ['OWNER', 'POD', 'PHASE', 'READY', 'NODE', 'PORTS'];
  if (o.wide) headers.push('ZONE', 'IP', 'RESTARTS', 'AGE', 'LABELS');
  // No meant owner is guessed here: a pod is marked ≠ only when the report says the target does not own it.
  const rows = podRows(r, null, o.now).map((row) => {
    const owner = `${row.ownerRef ? refText(row.ownerRef) : '<none: bare pod>'}${row.foreign ? ' ≠' : ''}`;
    const cells = [
      cell(t, { text: owner, role: row.owner.role }),
      `${cell(t, row.name)}${row.nameNote ? cell(t, { text: ` ${row.nameNote.text}`, role: row.nameNote.role }) : ''}`,
      cell(t, row.phase),
      cell(t, row.ready),
      cell(t, row.node),
      cell(t, row.ports),
    ];
    if (o.wide) cells.push(cell(t, row.zone), cell(t, row.ip), cell(t, row.restarts), cell(t, row.age), row.labelCells.map((c) => cell(t, c)).join(','));
    return cells;
  });
  append(lines, table(headers, rows));
  if (r.selection.some((v) => v.ownedByTarget === false)) lines.push(t.yellow(`  ≠ not owned by ${refText(r.target.ref)}`));
  return lines;
}

function ownership(r: Report, o: TextOptions): string[] {
  const t = o.theme;
  const groups = ownershipRows(r);
  if (groups.length === 0) return [];
  const lines = ['', t.bold('OWNERSHIP')];
  for (const g of groups) {
    lines.push(`  ${cell(t, g.owner)}${g.note ? cell(t, g.note) : ''}`);
    for (const p of g.pods) lines.push(`  ${p.branch} ${p.name}`);
  }
  return lines;
}

function routing(r: Report, rv: RoutingView, o: TextOptions): string[] {
  const t = o.theme;
  const heading = trafficHeading(rv);
  const lines = ['', t.bold(`TRAFFIC ${refText(rv.service)}`) + t.dim(`  ${[heading.type, ...heading.traits].join(', ')}`)];
  if (!rv.managed) {
    lines.push(`  ${rv.unmanagedReason ?? 'no managed endpoints'}`);
  }
  if (rv.proxyIgnored) lines.push(t.dim(`  kube-proxy: ${rv.proxyIgnored}`));
  for (const p of rv.ports.map(portRow)) {
    lines.push(`  port ${p.servicePort} ${p.port} → targetPort ${p.targetPort}${p.fallback ? t.yellow('  (no ready endpoint: terminating fallback)') : ''}${p.noEndpoints ? t.red('  no endpoint serves it') : ''}`);
    if (p.shares.length > 0) {
      append(lines, table(['ENDPOINT', 'POD', 'SHARE', 'STATE'], p.shares.map((s) => [s.endpoint, s.pod ?? '-', s.share, cell(t, s.state)]), '    '));
    }
  }
  const predicted = predictedRows(r, rv);
  if (predicted.length > 0) {
    append(lines, table(['WOULD BE ENDPOINT', 'READY', 'SERVING', 'TERMINATING', 'PORTS'], predicted.map((e) => [
      e.endpoint, cell(t, e.ready), cell(t, e.serving), cell(t, e.terminating), e.ports.map((c) => cell(t, c)).join(', '),
    ]), '    '));
  }
  for (const x of excludedLines(rv)) lines.push(t.dim(`  ${x}`));
  if (rv.actual) {
    lines.push(`  live EndpointSlices: ${nameList(sliceRows(rv).map((s) => `${s.name}${s.version}${s.managedBy ? ` (managed-by ${s.managedBy})` : ''}`)) || '<none>'}`);
  }
  for (const d of rv.differences) lines.push(t.yellow(`  differs: ${d.message}`));
  const nodes = rv.nodes.map(nodeRow);
  if (nodes.length > 0) {
    append(lines, table(['NODE', 'ZONE', 'LOCAL READY', 'LOCAL TERMINATING', 'INTERNAL', 'EXTERNAL', 'HEALTH CHECK'], nodes.map((n) => [
      n.node, cell(t, n.zone), cell(t, n.localReady), cell(t, n.localTerminating), cell(t, n.internal), cell(t, n.external), cell(t, n.healthCheck),
    ]), '    '));
  }
  for (const d of dnsRows(rv)) lines.push(`  dns ${d.question} → ${cell(t, d.answer)}${d.note ? t.dim(`  ${d.note}`) : ''}`);
  return lines;
}

function portLines(row: KubectlPickRow, t: Theme): string[] {
  return row.ports.map((p) => `      port ${p.spec} → ${cell(t, p.result)}`);
}

function kubectlLine(row: KubectlPickRow, o: TextOptions): string[] {
  const t = o.theme;
  switch (row.outcome) {
    case 'fails': return [`  ${row.commandLine}  ${t.red('→ fails:')} ${row.error}`];
    case 'none': return [`  ${row.commandLine}  → ${row.decidedBy}`];
    case 'template': {
      const owners = row.owners.map(refText);
      const foreign = row.foreign.map(refText);
      return [`  ${row.commandLine}  → a pod of ${nameList(owners, ' or ')}${foreign.length ? t.yellow(` — may be ${nameList(foreign)}'s`) : ''}`, ...portLines(row, t)];
    }
    case 'pod': {
      const whose = row.owner ? refText(row.owner) : 'no owner (bare pod)';
      const mark = row.foreign ? t.yellow(` — ${whose}, not ${refText(row.target)}`) : t.dim(` — ${whose}`);
      const lines = [`  ${row.commandLine}  → pod/${row.pod}${row.container ? ` container ${row.container}` : ''}${mark}`];
      lines.push(t.dim(`      ${row.decidedBy}`));
      if (row.tiedWith.length) lines.push(t.dim(`      tied with: ${nameList(row.tiedWith)} (List order decides)`));
      append(lines, portLines(row, t));
      for (const m of row.messages) lines.push(t.dim(`      kubectl says: ${m}`));
      return lines;
    }
  }
}

function kubectlSection(r: Report, o: TextOptions): string[] {
  const rows = kubectlRows(r, r.kubectl);
  if (rows.length === 0) return [];
  const lines = ['', o.theme.bold('KUBECTL'), ...rows.flatMap((row) => kubectlLine(row, o))];
  if (answersFromTemplates(rows)) lines.push(o.theme.dim('  offline, templates stand for the pods: which pod kubectl takes among them depends on node, phase, readiness, restarts and age (logs: ready longest, most restarts; exec: fewest restarts)'));
  return lines;
}

function selectedBy(r: Report, o: TextOptions): string[] {
  const t = o.theme;
  const rows = selectedByRows(r);
  const lines = ['', t.bold(`SELECTED BY ${rows.length} ${rows.length === 1 ? 'object' : 'objects'}`)];
  if (rows.length) append(lines, table(['OBJECT', 'FIELD', 'SELECTOR', 'OWNER?', 'NOTE'], rows.map((m) => [refText(m.ref), m.field, m.selector, cell(t, m.owner), m.note])));
  return lines;
}

export function findingsText(unsafe: Finding[], t: Theme): string[] {
  const findings = escapeDeep(unsafe);
  if (findings.length === 0) return ['', t.green('No findings.')];
  const lines = ['', t.bold(`FINDINGS (${severityWords(findings)})`)];
  for (const f of findings) {
    lines.push(`  ${severityMark(f, t)} ${f.message} ${t.dim(`[${f.id}]`)}`);
    for (const e of f.evidence) lines.push(t.dim(`      ${e}`));
  }
  return lines;
}

export function renderReportText(report: Report, o: TextOptions): string {
  const r = escapeDeep(report);
  const t = o.theme;
  const lines = header(r, o);
  if (r.target.found) {
    if (r.target.ref.kind === 'Pod') {
      append(lines, selectedBy(r, o));
    }
    append(lines, selection(r, o));
    append(lines, ownership(r, o));
    for (const rv of r.routing) append(lines, routing(r, rv, o));
    append(lines, kubectlSection(r, o));
    if (r.nearMisses.length && r.selection.length === 0) {
      lines.push('', t.bold('NEAREST MISSES'));
      for (const n of r.nearMisses) lines.push(`  ${n.template ? 'template ' : ''}pod/${n.pod.name}: ${n.matched}/${n.total} requirements; ${n.missing.join('; ')}`);
    }
  }
  append(lines, findingsText(r.findings, t));
  if (r.source.gaps.length) lines.push('', t.yellow(`Partial: could not read ${r.source.gaps.map((g) => `${g.kind}${g.namespace ? ` in ${g.namespace}` : ''} (${g.reason})`).join(', ')}.`));
  return `${lines.join('\n')}\n`;
}
