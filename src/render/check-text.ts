// The static view of `check`: one block per finding, worst first, and a count; from
// GROUP_FROM findings on, counts by rule and by workload first, then findings by rule.

import type { CheckReport } from '../core/report.ts';
import { GROUP_FROM, groupedFindingsText } from './check-groups.ts';
import { append } from './table.ts';
import { escapeDeep } from '../core/escape.ts';
import { findingsText, type TextOptions } from './text.ts';

export function renderCheckText(report: CheckReport, o: TextOptions & { showSuppressed?: boolean }): string {
  const r = escapeDeep(report);
  const t = o.theme;
  const where = r.source.origin === 'live' ? `cluster ${r.source.context ?? r.source.cluster ?? '?'}` : `manifests ${r.source.inputs.join(', ')}`;
  const lines = [`${t.bold('check')} ${r.targets} objects with selectors in ${r.namespaces.length === 1 ? `namespace ${r.namespaces[0]}` : `${r.namespaces.length} namespaces`}  ${t.dim(`(${where}; kubectl ${r.kubectlVersion.version} rules)`)}`];
  append(lines, r.findings.length >= GROUP_FROM ? groupedFindingsText(r, t) : findingsText(r.findings, t));
  const suppressed = r.suppressed ?? [];
  if (suppressed.length && o.showSuppressed) {
    lines.push('', t.bold(`SUPPRESSED (${suppressed.length})`));
    for (const f of suppressed) {
      lines.push(`  ${t.dim(f.severity.padEnd(7))} ${f.message} ${t.dim(`[${f.id}]`)}`);
      lines.push(t.dim(`      suppressed by ${f.suppression.source}${f.suppression.reason ? `: ${f.suppression.reason}` : ' (no reason given)'}`));
    }
  } else if (suppressed.length) {
    lines.push('', t.dim(`${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'} not shown (--show-suppressed lists them).`));
  }
  if (r.source.gaps.length) lines.push('', t.yellow(`Partial: could not read ${r.source.gaps.map((g) => `${g.kind}${g.namespace ? ` in ${g.namespace}` : ''} (${g.reason})`).join(', ')}.`));
  return `${lines.join('\n')}\n`;
}
