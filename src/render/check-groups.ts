// A big `check` made readable: counts first (by rule, by workload), then the findings
// grouped by rule, worst rule first. Small reports keep the plain list.

import type { CheckReport, Finding, Severity } from '../core/report.ts';
import { severityRank } from '../core/report.ts';
import type { ObjectRef } from '../core/snapshot.ts';
import { severityMark } from './text.ts';
import { append, table } from './table.ts';
import type { Theme } from './theme.ts';
import { refText } from '../core/refs.ts';

/** From this many findings on, check's text groups them. */
export const GROUP_FROM = 25;
/** Workloads listed by count before "and N more". */
const TOP_WORKLOADS = 20;

/** The object a finding is about: its first (the checked workload, Service, PDB…). */
export function workloadOf(f: Finding): ObjectRef | null {
  return f.objects[0] ?? null;
}

export interface RuleGroup { id: string; severity: Severity; findings: Finding[] }
export interface WorkloadCount { ref: ObjectRef | null; count: number }

/** Findings by rule, worst severity first, then most findings first, then by id. */
export function byRule(findings: Finding[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    const g = groups.get(f.id);
    if (!g) groups.set(f.id, { id: f.id, severity: f.severity, findings: [f] });
    else {
      g.findings.push(f);
      if (severityRank(f.severity) > severityRank(g.severity)) g.severity = f.severity;
    }
  }
  return [...groups.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.findings.length - a.findings.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Findings per workload, most first (ties by namespace, kind, name). */
export function byWorkload(findings: Finding[]): WorkloadCount[] {
  const counts = new Map<string, WorkloadCount>();
  for (const f of findings) {
    const ref = workloadOf(f);
    const key = ref ? `${ref.namespace ?? ''}\u0000${ref.kind}\u0000${ref.name}` : '';
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { ref, count: 1 });
  }
  const name = (r: ObjectRef | null) => (r ? `${r.namespace ?? ''}\u0000${r.kind}\u0000${r.name}` : '');
  return [...counts.values()].sort((a, b) => b.count - a.count || (name(a.ref) < name(b.ref) ? -1 : name(a.ref) > name(b.ref) ? 1 : 0));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function groupedFindingsText(r: CheckReport, t: Theme): string[] {
  const findings = r.findings;
  const count = (s: Severity) => r.summary.findings[s];
  const parts = (['error', 'warning', 'info'] as Severity[]).filter((s) => count(s) > 0).map((s) => plural(count(s), s));
  const rules = byRule(findings);
  const workloads = byWorkload(findings);
  const lines = ['', t.bold(`FINDINGS (${parts.join(', ')}) from ${plural(rules.length, 'rule')} on ${plural(workloads.length, 'object')}`)];
  lines.push('', t.bold('BY RULE'));
  append(lines, table(['RULE', 'SEVERITY', 'FINDINGS'], rules.map((g) => [g.id, g.severity, String(g.findings.length)])));
  lines.push('', t.bold(`BY OBJECT (the workload, Service or policy a finding is about${workloads.length > TOP_WORKLOADS ? `; the ${TOP_WORKLOADS} with most findings` : ''})`));
  append(lines, table(['NAMESPACE', 'OBJECT', 'FINDINGS'], workloads.slice(0, TOP_WORKLOADS).map((w) => [w.ref?.namespace ?? '-', w.ref ? refText(w.ref) : '(no object)', String(w.count)])));
  if (workloads.length > TOP_WORKLOADS) lines.push(t.dim(`  … and ${plural(workloads.length - TOP_WORKLOADS, 'more object')}`));
  for (const g of rules) {
    lines.push('', t.bold(`${g.id} (${g.findings.length})`));
    for (const f of g.findings) {
      lines.push(`  ${severityMark(f, t)} ${f.message}`);
      for (const e of f.evidence) lines.push(t.dim(`      ${e}`));
    }
  }
  return lines;
}
