// The static human view of a report: a header, the selection with owners, traffic,
// kubectl's pick and the findings, worst first. `wide` adds columns. The selection is the
// presentation model's pod rows (render/model/pod-rows.ts, the rows the TUI lays out), the
// findings its marks and counts, kubectl's candidates its owners: this file lays them out as
// kubectl-style columns and paints each cell by its role.

import type { Finding, KubectlPickView, Report, RoutingView } from '../core/report.ts';
import { refText, rootOf } from '../core/refs.ts';
import { escapeDeep } from '../core/escape.ts';
import { append, table } from './table.ts';
import { MARK, severityWords } from './model/findings.ts';
import { ownersOfCandidates } from './model/kubectl.ts';
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

function yesNo(v: boolean | null, t: Theme): string {
  if (v === null) return paint(t, 'dim', '-');
  return v ? paint(t, 'ok', 'yes') : paint(t, 'error', 'no');
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
      lines.push(`  ${p.direction} rule ${p.rule}: ${p.direction === 'ingress' ? 'from' : 'to'} ${p.peer}, ${p.ports}${p.pods.length ? ` — ${p.pods.map((x) => x.name).join(', ')}` : ''}${p.note ? t.dim(`  (${p.note})`) : ''}`);
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
  if (r.owners.length === 0) return [];
  const lines = ['', t.bold('OWNERSHIP')];
  for (const g of r.owners) {
    const name = g.owner.name === '(bare pods)' ? t.yellow('no controller (bare pods)') : refText(g.owner);
    lines.push(`  ${g.isTarget ? t.bold(name) : name}${g.isTarget ? t.dim('  (the target)') : ''}`);
    g.pods.forEach((p, i) => lines.push(`  ${i === g.pods.length - 1 ? '└─' : '├─'} ${p}`));
  }
  return lines;
}

function templateOwner(r: Report, podName: string | undefined): string {
  const v = r.selection.find((x) => x.ref.name === podName);
  const root = v ? rootOf(v) : null;
  return root ? refText(root) : (podName ?? '?');
}

function routing(r: Report, rv: RoutingView, o: TextOptions): string[] {
  const t = o.theme;
  const lines = ['', t.bold(`TRAFFIC ${refText(rv.service)}`) + t.dim(`  ${rv.type}${rv.headless ? ', headless' : ''}${rv.publishNotReadyAddresses ? ', publishNotReadyAddresses' : ''}${rv.externalTrafficPolicy === 'Local' ? ', externalTrafficPolicy Local' : ''}${rv.internalTrafficPolicy === 'Local' ? ', internalTrafficPolicy Local' : ''}`)];
  if (!rv.managed) {
    lines.push(`  ${rv.unmanagedReason ?? 'no managed endpoints'}`);
  }
  if (rv.proxyIgnored) lines.push(t.dim(`  kube-proxy: ${rv.proxyIgnored}`));
  for (const p of rv.ports) {
    lines.push(`  port ${p.servicePort} ${p.port}/${p.protocol} → targetPort ${p.targetPort}${p.usingTerminatingFallback ? t.yellow('  (no ready endpoint: terminating fallback)') : ''}${p.noEndpoints ? t.red('  no endpoint serves it') : ''}`);
    if (p.shares.length > 0) {
      append(lines, table(['ENDPOINT', 'POD', 'SHARE', 'STATE'], p.shares.map((s) => [s.endpoint, s.pod && s.state !== 'template' ? s.pod.name : '-', `${Math.round(s.share * 1000) / 10}%`, s.state === 'ready' ? s.state : t.yellow(s.state)]), '    '));
    }
  }
  if (rv.predicted.length > 0 && rv.ports.every((p) => p.shares.length === 0)) {
    append(lines, table(['WOULD BE ENDPOINT', 'READY', 'SERVING', 'TERMINATING', 'PORTS'], rv.predicted.map((e) => [
      e.template ? `template of ${templateOwner(r, e.pod?.name)}` : (e.pod?.name ?? e.addresses[0] ?? '?'),
      yesNo(e.template ? null : e.ready, t), yesNo(e.template ? null : e.serving, t), yesNo(e.template ? null : e.terminating, t),
      [...e.ports.map((x) => `${x.name || '-'}:${x.port}`), ...e.missingPorts.map((m) => t.red(`${m.servicePort}: missing`)), ...e.undeclaredPorts.map((u) => t.yellow(`${u.port}: not declared`))].join(', ') || t.dim('<none>'),
    ]), '    '));
  }
  for (const x of rv.excluded) lines.push(t.dim(`  not an endpoint: pod/${x.pod.name}: ${x.detail}`));
  if (rv.actual) {
    lines.push(`  live EndpointSlices: ${rv.actual.slices.map((s) => `${s.name}${s.resourceVersion ? `@${s.resourceVersion}` : ''}${s.managedBy && s.managedBy !== 'endpointslice-controller.k8s.io' ? ` (managed-by ${s.managedBy})` : ''}`).join(', ') || '<none>'}`);
  }
  for (const d of rv.differences) lines.push(t.yellow(`  differs: ${d.message}`));
  if (rv.nodes.length > 0) {
    append(lines, table(['NODE', 'ZONE', 'LOCAL READY', 'LOCAL TERMINATING', 'INTERNAL', 'EXTERNAL', 'HEALTH CHECK'], rv.nodes.map((n) => [
      n.node, n.zone ?? '-', String(n.localReady), String(n.localServingTerminating),
      n.internal === 'drops' ? t.red(n.internal) : n.internal, n.external === 'drops' ? t.red(n.external) : n.external === 'forwards-terminating' ? t.yellow(n.external) : n.external,
      n.healthCheck === null ? '-' : n.healthCheck === 200 ? t.green('200') : t.red('503'),
    ]), '    '));
  }
  for (const d of rv.dns) lines.push(`  dns ${d.type} ${d.name} → ${d.answers.join(', ') || t.dim(d.nxdomain ? 'NXDOMAIN' : 'pod IPs once running')}${d.note ? t.dim(`  ${d.note}`) : ''}`);
  return lines;
}

