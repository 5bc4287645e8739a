// Findings worst first (the core's order within a severity is kept), each with a key that
// survives a new report.

import { severityRank, type Finding, type Report, type Severity } from '../../core/report.ts';
import type { Role } from '../theme.ts';

export function sortedFindings(r: Report): Finding[] {
  return r.findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i).map((x) => x.f);
}

export function findingKey(f: Finding): string {
  return `${f.id}:${f.message}`;
}

export const MARK: Record<Severity, { text: string; role: Role }> = {
  error: { text: '✖', role: 'error' },
  warning: { text: '▲', role: 'warning' },
  info: { text: '•', role: 'info' },
};

/** How many findings of each severity there are, worst first, leaving out the ones with none. */
export function severityTally(fs: readonly Finding[]): { severity: Severity; count: number; role: Role }[] {
  return (['error', 'warning', 'info'] as Severity[])
    .map((severity) => ({ severity, count: fs.filter((f) => f.severity === severity).length, role: MARK[severity].role }))
    .filter((x) => x.count > 0);
}

/** `1✖ 6▲ 2•` */
export function severityCounts(fs: readonly Finding[]): { text: string; role: Role }[] {
  return severityTally(fs).map((x) => ({ text: `${x.count}${MARK[x.severity].text}`, role: x.role }));
}

/** `1 error, 6 warnings, 2 infos` */
export function severityWords(fs: readonly Finding[]): string {
  return severityTally(fs).map((x) => `${x.count} ${x.severity}${x.count === 1 ? '' : 's'}`).join(', ');
}

/** Whether a finding is about this pod: it names the pod, or (for a template or a whole workload) its owner. */
export function findingMentions(f: Finding, podName: string, rootName: string | null, rootKind: string | null): boolean {
  return f.objects.some((o) => (o.kind === 'Pod' && o.name === podName) || (rootName !== null && o.kind === rootKind && o.name === rootName));
}