function kubectlLine(r: Report, k: KubectlPickView, o: TextOptions): string[] {
  const t = o.theme;
  if (k.error) return [`  ${k.commandLine}  ${t.red('→ fails:')} ${k.error}`];
  if (!k.pod) return [`  ${k.commandLine}  → ${k.decidedBy}`];
  const target = refText(k.target);
  if (k.template) {
    const owners = ownersOfCandidates(r, k, refText);
    const foreign = owners.filter((x) => x !== target);
    const text = owners.length === 1 ? `a pod of ${owners[0]}` : `a pod of ${owners.join(' or ')}`;
    return [`  ${k.commandLine}  → ${text}${foreign.length && k.ownedByTarget !== null ? t.yellow(` — may be ${foreign.join(', ')}'s`) : ''}`,
      ...k.ports.map((p) => `      port ${p.spec} → ${p.error ? t.red(p.error) : `local ${p.local ?? 'random'} → pod ${p.remote}`}`)];
  }
  const owner = k.owners[k.owners.length - 1];
  const whose = owner ? refText(owner) : 'no owner (bare pod)';
  const mark = k.ownedByTarget === false ? t.yellow(` — ${whose}, not ${target}`) : t.dim(` — ${whose}`);
  const lines = [`  ${k.commandLine}  → pod/${k.pod.name}${k.container ? ` container ${k.container}` : ''}${mark}`];
  lines.push(t.dim(`      ${k.decidedBy}`));
  if (k.candidates.length > 1) lines.push(t.dim(`      tied with: ${k.candidates.filter((c) => c.name !== k.pod?.name).map((c) => c.name).join(', ')} (List order decides)`));
  for (const p of k.ports) lines.push(`      port ${p.spec} → ${p.error ? t.red(p.error) : `local ${p.local ?? 'random'} → pod ${p.remote}`}`);
  for (const m of k.messages) lines.push(t.dim(`      kubectl says: ${m}`));
  return lines;
}

function kubectlSection(r: Report, o: TextOptions): string[] {
  if (r.kubectl.length === 0) return [];
  const lines = ['', o.theme.bold('KUBECTL'), ...r.kubectl.flatMap((k) => kubectlLine(r, k, o))];
  if (r.kubectl.some((k) => k.template)) lines.push(o.theme.dim('  offline, templates stand for the pods: which pod kubectl takes among them depends on node, phase, readiness, restarts and age (logs: ready longest, most restarts; exec: fewest restarts)'));
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
      lines.push('', t.bold(`SELECTED BY ${r.selectedBy.length} ${r.selectedBy.length === 1 ? 'object' : 'objects'}`));
      if (r.selectedBy.length) {
        append(lines, table(['OBJECT', 'FIELD', 'SELECTOR', 'OWNER?', 'NOTE'], r.selectedBy.map((m) => [
          refText(m.object), m.field, m.selector, m.controllerKind ? (m.owner ? t.green('owner') : t.yellow('not its owner')) : '-', m.note ?? '',
        ])));
      }
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
